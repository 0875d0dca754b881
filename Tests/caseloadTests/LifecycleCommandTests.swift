import Foundation
import Testing

/// SPEC §15 through the real executable: import, subject-access export and retention.
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
        #expect(dry.stdout.contains("would erase: A-1, B-2"), "\(dry.stdout)")
        #expect(try sandbox.sql("SELECT count(*) FROM person WHERE erased_on IS NULL") == "2")
        let purge = try sandbox.ok(["retention", "purge", "--format", "json"], actor: "root", asOf: "2033-01-01")
        #expect(try purge.object().int("people") == 2)
        #expect(try sandbox.sql("SELECT group_concat(name) FROM person") == "[erased],[erased]")
        try sandbox.ok(["audit", "verify"])
    }
}
