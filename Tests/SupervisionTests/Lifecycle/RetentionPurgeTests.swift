import SupervisionRules
import Foundation
import Storage
import Testing
@testable import Supervision

@Suite("Retention: purging personal data past the retention period (docs/lifecycle.md §15)")
struct RetentionPurgeTests {
    @Test("the cutoff: a term must have ended more than N years before the as-of date")
    func cutoffRule() throws {
        let today = try #require(LocalDate(iso: "2030-06-15"))
        #expect(RetentionRules.cutoff(asOf: today, years: 5).description == "2025-06-14")
        let leap = try #require(LocalDate(iso: "2028-02-29"))
        #expect(RetentionRules.cutoff(asOf: leap, years: 1).description == "2027-02-27")
        let ends = ["2025-06-14", "2020-01-01"].compactMap { LocalDate(iso: $0) }
        #expect(RetentionRules.isDue(termEnds: ends, asOf: today, years: 5))
        #expect(!RetentionRules.isDue(termEnds: ends + [LocalDate(iso: "2025-06-15")!], asOf: today, years: 5))
        #expect(!RetentionRules.isDue(termEnds: [], asOf: today, years: 5))
    }

    @Test("setting the period is an admin's, 1 to 100 years; with none set a purge erases nothing")
    func settingAndUnset() throws {
        let f = try UseCaseFixture()
        try f.register("A-1", released: "2020-01-06", months: 6)
        let purge = try f.caseload.purgeRetention(dryRun: false, actorID: "admin", now: try f.at("2030-01-01T09:00"))
        #expect(purge.retentionYears == nil && purge.people == 0)
        #expect(try f.strings("SELECT name FROM person") == ["Alex Example"])
        try f.expectRefused(.notPermitted) {
            try f.caseload.setRetention(years: 5, actorID: "sup", now: try f.at("2030-01-01T09:00"))
        }
        for years in [0, 101] {
            try f.expectRefused(.invalidInput) {
                try f.caseload.setRetention(years: years, actorID: "admin", now: try f.at("2030-01-01T09:00"))
            }
        }
        try f.expectRefused(.notPermitted) {
            try f.caseload.purgeRetention(dryRun: false, actorID: "sup", now: try f.at("2030-01-01T09:00"))
        }
        #expect(try f.caseload.setRetention(years: 6, actorID: "admin", now: try f.at("2030-01-01T09:00")).retentionYears == 6)
        #expect(try f.auditActions().last == "retention.set")
    }

    static let name = "Zebulon Quartermaine"
    static let born = "1961-07-23"
    static let phrase = "pigeon-fancier allotment"
    static let latitudes = [53.4812345, 53.4712345, 53.4612345, 53.4512345]
    static let longitudes = [-2.2412345, -2.2312345, -2.2212345, -2.2112345]

    /// An agency file with QX-7781 (one term, long finished, one of each kind of record) and K-2
    /// (an open term).
    static func agency(_ folder: ScratchFolder) throws -> (Caseload, String, AgencyZone) {
        let path = folder.file("agency.sqlite")
        let zone = try #require(AgencyZone(identifier: "Europe/London"))
        func at(_ text: String) throws -> Instant { try instant(text, zone) }
        _ = try Caseload.initialize(path: path, timeZone: "Europe/London", agencyName: nil, adminID: "admin",
                                    now: try at("2019-12-01T09:00"))
        let c = try Caseload.open(path: path)
        _ = try c.addOfficer(id: "ok1", name: "Olive Officer", role: .officer, actorID: "admin", now: try at("2019-12-01T09:00"))
        _ = try c.addOfficer(id: "sup", name: "Sue Supervisor", role: .supervisor, actorID: "admin", now: try at("2019-12-01T09:00"))
        _ = try c.register(ReleaseRegistration(caseRef: "QX-7781", name: name, born: born, released: "2020-01-06", months: 6,
                                               level: "medium", officer: "ok1", home: "\(latitudes[0]),\(longitudes[0])"),
                           actorID: "ok1", now: try at("2020-01-06T09:00"))
        _ = try c.register(ReleaseRegistration(caseRef: "K-2", name: "Keeper Person", born: "1970-01-01",
                                               released: "2026-01-05", months: 12, level: "low", officer: "ok1"),
                           actorID: "ok1", now: try at("2026-01-05T09:00"))
        _ = try c.submitLifeLog(LifeLogSubmission(caseRef: "QX-7781", at: "2020-01-14T10:00", residence: "above the \(phrase)",
                                                  locations: ["\(latitudes[1]),\(longitudes[1]),10"]),
                                actorID: "supervisee:QX-7781", now: try at("2020-01-14T10:00"))
        _ = try c.addRestriction(RestrictionRequest(kind: .exclusion, caseRef: "QX-7781",
                                                    circle: "\(latitudes[2]),\(longitudes[2]),200",
                                                    name: "Near the \(phrase)", reason: "victim lives by the \(phrase)"),
                                 actorID: "ok1", now: try at("2020-01-07T09:00"))
        _ = try c.reportLocation(LocationReportRequest(caseRef: "QX-7781", at: "2020-01-15T12:00", latitude: latitudes[3],
                                                       longitude: longitudes[3], source: "officer"),
                                 actorID: "ok1", now: try at("2020-01-15T12:00"))
        let made = try c.scheduleInterviews(InterviewScheduleRequest(caseRef: "QX-7781", at: "2020-01-08T10:00"),
                                            actorID: "ok1", now: try at("2020-01-06T09:00"))
        _ = try c.logOutcome(OutcomeRequest(appointmentId: made[0].id!, outcome: "attended",
                                            notes: "talked about the \(phrase)"),
                             actorID: "ok1", now: try at("2020-01-08T12:00"))
        _ = try c.changeLevel(caseRef: "QX-7781", level: "high", reason: "seen near the \(phrase)", actorID: "ok1",
                              now: try at("2020-01-16T09:00"))
        _ = try c.show(caseRef: "QX-7781", actorID: "sup", now: try at("2020-02-01T09:00"))
        _ = try c.setRetention(years: 5, actorID: "admin", now: try at("2026-06-01T09:00"))
        return (c, path, zone)
    }

    /// The file and its WAL as bytes.
    static func fileBytes(_ path: String) -> [UInt8] {
        [path, path + "-wal"].flatMap { (FileManager.default.contents(atPath: $0)).map(Array.init) ?? [] }
    }

    static func erasedValues() -> [(String, [UInt8])] {
        var values: [(String, [UInt8])] = [name, "Zebulon", "Quartermaine", born, phrase, "pigeon-fancier", "QX-7781"].map { ($0, Array($0.utf8)) }
        for coordinate in latitudes + longitudes {
            values.append(("\(coordinate) as text", Array("\(coordinate)".utf8)))
            // SQLite stores a REAL as an 8-byte big-endian IEEE double.
            values.append(("\(coordinate) as stored", withUnsafeBytes(of: coordinate.bitPattern.bigEndian, Array.init)))
        }
        return values
    }

    @Test("a purge leaves none of the erased values in the file or its WAL, keeps the residue, and the chain verifies")
    func purgeErasesEverywhere() throws {
        let folder = try ScratchFolder()
        let (c, path, zone) = try Self.agency(folder)
        let asOf = try instant("2026-06-01T10:00", zone)
        #expect(try c.verifyAudit().firstBadSeq == nil)
        let before = Self.fileBytes(path)
        for (label, bytes) in Self.erasedValues() where !label.contains(" as ") {
            #expect(contains(before, bytes), "the fixture should hold \(label) before the purge")
        }

        let dry = try c.purgeRetention(dryRun: true, actorID: "admin", now: asOf)
        #expect(dry.people == 1 && dry.caseRefs == ["QX-7781"] && dry.cutoff == "2021-05-31")
        #expect(try c.database.read { try $0.scalar("SELECT name FROM person WHERE case_ref = 'QX-7781'") as String? } == Self.name)

        let receipt = try c.purgeRetention(dryRun: false, actorID: "admin", now: asOf)
        #expect(receipt.people == 1 && receipt.auditEntriesErased >= 8)
        #expect(try c.verifyAudit().firstBadSeq == nil)

        let after = Self.fileBytes(path)
        for (label, bytes) in Self.erasedValues() {
            #expect(!contains(after, bytes), "\(label) is still in the database file or its WAL")
        }
        // The residue: the person, term dates, level history, entries, counts; the other person untouched.
        let residue: [String] = try c.database.read { db in
            [try db.scalar("SELECT case_ref || '|' || name || '|' || born_on || '|' || erased_on FROM person WHERE id = 1") ?? "",
             try db.scalar("SELECT starts_on || '|' || ends_on || '|' || level FROM supervision_term WHERE person_id = 1") ?? "",
             try db.scalar("SELECT count(*) || '|' || group_concat(level) FROM term_level_change WHERE term_id = 1") ?? "",
             try db.scalar("SELECT count(*) || '|' || ifnull(residence, '-') FROM life_log_entry") ?? "",
             try db.scalar("SELECT location_reports || '|' || restrictions FROM retention_residue") ?? "",
             try db.scalar("SELECT count(*) FROM location_report") .map { "\($0 as Int)" } ?? "",
             try db.scalar("SELECT name FROM person WHERE case_ref = 'K-2'") ?? ""]
        }
        #expect(residue == ["erased:1|[erased]|0001-01-01|2026-06-01", "2020-01-06|2020-07-05|high", "2|medium,high",
                            "1|-", "2|{\"exclusion\":1}", "0", "Keeper Person"])
        let last: String = try c.database.read { try $0.scalar("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") ?? "" }
        #expect(last == "retention.purge")
        // The erased person can no longer act or be named as a supervisee.
        #expect(throws: CaseloadError.self) {
            try c.show(caseRef: "erased:1", actorID: "supervisee:erased:1", now: asOf)
        }
        // A second purge finds nobody.
        #expect(try c.purgeRetention(dryRun: false, actorID: "admin", now: asOf).people == 0)
    }

    @Test("after a purge, editing any remaining entry, kept or erased, still fails `audit verify`")
    func tamperingStillDetected() throws {
        let folder = try ScratchFolder()
        let (c, path, zone) = try Self.agency(folder)
        _ = try c.purgeRetention(dryRun: false, actorID: "admin", now: try instant("2026-06-01T10:00", zone))
        let raw = try Connection(path: path)
        try raw.executeScript("DROP TRIGGER audit_log_is_append_only_update")
        let kept: Int64 = try #require(try raw.scalar("SELECT seq FROM audit_log WHERE action = 'officer.add' AND entity_id = 'ok1'"))
        let erased: Int64 = try #require(try raw.scalar("SELECT min(seq) FROM audit_log WHERE nonce IS NULL"))
        let tamperings: [(String, Int64)] = [
            ("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?", kept),
            ("UPDATE audit_log SET details = '{\"name\":\"Someone\",\"role\":\"officer\"}' WHERE seq = ?", kept),
            ("UPDATE audit_log SET action = 'record.read' WHERE seq = ?", erased),
            ("UPDATE audit_log SET details = '{\"name\":\"Slipped In\"}' WHERE seq = ?", erased),
            ("UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = ?", erased),
        ]
        for (sql, seq) in tamperings {
            let original = try raw.fetchOne("SELECT actor, action, at, details FROM audit_log WHERE seq = ?", [seq]) {
                [try $0.get(0) as String, try $0.get(1) as String, try $0.get(2) as String, try $0.get(3) as String]
            }!
            try raw.execute(sql, [seq])
            #expect(try c.verifyAudit().firstBadSeq == seq, "\(sql) on entry \(seq) was not detected")
            try raw.execute("UPDATE audit_log SET actor = ?, action = ?, at = ?, details = ? WHERE seq = ?",
                            [original[0], original[1], original[2], original[3], seq])
            #expect(try c.verifyAudit().firstBadSeq == nil)
        }
    }

    @Test("entries written before the erasable form verify as before, and init re-chains them, audited; a broken legacy chain is refused")
    func legacyEntriesRechained() throws {
        let connection = try Connection(path: ":memory:")
        _ = try Caseload.migrator.migrate(connection, now: "2026-01-01T00:00:00Z")
        var prev = AuditLog.genesisHash
        for seq in Int64(1)...3 {
            let details = AuditLog.encode(["name": "Legacy Person \(seq)"])
            let hash = AuditLog.entryHash(prevHash: prev, seq: seq, at: "2025-01-01T00:00:00Z", actor: "admin",
                                          action: "person.add", entity: "person", entityID: "L-\(seq)", details: details)
            try connection.execute("""
                INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash)
                VALUES (?, '2025-01-01T00:00:00Z', 'admin', 'person.add', 'person', ?, ?, ?, ?)
                """, [seq, "L-\(seq)", details, prev, hash])
            prev = hash
        }
        #expect(try AuditLog.verify(connection).firstBadSeq == nil)
        // A new-form entry after legacy ones chains on.
        try AuditLog.append(connection, at: Instant(secondsSinceEpoch: 1_760_000_000), actor: "admin",
                            action: "holiday.add", entity: "holiday", entityID: "2026-12-25")
        #expect(try AuditLog.verify(connection).firstBadSeq == nil)

        let broken = try Connection(path: ":memory:")
        _ = try Caseload.migrator.migrate(broken, now: "2026-01-01T00:00:00Z")
        try broken.execute("""
            INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash)
            VALUES (1, 'x', 'admin', 'a', 'e', '1', '{}', ?, 'not-a-hash')
            """, [AuditLog.genesisHash])
        #expect(throws: CaseloadError.self) {
            try broken.write { try AuditLog.upgradeLegacyEntries(broken, at: Instant(secondsSinceEpoch: 1_760_000_000)) }
        }
        #expect(try broken.scalar("SELECT count(*) FROM audit_log WHERE digest IS NULL") == 1)

        let rewritten = try connection.write {
            try AuditLog.upgradeLegacyEntries(connection, at: Instant(secondsSinceEpoch: 1_760_000_100))
        }
        #expect(rewritten == 4)   // the three legacy entries and the new-form one chained after them
        #expect(try connection.scalar("SELECT count(*) FROM audit_log WHERE digest IS NULL") == 0)
        #expect(try AuditLog.verify(connection).firstBadSeq == nil)
        let last = try connection.fetchOne("SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1") {
            [try $0.get(0) as String, try $0.get(1) as String]
        }
        #expect(last?[0] == "audit.rechain")
        #expect(last?[1].contains("\"legacyHead\":\"4:") == true)
        // The rewritten entries can now be erased, and the chain still verifies.
        try connection.write {
            try connection.execute("INSERT INTO lifecycle_permit (id) VALUES (1)")
            try AuditLog.erase(connection, seqs: [2])
            try connection.execute("DELETE FROM lifecycle_permit")
        }
        #expect(try connection.scalar("SELECT details FROM audit_log WHERE seq = 2") == AuditLog.erasedDetails)
        #expect(try AuditLog.verify(connection).firstBadSeq == nil)
        // Without the permit the log stays append-only.
        #expect(throws: (any Error).self) { try connection.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1") }
    }

    @Test("a reader that keeps the WAL from being emptied leaves the scrub pending; the next purge finishes it")
    func scrubWaitsForReaders() throws {
        let folder = try ScratchFolder()
        let (c, path, zone) = try Self.agency(folder)
        let asOf = try instant("2026-06-01T10:00", zone)
        let reader = try Connection(path: path)
        try reader.executeScript("BEGIN")
        let seen: Int = try reader.scalar("SELECT count(*) FROM person") ?? 0
        #expect(seen == 2)
        let first = try c.purgeRetention(dryRun: false, actorID: "admin", now: asOf)
        #expect(first.people == 1 && !first.fileScrubbed)
        #expect(try c.database.read { try $0.scalar("SELECT scrub_pending FROM retention_setting") as Int? } == 1)
        try reader.executeScript("COMMIT")
        let second = try c.purgeRetention(dryRun: false, actorID: "admin", now: asOf)
        #expect(second.people == 0 && second.fileScrubbed)
        let after = Self.fileBytes(path)
        for (label, bytes) in Self.erasedValues() {
            #expect(!contains(after, bytes), "\(label) is still in the database file or its WAL")
        }
        #expect(try c.verifyAudit().firstBadSeq == nil)
    }


    @Test("init on a database from before migration 0012 migrates it and re-chains its entries, which then verify and can be erased")
    func initUpgradesAnOldDatabase() throws {
        let folder = try ScratchFolder()
        let path = folder.file("old.sqlite")
        do {
            // A database as the previous release left it: schema up to 0011, legacy entries.
            let connection = try Connection(path: path)
            _ = try Migrator(migrations: Caseload.migrations.filter { $0.version < 12 }).migrate(connection, now: "2025-01-01T00:00:00Z")
            try connection.execute("INSERT INTO agency (id, name, time_zone, created_at) VALUES (1, 'Old agency', 'UTC', '2025-01-01T00:00:00Z')")
            try connection.execute("INSERT INTO officer (id, name, role, active, created_at) VALUES ('root', 'Root', 'admin', 1, '2025-01-01T00:00:00Z')")
            var prev = AuditLog.genesisHash
            for (seq, details) in [(Int64(1), "{\"name\":\"Old agency\"}"), (2, "{\"role\":\"admin\"}")] {
                let hash = AuditLog.entryHash(prevHash: prev, seq: seq, at: "2025-01-01T00:00:00Z", actor: "system",
                                              action: "agency.init", entity: "agency", entityID: "1", details: details)
                try connection.execute("""
                    INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash)
                    VALUES (?, '2025-01-01T00:00:00Z', 'system', 'agency.init', 'agency', '1', ?, ?, ?)
                    """, [seq, details, prev, hash])
                prev = hash
            }
        }
        #expect(throws: CaseloadError.self) { try Caseload.open(path: path) }
        let receipt = try Caseload.initialize(path: path, timeZone: nil, agencyName: nil, adminID: nil,
                                              now: Instant(secondsSinceEpoch: 1_770_000_000))
        #expect(receipt.appliedMigrations.count >= 2)
        let c = try Caseload.open(path: path)
        #expect(try c.verifyAudit() == AuditLog.Verification(entries: 3, firstBadSeq: nil, problem: nil))
        let actions: [String] = try c.database.read { db in
            try db.fetchAll("SELECT action || ':' || (digest IS NOT NULL) FROM audit_log ORDER BY seq") { try $0.get(0) }
        }
        #expect(actions == ["agency.init:1", "agency.init:1", "audit.rechain:1"])
        // Running init again changes nothing more.
        _ = try Caseload.initialize(path: path, timeZone: nil, agencyName: nil, adminID: nil,
                                    now: Instant(secondsSinceEpoch: 1_770_000_100))
        #expect(try c.verifyAudit().entries == 3)
    }


    @Test("audit nonces are 128 random bits in lower-case hex")
    func nonces() {
        let nonces = (0..<50).map { _ in AuditLog.makeNonce() }
        #expect(Set(nonces).count == 50)
        #expect(nonces.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }

}
