import SupervisionRules
import Foundation
import Testing

@Suite struct DemoTests {
    /// `demo` on a fresh folder builds the sample agency and prints its overdue table; run again
    /// on the same file it rebuilds it.
    @Test func demoBuildsAndRebuilds() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.run(["demo", "--supervisees", "40"], asOf: "2026-05-01T12:00")
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("Overdue as of 2026-05-01T12:00"))
        let header = "CASE          NAME                OFFICER    ITEM               DUE         DAYS"
        #expect(first.stdout.contains(header + "\n"))
        let rows = first.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("CASE ") }.dropFirst().prefix { !$0.isEmpty }
        #expect(!rows.isEmpty, "the demo's overdue table is empty")
        #expect(rows.allSatisfy { $0.hasPrefix("LDN-") && $0.count <= 80 })
        #expect(try sandbox.sql("SELECT count(*) FROM person") == "40")
        #expect(try sandbox.sql("SELECT name, time_zone FROM agency") == "Caseload demo agency|Europe/London")
        try sandbox.ok(["audit", "verify"])

        // Again, as of a later day: rebuilt from scratch, not added to.
        let second = try sandbox.run(["demo", "--supervisees", "25", "--format", "json"], asOf: "2026-06-01")
        #expect(second.status == 0, "\(second)")
        let document = try #require(try second.json() as? [String: Any], "not a JSON object: \(second.stdout)")
        #expect(Set(document.keys) == ["summary", "overdue", "violations"])
        let items = try #require(document["overdue"] as? [[String: Any]])
        let violations = try #require(document["violations"] as? [[String: Any]])
        #expect(!items.isEmpty)
        #expect(violations.allSatisfy { ($0["recallRecommended"] as? Bool) != nil && ($0["explanation"] as? String)?.isEmpty == false })
        #expect(items.allSatisfy { Set($0.keys) == ["caseRef", "name", "officer", "item", "dueOn", "daysOverdue"] })
        #expect(try sandbox.sql("SELECT count(*) FROM person") == "25")
        #expect(try sandbox.sql("SELECT count(*) FROM officer") == "6")
        try sandbox.ok(["audit", "verify"])
        // The printed list is what `overdue` says for the supervisor.
        let listed = try sandbox.overdue(actor: "sutherland", asOf: "2026-06-01")
        #expect(listed.count == items.count)
    }

    /// The demo never writes into another agency's database, nor over a file that is not a
    /// Caseload database at all.
    @Test func demoRefusesOtherDatabases() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.database))
        let result = try sandbox.refused(65, ["demo", "--supervisees", "5"], asOf: "2026-05-01")
        #expect(result.stderr.contains("Test agency"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.database)) == bytes)

        // Another program's SQLite database.
        sandbox.database = sandbox.path("notes.sqlite")
        try sandbox.sql("CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('keep me')")
        try sandbox.refused(65, ["demo", "--supervisees", "5"], asOf: "2026-05-01")
        #expect(try sandbox.sql("SELECT text FROM note") == "keep me")

        // A file that is not a database.
        sandbox.database = sandbox.path("letter.txt")
        try Data("Dear officer".utf8).write(to: URL(fileURLWithPath: sandbox.database))
        let text = try sandbox.run(["demo", "--supervisees", "5"], asOf: "2026-05-01")
        #expect(text.status != 0)
        #expect(try String(contentsOfFile: sandbox.database, encoding: .utf8) == "Dear officer")

        try sandbox.refused(64, ["demo", "--supervisees", "0"])
    }
}

@Suite struct OutputFormatTests {
    static let busy = Template(Fixtures.staffCommands + [
        Fixtures.register("A-1", name: "Amira Okoye", released: "2026-03-02") + ["--actor", "okafor", "--as-of", "2026-03-02"],
        Fixtures.register("LONG-REFERENCE-0000000000000001", name: String(repeating: "Maximilian ", count: 18),
                          released: "2026-03-02", level: "high") + ["--actor", "okafor", "--as-of", "2026-03-02"],
        Fixtures.register("Q-3", name: "O'Brien, \"Ruby\"", released: "2026-03-02", level: "low")
            + ["--actor", "okafor", "--as-of", "2026-03-02"],
        ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--actor", "okafor", "--as-of", "2026-03-02"],
    ])

    @Test func overdueCSV() throws {
        let sandbox = try Sandbox(copying: Self.busy)
        let csv = try sandbox.ok(["overdue", "--format", "csv"], actor: "okafor", asOf: "2026-04-01")
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "caseRef,name,officer,item,dueOn,daysOverdue")
        #expect(lines.last == "")   // ends with a newline
        #expect(lines.count > 5)
        // Quotes and commas in a name are quoted the CSV way.
        #expect(csv.stdout.contains("Q-3,\"O'Brien, \"\"Ruby\"\"\",okafor,"))
        #expect(csv.stdout.contains("A-1,Amira Okoye,okafor,interview-outcome,2026-03-04,28"))
        // Empty: the header alone.
        let empty = try sandbox.ok(["overdue", "--format", "csv"], actor: "okafor", asOf: "2026-03-01")
        #expect(empty.stdout == "caseRef,name,officer,item,dueOn,daysOverdue\n")
    }

    @Test func overdueJSON() throws {
        let sandbox = try Sandbox(copying: Self.busy)
        let items = try sandbox.overdue(actor: "okafor", asOf: "2026-04-01")
        #expect(items.count > 5)
        for item in items {
            #expect(Set(item.keys) == ["caseRef", "name", "officer", "item", "dueOn", "daysOverdue"])
            #expect(item["daysOverdue"] is NSNumber)
            #expect(["interview-due", "interview-outcome", "life-log", "recall-decision"].contains(item.string("item") ?? ""))
            #expect(item.string("dueOn")?.count == 10)
        }
        // Never cut in JSON.
        #expect(items.contains { $0.string("name") == String(repeating: "Maximilian ", count: 18).trimmingCharacters(in: .whitespaces) })
        #expect(items.contains { $0.string("caseRef") == "LONG-REFERENCE-0000000000000001" })
        // Decodable too.
        struct Row: Decodable { let caseRef, name, officer, item, dueOn: String; let daysOverdue: Int }
        let decoded = try sandbox.ok(["overdue", "--format", "json"], actor: "okafor", asOf: "2026-04-01").decode([Row].self)
        #expect(decoded.count == items.count)
        #expect(try sandbox.ok(["overdue", "--format", "json"], actor: "okafor", asOf: "2026-03-01").objects().isEmpty)
    }

    @Test func tablesFitIn80Columns() throws {
        let sandbox = try Sandbox(copying: Self.busy)
        let table = try sandbox.ok(["overdue"], actor: "okafor", asOf: "2026-04-01")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count > 5)
        #expect(lines.first?.hasPrefix("CASE") == true)
        for line in lines {
            #expect(line.count <= 80, "\(line.count) columns: \(line)")
            #expect(!line.hasSuffix(" "))
        }
        // Long values are cut with an ellipsis.
        #expect(table.stdout.contains("…"))
        let schedule = try sandbox.ok(["interview", "schedule", "--case-ref", "LONG-REFERENCE-0000000000000001",
                                       "--at", "2026-04-02T10:00", "--repeat", "3", "--every", "7"],
                                      actor: "okafor", asOf: "2026-04-01")
        for line in schedule.stdout.split(separator: "\n") {
            #expect(line.count <= 80, "\(line.count) columns: \(line)")
        }
    }
}
