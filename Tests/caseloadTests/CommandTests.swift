import SupervisionRules
import Foundation
import Testing

/// Every command: its happy path, and each refusal with its exit code and the database
/// unchanged (`Sandbox.refused` compares `sqlite3 .dump` before and after).
@Suite struct CommandTests {
    @Test func theHarnessRunsTheBuiltExecutable() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Harness.executable.path), "\(Harness.executable.path)")
        let sandbox = try Sandbox()
        let version = try sandbox.run(["--version"], db: .none)
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."))
        let help = try sandbox.run(["--help"], db: .none)
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("overdue"))
        for arguments in [["overdue", "--help"], ["help", "interview", "schedule"], ["interview", "log", "--help"]] {
            let result = try sandbox.run(arguments, db: .none)
            #expect(result.status == 0, "\(arguments): \(result)")
            #expect(result.stdout.contains("USAGE: caseload"), "\(arguments): \(result)")
            #expect(result.stderr.isEmpty)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).isEmpty)
    }

    // MARK: init

    @Test func initCreatesTheAgencyAndItsAdmin() throws {
        let sandbox = try Sandbox()
        let receipt = try sandbox.ok(["init", "--timezone", "Europe/London", "--agency", "North Probation",
                                      "--admin", "chief", "--format", "json"], asOf: "2026-01-01").object()
        #expect(receipt.string("agency") == "North Probation")
        #expect(receipt.string("timeZone") == "Europe/London")
        #expect(receipt.string("admin") == "chief")
        #expect(receipt["created"] as? Bool == true)
        #expect(sandbox.databaseExists)
        #expect(try sandbox.sql("SELECT id, role, active FROM officer") == "chief|admin|1")
        // The first admin can act; the default admin id was not created.
        try sandbox.ok(Array(Fixtures.officer("okafor", "Ngozi Okafor", "officer").dropLast(4)) + ["--actor", "chief"])
        try sandbox.refused(77, ["officer", "add", "--id", "x", "--name", "X", "--role", "officer"], actor: "admin")
    }

    @Test func initDefaults() throws {
        let sandbox = try Sandbox()
        // No --db and no CASELOAD_DB: ./caseload.sqlite in the working directory.
        let result = try sandbox.run(["init", "--format", "json"], db: .none)
        #expect(result.status == 0, "\(result)")
        #expect(FileManager.default.fileExists(atPath: sandbox.path("caseload.sqlite")))
        let receipt = try result.object()
        #expect(receipt.string("timeZone") == "UTC")
        #expect(receipt.string("admin") == "admin")
        // CASELOAD_DB names the file when --db is absent; CASELOAD_ACTOR the actor.
        let other = sandbox.path("other.sqlite")
        let viaEnvironment = try sandbox.run(["init"], db: .none, environment: ["CASELOAD_DB": other])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment)")
        #expect(FileManager.default.fileExists(atPath: other))
        let added = try sandbox.run(["officer", "add", "--id", "okafor", "--name", "N O", "--role", "officer"],
                                    db: .none, environment: ["CASELOAD_DB": other, "CASELOAD_ACTOR": "admin"])
        #expect(added.status == 0, "\(added)")
        #expect(try sandbox.sql("SELECT count(*) FROM officer WHERE id = 'okafor'", file: other) == "1")
        #expect(try sandbox.sql("SELECT count(*) FROM officer", file: sandbox.path("caseload.sqlite")) == "1")
    }

    @Test func initTwiceChangesNothing() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let before = try sandbox.dump()
        let again = try sandbox.ok(["init", "--format", "json"], asOf: "2027-01-01").object()
        #expect(again["created"] as? Bool == false)
        #expect(again.string("agency") == "Test agency")
        #expect(again.string("admin") == "root")
        try sandbox.ok(["init", "--timezone", "UTC", "--agency", "Test agency", "--admin", "root"], asOf: "2027-01-01")
        #expect(try sandbox.dump() == before)
        // Changing the zone or the name of an existing agency is refused.
        try sandbox.refused(65, ["init", "--timezone", "Europe/London"])
        try sandbox.refused(65, ["init", "--agency", "Another agency"])
    }

    @Test(arguments: ["Mars/Olympus_Mons", "CEST", "GMT+2", ""])
    func initRefusesAnUnknownZone(_ zone: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.refused(65, ["init", "--timezone", zone])
        #expect(result.stderr.contains("--timezone"))
        #expect(!sandbox.databaseExists)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).isEmpty)
    }

    @Test func initRefusesBadOptionsWithoutCreatingAFile() throws {
        let sandbox = try Sandbox()
        try sandbox.refused(65, ["init", "--admin", "bad id!"])
        try sandbox.refused(65, ["init", "--agency", "Bad\u{1B}[31mName"])
        try sandbox.refused(64, ["init"], asOf: "2026-02-30")
        try sandbox.refused(64, ["init", "--format", "yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).isEmpty)
    }

    @Test func initOnAnUnwritablePath() throws {
        let sandbox = try Sandbox()
        sandbox.database = "/proc/nope/x.sqlite"
        let proc = try sandbox.refused(73, ["init"])
        #expect(proc.stderr.contains("/proc/nope/x.sqlite"))
        // A path under a regular file.
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: sandbox.path("plain")))
        sandbox.database = sandbox.path("plain/x.sqlite")
        try sandbox.refused(73, ["init"])
        #expect(try String(contentsOfFile: sandbox.path("plain"), encoding: .utf8) == "not a folder")
        // A folder we may not write (unless the tests run as root, who may).
        if getuid() != 0 {
            let locked = sandbox.path("locked")
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
            sandbox.database = locked + "/x.sqlite"
            try sandbox.refused(73, ["init"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
        }
    }

    /// A file that is not an SQLite database cannot be opened (73), and is left as it was.
    @Test func aFileThatIsNotADatabase() throws {
        let sandbox = try Sandbox()
        let text = Data("Dear officer, this is a letter.\n".utf8)
        try text.write(to: URL(fileURLWithPath: sandbox.database))
        try sandbox.refused(73, ["init"])
        try sandbox.refused(73, ["overdue"], actor: "okafor")
        try sandbox.refused(73, ["audit", "verify"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.database)) == text)
    }

    /// A command other than init never creates the database (docs/cli.md §9: a failure changes
    /// nothing). The code's choice is exit 66 (sysexits EX_NOINPUT) for a missing file.
    @Test(arguments: [
        ["overdue"], ["show", "--case-ref", "A-1"], ["audit", "verify"],
        ["officer", "add", "--id", "x", "--name", "X", "--role", "officer"], ["holiday", "add", "2026-12-25"],
        Fixtures.register("A-1", released: "2026-03-02"),
        ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00"],
        ["interview", "log", "1", "--outcome", "attended"],
        ["lifelog", "submit", "--case-ref", "A-1"],
        ["term", "extend", "--case-ref", "A-1", "--months", "1"],
    ])
    func aMissingDatabaseIsNotCreated(_ command: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.refused(66, command, actor: "root", asOf: "2026-03-05")
        #expect(result.stderr.contains("caseload init"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).isEmpty)
    }

    @Test func usageErrors() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        try sandbox.refused(64, ["overdue", "--format", "xml"], actor: "okafor")
        try sandbox.refused(64, ["frobnicate"], actor: "okafor")
        try sandbox.refused(64, ["register", "--case-ref", "C-3"], actor: "okafor")
        try sandbox.refused(64, ["interview", "log", "one", "--outcome", "attended"], actor: "okafor")
        try sandbox.refused(64, ["interview", "log", "1"], actor: "okafor")
        try sandbox.refused(64, ["overdue"], actor: "okafor", asOf: "2026-02-30")
        try sandbox.refused(64, ["overdue"], actor: "okafor", asOf: "yesterday")
        // Global options may also stand before the command name.
        let leading = try sandbox.run(["--format", "csv", "--as-of", "2026-03-06", "--actor", "okafor", "overdue"])
        #expect(leading.status == 0, "\(leading)")
        #expect(leading.stdout.hasPrefix("caseRef,name,officer,item,dueOn,daysOverdue\n"))
    }

    // MARK: officer add

    @Test func officerAdd() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let officer = try sandbox.ok(["officer", "add", "--id", "moreau", "--name", "  Camille Moreau ", "--role", "officer",
                                      "--format", "json"], actor: "root", asOf: "2026-01-02").object()
        #expect(officer.string("id") == "moreau")
        #expect(officer.string("name") == "Camille Moreau")   // trimmed
        #expect(officer.string("role") == "officer")
        #expect(officer["active"] as? Bool == true)
        #expect(try sandbox.sql("SELECT action, actor, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1")
                == "officer.add|root|moreau")

        let add = ["officer", "add", "--id", "lindqvist", "--name", "Erik Lindqvist", "--role", "officer"]
        try sandbox.refused(65, ["officer", "add", "--id", "moreau", "--name", "Again", "--role", "officer"], actor: "root")
        try sandbox.refused(64, ["officer", "add", "--id", "lindqvist", "--name", "Erik", "--role", "boss"], actor: "root")
        try sandbox.refused(64, ["officer", "add", "--id", "lindqvist", "--role", "officer"], actor: "root")
        try sandbox.refused(65, ["officer", "add", "--id", "has space", "--name", "X", "--role", "officer"], actor: "root")
        try sandbox.refused(65, ["officer", "add", "--id", "supervisee:A-1", "--name", "X", "--role", "officer"], actor: "root")
        try sandbox.refused(65, ["officer", "add", "--id", "bell", "--name", "Ring\u{07}Bell", "--role", "officer"], actor: "root")
        try sandbox.refused(77, add)
        try sandbox.refused(77, add, actor: "nobody")
        try sandbox.refused(77, add, actor: "okafor")
        try sandbox.refused(77, add, actor: "sutherland")
        try sandbox.ok(add, actor: "clerk")   // any admin
    }

    // MARK: holiday add

    @Test func holidayAdd() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let holiday = try sandbox.ok(["holiday", "add", "2026-12-25", "--name", "Christmas Day", "--format", "json"],
                                     actor: "root", asOf: "2026-01-02").object()
        #expect(holiday.string("date") == "2026-12-25")
        #expect(holiday.string("name") == "Christmas Day")
        try sandbox.refused(65, ["holiday", "add", "2026-12-25"], actor: "root")
        try sandbox.refused(65, ["holiday", "add", "2026-02-30"], actor: "root")
        try sandbox.refused(65, ["holiday", "add", "2026-13-01"], actor: "root")
        try sandbox.refused(65, ["holiday", "add", "25/12/2026"], actor: "root")
        try sandbox.refused(65, ["holiday", "add", "2026-12-26", "--name", "Boxing\u{1B}Day"], actor: "root")
        try sandbox.refused(64, ["holiday", "add"], actor: "root")
        try sandbox.refused(77, ["holiday", "add", "2026-12-26"], actor: "okafor")
        try sandbox.refused(77, ["holiday", "add", "2026-12-26"], actor: "sutherland")
        try sandbox.refused(77, ["holiday", "add", "2026-12-26"])
        try sandbox.refused(77, ["holiday", "add", "2026-12-26"], actor: "ghost")
    }

    // MARK: register

    @Test func registerRefusals() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        func register(_ ref: String = "C-3", name: String = "Chloe Reid", born: String = "1990-01-01",
                      released: String = "2026-04-01", months: Int = 6, level: String = "low",
                      officer: String = "okafor") -> [String] {
            Fixtures.register(ref, name: name, born: born, released: released, months: months, level: level, officer: officer)
        }
        let asOf = "2026-04-01"
        for months in [5, 13, 0, 120] {
            let result = try sandbox.refused(65, register(months: months), actor: "okafor", asOf: asOf)
            #expect(result.stderr.contains("--months"))
        }
        try sandbox.refused(65, register(born: "2026-02-30"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(released: "2026-02-30"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(released: "2026-2-3"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(born: "2026-04-02"), actor: "okafor", asOf: asOf)   // born after release
        try sandbox.refused(64, register(level: "extreme"), actor: "okafor", asOf: asOf)   // refused by the parser
        try sandbox.refused(65, register("C 3"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(String(repeating: "C", count: 33)), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(name: "   "), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(name: "Chloe\u{1B}[2J Reid"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(name: "Chloe\nReid"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(name: "Chloe\u{202E}dieR"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register(name: String(repeating: "é", count: 201)), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, ["register", "--case-ref", "C-3", "--name", "Chloe Reid", "--born", "1990-01-01",
                                 "--released", "2026-04-01", "--months", "6", "--level", "low", "--officer", "okafor",
                                 "--home", "91,0"], actor: "okafor", asOf: asOf)
        try sandbox.refused(66, register(officer: "nobody"), actor: "sutherland", asOf: asOf)
        try sandbox.refused(65, register(officer: "root"), actor: "sutherland", asOf: asOf)   // admins hold no caseload
        try sandbox.refused(64, ["register", "--case-ref", "C-3", "--name", "Chloe Reid", "--born", "1990-01-01",
                                 "--released", "2026-04-01", "--months", "six", "--level", "low", "--officer", "okafor"],
                            actor: "okafor", asOf: asOf)
        // A case reference names one person: same reference, another name or birth date.
        try sandbox.refused(65, register("A-1", name: "Someone Else", released: "2027-06-01"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, register("A-1", name: "Amira Okoye", born: "1991-01-01", released: "2027-06-01"),
                            actor: "okafor", asOf: asOf)
        // A 200-character name is the longest accepted.
        let long = try sandbox.ok(register(name: String(repeating: "é", count: 200)) + ["--format", "json"],
                                  actor: "okafor", asOf: asOf).object()
        #expect(long.string("caseRef") == "C-3")
    }

    /// docs/terms.md §3: one open term at a time. A-1's term runs 2026-03-02 … 2027-03-01.
    @Test func overlappingRegistration() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        for released in ["2026-03-02", "2026-09-01", "2027-03-01", "2025-09-02"] {
            let result = try sandbox.refused(65, Fixtures.register("A-1", name: "Amira Okoye", released: released),
                                             actor: "okafor", asOf: "2026-04-01")
            #expect(result.stderr.contains("overlaps"), "\(released): \(result.stderr)")
        }
        // The day after it ends, a new term may start; the person is not duplicated.
        let next = try sandbox.ok(Fixtures.register("A-1", name: "Amira Okoye", released: "2027-03-02", months: 6)
                                  + ["--format", "json"], actor: "okafor", asOf: "2026-04-01").object()
        #expect(next.int("termId") == 3)
        #expect(try sandbox.sql("SELECT count(*) FROM person WHERE case_ref = 'A-1'") == "1")
        // After an early discharge the rest of the old term no longer blocks a new release.
        try sandbox.ok(["term", "discharge", "--case-ref", "B-2", "--reason", "Moved abroad with permission"],
                       actor: "patel", asOf: "2026-05-01")
        try sandbox.ok(Fixtures.register("B-2", name: "Connor Walsh", released: "2026-05-02", months: 6, officer: "patel"),
                       actor: "patel", asOf: "2026-05-02")
    }

    /// docs/input.md §10: names are stored in NFC, so "José" typed precomposed or decomposed is one name.
    @Test func nfcNames() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let composed = "Jos\u{E9} Santos"
        let decomposed = "Jose\u{301} Santos"
        #expect(Array(composed.unicodeScalars) != Array(decomposed.unicodeScalars))
        try sandbox.ok(Fixtures.register("J-1", name: decomposed, released: "2026-01-05", months: 6),
                       actor: "okafor", asOf: "2026-01-05")
        #expect(try sandbox.sql("SELECT hex(name) FROM person") == "4A6F73C3A92053616E746F73")   // NFC bytes
        try sandbox.ok(Fixtures.register("J-1", name: "  " + composed, released: "2026-08-01", months: 6),
                       actor: "okafor", asOf: "2026-08-01")
        try sandbox.ok(Fixtures.register("J-1", name: decomposed, released: "2027-03-01", months: 6),
                       actor: "okafor", asOf: "2027-03-01")
        #expect(try sandbox.sql("SELECT count(*) FROM person") == "1")
        #expect(try sandbox.sql("SELECT count(*) FROM supervision_term") == "3")
    }

    // MARK: term extend, discharge, level

    @Test func termCommands() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        // B-2: 6 months from 2026-03-02, high.
        let extended = try sandbox.ok(["term", "extend", "--case-ref", "B-2", "--months", "6", "--format", "json"],
                                      actor: "patel", asOf: "2026-04-01").object()
        #expect(extended.int("months") == 12)
        #expect(extended.string("endsOn") == "2027-03-01")
        try sandbox.refused(65, ["term", "extend", "--case-ref", "B-2", "--months", "1"], actor: "patel", asOf: "2026-04-01")
        try sandbox.refused(65, ["term", "extend", "--case-ref", "A-1", "--months", "0"], actor: "okafor", asOf: "2026-04-01")
        try sandbox.refused(66, ["term", "extend", "--case-ref", "Z-9", "--months", "1"], actor: "okafor", asOf: "2026-04-01")
        try sandbox.refused(77, ["term", "extend", "--case-ref", "B-2", "--months", "1"], actor: "okafor", asOf: "2026-04-01")
        try sandbox.refused(64, ["term", "extend", "--case-ref", "B-2"], actor: "patel", asOf: "2026-04-01")

        let level = try sandbox.ok(["term", "level", "--case-ref", "B-2", "--level", "low", "--reason", "Stable housing",
                                    "--format", "json"], actor: "patel", asOf: "2026-04-02").object()
        #expect(level.string("level") == "low")
        try sandbox.refused(65, ["term", "level", "--case-ref", "B-2", "--level", "low"], actor: "patel", asOf: "2026-04-03")
        try sandbox.refused(64, ["term", "level", "--case-ref", "B-2", "--level", "lowest"], actor: "patel", asOf: "2026-04-03")
        try sandbox.refused(77, ["term", "level", "--case-ref", "B-2", "--level", "high"], actor: "root", asOf: "2026-04-03")

        try sandbox.refused(65, ["term", "discharge", "--case-ref", "B-2", "--reason", "  "], actor: "patel", asOf: "2026-04-04")
        try sandbox.refused(64, ["term", "discharge", "--case-ref", "B-2"], actor: "patel", asOf: "2026-04-04")
        let discharged = try sandbox.ok(["term", "discharge", "--case-ref", "B-2", "--reason", "Good progress",
                                         "--format", "json"], actor: "sutherland", asOf: "2026-04-04").object()
        #expect(discharged.string("status") == "discharged")
        #expect(try sandbox.sql("SELECT status, closed_on, close_reason FROM supervision_term WHERE id = 2")
                == "discharged|2026-04-04|Good progress")
        // Nothing more can be done on a discharged term.
        try sandbox.refused(65, ["term", "discharge", "--case-ref", "B-2", "--reason", "Again"], actor: "patel", asOf: "2026-04-05")
        try sandbox.refused(65, ["interview", "schedule", "--case-ref", "B-2", "--at", "2026-04-10T10:00"],
                            actor: "patel", asOf: "2026-04-05")
        try sandbox.refused(65, ["lifelog", "submit", "--case-ref", "B-2"], actor: "supervisee:B-2", asOf: "2026-04-05")
        // …and it no longer appears in the overdue list.
        #expect(try sandbox.overdue(actor: "sutherland", asOf: "2026-06-01").allSatisfy { $0.string("caseRef") != "B-2" })
    }

    // MARK: interview schedule

    @Test func interviewSchedule() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let asOf = "2026-03-03"
        let rows = try sandbox.ok(["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--minutes", "45",
                                   "--kind", "home", "--format", "json"], actor: "okafor", asOf: asOf).objects()
        #expect(rows.count == 1)
        #expect(rows.first?.int("id") == 1)
        #expect(rows.first?.string("caseRef") == "A-1")
        #expect(rows.first?.string("at") == "2026-03-04T10:00")
        #expect(rows.first?.string("endsAt") == "2026-03-04T10:45")
        #expect(rows.first?.string("kind") == "home")
        #expect(rows.first?.int("minutes") == 45)

        func schedule(_ extra: [String], at: String = "2026-03-11T10:00") -> [String] {
            ["interview", "schedule", "--case-ref", "A-1", "--at", at] + extra
        }
        try sandbox.refused(65, schedule(["--minutes", "4"]), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, schedule(["--minutes", "481"]), actor: "okafor", asOf: asOf)
        try sandbox.refused(64, schedule(["--kind", "pub"]), actor: "okafor", asOf: asOf)   // refused by the parser
        try sandbox.refused(65, schedule([], at: "2026-02-30T10:00"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, schedule([], at: "2026-03-11T25:00"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, schedule([], at: "2026-03-11"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, schedule([], at: "2026-03-01T10:00"), actor: "okafor", asOf: asOf)   // before the term
        try sandbox.refused(65, schedule([], at: "2027-03-02T10:00"), actor: "okafor", asOf: asOf)   // after the term
        try sandbox.refused(65, schedule([], at: "2026-03-04T10:30"), actor: "okafor", asOf: asOf)   // overlaps id 1
        // A series of which one appointment falls outside the term saves none of them.
        try sandbox.refused(65, schedule(["--repeat", "3", "--every", "21"], at: "2027-02-01T10:00"), actor: "okafor", asOf: asOf)
        try sandbox.refused(65, schedule(["--repeat", "53", "--every", "1"]), actor: "okafor", asOf: asOf)
        try sandbox.refused(64, schedule(["--repeat", "3"]), actor: "okafor", asOf: asOf)
        try sandbox.refused(64, schedule(["--every", "7"]), actor: "okafor", asOf: asOf)
        try sandbox.refused(64, ["interview", "schedule", "--case-ref", "A-1"], actor: "okafor", asOf: asOf)
        try sandbox.refused(66, ["interview", "schedule", "--case-ref", "NOPE-1", "--at", "2026-03-11T10:00"],
                            actor: "okafor", asOf: asOf)
        // The dry run prints the dates and saves nothing.
        let before = try sandbox.dump()
        let dry = try sandbox.ok(schedule(["--repeat", "4", "--every", "7", "--dry-run"]), actor: "okafor", asOf: asOf)
        #expect(dry.stdout.contains("(dry run)"))
        for date in ["2026-03-11", "2026-03-18", "2026-03-25", "2026-04-01"] { #expect(dry.stdout.contains(date)) }
        #expect(try sandbox.dump() == before)
        let series = try sandbox.ok(schedule(["--repeat", "4", "--every", "7", "--format", "json"]), actor: "okafor",
                                    asOf: asOf).objects()
        #expect(series.compactMap { $0.int("id") } == [2, 3, 4, 5])
        #expect(try sandbox.sql("SELECT count(*) FROM audit_log WHERE action = 'appointment.schedule'") == "5")
    }

    // MARK: interview log

    @Test func interviewLog() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let first = try sandbox.schedule("A-1", at: "2026-03-04T10:00", asOf: "2026-03-02")
        let second = try sandbox.schedule("A-1", at: "2026-03-11T10:00", asOf: "2026-03-02")
        func log(_ id: Int, _ outcome: String, _ extra: [String] = []) -> [String] {
            ["interview", "log", String(id), "--outcome", outcome] + extra
        }
        // Before it starts only acceptable-absence and rescheduled may be recorded.
        try sandbox.refused(65, log(first, "attended"), actor: "okafor", asOf: "2026-03-04T09:59")
        try sandbox.refused(65, log(first, "failed-to-attend"), actor: "okafor", asOf: "2026-03-04T09:59")
        try sandbox.refused(64, log(first, "present"), actor: "okafor", asOf: "2026-03-04T11:00")
        try sandbox.refused(65, log(first, "attended", ["--reason", "illness"]), actor: "okafor", asOf: "2026-03-04T11:00")
        try sandbox.refused(65, log(first, "acceptable-absence"), actor: "okafor", asOf: "2026-03-04T11:00")
        try sandbox.refused(65, log(first, "acceptable-absence", ["--reason", "hangover"]), actor: "okafor", asOf: "2026-03-04T11:00")
        try sandbox.refused(65, log(first, "attended", ["--notes", "ok\u{07}"]), actor: "okafor", asOf: "2026-03-04T11:00")
        try sandbox.refused(66, log(999, "attended"), actor: "okafor", asOf: "2026-03-04T11:00")
        try sandbox.refused(64, ["interview", "log", String(first)], actor: "okafor", asOf: "2026-03-04T11:00")

        let attended = try sandbox.ok(log(first, "attended", ["--notes", "Discussed\nwork search", "--format", "json"]),
                                      actor: "okafor", asOf: "2026-03-04T10:30").object()
        #expect(attended.string("outcome") == "attended")
        #expect(attended.int("appointmentId") == first)
        // A recorded outcome changes only by a correction.
        try sandbox.refused(65, log(first, "unacceptable-absence"), actor: "okafor", asOf: "2026-03-05")
        try sandbox.refused(65, log(first, "attended", ["--correct", "--reason", "typo"]), actor: "okafor", asOf: "2026-03-05")
        try sandbox.refused(65, log(second, "attended", ["--correct", "--reason", "typo"]), actor: "okafor",
                            asOf: "2026-03-11T12:00")   // nothing to correct yet
        let corrected = try sandbox.ok(log(first, "unacceptable-absence", ["--correct", "--reason", "Logged on the wrong case",
                                                                           "--format", "json"]),
                                       actor: "okafor", asOf: "2026-03-05").object()
        #expect(corrected.string("previousOutcome") == "attended")

        // Rescheduled: says who asked and when; creates the new appointment.
        try sandbox.refused(65, log(second, "rescheduled", ["--new-at", "2026-03-12T10:00"]), actor: "okafor", asOf: "2026-03-09")
        try sandbox.refused(65, log(second, "rescheduled", ["--requested-by", "supervisee"]), actor: "okafor", asOf: "2026-03-09")
        try sandbox.refused(64, log(second, "rescheduled", ["--requested-by", "mum", "--new-at", "2026-03-12T10:00"]),
                            actor: "okafor", asOf: "2026-03-09")
        try sandbox.refused(65, log(second, "rescheduled", ["--requested-by", "agency", "--new-at", "2027-03-12T10:00"]),
                            actor: "okafor", asOf: "2026-03-09")
        try sandbox.refused(65, log(second, "attended", ["--requested-by", "agency"]), actor: "okafor", asOf: "2026-03-11T12:00")
        // The new time may not clash with another appointment (the first, attended one)…
        try sandbox.refused(65, log(second, "rescheduled", ["--requested-by", "agency", "--new-at", "2026-03-04T10:30"]),
                            actor: "okafor", asOf: "2026-03-09")
        // …but may overlap the slot it replaces: moved half an hour later.
        let third = try sandbox.schedule("A-1", at: "2026-03-18T10:00", asOf: "2026-03-02")
        try sandbox.ok(log(third, "rescheduled", ["--requested-by", "agency", "--new-at", "2026-03-18T10:30"]),
                       actor: "okafor", asOf: "2026-03-09")
        let moved = try sandbox.ok(log(second, "rescheduled", ["--requested-by", "supervisee", "--new-at", "2026-03-12T14:00",
                                                              "--format", "json"]),
                                   actor: "okafor", asOf: "2026-03-09").object()
        let newAppointment = try #require(moved["newAppointment"] as? [String: Any])
        #expect(newAppointment.string("at") == "2026-03-12T14:00")
        #expect(newAppointment.string("endsAt") == "2026-03-12T15:00")
        let newID = try #require(newAppointment.int("id"))
        #expect(try sandbox.sql("SELECT rescheduled_from FROM appointment WHERE id = \(newID)") == String(second))
        // A rescheduled appointment is never corrected.
        try sandbox.refused(65, log(second, "attended", ["--correct", "--reason", "came anyway"]), actor: "okafor",
                            asOf: "2026-03-11T12:00")
        // Failed to attend: the receipt names the evidence window's last day (5 business days).
        let failed = try sandbox.ok(log(newID, "failed-to-attend", ["--format", "json"]), actor: "okafor",
                                    asOf: "2026-03-12T15:00").object()
        #expect(failed.string("evidenceWindowEndsOn") == "2026-03-19")
    }

    // MARK: lifelog submit

    @Test func lifelogSubmit() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        // A-1 (medium): life-log due 2026-03-09, 03-16, …
        let entry = try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1", "--at", "2026-03-10T19:00",
                                    "--residence", "Hostel, Room 4", "--employment", "Looking for work",
                                    "--activities", "Gym\tlibrary\nvolunteering", "--wellbeing", "3",
                                    "--need", "housing", "--need", "Money", "--call-back",
                                    "--location", "51.5,-0.12,25@2026-03-10T18:30", "--location", "51.51,-0.13",
                                    "--format", "json"], actor: "supervisee:A-1", asOf: "2026-03-10T20:00").object()
        #expect(entry.string("filledDueOn") == "2026-03-09")
        #expect(entry.string("caseRef") == "A-1")
        #expect((entry["locationReportIds"] as? [Any])?.count == 2)
        let entryID = try #require(entry.int("entryId"))
        #expect(try sandbox.sql("SELECT group_concat(need, ',') FROM (SELECT need FROM life_log_need ORDER BY need)")
                == "housing,money")
        #expect(try sandbox.sql("SELECT submitted_by, wants_call_back FROM life_log_entry") == "supervisee:A-1|1")
        // An officer may submit on the supervisee's behalf; a correction fills no due date.
        let correction = try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1", "--corrects", String(entryID),
                                         "--residence", "Hostel, Room 5", "--format", "json"],
                                        actor: "okafor", asOf: "2026-03-11").object()
        #expect(correction["filledDueOn"] == nil || correction["filledDueOn"] is NSNull)
        #expect(try sandbox.sql("SELECT corrects_entry_id FROM life_log_entry WHERE id = \(correction.int("entryId") ?? 0)")
                == String(entryID))

        func submit(_ extra: [String], ref: String = "A-1") -> [String] {
            ["lifelog", "submit", "--case-ref", ref] + extra
        }
        let actor = "supervisee:A-1"
        try sandbox.refused(65, submit(["--wellbeing", "6"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--wellbeing", "0"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(64, submit(["--need", "yacht"]), actor: actor, asOf: "2026-03-12")   // refused by the parser
        try sandbox.refused(65, submit(["--residence", "Flat\u{1B}[2J"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--activities", String(repeating: "a", count: 4001)]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--location", "51.5"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--location", "95,0"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--location", "51.5,-0.1@2026-03-13T10:00"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--at", "2026-03-13T10:00"]), actor: actor, asOf: "2026-03-12")   // future
        try sandbox.refused(65, submit(["--at", "2026-02-30T10:00"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(65, submit(["--at", "2026-03-01T10:00"]), actor: actor, asOf: "2026-03-12")   // before the term
        try sandbox.refused(65, submit([]), actor: actor, asOf: "2027-03-05")                             // after the term
        try sandbox.refused(66, submit(["--corrects", "999"]), actor: actor, asOf: "2026-03-12")
        try sandbox.refused(66, submit([], ref: "NOPE-1"), actor: "okafor", asOf: "2026-03-12")
        try sandbox.refused(64, submit(["--wellbeing", "good"]), actor: actor, asOf: "2026-03-12")
    }

    // MARK: overdue, show, audit verify

    @Test func overdueListsByCaseload() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        // As of 2026-03-20 both have missed their first interview (due 2026-03-05).
        let mine = try sandbox.overdue(actor: "okafor", asOf: "2026-03-20")
        #expect(!mine.isEmpty)
        #expect(mine.allSatisfy { $0.string("officer") == "okafor" })
        let all = try sandbox.overdue(actor: "sutherland", asOf: "2026-03-20")
        #expect(Set(all.compactMap { $0.string("caseRef") }) == ["A-1", "B-2"])
        let patels = try sandbox.overdue(actor: "sutherland", asOf: "2026-03-20", officer: "patel")
        #expect(patels.allSatisfy { $0.string("caseRef") == "B-2" } && !patels.isEmpty)
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-03-20", officer: "okafor").count == mine.count)
        // Life-log (high: every 7 days, first 03-09): 03-16 is the latest closed window as of 03-20.
        let lifeLog = all.items("life-log").filter { $0.string("caseRef") == "B-2" }
        #expect(lifeLog.first?.string("dueOn") == "2026-03-16")
        #expect(lifeLog.first?.int("daysOverdue") == 2)
        try sandbox.refused(77, ["overdue", "--officer", "patel"], actor: "okafor", asOf: "2026-03-20")
        try sandbox.refused(77, ["overdue"], actor: "root", asOf: "2026-03-20")
        try sandbox.refused(77, ["overdue"], actor: "supervisee:A-1", asOf: "2026-03-20")
        try sandbox.refused(77, ["overdue"], asOf: "2026-03-20")
        try sandbox.refused(65, ["overdue", "--officer", "bad id!"], actor: "sutherland", asOf: "2026-03-20")
        // Before the terms start, nothing is overdue.
        let none = try sandbox.ok(["overdue"], actor: "sutherland", asOf: "2026-03-01")
        #expect(none.stdout.contains("(nothing overdue)"))
    }

    @Test func showRecord() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let id = try sandbox.schedule("A-1", at: "2026-03-04T10:00", asOf: "2026-03-02")
        try sandbox.ok(["interview", "log", String(id), "--outcome", "attended"], actor: "okafor", asOf: "2026-03-04T11:00")
        let record = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor", asOf: "2026-03-20").object()
        let person = try #require(record["person"] as? [String: Any])
        #expect(person.string("caseRef") == "A-1")
        #expect(person.string("name") == "Amira Okoye")
        #expect(person.string("born") == "1990-01-01")
        let terms = try #require(record["terms"] as? [[String: Any]])
        #expect(terms.count == 1)
        #expect(terms.first?.string("status") == "open")
        #expect(terms.first?.string("endsOn") == "2027-03-01")
        let timeline = try #require(record["timeline"] as? [[String: Any]])
        #expect(timeline.contains { $0.string("kind") == "interview" && ($0.string("text") ?? "").contains("attended") })
        #expect(timeline.contains { $0.string("kind") == "life-log-missed" })
        let table = try sandbox.ok(["show", "--case-ref", "A-1"], actor: "okafor", asOf: "2026-03-20")
        #expect(table.stdout.hasPrefix("A-1  Amira Okoye  born 1990-01-01"))
        let csv = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "csv"], actor: "okafor", asOf: "2026-03-20")
        #expect(csv.stdout.hasPrefix("date,at,kind,text\n"))
        try sandbox.refused(66, ["show", "--case-ref", "A-9"], actor: "okafor", asOf: "2026-03-20")
        try sandbox.refused(65, ["show", "--case-ref", "A 1"], actor: "okafor", asOf: "2026-03-20")
        try sandbox.refused(64, ["show"], actor: "okafor", asOf: "2026-03-20")
    }

    @Test func auditVerifyOnAFreshScenario() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let report = try sandbox.ok(["audit", "verify", "--format", "json"]).object()
        #expect(report["intact"] as? Bool == true)
        // init (2) + 4 officers + 2 × (person.add + term.register)
        #expect(report.int("entries") == 10)
        #expect(report["firstBadEntry"] == nil || report["firstBadEntry"] is NSNull)
    }

    // MARK: actors

    /// docs/roles.md §1: without a known, active actor nothing changes (77), for every command that
    /// changes data.
    @Test func actorsMustBeKnownAndActive() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        try sandbox.sql("UPDATE officer SET active = 0 WHERE id IN ('patel', 'clerk')")
        let commands: [[String]] = [
            Fixtures.register("C-3", released: "2026-04-01", officer: "patel"),
            ["interview", "schedule", "--case-ref", "B-2", "--at", "2026-04-02T10:00"],
            ["lifelog", "submit", "--case-ref", "B-2"],
            ["term", "level", "--case-ref", "B-2", "--level", "low"],
            ["show", "--case-ref", "B-2"],
            ["overdue"],
        ]
        for command in commands {
            for actor in [nil, "", "ghost", "patel", "supervisee:NOPE-1"] {
                let result = try sandbox.refused(77, command, actor: actor, asOf: "2026-04-01")
                #expect(!result.stderr.isEmpty)
            }
        }
        try sandbox.refused(77, ["officer", "add", "--id", "x", "--name", "X", "--role", "officer"], actor: "clerk")
        try sandbox.refused(77, ["holiday", "add", "2026-12-25"], actor: "clerk")
        // The environment variable names the actor when --actor is absent.
        let viaEnvironment = try sandbox.run(["show", "--case-ref", "A-1"], asOf: "2026-04-01",
                                             environment: ["CASELOAD_ACTOR": "okafor"])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment)")
        let refusedViaEnvironment = try sandbox.run(["show", "--case-ref", "A-1"], asOf: "2026-04-01",
                                                    environment: ["CASELOAD_ACTOR": "patel"])
        #expect(refusedViaEnvironment.status == 77)
    }
}
