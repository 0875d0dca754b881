import Storage
import Testing
@testable import Supervision
import SupervisionRules

/// Home is 51.5,-0.12 (the fixture's); 0.009° of latitude is about 1,001 m.
@Suite("Use cases: restrictions, location reports and the violation scan")
struct RestrictionScanUseCaseTests {
    @discardableResult
    func add(_ f: UseCaseFixture, _ request: RestrictionRequest, actor: String = "ok1",
             now: String = "2026-03-02T10:00") throws -> RestrictionReceipt {
        try f.caseload.addRestriction(request, actorID: actor, now: try f.at(now))
    }

    @discardableResult
    func report(_ f: UseCaseFixture, _ caseRef: String = "A-1", at local: String, _ lat: Double, _ lon: Double,
                accuracy: Double = 0, source: String? = nil, actor: String = "ok1", now: String? = nil) throws -> LocationReceipt {
        try f.caseload.reportLocation(LocationReportRequest(caseRef: caseRef, at: local, latitude: lat, longitude: lon,
                                                            accuracy: accuracy, source: source),
                                      actorID: actor, now: try f.at(now ?? local))
    }

    func curfew(_ caseRef: String = "A-1", from: String = "22:00", to: String = "06:00", home: String? = nil,
                starts: String? = nil, ends: String? = nil) -> RestrictionRequest {
        RestrictionRequest(kind: .curfew, caseRef: caseRef, from: from, to: to, home: home, starts: starts, ends: ends)
    }

    func violations(_ f: UseCaseFixture, _ kind: ViolationKind) throws -> [[SQLiteValue]] {
        try f.rows("SELECT occurred_on, severity, status, explanation FROM violation WHERE kind = ? ORDER BY id", [kind.rawValue])
    }

    func explanations(_ f: UseCaseFixture, _ kind: ViolationKind) throws -> [String] {
        try f.strings("SELECT explanation FROM violation WHERE kind = ? ORDER BY id", [kind.rawValue])
    }

    // MARK: Adding restrictions

    @Test("a curfew's home defaults to the registered home point; without one it is refused")
    func curfewHome() throws {
        let f = try UseCaseFixture()
        let term = try f.register(released: "2026-03-02", months: 6)
        try f.register("B-2", name: "Bea Example", released: "2026-03-02", home: nil)
        let receipt = try add(f, curfew(), now: "2026-03-05T10:00")
        #expect(receipt.kind == "curfew")
        #expect(receipt.startsOn == "2026-03-05")   // today
        #expect(receipt.endsOn == "2026-09-01")     // the term's last day
        #expect(try f.rows("""
            SELECT term_id, curfew_from, curfew_to, curfew_days, home_latitude, home_longitude, tolerance_m, zone
            FROM restriction WHERE id = ?
            """, [receipt.restrictionId])
            == [[.integer(term.termId), .integer(22 * 60), .integer(6 * 60), .text("1,2,3,4,5,6,7"), .real(51.5), .real(-0.12),
                 .real(100), .null]])
        #expect(try f.auditActions().last == "restriction.add")

        let refusal = try f.expectRefused(.invalidInput) { try add(f, curfew("B-2")) }
        #expect(refusal?.message.contains("home") == true)
        let given = try add(f, curfew("B-2", home: "51.45,-0.1"))
        #expect(try f.rows("SELECT home_latitude, home_longitude FROM restriction WHERE id = ?", [given.restrictionId])
            == [[.real(51.45), .real(-0.1)]])
    }

    @Test("each kind is added; bad times, zones and dates outside the term are refused")
    func kindsAndRefusals() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", months: 6)   // to 2026-09-01
        let exclusion = try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200", name: "Victim's street"))
        #expect(exclusion.summary.contains("Victim's street"))
        let inclusion = try add(f, RestrictionRequest(kind: .inclusion, caseRef: "A-1",
                                                      polygon: "51.4,-0.3;51.6,-0.3;51.6,0.1;51.4,0.1", starts: "2026-03-10",
                                                      ends: "2026-06-30"))
        #expect(inclusion.startsOn == "2026-03-10")
        #expect(inclusion.endsOn == "2026-06-30")
        let permit = try add(f, RestrictionRequest(kind: .travelPermit, caseRef: "A-1", from: "2026-04-01", to: "2026-04-03",
                                                   circle: "53.48,-2.24,5000", reason: "family funeral"))
        #expect(permit.startsOn == "2026-04-01")
        #expect(try f.strings("SELECT kind FROM restriction ORDER BY id") == ["exclusion", "inclusion", "travel-permit"])

        let invalid: [RestrictionRequest] = [
            curfew(from: "22:00", to: "22:00"),
            curfew(from: "25:00"),
            curfew(starts: "2026-03-01"),                      // before the term
            curfew(ends: "2026-09-02"),                        // after the term
            curfew(starts: "2026-05-01", ends: "2026-04-01"),  // ends before it starts
            RestrictionRequest(kind: .exclusion, caseRef: "A-1", polygon: "51.5,-0.12;51.6,-0.12"),
            RestrictionRequest(kind: .exclusion, caseRef: "A-1", polygon: "51.5,-0.12;51.6,-0.12;x,y"),
            RestrictionRequest(kind: .exclusion, caseRef: "A-1", polygon: "0,0;1,1;0,1;1,0"),   // a bow tie
            RestrictionRequest(kind: .inclusion, caseRef: "A-1", circle: "51.5,-0.12,0"),
            RestrictionRequest(kind: .inclusion, caseRef: "A-1", circle: "95,-0.12,100"),
            RestrictionRequest(kind: .travelPermit, caseRef: "A-1", from: "2026-08-30", to: "2026-09-03"),
            RestrictionRequest(kind: .travelPermit, caseRef: "A-1", from: "2026-02-28", to: "2026-03-03"),
        ]
        for request in invalid {
            try f.expectRefused(.invalidInput) { try add(f, request) }
        }
        try f.expectRefused(.usage) { try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1")) }
        try f.expectRefused(.usage) {
            try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.5,-0.12,10", polygon: "0,0;0,1;1,1"))
        }
        try f.expectRefused(.notPermitted) { try add(f, curfew(), actor: "ok2") }
        try f.expectRefused(.notPermitted) { try add(f, curfew(), actor: "supervisee:A-1") }
        #expect(try f.count("restriction") == 3)
    }

    @Test("location reports: low accuracy is kept and marked; sources follow the actor")
    func locationReports() throws {
        let f = try UseCaseFixture()
        try f.register()
        let blurred = try report(f, at: "2026-03-10T12:00", 51.5, -0.12, accuracy: 1500)
        #expect(blurred.lowAccuracy)
        #expect(blurred.source == "officer")
        let sharp = try report(f, at: "2026-03-10T13:00", 51.5, -0.12, accuracy: 1000, actor: "supervisee:A-1")
        #expect(!sharp.lowAccuracy)
        #expect(sharp.source == "check-in")
        #expect(try f.rows("SELECT accuracy_m, low_accuracy, source, recorded_by FROM location_report ORDER BY id") == [
            [.real(1500), .integer(1), .text("officer"), .text("ok1")],
            [.real(1000), .integer(0), .text("check-in"), .text("supervisee:A-1")],
        ])
        try f.expectRefused(.notPermitted) { try report(f, at: "2026-03-10T14:00", 51.5, -0.12, source: "officer", actor: "supervisee:A-1") }
        try f.expectRefused(.invalidInput) { try report(f, at: "2026-03-10T14:00", 51.5, -0.12, source: "life-log") }
        try f.expectRefused(.invalidInput) { try report(f, at: "2026-03-10T14:00", 91, 0) }
        try f.expectRefused(.invalidInput) { try report(f, at: "2026-03-10T14:00", 51.5, -0.12, accuracy: -1) }
        try f.expectRefused(.invalidInput) { try report(f, at: "2026-03-10T14:01", 51.5, -0.12, now: "2026-03-10T14:00") }
        try f.expectRefused(.invalidInput) { try report(f, at: "2026-03-01T14:00", 51.5, -0.12, now: "2026-03-10T14:00") }
        try f.expectRefused(.notPermitted) { try report(f, at: "2026-03-10T14:00", 51.5, -0.12, actor: "ok2") }
    }

    // MARK: The scan

    @Test("a scan is idempotent: the same instant twice gives identical rows; a later one only adds")
    func idempotentScan() throws {
        let f = try UseCaseFixture()
        try f.register()
        try add(f, curfew())
        try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200"))
        _ = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        try report(f, at: "2026-03-11T23:15", 51.509, -0.12)
        try report(f, at: "2026-03-12T12:00", 51.5205, -0.12)

        func state() throws -> (violations: [[SQLiteValue]], audit: Int) {
            (try f.rows("SELECT * FROM violation ORDER BY id"), try f.auditCount())
        }
        let first = try f.scan(now: "2026-03-13T09:00")
        #expect(first.detected >= 4)   // missed-interview, curfew, exclusion-zone, missed-life-log 03-09
        let afterFirst = try state()
        #expect(afterFirst.violations.count == first.detected)
        let second = try f.scan(now: "2026-03-13T09:00")
        #expect(second.detected == 0)
        #expect(second.detectedByKind.isEmpty)
        let afterSecond = try state()
        #expect(afterSecond.violations == afterFirst.violations)
        #expect(afterSecond.audit == afterFirst.audit)
        // Also through `violations`, which scans first.
        _ = try f.violations(now: "2026-03-13T09:00")
        #expect(try state().violations == afterFirst.violations)

        try report(f, at: "2026-03-14T23:30", 51.509, -0.12)
        let auditBeforeLater = try f.auditCount()
        let later = try f.scan(now: "2026-03-15T09:00")
        let afterLater = try state()
        #expect(later.detected >= 1)
        #expect(later.detectedByKind["curfew"] == 1)
        #expect(afterLater.violations.count == afterFirst.violations.count + later.detected)
        #expect(Array(afterLater.violations.prefix(afterFirst.violations.count)) == afterFirst.violations)
        #expect(afterLater.audit == auditBeforeLater + later.detected)
        #expect(try f.auditActions(after: auditBeforeLater) == Array(repeating: "violation.detect", count: later.detected))
        #expect(try f.scan(now: "2026-03-15T09:00").detected == 0)
    }

    @Test("missed-interview from an unacceptable absence")
    func missedInterviewUnacceptable() throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        _ = try f.scan(now: "2026-03-10T23:30")
        let found = try violations(f, .missedInterview)
        #expect(found.count == 1)
        #expect(found.first?[0] == .text("2026-03-10"))
        #expect(found.first?[1] == .text("medium"))
        #expect(found.first?[2] == .text("open"))
        let text = try #require(try explanations(f, .missedInterview).first)
        #expect(text.contains("interview \(id)") && text.contains("2026-03-10") && text.contains("10:00") && text.contains("unacceptable"))
    }

    @Test("missed-interview from a failed-to-attend only after its evidence window, and never once excused")
    func missedInterviewFailedToAttend() throws {
        let f = try UseCaseFixture()
        try f.register()
        // Tuesday 2026-03-10: the window runs to Tuesday 2026-03-17.
        let failed = try f.schedule(at: "2026-03-10T10:00")
        let excused = try f.schedule(at: "2026-03-10T14:00")
        try f.log(failed, "failed-to-attend", now: "2026-03-10T12:00")
        try f.log(excused, "failed-to-attend", now: "2026-03-10T16:00")
        try f.log(excused, "acceptable-absence", reason: "illness", now: "2026-03-16T09:00")
        _ = try f.scan(now: "2026-03-17T23:59")
        #expect(try violations(f, .missedInterview).isEmpty)
        _ = try f.scan(now: "2026-03-18T00:01")
        let found = try violations(f, .missedInterview)
        #expect(found.count == 1)
        #expect(found.first?[0] == .text("2026-03-10"))
        let text = try #require(try explanations(f, .missedInterview).first)
        #expect(text.contains("interview \(failed)") && text.contains("2026-03-17"))
    }

    @Test("missed-life-log: low severity, one per missed due date, dated on the due date")
    func missedLifeLog() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-05")
        _ = try f.scan(now: "2026-01-22T09:00")
        #expect(try violations(f, .missedLifeLog).map { $0[0] } == [.text("2026-01-12"), .text("2026-01-19")])
        #expect(try violations(f, .missedLifeLog).allSatisfy { $0[1] == .text("low") })
        #expect(try explanations(f, .missedLifeLog).first?.contains("2026-01-14") == true)   // the window's last day
    }

    @Test("curfew: a report in the window farther than tolerance + accuracy from home; the text has the time and distance")
    func curfewBreach() throws {
        let f = try UseCaseFixture()
        try f.register()
        try add(f, curfew())
        try report(f, at: "2026-03-10T21:30", 51.509, -0.12)                 // before the window
        try report(f, at: "2026-03-10T23:00", 51.5005, -0.12)                // 56 m: within tolerance
        try report(f, at: "2026-03-10T23:05", 51.5015, -0.12, accuracy: 80)  // 167 m, but 100 + 80 allowed
        try report(f, at: "2026-03-11T06:00", 51.509, -0.12)                 // the window has ended
        let breach = try report(f, at: "2026-03-10T23:15", 51.509, -0.12)    // 1,001 m
        _ = try f.scan(now: "2026-03-11T09:00")
        let found = try violations(f, .curfew)
        #expect(found.count == 1)
        #expect(found.first?[0] == .text("2026-03-10"))
        #expect(found.first?[1] == .text("medium"))
        #expect(try f.strings("SELECT cause FROM violation WHERE kind = 'curfew'").first?.hasPrefix("report:\(breach.reportId):") == true)
        let text = try #require(try explanations(f, .curfew).first)
        #expect(text.contains("23:15"), "\(text)")
        #expect(text.contains("1001 m from home"), "\(text)")
        #expect(text.contains("22:00–06:00"), "\(text)")
    }

    @Test("exclusion-zone: inside by more than the accuracy is a high violation; a low-accuracy report never is")
    func exclusionBreach() throws {
        let f = try UseCaseFixture()
        try f.register()
        try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200", name: "Victim's street"))
        try report(f, at: "2026-03-10T12:00", 51.5205, -0.12, accuracy: 1500)   // inside, but low accuracy
        try report(f, at: "2026-03-10T12:05", 51.5205, -0.12, accuracy: 150)    // 144 m inside: within accuracy
        try report(f, at: "2026-03-10T12:30", 51.525, -0.12)                    // outside the zone
        _ = try f.scan(now: "2026-03-10T18:00")
        #expect(try violations(f, .exclusionZone).isEmpty)
        try report(f, at: "2026-03-10T13:00", 51.5205, -0.12, accuracy: 10)
        _ = try f.scan(now: "2026-03-10T18:00")
        let found = try violations(f, .exclusionZone)
        #expect(found.map { $0[1] } == [.text("high")])
        let text = try #require(try explanations(f, .exclusionZone).first)
        #expect(text.contains("13:00") && text.contains("Victim's street") && text.contains("144 m inside"), "\(text)")
    }

    /// A scan skips breaches it already has, cause by cause (report and restriction), not report
    /// by report: a zone added later, effective before an old report, still catches that report.
    @Test("a report already flagged for one zone is flagged again for a zone added later that it also breaches")
    func laterZoneCatchesAnOldReport() throws {
        let f = try UseCaseFixture()
        try f.register()
        try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200", name: "First"))
        let old = try report(f, at: "2026-03-10T13:00", 51.5205, -0.12)
        _ = try f.scan(now: "2026-03-10T18:00")
        #expect(try explanations(f, .exclusionZone).count == 1)
        try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.5205,-0.1205,300", name: "Second",
                                      starts: "2026-03-05"), now: "2026-03-12T10:00")
        let again = try f.scan(now: "2026-03-12T18:00")
        #expect(again.detectedByKind["exclusion-zone"] == 1)
        let causes = try f.strings("SELECT cause FROM violation WHERE kind = 'exclusion-zone' ORDER BY id")
        #expect(causes.count == 2)
        #expect(causes.allSatisfy { $0.hasPrefix("report:\(old.reportId):") })
        #expect(try explanations(f, .exclusionZone).last?.contains("Second") == true)
        #expect(try f.scan(now: "2026-03-12T18:00").detected == 0)
    }

    @Test("outside-permitted-area, except on a day a travel permit covers (or inside its destination)")
    func inclusionBreach() throws {
        let f = try UseCaseFixture()
        try f.register()
        try add(f, RestrictionRequest(kind: .inclusion, caseRef: "A-1", circle: "51.5,-0.12,5000", name: "London"))
        try add(f, RestrictionRequest(kind: .travelPermit, caseRef: "A-1", from: "2026-03-20", to: "2026-03-22"))
        try add(f, RestrictionRequest(kind: .travelPermit, caseRef: "A-1", from: "2026-03-25", to: "2026-03-26",
                                      circle: "51.7,-0.12,2000", name: "Sister's town"))
        try report(f, at: "2026-03-21T12:00", 51.7, -0.12)   // permit without destination: anywhere
        try report(f, at: "2026-03-25T12:00", 51.7, -0.12)   // inside the permit's destination
        try report(f, at: "2026-03-10T12:00", 51.52, -0.12)  // inside the permitted area
        let out = try report(f, at: "2026-03-18T12:00", 51.7, -0.12)
        let offRoute = try report(f, at: "2026-03-26T12:00", 52.0, -0.12)
        _ = try f.scan(now: "2026-03-27T09:00")
        let causes = try f.strings("SELECT cause FROM violation WHERE kind = 'outside-permitted-area' ORDER BY occurred_on")
        #expect(causes.count == 2)
        #expect(causes.first?.hasPrefix("report:\(out.reportId):") == true)
        #expect(causes.last?.hasPrefix("report:\(offRoute.reportId):") == true)
        #expect(try violations(f, .outsidePermittedArea).allSatisfy { $0[1] == .text("medium") })
        let texts = try explanations(f, .outsidePermittedArea)
        #expect(texts.first?.contains("London") == true)
        #expect(texts.first?.contains("12:00") == true)
        #expect(texts.last?.contains("travel permit") == true)
    }

    @Test("no-contact when the term is 30 days old with no contact, not at 29 days")
    func noContact() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02")
        _ = try f.scan(now: "2026-03-31T12:00")   // 29 days
        #expect(try violations(f, .noContact).isEmpty)
        _ = try f.scan(now: "2026-04-01T12:00")   // 30 days
        let found = try violations(f, .noContact)
        #expect(found.map { $0[0] } == [.text("2026-04-01")])
        #expect(found.map { $0[1] } == [.text("high")])
        #expect(try explanations(f, .noContact).first?.contains("2026-03-02") == true)
        // Later scans of the same silence add nothing.
        _ = try f.scan(now: "2026-04-20T12:00")
        #expect(try violations(f, .noContact).count == 1)
    }

    @Test("any contact restarts the 30 days: a check-in on 03-10 → flagged on 04-09, not 04-08")
    func noContactAfterCheckIn() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02")
        try report(f, at: "2026-03-10T12:00", 51.5, -0.12, actor: "supervisee:A-1")
        _ = try f.scan(now: "2026-04-08T12:00")
        #expect(try violations(f, .noContact).isEmpty)
        _ = try f.scan(now: "2026-04-09T12:00")
        #expect(try violations(f, .noContact).map { $0[0] } == [.text("2026-04-09")])
    }

    @Test("every detected violation explains itself")
    func explanationsAreNeverEmpty() throws {
        let f = try UseCaseFixture()
        try f.register()
        try add(f, curfew())
        try add(f, RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200"))
        try add(f, RestrictionRequest(kind: .inclusion, caseRef: "A-1", circle: "51.5,-0.12,5000"))
        _ = try f.unacceptableAbsence(at: "2026-03-03T10:00")
        try report(f, at: "2026-03-04T23:15", 51.509, -0.12)
        try report(f, at: "2026-03-04T12:00", 51.5205, -0.12)
        try report(f, at: "2026-03-05T12:00", 51.7, -0.12)
        _ = try f.scan(now: "2026-04-30T12:00")
        let kinds = Set(try f.strings("SELECT kind FROM violation"))
        #expect(kinds == Set(ViolationKind.allCases.map(\.rawValue)))
        for row in try f.rows("SELECT kind, explanation FROM violation") {
            guard case .text(let text) = row[1] else { Issue.record("no explanation for \(row[0])"); continue }
            #expect(text.count > 20, "\(row[0]): \(text)")
        }
    }
}
