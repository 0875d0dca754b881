import Testing
@testable import SupervisionRules

/// `ViolationRules.detect` with plain values: one term released Monday 2026-03-02 (UTC),
/// supervised to 2026-08-31, life-log every 7 days from 2026-03-09 (open three days).
@Suite("Violation detection for one term (docs/violations.md §7)")
struct ViolationRulesTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static func at(_ text: String) -> Instant { Instant(storage: text)! }

    static let schedule = LifeLogSchedule(firstDue: d("2026-03-09"), intervalDays: 7, endsOn: d("2026-08-31"),
                                          graceDays: 3)
    static let home = GeoPoint(latitude: 51.5, longitude: -0.12)!
    static let exclusion = Restriction(id: 9, kind: .exclusion, startsOn: d("2026-03-02"), endsOn: d("2026-08-31"),
                                       zone: .circle(center: GeoPoint(latitude: 51.6, longitude: -0.12)!, radiusMeters: 500))

    static func facts(absences: [Absence] = [], filled: [String] = [], settled: String? = nil,
                      reports: [LocationReport] = [], contacts: [String] = [],
                      known: KnownViolations = KnownViolations(), lastDay: String = "2026-08-31") -> TermViolationFacts {
        TermViolationFacts(startsOn: d("2026-03-02"), lastSupervisedDay: d(lastDay), lifeLogSchedule: schedule,
                           filledDueDates: Set(filled.map(d)), lifeLogSettledThrough: settled.map(d),
                           absences: absences, restrictions: [exclusion], reports: reports,
                           contactDates: contacts.map(d), known: known)
    }

    static func detect(_ facts: TermViolationFacts, asOf: String) -> ViolationFindings {
        ViolationRules.detect(facts, asOf: d(asOf), zone: .utc, calendar: BusinessCalendar(), standard: .default)
    }

    /// The (kind, cause) pairs found.
    static func found(_ findings: ViolationFindings) -> [String] {
        findings.violations.map { "\($0.kind.rawValue) \($0.cause)" }
    }

    static let contactsThroughMarch = ["2026-03-04", "2026-03-09", "2026-03-16", "2026-03-23"]

    @Test("each kind is found, and nothing on the day before it counts", arguments: [
        // An unacceptable absence counts at once.
        (facts(absences: [Absence(appointmentId: 5, on: d("2026-03-10"), at: "10:00", isUnacceptable: true)],
               filled: ["2026-03-09", "2026-03-16"], contacts: contactsThroughMarch), "2026-03-18",
         ["missed-interview appointment:5"]),
        // A failed-to-attend on Tuesday 03-10 may be excused until Tuesday 03-17.
        (facts(absences: [Absence(appointmentId: 6, on: d("2026-03-10"), at: "10:00", isUnacceptable: false)],
               filled: ["2026-03-09", "2026-03-16"], contacts: contactsThroughMarch), "2026-03-17", []),
        (facts(absences: [Absence(appointmentId: 6, on: d("2026-03-10"), at: "10:00", isUnacceptable: false)],
               filled: ["2026-03-09", "2026-03-16"], contacts: contactsThroughMarch), "2026-03-18",
         ["missed-interview appointment:6"]),
        // Life-log due 03-09 may come until 03-11: missed as of 03-12, not 03-11.
        (facts(contacts: ["2026-03-04"]), "2026-03-11", []),
        (facts(contacts: ["2026-03-04"]), "2026-03-12", ["missed-life-log due:2026-03-09"]),
        // An exclusion breach: a report inside the zone by more than its accuracy.
        (facts(filled: ["2026-03-09"], reports: [LocationReport(id: 3, at: at("2026-03-10T22:00:00Z"),
                                                                 point: GeoPoint(latitude: 51.6, longitude: -0.12)!,
                                                                 accuracyMeters: 20, source: .checkIn)],
               contacts: ["2026-03-09"]), "2026-03-11", ["exclusion-zone report:3:restriction:9"]),
        // A report drifting over 1,000 m never counts.
        (facts(filled: ["2026-03-09"], reports: [LocationReport(id: 4, at: at("2026-03-10T22:00:00Z"),
                                                                 point: GeoPoint(latitude: 51.6, longitude: -0.12)!,
                                                                 accuracyMeters: 1_500, source: .checkIn)],
               contacts: ["2026-03-09"]), "2026-03-11", []),
        // No contact: 30 days after the last one (03-04 → 04-03), not 29.
        (facts(filled: ["2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"], contacts: ["2026-03-04"]),
         "2026-04-02", []),
        (facts(filled: ["2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"], contacts: ["2026-03-04"]),
         "2026-04-03", ["no-contact no-contact-since:2026-03-04"]),
    ] as [(TermViolationFacts, String, [String])])
    func eachKind(facts: TermViolationFacts, asOf: String, expected: [String]) {
        #expect(Self.found(Self.detect(facts, asOf: asOf)) == expected)
    }

    @Test("what a term already has is not found again")
    func knownViolationsAreSkipped() {
        var known = KnownViolations()
        known.missedAppointments = [5]
        known.missedDueDates = [Self.d("2026-03-09")]
        known.others = [.init(kind: .exclusionZone, cause: "report:3:restriction:9"),
                        .init(kind: .noContact, cause: "no-contact-since:2026-03-02")]
        let facts = Self.facts(
            absences: [Absence(appointmentId: 5, on: Self.d("2026-03-10"), at: "10:00", isUnacceptable: true)],
            reports: [LocationReport(id: 3, at: Self.at("2026-03-10T22:00:00Z"),
                                     point: GeoPoint(latitude: 51.6, longitude: -0.12)!, source: .checkIn)],
            known: known)
        // As of 04-02 the rule would find all four kinds, and also the due dates 03-16 to 03-30.
        let found = Self.found(Self.detect(facts, asOf: "2026-04-02"))
        #expect(found == ["missed-life-log due:2026-03-16", "missed-life-log due:2026-03-23",
                          "missed-life-log due:2026-03-30"])
    }

    @Test("missed life-logs are judged after the settled date, and the new settled date is returned")
    func settledDates() {
        let first = Self.detect(Self.facts(contacts: ["2026-03-20"]), asOf: "2026-03-20")
        #expect(Self.found(first) == ["missed-life-log due:2026-03-09", "missed-life-log due:2026-03-16"])
        #expect(first.lifeLogSettledThrough == Self.d("2026-03-16"))
        // The next day nothing new has closed: nothing found, nothing settled further.
        let again = Self.detect(Self.facts(settled: "2026-03-16", contacts: ["2026-03-20"]), asOf: "2026-03-21")
        #expect(again.violations.isEmpty)
        #expect(again.lifeLogSettledThrough == nil)
    }

    @Test("records outside the supervised period are not judged")
    func outsideThePeriod() {
        // Discharged on 03-12: an absence on 03-13 and the due date 03-16 are after it.
        let facts = Self.facts(
            absences: [Absence(appointmentId: 7, on: Self.d("2026-03-13"), at: "10:00", isUnacceptable: true)],
            filled: ["2026-03-09"], contacts: ["2026-03-11"], lastDay: "2026-03-12")
        #expect(Self.detect(facts, asOf: "2026-03-25").violations.isEmpty)
    }
}
