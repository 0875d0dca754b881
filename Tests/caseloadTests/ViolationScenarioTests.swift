import SupervisionRules
import Foundation
import Testing

/// docs/restrictions.md §6 and docs/violations.md §7 end to end: each violation kind from an empty agency built with commands
/// (register, restrictions, location reports, outcomes, life-log entries), then `violations`
/// as of a chosen instant must list exactly the expected violations with their kind, severity,
/// date and an explanation that carries the facts. Also `scan`'s idempotence, the review of a
/// violation, `show`, negative coordinates on the command line, and a copied executable.
///
/// Every scenario: agency in UTC (Fixtures.staff), A-1 released on Monday 2026-03-02, medium
/// (interview every 14 days, life-log every 7: first due 2026-03-09), on okafor's caseload.
@Suite struct ViolationScenarioTests {
    /// Home of A-1 in these scenarios (central London), and points at known distances from it.
    static let home = (lat: 51.5074, lon: -0.1278)

    // MARK: missed-interview

    @Test func missedInterview() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1()
        // Wed 03-04 and Thu 03-05 at 10:00.
        try sandbox.ok(["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--repeat", "2",
                        "--every", "1"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["interview", "log", "1", "--outcome", "unacceptable-absence"], actor: "okafor",
                       asOf: "2026-03-04T12:00")
        let logged = try sandbox.ok(["interview", "log", "2", "--outcome", "failed-to-attend", "--format", "json"],
                                    actor: "okafor", asOf: "2026-03-05T12:00").object()
        // Five business days after Thu 03-05: Thu 03-12 is the window's last day.
        #expect(logged.string("evidenceWindowEndsOn") == "2026-03-12")
        // The life-log due 03-09 is submitted, so only interviews can be missed here.
        try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1"], actor: "supervisee:A-1", asOf: "2026-03-09T09:00")

        let first = try sandbox.violations(asOf: "2026-03-05T12:00")
        #expect(summary(first) == ["missed-interview medium 2026-03-04 open"])
        let unacceptable = first.first?.string("explanation") ?? ""
        #expect(unacceptable.contains("interview 1"), "\(unacceptable)")
        #expect(unacceptable.contains("2026-03-04 at 10:00"), "\(unacceptable)")
        #expect(unacceptable.contains("unacceptable absence"), "\(unacceptable)")

        // Inside its evidence window (to the end of its last day) a failed-to-attend is no violation.
        #expect(summary(try sandbox.violations(asOf: "2026-03-12")) == ["missed-interview medium 2026-03-04 open"])
        // Past it, it counts as an unacceptable absence, dated on the appointment's day.
        let later = try sandbox.violations(asOf: "2026-03-13T00:00")
        #expect(summary(later) == ["missed-interview medium 2026-03-04 open", "missed-interview medium 2026-03-05 open"])
        let failed = later.last?.string("explanation") ?? ""
        #expect(failed.contains("failed to attend interview 2 on 2026-03-05 at 10:00"), "\(failed)")
        #expect(failed.contains("2026-03-12"), "\(failed)")
    }

    // MARK: missed-life-log

    @Test func missedLifeLog() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1()
        // 03-10 fills the due date 03-09; nothing for 03-16 (window 03-16 to 03-18).
        let entry = try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1", "--format", "json"],
                                   actor: "supervisee:A-1", asOf: "2026-03-10T18:00").object()
        #expect(entry.string("filledDueOn") == "2026-03-09")
        #expect(try sandbox.violations(asOf: "2026-03-18").isEmpty)
        let rows = try sandbox.violations(asOf: "2026-03-19T08:00")
        #expect(summary(rows) == ["missed-life-log low 2026-03-16 open"])
        let text = rows.first?.string("explanation") ?? ""
        #expect(text.contains("life-log due 2026-03-16"), "\(text)")
        #expect(text.contains("2026-03-18"), "\(text)")
    }

    // MARK: curfew

    /// A 22:00–05:00 curfew crosses midnight: 23:30 and 02:00 far from home are breaches (the
    /// 02:00 one in the window that began the evening before); 21:59 and 05:00 are outside the
    /// window; a report at home is no breach, nor is a far one that is only within its accuracy,
    /// nor a low-accuracy one (1,500 m), which `show` marks as such.
    @Test func curfew() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1(home: "51.5074,-0.1278")
        let added = try sandbox.ok(["restriction", "add", "curfew", "--case-ref", "A-1", "--from", "22:00", "--to", "05:00",
                                    "--format", "json"], actor: "okafor", asOf: "2026-03-02").object()
        #expect(added.string("summary")?.contains("curfew 22:00–05:00 every day, home 51.5074,-0.1278 ±100 m") == true,
                "\(added)")
        #expect(added.string("startsOn") == "2026-03-02")
        let far = (lat: "51.5164", lon: "-0.1278")            // about 1,001 m north of home
        let nearHome = (lat: "51.5078", lon: "-0.1278")       // about 44 m
        try sandbox.report(at: "2026-03-03T21:59", far.lat, far.lon)
        try sandbox.report(at: "2026-03-03T23:30", far.lat, far.lon)
        try sandbox.report(at: "2026-03-03T23:45", nearHome.lat, nearHome.lon)
        try sandbox.report(at: "2026-03-04T02:00", far.lat, far.lon, accuracy: "50")
        try sandbox.report(at: "2026-03-04T03:00", far.lat, far.lon, accuracy: "950")   // 100 + 950 > 1,001
        try sandbox.report(at: "2026-03-04T05:00", far.lat, far.lon)
        let low = try sandbox.report(at: "2026-03-04T23:00", "51.6", "-0.3", accuracy: "1500")
        #expect(low["lowAccuracy"] as? Bool == true)

        let rows = try sandbox.violations(asOf: "2026-03-05T09:00")
        #expect(summary(rows) == ["curfew medium 2026-03-03 open", "curfew medium 2026-03-04 open"])
        let distance = metres(from: Self.home, to: (51.5164, -0.1278))
        #expect(distance == 1001)
        let evening = rows.first?.string("explanation") ?? ""
        #expect(evening.hasPrefix("report at 23:30, \(distance) m from home, curfew 22:00–05:00"), "\(evening)")
        #expect(evening.contains("tolerance 100 m"), "\(evening)")
        let night = rows.last?.string("explanation") ?? ""
        #expect(night.hasPrefix("report at 02:00, \(distance) m from home, curfew 22:00–05:00 that began on 2026-03-03"),
                "\(night)")
        #expect(night.contains("accuracy 50 m"), "\(night)")

        // show: the restriction, each violation with its reason, the low-accuracy report marked.
        let record = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor",
                                    asOf: "2026-03-05T09:00").object()
        let restrictions = record["restrictions"] as? [String] ?? []
        #expect(restrictions.count == 1)
        #expect(restrictions.first?.contains("curfew 22:00–05:00") == true, "\(restrictions)")
        let timeline = record["timeline"] as? [[String: Any]] ?? []
        let violationTexts = timeline.filter { $0.string("kind") == "violation" }.compactMap { $0.string("text") }
        #expect(violationTexts.count == 2, "\(timeline)")
        #expect(violationTexts.first?.contains("report at 23:30, \(distance) m from home, curfew 22:00–05:00") == true,
                "\(violationTexts)")
        let locations = timeline.filter { $0.string("kind") == "location" }
        #expect(locations.count == 7)
        let lowTexts = locations.compactMap { $0.string("text") }.filter { $0.contains("low-accuracy") }
        #expect(lowTexts.count == 1, "\(locations)")
        #expect(lowTexts.first?.contains("accuracy 1500 m") == true, "\(lowTexts)")
        // The table form says it too.
        let table = try sandbox.ok(["show", "--case-ref", "A-1"], actor: "okafor", asOf: "2026-03-05T09:00").stdout
        #expect(table.contains("low-accuracy"))
        #expect(table.contains("Restrictions"))
    }

    // MARK: exclusion-zone

    @Test func exclusionZone() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1()
        try sandbox.ok(["restriction", "add", "exclusion", "--case-ref", "A-1", "--circle", "51.52,-0.10,200",
                        "--name", "Victim's street"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.report(at: "2026-03-03T14:10", "51.52", "-0.10")               // the centre: 200 m inside
        try sandbox.report(at: "2026-03-03T15:00", "51.5209", "-0.10", accuracy: "150")   // ~100 m inside, ±150
        try sandbox.report(at: "2026-03-03T16:00", "51.53", "-0.10")               // ~1 km outside
        let rows = try sandbox.violations(asOf: "2026-03-04")
        #expect(summary(rows) == ["exclusion-zone high 2026-03-03 open"])
        let text = rows.first?.string("explanation") ?? ""
        #expect(text.contains("report at 14:10 inside exclusion zone \"Victim's street\""), "\(text)")
        #expect(text.contains("200 m inside"), "\(text)")
    }

    // MARK: outside-permitted-area

    /// Outside the permitted area is a breach, except on a day a travel permit covers: without a
    /// destination the whole day, with one only inside the destination.
    @Test func outsidePermittedArea() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1()
        try sandbox.ok(["restriction", "add", "inclusion", "--case-ref", "A-1", "--circle", "51.5074,-0.1278,10000",
                        "--name", "Greater London"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "travel-permit", "--case-ref", "A-1", "--from", "2026-03-04", "--to",
                        "2026-03-04", "--reason", "funeral"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "travel-permit", "--case-ref", "A-1", "--from", "2026-03-06", "--to",
                        "2026-03-06", "--circle", "52.2053,0.1218,3000", "--reason", "job interview"],
                       actor: "okafor", asOf: "2026-03-02")
        let cambridge = (lat: "52.2053", lon: "0.1218")
        for day in ["03", "04", "05", "06"] {
            try sandbox.report(at: "2026-03-\(day)T12:00", cambridge.lat, cambridge.lon)
        }
        try sandbox.report(at: "2026-03-06T15:00", "53.48", "-2.24")    // Manchester: not the destination
        try sandbox.report(at: "2026-03-07T09:00", "51.5", "-0.12")     // back home in London
        let rows = try sandbox.violations(asOf: "2026-03-07T10:00")
        #expect(summary(rows) == ["outside-permitted-area medium 2026-03-03 open",
                                  "outside-permitted-area medium 2026-03-05 open",
                                  "outside-permitted-area medium 2026-03-06 open"])
        let outside = metres(from: Self.home, to: (52.2053, 0.1218)) - 10000
        let first = rows.first?.string("explanation") ?? ""
        #expect(first.contains("report at 12:00 outside permitted area \"Greater London\" (\(outside) m outside"), "\(first)")
        let manchester = rows.last?.string("explanation") ?? ""
        #expect(manchester.contains("report at 15:00"), "\(manchester)")
        #expect(manchester.contains("destination of travel permit"), "\(manchester)")
    }

    // MARK: no-contact

    /// Low level (life-log every 14 days: due 03-16, 03-30). The last contact is an officer's
    /// sighting on 03-03: 29 days later nothing, 30 days later a high no-contact violation.
    @Test func noContact() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1(level: "low")
        try sandbox.report(at: "2026-03-03T10:00", "51.5", "-0.12")
        let before = try sandbox.violations(asOf: "2026-04-01")
        #expect(summary(before) == ["missed-life-log low 2026-03-16 open"])
        let rows = try sandbox.violations(asOf: "2026-04-02T08:00")
        #expect(summary(rows) == ["missed-life-log low 2026-03-16 open", "missed-life-log low 2026-03-30 open",
                                  "no-contact high 2026-04-02 open"])
        let text = rows.last?.string("explanation") ?? ""
        #expect(text.contains("30 days"), "\(text)")
        #expect(text.contains("2026-03-03"), "\(text)")
        // A later scan does not add a second violation for the same silence.
        #expect(summary(try sandbox.violations(asOf: "2026-04-05")).filter { $0.hasPrefix("no-contact") }.count == 1)
    }

    // MARK: scan

    @Test func scanIsIdempotent() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1(home: "51.5074,-0.1278")
        try sandbox.ok(["restriction", "add", "curfew", "--case-ref", "A-1", "--from", "22:00", "--to", "05:00"],
                       actor: "okafor", asOf: "2026-03-02")
        try sandbox.report(at: "2026-03-03T23:30", "51.5164", "-0.1278")
        try sandbox.report(at: "2026-03-04T23:30", "51.5164", "-0.1278")
        let asOf = "2026-03-12T10:00"   // also: the life-log due 03-09 was missed
        let first = try sandbox.ok(["scan", "--format", "json"], actor: "okafor", asOf: asOf).object()
        #expect(first.int("detected") == 3, "\(first)")
        #expect((first["detectedByKind"] as? [String: Any])?.count == 2, "\(first)")
        let table = try sandbox.sql(".dump violation")
        let everything = try sandbox.dump()
        let second = try sandbox.ok(["scan", "--format", "json"], actor: "okafor", asOf: asOf).object()
        #expect(second.int("detected") == 0, "\(second)")
        #expect(try sandbox.sql(".dump violation") == table)
        #expect(try sandbox.dump() == everything, "a scan that found nothing new changed the database")
        // `violations` scans too, and adds nothing either.
        #expect(try sandbox.violations(asOf: asOf).count == 3)
        #expect(try sandbox.sql(".dump violation") == table)

        // Later, only what is new is added, and the earlier rows stay as they were.
        try sandbox.report(at: "2026-03-13T01:00", "51.5164", "-0.1278")
        let later = try sandbox.ok(["scan", "--format", "json"], actor: "okafor", asOf: "2026-03-13T08:00").object()
        #expect(later.int("detected") == 1, "\(later)")
        #expect((later["detectedByKind"] as? [String: Any])?.int("curfew") == 1, "\(later)")
        let rows = try sandbox.sql("SELECT id, kind, occurred_on, status FROM violation ORDER BY id")
        #expect(rows == """
            1|missed-life-log|2026-03-09|open
            2|curfew|2026-03-03|open
            3|curfew|2026-03-04|open
            4|curfew|2026-03-13|open
            """)
        let oldRows = table.split(separator: "\n").filter { $0.hasPrefix("INSERT") }
        let newDump = try sandbox.sql(".dump violation")
        let kept = oldRows.allSatisfy { newDump.contains($0) }
        #expect(oldRows.count == 3 && kept, "\(oldRows)\n\(newDump)")
    }

    // MARK: review

    @Test func reviewingAViolation() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1()
        try sandbox.ok(["restriction", "add", "exclusion", "--case-ref", "A-1", "--circle", "51.52,-0.10,200"],
                       actor: "okafor", asOf: "2026-03-02")
        for hour in ["10", "11", "12"] {
            try sandbox.report(at: "2026-03-03T\(hour):00", "51.52", "-0.10")
        }
        let asOf = "2026-03-04T09:00"
        #expect(try sandbox.violations(asOf: asOf).count == 3)

        let confirmed = try sandbox.ok(["violation", "confirm", "1", "--format", "json"], actor: "okafor", asOf: asOf).object()
        #expect(confirmed.string("status") == "confirmed")
        try sandbox.refused(65, ["violation", "dismiss", "2"], actor: "okafor", asOf: asOf)
        try sandbox.refused(65, ["violation", "dismiss", "2", "--reason", "   "], actor: "okafor", asOf: asOf)
        let dismissed = try sandbox.ok(["violation", "dismiss", "2", "--reason", "tag fault, confirmed by provider",
                                        "--format", "json"], actor: "okafor", asOf: asOf).object()
        #expect(dismissed.string("status") == "dismissed")
        // A review is final.
        try sandbox.refused(65, ["violation", "confirm", "1"], actor: "okafor", asOf: asOf)
        try sandbox.refused(65, ["violation", "dismiss", "1", "--reason", "changed my mind"], actor: "okafor", asOf: asOf)
        try sandbox.refused(65, ["violation", "confirm", "2"], actor: "okafor", asOf: asOf)
        // Not on patel's caseload, not by an admin or the supervisee; no such violation.
        try sandbox.refused(77, ["violation", "confirm", "3"], actor: "patel", asOf: asOf)
        try sandbox.refused(77, ["violation", "confirm", "3"], actor: "root", asOf: asOf)
        try sandbox.refused(77, ["violation", "confirm", "3"], actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(66, ["violation", "confirm", "99"], actor: "okafor", asOf: asOf)

        #expect(summary(try sandbox.violations(asOf: asOf, status: "open")) == ["exclusion-zone high 2026-03-03 open"])
        #expect(summary(try sandbox.violations(asOf: asOf, status: "confirmed")) == ["exclusion-zone high 2026-03-03 confirmed"])
        #expect(summary(try sandbox.violations(asOf: asOf, status: "dismissed")) == ["exclusion-zone high 2026-03-03 dismissed"])
        #expect(try sandbox.sql("SELECT id, status, reviewed_by, review_reason FROM violation ORDER BY id") == """
            1|confirmed|okafor|
            2|dismissed|okafor|tag fault, confirmed by provider
            3|open||
            """)
        let record = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor", asOf: asOf).object()
        let texts = (record["timeline"] as? [[String: Any]] ?? []).compactMap { $0.string("text") }
        let review = texts.filter { $0.hasPrefix("violation 2 ") && $0.contains("dismissed by okafor on 2026-03-04: tag fault") }
        #expect(review.count == 1, "\(texts)")
    }

    // MARK: command line

    /// Negative coordinates are values, not options: `--lon -0.12`, `--home -33.87,151.21`,
    /// `--circle -33.87,151.21,300`, `--polygon "-34,151;…"`.
    @Test func negativeCoordinates() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let registered = try sandbox.ok(Fixtures.register("S-1", released: "2026-03-02")
            + ["--home", "-33.87,151.21", "--format", "json"], actor: "okafor", asOf: "2026-03-02").object()
        #expect(registered.string("caseRef") == "S-1")
        #expect(try sandbox.sql("SELECT home_latitude, home_longitude FROM person") == "-33.87|151.21")
        try sandbox.ok(["restriction", "add", "curfew", "--case-ref", "S-1", "--from", "22:00", "--to", "05:00"],
                       actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "curfew", "--case-ref", "S-1", "--from", "12:00", "--to", "13:00",
                        "--home", "-33.80,151.21", "--tolerance", "50"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "exclusion", "--case-ref", "S-1", "--circle", "-33.87,151.21,300",
                        "--name", "Home street"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "inclusion", "--case-ref", "S-1", "--polygon", "-34,151;-34,152;-33,152;-33,151",
                        "--name", "Sydney"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "travel-permit", "--case-ref", "S-1", "--from", "2026-03-05", "--to",
                        "2026-03-05", "--polygon", "-33.5,150.0;-33.5,150.5;-33.0,150.5"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "exclusion", "--case-ref", "S-1", "--circle", "-0.5,-78.5,1000",
                        "--name", "Quito"], actor: "okafor", asOf: "2026-03-02")
        let zones = try sandbox.sql("SELECT kind, zone FROM restriction WHERE zone IS NOT NULL ORDER BY id")
        #expect(zones.contains("-33.87"), "\(zones)")
        #expect(zones.contains("-78.5"), "\(zones)")
        #expect(zones.contains("\"latitude\":-34"), "\(zones)")

        // 23:30 at -33.80,151.21: ~7.8 km from home (curfew), outside the home-street exclusion, inside Sydney.
        try sandbox.report("S-1", at: "2026-03-03T23:30", "-33.80", "151.21")
        // Noon at the home point: inside the excluded home street, 7.8 km from the noon curfew's home.
        try sandbox.report("S-1", at: "2026-03-04T12:30", "-33.87", "151.21")
        // Quito, -0.5,-78.5: outside Sydney; inside the Quito exclusion.
        try sandbox.report("S-1", at: "2026-03-04T15:00", "-0.5", "-78.5")
        let rows = try sandbox.violations(asOf: "2026-03-04T16:00")
        #expect(summary(rows).sorted() == ["curfew medium 2026-03-03 open", "curfew medium 2026-03-04 open",
                                           "exclusion-zone high 2026-03-04 open", "exclusion-zone high 2026-03-04 open",
                                           "outside-permitted-area medium 2026-03-04 open"])
        let curfewText = rows.first?.string("explanation") ?? ""
        let distance = metres(from: (-33.87, 151.21), to: (-33.80, 151.21))
        #expect(curfewText.hasPrefix("report at 23:30, \(distance) m from home"), "\(curfewText)")
        // In the London agency's hemisphere: a western longitude.
        try sandbox.ok(Fixtures.register("L-2", released: "2026-03-02") + ["--home", "51.5,-0.12"],
                       actor: "okafor", asOf: "2026-03-02")
        let london = try sandbox.report("L-2", at: "2026-03-03T09:00", "51.5", "-0.12")
        #expect(london.string("caseRef") == "L-2")
        #expect(try sandbox.sql("SELECT latitude, longitude FROM location_report WHERE term_id = 2") == "51.5|-0.12")
        try sandbox.refused(65, ["location", "report", "--case-ref", "L-2", "--at", "2026-03-03T09:00", "--lat", "-91",
                                 "--lon", "-0.12"], actor: "okafor", asOf: "2026-03-03T10:00")
        try sandbox.refused(65, ["location", "report", "--case-ref", "L-2", "--at", "2026-03-03T09:00", "--lat", "51.5",
                                 "--lon", "-180.5"], actor: "okafor", asOf: "2026-03-03T10:00")
    }

    /// The executable carries its migrations: a copy in a folder far from the build tree creates
    /// and migrates a new database, registers a release, and its audit chain verifies.
    @Test func theCopiedExecutableCarriesItsMigrations() throws {
        let folder = try Harness.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("caseload")
        try FileManager.default.copyItem(at: Harness.executable, to: copy)
        #expect(!copy.path.hasPrefix(Harness.packageRoot.path))
        func run(_ arguments: [String]) throws -> RunResult {
            try Harness.run(copy, arguments + ["--db", "agency.sqlite"], in: folder)
        }
        let created = try run(["init", "--timezone", "Australia/Sydney", "--format", "json", "--as-of", "2026-01-01"])
        #expect(created.status == 0, "\(created)")
        let receipt = try created.object()
        let migrations = String(describing: receipt["appliedMigrations"] ?? "")
        #expect(migrations.contains("0001") && migrations.contains("0003"), "\(receipt)")
        let staff = try run(["officer", "add", "--id", "okafor", "--name", "Ngozi Okafor", "--role", "officer",
                             "--actor", "admin", "--as-of", "2026-01-01"])
        #expect(staff.status == 0, "\(staff)")
        let registered = try run(Fixtures.register("S-1", released: "2026-03-02") + ["--home", "-33.87,151.21",
                                 "--actor", "okafor", "--as-of", "2026-03-02", "--format", "json"])
        #expect(registered.status == 0, "\(registered)")
        #expect(try registered.object().string("endsOn") == "2027-03-01")
        let verified = try run(["audit", "verify", "--format", "json"])
        #expect(verified.status == 0, "\(verified)")
        #expect(try verified.object()["intact"] as? Bool == true)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("agency.sqlite").path))
    }
}

// MARK: - Helpers

/// "kind severity occurredOn status" of each row, in the listing's order.
func summary(_ rows: [[String: Any]]) -> [String] {
    rows.map { row in
        ["kind", "severity", "occurredOn", "status"].map { row.string($0) ?? "nil" }.joined(separator: " ")
    }
}

/// Great-circle distance in whole metres (haversine, Earth radius 6,371,008.8 m, docs/restrictions.md §6),
/// computed here independently of the product.
func metres(from a: (Double, Double), to b: (Double, Double)) -> Int {
    let radians = Double.pi / 180
    let dLat = (b.0 - a.0) * radians, dLon = (b.1 - a.1) * radians
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * radians) * cos(b.0 * radians) * sin(dLon / 2) * sin(dLon / 2)
    return Int((2 * 6_371_008.8 * asin(min(1, h.squareRoot()))).rounded())
}

extension Sandbox {
    /// Registers A-1 (released Monday 2026-03-02, 12 months, okafor's caseload).
    func registerA1(level: String = "medium", home: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var arguments = Fixtures.register("A-1", name: "Amira Okoye", released: "2026-03-02", level: level)
        if let home { arguments += ["--home", home] }
        try ok(arguments, actor: "okafor", asOf: "2026-03-02", sourceLocation: sourceLocation)
    }

    /// `location report` by an officer, as of the report's own time; the receipt.
    @discardableResult
    func report(_ caseRef: String = "A-1", at: String, _ lat: String, _ lon: String, accuracy: String? = nil,
                actor: String = "okafor", sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        var arguments = ["location", "report", "--case-ref", caseRef, "--at", at, "--lat", lat, "--lon", lon,
                         "--format", "json"]
        if let accuracy { arguments += ["--accuracy", accuracy] }
        return try ok(arguments, actor: actor, asOf: at, sourceLocation: sourceLocation).object()
    }

    /// `violations --format json` (which scans first) as of `asOf`.
    func violations(actor: String = "okafor", asOf: String, status: String = "all",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try ok(["violations", "--status", status, "--format", "json"], actor: actor, asOf: asOf,
               sourceLocation: sourceLocation).objects()
    }
}
