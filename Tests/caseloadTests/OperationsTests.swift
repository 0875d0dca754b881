import SupervisionRules
import Foundation
import Testing

/// docs/operations.md §14 end to end: private files, refusals that touch no byte, a database that cannot be
/// written, terminal-safe output, backup, check, audit head and a busy database.
@Suite("Operations (docs/operations.md §14)")
struct OperationsTests {
    static let asOf = "2026-03-20"

    // MARK: Files

    @Test func everyFileIsPrivateWhateverTheUmask() throws {
        let sandbox = try Sandbox()
        let created = try sandbox.runWithOpenUmask(["init", "--admin", "root", "--as-of", "2025-12-01"])
        try #require(created.status == 0, "\(created)")
        #expect(FileMode.of(sandbox.database) == 0o600)
        // A writer paused inside its transaction keeps -wal and -shm in place to look at.
        let writer = try Running(["-c", "umask 000; exec \"$0\" \"$@\"", Harness.executable.path,
                                  "officer", "add", "--id", "w1", "--name", "W One", "--role", "officer",
                                  "--actor", "root", "--as-of", "2025-12-01", "--db", sandbox.database],
                                 in: sandbox.directory, environment: ["CASELOAD_TEST_PAUSE_AFTER_LOCK_MS": "3000"],
                                 executable: URL(fileURLWithPath: "/bin/sh"))
        var waited = 0
        while !FileManager.default.fileExists(atPath: sandbox.database + "-shm") && waited < 200 {
            usleep(20_000)
            waited += 1
        }
        #expect(FileMode.of(sandbox.database + "-wal") == 0o600)
        #expect(FileMode.of(sandbox.database + "-shm") == 0o600)
        #expect(writer.wait().status == 0)
        let backup = try sandbox.runWithOpenUmask(["backup", "--to", sandbox.path("copy.sqlite"), "--actor", "root",
                                                   "--as-of", "2025-12-02"])
        try #require(backup.status == 0, "\(backup)")
        #expect(FileMode.of(sandbox.path("copy.sqlite")) == 0o600)
        // An existing file's mode is its owner's choice, but check reports it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sandbox.database)
        let check = try sandbox.run(["check"])
        #expect(check.status == 65)
        #expect(check.stderr.contains("the check found 1 problem: file mode"))
        #expect(FileMode.of(sandbox.database) == 0o644)
    }

    // MARK: Refusals that touch no file

    /// Files no command but init may change, each with the bytes it must keep.
    static func strangeFiles(_ sandbox: Sandbox) throws -> [(String, String)] {
        var files: [(String, String)] = []
        let empty = sandbox.path("empty.sqlite")
        try Data().write(to: URL(fileURLWithPath: empty))
        files.append(("empty", empty))
        let text = sandbox.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 300).utf8).write(to: URL(fileURLWithPath: text))
        files.append(("not SQLite", text))
        let foreign = sandbox.path("foreign.sqlite")
        try sandbox.sql("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');", file: foreign)
        files.append(("another application's", foreign))
        let older = sandbox.path("older.sqlite")
        try FileManager.default.copyItem(atPath: try Fixtures.caseload.database, toPath: older)
        try sandbox.sql("DELETE FROM schema_migration WHERE version = (SELECT max(version) FROM schema_migration);", file: older)
        files.append(("older", older))
        let newer = sandbox.path("newer.sqlite")
        try FileManager.default.copyItem(atPath: try Fixtures.caseload.database, toPath: newer)
        try sandbox.sql("INSERT INTO schema_migration VALUES (9999, 'from_the_future', 'x', '2030-01-01T00:00:00Z');", file: newer)
        files.append(("newer", newer))
        return files
    }

    @Test func aRefusedCommandChangesNoByte() throws {
        let sandbox = try Sandbox()
        for (kind, file) in try Self.strangeFiles(sandbox) {
            let before = try sandbox.bytes(file)
            let commands: [[String]] = [
                ["show", "--case-ref", "A-1", "--actor", "okafor"], ["overdue", "--actor", "okafor"],
                ["officer", "add", "--id", "x", "--name", "X", "--role", "officer", "--actor", "root"],
                ["audit", "verify"], ["scan", "--actor", "okafor"],
            ] + (kind == "older" || kind == "empty" ? [] : [["init", "--admin", "root"]])
            for command in commands {
                let result = try sandbox.run(command, db: .some(file))
                #expect(result.status == 73, "\(kind) file, \(command): \(result)")
                #expect(result.stderr.split(separator: "\n").count == 1)
                #expect(!result.stderr.contains("SQLite code"))
                #expect(try sandbox.bytes(file) == before, "\(kind) file changed by \(command)")
                #expect(!FileManager.default.fileExists(atPath: file + "-wal"), "\(kind): \(command) left a WAL")
            }
            if kind != "empty" {
                // The demo only ever replaces an empty file or its own database.
                let demo = try sandbox.run(["demo", "--supervisees", "1"], db: .some(file))
                #expect(demo.status != 0, "\(kind): demo \(demo)")
                #expect(try sandbox.bytes(file) == before, "\(kind) file changed by demo")
            }
        }
    }

    @Test func anEmptyDatabasePathIsAUsageError() throws {
        let sandbox = try Sandbox()
        for command in [["init", "--admin", "root"], ["overdue", "--actor", "okafor"], ["demo"], ["check"]] {
            let result = try sandbox.run(command, db: .some(""))
            #expect(result.status == 64, "\(command): \(result)")
        }
        #expect(try sandbox.files().isEmpty)
    }

    // MARK: A database that cannot be written

    @Test(arguments: [false, true])
    func aReadOnlyDatabaseCanBeListedButNotWritten(writableFolder: Bool) throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let before = try sandbox.bytes()
        let listed = try sandbox.runWithoutWriteAccess(["overdue", "--actor", "sutherland", "--as-of", Self.asOf,
                                                        "--format", "json"], writableFolder: writableFolder)
        #expect(listed.status == 0, "\(listed)")
        #expect(try listed.objects().contains { $0.string("caseRef") == "A-1" })
        let checked = try sandbox.runWithoutWriteAccess(["check"], writableFolder: writableFolder)
        #expect(checked.status == 0, "\(checked)")
        for command in [["show", "--case-ref", "A-1", "--actor", "okafor", "--as-of", Self.asOf],
                        ["officer", "add", "--id", "x", "--name", "X", "--role", "officer", "--actor", "root"]] {
            let refused = try sandbox.runWithoutWriteAccess(command, writableFolder: writableFolder)
            #expect(refused.status == 73, "\(command): \(refused)")
            #expect(refused.stderr.contains("cannot be written"), "\(refused)")
            #expect(refused.stdout.isEmpty)
        }
        #expect(try sandbox.bytes() == before)
    }

    // MARK: Output

    @Test func storedControlCharactersArePrintedAsEscapes() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        try sandbox.sql("UPDATE person SET name = 'Amira ' || char(0x202E) || 'evil' || char(27) || '[2J' || char(0x85) WHERE case_ref = 'A-1';")
        let stored = "Amira \u{202E}evil\u{1B}[2J\u{85}"
        for format in ["table", "csv"] {
            let shown = try sandbox.ok(["show", "--case-ref", "A-1", "--format", format], actor: "okafor", asOf: Self.asOf)
            #expect(!shown.stdout.unicodeScalars.contains { [0x202E, 0x1B, 0x85].contains($0.value) }, "\(format)")
            if format == "table" {
                #expect(shown.stdout.contains("Amira \\u{202E}evil\\u{1B}[2J\\u{85}"))
            }
        }
        let json = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor", asOf: Self.asOf)
        #expect(json.stdout.contains("\\u202e") && !json.stdout.unicodeScalars.contains { $0.value == 0x202E })
        let person = try #require(try json.object()["person"] as? [String: Any])
        #expect(person.string("name") == stored)
        let overdue = try sandbox.ok(["overdue", "--format", "csv"], actor: "okafor", asOf: Self.asOf)
        #expect(overdue.stdout.contains("\\u{202E}") && !overdue.stdout.unicodeScalars.contains { $0.value == 0x202E })
    }

    // MARK: Input

    @Test func inputRefusalsNameTheirField() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let family = String(repeating: "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", count: 200)
        let name = try sandbox.refused(65, Fixtures.register("C-3", name: family, released: "2026-03-02"),
                                       actor: "okafor", asOf: "2026-03-02")
        #expect(name.stderr.contains("--name:") && !name.stderr.contains("SQLite"))
        let zwsp = try sandbox.refused(65, Fixtures.register("C-3\u{200B}", released: "2026-03-02"),
                                       actor: "okafor", asOf: "2026-03-02")
        #expect(zwsp.stderr.contains("--case-ref:") && zwsp.stderr.contains("U+200B"))
        for (field, args) in [("--residence", ["lifelog", "submit", "--case-ref", "A-1", "--residence", "flat \u{202E}3"]),
                              ("--employment", ["lifelog", "submit", "--case-ref", "A-1", "--employment", "\u{2066}x"]),
                              ("--activities", ["lifelog", "submit", "--case-ref", "A-1", "--activities", "a\u{200F}b"]),
                              ("--reason", ["restriction", "add", "travel-permit", "--case-ref", "A-1", "--from", "2026-03-10",
                                            "--to", "2026-03-12", "--reason", "visit \u{202D}mum\u{1B}[31m"])] {
            let refused = try sandbox.refused(65, args, actor: "okafor", asOf: "2026-03-05")
            #expect(refused.stderr.contains(field), "\(refused)")
            #expect(!refused.stderr.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2066 })
        }
        // Leading white space is trimmed alike in --born and --at.
        try sandbox.ok(Fixtures.register("C-3", born: " 1991-02-03", released: "2026-03-02"), actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["interview", "schedule", "--case-ref", "C-3", "--at", " 2026-03-10T10:00"], actor: "okafor", asOf: "2026-03-02")
    }

    @Test func interviewNotesHaveALimit() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let scheduled = try sandbox.ok(["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--format", "json"],
                                       actor: "okafor", asOf: "2026-03-02")
        let id = try #require(scheduled.stdout.firstMatch(of: /"id"\s*:\s*(\d+)/).map { String($0.1) }, "\(scheduled)")
        let refused = try sandbox.refused(65, ["interview", "log", id, "--outcome", "attended", "--notes", String(repeating: "n", count: 4_001)],
                                          actor: "okafor", asOf: "2026-03-05")
        #expect(refused.stderr.contains("--notes:"))
        try sandbox.ok(["interview", "log", id, "--outcome", "attended", "--notes", String(repeating: "n", count: 4_000)],
                       actor: "okafor", asOf: "2026-03-05")
    }

    // MARK: Backup, check, audit head

    @Test func backupCopiesChecksAndRefusesToOverwrite() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let target = sandbox.path("backups/b.sqlite")
        try FileManager.default.createDirectory(atPath: sandbox.path("backups"), withIntermediateDirectories: true)
        try sandbox.refused(77, ["backup", "--to", target], actor: "okafor", asOf: Self.asOf)
        #expect(!FileManager.default.fileExists(atPath: target))
        let made = try sandbox.ok(["backup", "--to", target, "--format", "json"], actor: "root", asOf: Self.asOf).object()
        #expect(FileMode.of(target) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("backups")) == ["b.sqlite"])
        let checked = try sandbox.run(["check", "--format", "json"], db: .some(target))
        #expect(checked.status == 0, "\(checked)")
        let head = try sandbox.run(["audit", "head", "--format", "json"], db: .some(target)).object()
        #expect(head.int("entries") == made.int("auditEntries"))
        let audited = try sandbox.sql("SELECT count(*) FROM audit_log WHERE action = 'database.backup';")
        #expect(audited == "1")
        let copyBefore = try sandbox.bytes(target)
        try sandbox.refused(73, ["backup", "--to", target], actor: "root", asOf: Self.asOf)
        #expect(try sandbox.bytes(target) == copyBefore)
        try sandbox.ok(["backup", "--to", target, "--force"], actor: "root", asOf: Self.asOf)
        #expect(try sandbox.bytes(target) != copyBefore)
    }

    @Test func checkNamesEachProblem() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        try sandbox.ok(["check"])
        try sandbox.sql("""
            PRAGMA foreign_keys = OFF;
            INSERT INTO appointment (term_id, starts_at, ends_at, local_date, local_time, minutes, kind, created_by, created_at)
                VALUES (999, '2026-03-04T10:00:00Z', '2026-03-04T11:00:00Z', '2026-03-04', '10:00', 60, 'office', 'x', 'x');
            DROP TRIGGER audit_log_is_append_only_update;
            UPDATE audit_log SET details = '{}' WHERE seq = 2;
            """)
        let check = try sandbox.run(["check", "--format", "json"])
        #expect(check.status == 65)
        let problems = try #require(try check.object()["problems"] as? [String])
        #expect(problems.contains { $0.hasPrefix("foreign key:") })
        #expect(problems.contains { $0.hasPrefix("audit chain:") && $0.contains("entry 2") })
    }

    @Test func auditHeadDetectsATruncatedChainAndAnOlderCopy() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let older = sandbox.path("older.sqlite")
        try FileManager.default.copyItem(atPath: sandbox.database, toPath: older)
        try sandbox.ok(["show", "--case-ref", "A-1"], actor: "okafor", asOf: Self.asOf)
        let head = try #require(try sandbox.ok(["audit", "head", "--format", "json"]).object().string("head"))
        try sandbox.ok(["audit", "verify", "--head", head])
        // An older copy restored in place: its own chain is intact, but it stops short.
        let restored = try sandbox.run(["audit", "verify", "--head", head], db: .some(older))
        #expect(restored.status == 65 && restored.stderr.contains("missing"), "\(restored)")
        #expect(try sandbox.run(["audit", "verify"], db: .some(older)).status == 0)
        // The tail cut off: still a valid chain, but not up to the head.
        try sandbox.sql("DROP TRIGGER audit_log_is_append_only_delete; DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);")
        try sandbox.ok(["audit", "verify"])
        let truncated = try sandbox.run(["audit", "verify", "--head", head])
        #expect(truncated.status == 65 && truncated.stderr.contains("missing"), "\(truncated)")
        try sandbox.refused(64, ["audit", "verify", "--head", "12:nothex"])
    }

    // MARK: Busy

    @Test func aBusyDatabaseExits75() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let before = try sandbox.dump()
        let holder = try WriteLockHolder(database: sandbox.database, directory: sandbox.directory)
        let result = try sandbox.run(["officer", "add", "--id", "x", "--name", "X", "--role", "officer"], actor: "root",
                                     asOf: Self.asOf, environment: ["CASELOAD_BUSY_TIMEOUT_MS": "200"])
        // A read is not blocked by a writer (WAL).
        let listed = try sandbox.run(["overdue"], actor: "okafor", asOf: Self.asOf, environment: ["CASELOAD_BUSY_TIMEOUT_MS": "200"])
        holder.release()
        #expect(result.status == 75, "\(result)")
        #expect(result.stderr.contains("busy") && result.stderr.split(separator: "\n").count == 1)
        #expect(listed.status == 0, "\(listed)")
        #expect(try sandbox.dump() == before)
    }
}

enum FileMode {
    static func of(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
