import SupervisionRules
import Foundation
import Testing

/// docs/lifecycle.md §15 through the real executable: import, subject-access export and retention.
@Suite struct LifecycleCommandTests {
    static let header = "caseRef,name,born,released,months,level,officer"

    func write(_ text: String, _ name: String, in sandbox: Sandbox) throws -> String {
        let path = sandbox.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func importPrintsCountsAndNoProgressWhenNotATerminal() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let file = try write("""
            \(Self.header)
            C-1,Chloe Reid,1991-02-03,2026-03-02,12,medium,okafor
            C-2,"Reid, Callum",1989-10-11,2026-03-02,6,high,patel

            """, "in.csv", in: sandbox)
        let dry = try sandbox.ok(["import", "releases", file, "--dry-run", "--format", "json"], actor: "sutherland", asOf: "2026-03-02")
        #expect(try dry.object().int("releases") == 2)
        #expect(try dry.object()["dryRun"] as? Bool == true)
        #expect(try sandbox.sql("SELECT count(*) FROM person") == "0")
        let result = try sandbox.ok(["import", "releases", file, "--format", "json"], actor: "sutherland", asOf: "2026-03-02")
        #expect(result.stderr.isEmpty, "progress went to a non-terminal: \(result.stderr)")
        #expect(try result.object().int("newPeople") == 2)
        #expect(try sandbox.sql("SELECT group_concat(name, ';') FROM (SELECT name FROM person ORDER BY case_ref)") == "Chloe Reid;Reid, Callum")
    }

    @Test func aRefusedImportNamesTheLineAndChangesNothing() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let file = try write("""
            \(Self.header)
            C-1,Chloe Reid,1991-02-03,2026-03-02,12,medium,okafor
            C-2,Callum Reid,1989-10-11,2026-03-02,13,high,patel
            """, "in.csv", in: sandbox)
        let result = try sandbox.refused(65, ["import", "releases", file], actor: "sutherland", asOf: "2026-03-02")
        #expect(result.stderr.contains("line 3 (C-2): months:"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        let unknown = try write("caseRef,name,born,released,months,level,officer,notes\n", "bad.csv", in: sandbox)
        let header = try sandbox.refused(65, ["import", "releases", unknown], actor: "sutherland", asOf: "2026-03-02")
        #expect(header.stderr.contains("unknown column \"notes\""), "\(header.stderr)")
        try sandbox.refused(66, ["import", "releases", sandbox.path("missing.csv")], actor: "sutherland", asOf: "2026-03-02")
    }

    @Test func exportWritesOwnerOnlyFilesAndRefusesToOverwrite() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let out = sandbox.path("sar")
        let result = try sandbox.ok(["export", "subject-access", "--case-ref", "A-1", "--out", out, "--format", "json"],
                                    actor: "sutherland", asOf: "2026-03-10")
        #expect(try result.object().string("json") == out + "/record.json")
        for name in ["record.json", "record.html"] {
            let mode = try FileManager.default.attributesOfItem(atPath: out + "/" + name)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
        }
        #expect(try sandbox.sql("SELECT actor || ' ' || action FROM audit_log ORDER BY seq DESC LIMIT 1") == "sutherland record.export")
        let again = try sandbox.refused(73, ["export", "subject-access", "--case-ref", "A-1", "--out", out],
                                        actor: "sutherland", asOf: "2026-03-10")
        #expect(again.stderr.contains("already exists"))
        try sandbox.refused(77, ["export", "subject-access", "--case-ref", "A-1", "--out", sandbox.path("o2")],
                            actor: "okafor", asOf: "2026-03-10")
    }

    @Test func retentionSetAndPurgeAreAnAdminsAndAudited() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        try sandbox.refused(77, ["retention", "set", "--years", "5"], actor: "sutherland")
        try sandbox.refused(65, ["retention", "set", "--years", "0"], actor: "root")
        let unset = try sandbox.ok(["retention", "purge", "--format", "json"], actor: "root", asOf: "2040-01-01")
        #expect(try unset.object().int("people") == 0)
        try sandbox.ok(["retention", "set", "--years", "5"], actor: "root", asOf: "2026-04-01")
        let dry = try sandbox.ok(["retention", "purge", "--dry-run"], actor: "root", asOf: "2033-01-01")
        #expect(dry.stdout.contains("caseRefs            A-1; B-2"), "\(dry.stdout)")
        #expect(try sandbox.sql("SELECT count(*) FROM person WHERE erased_on IS NULL") == "2")
        let purge = try sandbox.ok(["retention", "purge", "--format", "json"], actor: "root", asOf: "2033-01-01")
        #expect(try purge.object().int("people") == 2)
        #expect(try sandbox.sql("SELECT group_concat(name) FROM person") == "[erased],[erased]")
        try sandbox.ok(["audit", "verify"])
    }

    /// The demo's LDN-0010 (life-log entries, location reports, reviewed violations, a recall
    /// decision) with what the demo does not give anyone: a restriction, a level change, a
    /// corrected outcome, and a read of the record by its officer.
    @Test func exportOfADemoPersonListsEveryKindOfRecordAndTheReads() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["demo"], asOf: "2026-06-15T12:00")
        let asOf = "2026-06-16T09:00"
        try sandbox.ok(["restriction", "add", "exclusion", "--case-ref", "LDN-0010", "--circle", "51.5,-0.1,250",
                        "--name", "Old haunt"], actor: "lindqvist", asOf: asOf)
        try sandbox.ok(["term", "level", "--case-ref", "LDN-0010", "--level", "high", "--reason", "new concerns"],
                       actor: "lindqvist", asOf: asOf)
        let appointment = try sandbox.sql("""
            SELECT max(a.id) FROM appointment a JOIN supervision_term t ON t.id = a.term_id JOIN person p ON p.id = t.person_id
            WHERE p.case_ref = 'LDN-0010' AND a.outcome = 'attended'
            """)
        try sandbox.ok(["interview", "log", appointment, "--outcome", "unacceptable-absence", "--correct",
                        "--reason", "logged against the wrong appointment"], actor: "lindqvist", asOf: asOf)
        try sandbox.ok(["show", "--case-ref", "LDN-0010"], actor: "lindqvist", asOf: asOf)
        let out = sandbox.path("sar-LDN-0010")
        try sandbox.ok(["export", "subject-access", "--case-ref", "LDN-0010", "--out", out], actor: "sutherland",
                       asOf: "2026-06-16T10:00")
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/record.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let terms = try #require(document["terms"] as? [[String: Any]])
        for key in ["levelHistory", "appointments", "lifeLogEntries", "locationReports", "restrictions", "violations",
                    "recallDecisions"] {
            let count = terms.reduce(0) { $0 + (($1[key] as? [Any])?.count ?? 0) }
            #expect(count > 0, "the export of LDN-0010 has no \(key)")
        }
        let outcomes = terms.flatMap { ($0["appointments"] as? [[String: Any]]) ?? [] }
            .flatMap { ($0["outcomes"] as? [[String: Any]]) ?? [] }
        #expect(outcomes.contains { $0["correctionReason"] as? String == "logged against the wrong appointment" })
        let reviewed = terms.flatMap { ($0["violations"] as? [[String: Any]]) ?? [] }.filter { $0["reviewedBy"] is String }
        #expect(!reviewed.isEmpty)
        let trail = try #require(document["auditTrail"] as? [[String: Any]])
        let reads = trail.filter { $0["action"] as? String == "record.read" }
        #expect(reads.contains { $0["actor"] as? String == "lindqvist" && $0["at"] as? String == "2026-06-16T08:00:00Z" },
                "\(reads)")
        #expect(trail.last?["action"] as? String == "record.export")
        let html = try String(contentsOfFile: out + "/record.html", encoding: .utf8)
        #expect(html.contains("logged against the wrong appointment") && html.contains("record.read"))
    }

}
