import SupervisionRules
import Foundation
import Testing

/// docs/audit.md §11: the hash-chained audit log, checked by `audit verify`, tampered with as an
/// attacker holding the file would (the SQLite shell, after dropping the append-only triggers).
@Suite struct AuditTests {
    /// A scenario with a varied trail: registrations, appointments, outcomes, life-log entries,
    /// record reads.
    static let scenario = Template(Fixtures.staffCommands + [
        Fixtures.register("A-1", name: "Amira Okoye", released: "2026-03-02") + ["--actor", "okafor", "--as-of", "2026-03-02"],
        ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--repeat", "2", "--every", "7",
         "--actor", "okafor", "--as-of", "2026-03-02"],
        ["interview", "log", "1", "--outcome", "attended", "--actor", "okafor", "--as-of", "2026-03-04T11:00"],
        ["lifelog", "submit", "--case-ref", "A-1", "--location", "51.5,-0.1", "--actor", "supervisee:A-1", "--as-of", "2026-03-09"],
        ["show", "--case-ref", "A-1", "--actor", "sutherland", "--as-of", "2026-03-10"],
        ["interview", "log", "2", "--outcome", "failed-to-attend", "--actor", "okafor", "--as-of", "2026-03-11T12:00"],
    ])

    static let tamperPrefix = "DROP TRIGGER audit_log_is_append_only_update; DROP TRIGGER audit_log_is_append_only_delete; "

    struct Tampering: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let firstBad: Int
        let words: String
        var testDescription: String { name }
    }

    @Test func aFreshScenarioVerifies() throws {
        let sandbox = try Sandbox(copying: Self.scenario)
        let report = try sandbox.ok(["audit", "verify", "--format", "json"]).object()
        #expect(report["intact"] as? Bool == true)
        let entries = try #require(report.int("entries"))
        #expect(String(entries) == (try sandbox.sql("SELECT count(*) FROM audit_log")))
        #expect(entries >= 15)
        let table = try sandbox.ok(["audit", "verify"])
        #expect(table.stdout.contains("intact"))
        #expect(table.stdout.contains("true"))
    }

    /// The triggers refuse an ordinary edit.
    @Test func theLogIsAppendOnly() throws {
        let sandbox = try Sandbox(copying: Self.scenario)
        let before = try sandbox.dump()
        let update = try Harness.sqlite(sandbox.database, ["UPDATE audit_log SET actor = 'x' WHERE seq = 3"], in: sandbox.directory)
        #expect(update.status != 0)
        #expect(update.stderr.contains("append-only"))
        let delete = try Harness.sqlite(sandbox.database, ["DELETE FROM audit_log WHERE seq = 3"], in: sandbox.directory)
        #expect(delete.status != 0)
        #expect(try sandbox.dump() == before)
    }

    @Test(arguments: [
        Tampering(name: "edit an entry's details",
                  sql: "UPDATE audit_log SET details = '{\"name\":\"Someone Else\",\"role\":\"officer\"}' WHERE seq = 4",
                  firstBad: 4, words: "entry 4"),
        Tampering(name: "edit an entry's actor", sql: "UPDATE audit_log SET actor = 'patel' WHERE seq = 12",
                  firstBad: 12, words: "entry 12"),
        Tampering(name: "delete a middle entry", sql: "DELETE FROM audit_log WHERE seq = 7",
                  firstBad: 7, words: "entry 7"),
        Tampering(name: "swap the seq of two entries",
                  sql: "UPDATE audit_log SET seq = -5 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = -5",
                  firstBad: 5, words: "entry 5"),
        Tampering(name: "rewrite an entry and its hash",
                  sql: "UPDATE audit_log SET actor = 'patel', hash = '\(String(repeating: "a", count: 64))' WHERE seq = 9",
                  firstBad: 9, words: "entry 9"),
    ])
    func tamperingIsFound(_ tampering: Tampering) throws {
        let sandbox = try Sandbox(copying: Self.scenario)
        try sandbox.sql(Self.tamperPrefix + tampering.sql)
        let result = try sandbox.run(["audit", "verify", "--format", "json"])
        #expect(result.status != 0, "\(result)")
        #expect(result.status == 65)
        let report = try result.object()
        #expect(report["intact"] as? Bool == false)
        #expect(report.int("firstBadEntry") == tampering.firstBad)
        #expect((report.string("problem") ?? "").contains(tampering.words))
        #expect(result.stderr.contains(tampering.words), "\(result.stderr)")
        // The table form names it too.
        let table = try sandbox.run(["audit", "verify"])
        #expect(table.status == 65)
        #expect(table.stdout.contains("firstBadEntry"))
        #expect(table.stderr.contains(tampering.words))
    }

    /// docs/audit.md §11: reading a record is audited, naming who read whose record and when.
    @Test func showIsAudited() throws {
        let sandbox = try Sandbox(copying: Self.scenario)
        let before = try sandbox.sql("SELECT count(*) FROM audit_log")
        try sandbox.ok(["show", "--case-ref", "A-1"], actor: "okafor", asOf: "2026-03-12T09:15")
        #expect(try sandbox.sql("SELECT count(*) FROM audit_log") == String(Int(before)! + 1))
        #expect(try sandbox.sql("SELECT at, actor, action, entity, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1")
                == "2026-03-12T09:15:00Z|okafor|record.read|person|A-1")
        try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "supervisee:A-1", asOf: "2026-03-12T10:00")
        #expect(try sandbox.sql("SELECT actor, action, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1")
                == "supervisee:A-1|record.read|A-1")
        // The earlier read in the scenario, by the supervisor.
        #expect(try sandbox.sql("SELECT actor FROM audit_log WHERE action = 'record.read' ORDER BY seq LIMIT 1") == "sutherland")
        // A refused read is not entered (the command changed nothing).
        try sandbox.refused(77, ["show", "--case-ref", "A-1"], actor: "patel", asOf: "2026-03-12T11:00")
        try sandbox.ok(["audit", "verify"])
    }
}
