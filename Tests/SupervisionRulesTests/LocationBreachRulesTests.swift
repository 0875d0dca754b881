import Testing
@testable import SupervisionRules

private typealias F = GeoFixtures

/// Builders for restrictions and reports, all in March 2026 unless a test says otherwise.
enum BreachFixtures {
    static let home = F.london
    static let march1 = F.date("2026-03-01"), march31 = F.date("2026-03-31")

    static func report(id: Int64 = 42, at iso: String = "2026-03-10T14:05", in zone: AgencyZone = .utc,
                       _ point: GeoPoint, accuracy: Double = 0) -> LocationReport {
        LocationReport(id: id, at: F.instant(iso, in: zone), point: point, accuracyMeters: accuracy, source: .checkIn)
    }

    static func exclusion(id: Int64 = 7, _ zone: GeoZone = .circle(center: home, radiusMeters: 500), name: String? = nil,
                          from: LocalDate = march1, to: LocalDate = march31) -> Restriction {
        Restriction(id: id, kind: .exclusion, startsOn: from, endsOn: to, name: name, zone: zone)
    }

    static func inclusion(id: Int64 = 8, _ zone: GeoZone = .circle(center: home, radiusMeters: 500), name: String? = nil,
                          from: LocalDate = march1, to: LocalDate = march31) -> Restriction {
        Restriction(id: id, kind: .inclusion, startsOn: from, endsOn: to, name: name, zone: zone)
    }

    static func curfew(id: Int64 = 9, from: String = "22:00", to: String = "05:00", days: Set<Int> = CurfewRule.allDays,
                       tolerance: Double = 100, name: String? = nil,
                       starts: LocalDate = march1, ends: LocalDate = march31) -> Restriction {
        let rule = try! CurfewRule(from: CurfewRule.parseTime(from, field: "--from"), to: CurfewRule.parseTime(to, field: "--to"),
                                   days: days, home: home, toleranceMeters: tolerance)
        return Restriction(id: id, kind: .curfew, startsOn: starts, endsOn: ends, name: name, curfew: rule)
    }

    static func permit(id: Int64 = 20, from: String, to: String, destination: GeoZone? = nil, name: String? = nil) -> Restriction {
        Restriction(id: id, kind: .travelPermit, startsOn: F.date(from), endsOn: F.date(to), name: name, zone: destination)
    }
}

private typealias B = BreachFixtures

struct MarginCase: Sendable, CustomTestStringConvertible {
    let name: String
    let restriction: Restriction
    /// Metres north of home (the centre of the zones, the curfew's home).
    let metersFromHome: Double
    let accuracy: Double
    let breach: Bool
    var testDescription: String { name }
}

@Suite struct LocationBreachMarginTests {
    // The north edge of this square runs along the parallel 500 m north of home, so distances to
    // it along home's meridian are exact.
    static let squareZone: GeoZone = {
        let n = F.north(of: B.home, meters: 500).latitude, s = F.north(of: B.home, meters: -500).latitude
        return .polygon([F.point(s, -0.14), F.point(s, -0.11), F.point(n, -0.11), F.point(n, -0.14)])
    }()

    static let cases: [MarginCase] = [
        // exclusion, radius 500, accuracy 10: a breach only when more than 10 m inside
        .init(name: "exclusion circle: 11 m inside, accuracy 10", restriction: B.exclusion(), metersFromHome: 489, accuracy: 10, breach: true),
        .init(name: "exclusion circle: 9 m inside, accuracy 10", restriction: B.exclusion(), metersFromHome: 491, accuracy: 10, breach: false),
        .init(name: "exclusion circle: on the boundary, accuracy 0", restriction: B.exclusion(), metersFromHome: 500, accuracy: 0, breach: false),
        .init(name: "exclusion circle: 1 m inside, accuracy 0", restriction: B.exclusion(), metersFromHome: 499, accuracy: 0, breach: true),
        .init(name: "exclusion polygon: 11 m inside, accuracy 10", restriction: B.exclusion(squareZone), metersFromHome: 489, accuracy: 10, breach: true),
        .init(name: "exclusion polygon: 9 m inside, accuracy 10", restriction: B.exclusion(squareZone), metersFromHome: 491, accuracy: 10, breach: false),
        .init(name: "exclusion polygon: on the edge, accuracy 0", restriction: B.exclusion(squareZone), metersFromHome: 500, accuracy: 0, breach: false),
        // inclusion, radius 500, accuracy 10: a breach only when more than 10 m outside
        .init(name: "inclusion circle: 11 m outside, accuracy 10", restriction: B.inclusion(), metersFromHome: 511, accuracy: 10, breach: true),
        .init(name: "inclusion circle: 9 m outside, accuracy 10", restriction: B.inclusion(), metersFromHome: 509, accuracy: 10, breach: false),
        .init(name: "inclusion circle: on the boundary, accuracy 0", restriction: B.inclusion(), metersFromHome: 500, accuracy: 0, breach: false),
        .init(name: "inclusion polygon: 11 m outside, accuracy 10", restriction: B.inclusion(squareZone), metersFromHome: 511, accuracy: 10, breach: true),
        .init(name: "inclusion polygon: 9 m outside, accuracy 10", restriction: B.inclusion(squareZone), metersFromHome: 509, accuracy: 10, breach: false),
        // curfew, tolerance 100, accuracy 10: a breach only when more than 110 m from home
        .init(name: "curfew: 111 m from home, accuracy 10", restriction: B.curfew(), metersFromHome: 111, accuracy: 10, breach: true),
        .init(name: "curfew: 109 m from home, accuracy 10", restriction: B.curfew(), metersFromHome: 109, accuracy: 10, breach: false),
        .init(name: "curfew: 101 m from home, accuracy 0", restriction: B.curfew(), metersFromHome: 101, accuracy: 0, breach: true),
        .init(name: "curfew: 99 m from home, accuracy 0", restriction: B.curfew(), metersFromHome: 99, accuracy: 0, breach: false),
        .init(name: "curfew: 100 m from home, accuracy 0", restriction: B.curfew(), metersFromHome: 100, accuracy: 0, breach: false),
        .init(name: "curfew: 111 m south of home, accuracy 10", restriction: B.curfew(), metersFromHome: -111, accuracy: 10, breach: true),
    ]

    @Test(arguments: cases)
    func accuracyMargin(_ c: MarginCase) {
        let report = B.report(at: "2026-03-10T23:30", F.north(of: B.home, meters: c.metersFromHome), accuracy: c.accuracy)
        let found = LocationBreachRules.breaches(of: report, restrictions: [c.restriction], zone: .utc)
        #expect(found.count == (c.breach ? 1 : 0), "\(found.map(\.explanation))")
    }

    // 1,000 m accuracy is not low; 1,000.1 m is, and a low-accuracy report never breaches.
    @Test(arguments: [(1_000.0, true), (1_000.1, false), (5_000, false), (.infinity, false), (.nan, false)])
    func lowAccuracyNeverBreaches(_ accuracy: Double, _ breaches: Bool) {
        let deepInside = GeoZone.circle(center: B.home, radiusMeters: 5_000)
        let restrictions = [B.exclusion(deepInside), B.inclusion(.circle(center: F.point(48.8566, 2.3522), radiusMeters: 500)), B.curfew()]
        let report = B.report(at: "2026-03-10T23:30", F.north(of: B.home, meters: 2_000), accuracy: accuracy)
        #expect(report.isLowAccuracy == !breaches)
        let found = LocationBreachRules.breaches(of: report, restrictions: restrictions, zone: .utc)
        #expect(found.map(\.kind) == (breaches ? [.exclusionZone, .outsidePermittedArea, .curfew] : []))
    }

    @Test func negativeAccuracyGivesNoExtraStrictness() {
        let report = B.report(F.north(of: B.home, meters: 495), accuracy: -10)
        #expect(LocationBreachRules.breaches(of: report, restrictions: [B.exclusion()], zone: .utc).count == 1)
        let outside = B.report(F.north(of: B.home, meters: 505), accuracy: -10)
        #expect(LocationBreachRules.breaches(of: outside, restrictions: [B.exclusion()], zone: .utc).isEmpty)
    }
}

@Suite struct LocationBreachDateTests {
    // Effective 2026-03-10 … 2026-03-20 inclusive.
    @Test(arguments: [("2026-03-09", false), ("2026-03-10", true), ("2026-03-20", true), ("2026-03-21", false)])
    func effectiveDates(_ day: String, _ breach: Bool) {
        let exclusion = B.exclusion(from: F.date("2026-03-10"), to: F.date("2026-03-20"))
        #expect(exclusion.isEffective(on: F.date(day)) == breach)
        let report = B.report(at: "\(day)T12:00", B.home)
        #expect(LocationBreachRules.breaches(of: report, restrictions: [exclusion], zone: .utc).count == (breach ? 1 : 0))
    }

    /// The report's date is its local date in the agency's zone, not its UTC date.
    @Test(arguments: [("2026-03-09T23:30", false), ("2026-03-10T00:30", true)])
    func effectiveDatesAreLocal(_ localTime: String, _ breach: Bool) {
        let newYork = F.zone("America/New_York")
        let exclusion = B.exclusion(from: F.date("2026-03-10"), to: F.date("2026-03-20"))
        let report = B.report(at: localTime, in: newYork, B.home)
        #expect(LocationBreachRules.breaches(of: report, restrictions: [exclusion], zone: newYork).count == (breach ? 1 : 0))
        let found = LocationBreachRules.breaches(of: report, restrictions: [exclusion], zone: newYork)
        #expect(found.first.map { "\($0.occurredOn)" } == (breach ? "2026-03-10" : nil))
    }
}

struct PermitCase: Sendable, CustomTestStringConvertible {
    let name: String
    let day: String
    let destination: GeoZone?
    let breach: Bool
    var testDescription: String { name }
}

@Suite struct LocationBreachTravelPermitTests {
    static let paris = F.point(48.8566, 2.3522)
    static let parisZone = GeoZone.circle(center: paris, radiusMeters: 2_000)
    static let leedsZone = GeoZone.circle(center: F.point(53.8008, -1.5491), radiusMeters: 2_000)

    // A permit for 2026-03-10 … 2026-03-12; the report is in Paris, far outside the permitted area.
    static let cases: [PermitCase] = [
        .init(name: "no destination, day before", day: "2026-03-09", destination: nil, breach: true),
        .init(name: "no destination, first day", day: "2026-03-10", destination: nil, breach: false),
        .init(name: "no destination, last day", day: "2026-03-12", destination: nil, breach: false),
        .init(name: "no destination, day after", day: "2026-03-13", destination: nil, breach: true),
        .init(name: "in the destination, day before", day: "2026-03-09", destination: parisZone, breach: true),
        .init(name: "in the destination, first day", day: "2026-03-10", destination: parisZone, breach: false),
        .init(name: "in the destination, last day", day: "2026-03-12", destination: parisZone, breach: false),
        .init(name: "in the destination, day after", day: "2026-03-13", destination: parisZone, breach: true),
        .init(name: "elsewhere than the destination, first day", day: "2026-03-10", destination: leedsZone, breach: true),
        .init(name: "elsewhere than the destination, last day", day: "2026-03-12", destination: leedsZone, breach: true),
    ]

    @Test(arguments: cases)
    func permitSuspendsThePermittedArea(_ c: PermitCase) {
        let restrictions = [B.inclusion(), B.permit(from: "2026-03-10", to: "2026-03-12", destination: c.destination)]
        let report = B.report(at: "\(c.day)T15:00", Self.paris)
        let found = LocationBreachRules.breaches(of: report, restrictions: restrictions, zone: .utc)
        #expect(found.map(\.kind) == (c.breach ? [.outsidePermittedArea] : []))
    }

    @Test func withADestinationThePermittedAreaStillCounts() {
        let restrictions = [B.inclusion(), B.permit(from: "2026-03-10", to: "2026-03-12", destination: Self.leedsZone)]
        let atHome = B.report(at: "2026-03-11T15:00", F.north(of: B.home, meters: 300))
        #expect(LocationBreachRules.breaches(of: atHome, restrictions: restrictions, zone: .utc).isEmpty)
    }

    @Test(arguments: [(1_989.0, 10.0, false), (2_009, 10, false), (2_011, 10, true)])
    func destinationHasTheAccuracyMargin(_ metersFromParis: Double, _ accuracy: Double, _ breach: Bool) {
        let restrictions = [B.inclusion(), B.permit(from: "2026-03-10", to: "2026-03-12", destination: Self.parisZone)]
        let report = B.report(at: "2026-03-11T15:00", F.north(of: Self.paris, meters: metersFromParis), accuracy: accuracy)
        #expect(LocationBreachRules.breaches(of: report, restrictions: restrictions, zone: .utc).count == (breach ? 1 : 0))
    }

    @Test func permitDoesNotSuspendExclusionsOrCurfews() {
        let restrictions = [B.exclusion(), B.curfew(), B.permit(from: "2026-03-10", to: "2026-03-12")]
        let report = B.report(at: "2026-03-11T23:00", F.north(of: B.home, meters: 200))
        let found = LocationBreachRules.breaches(of: report, restrictions: restrictions, zone: .utc)
        #expect(found.map(\.kind) == [.exclusionZone, .curfew])
    }

    @Test func explanationNamesTheDestination() {
        let restrictions = [B.inclusion(name: "Borough"),
                            B.permit(from: "2026-03-10", to: "2026-03-12", destination: Self.leedsZone, name: "Leeds visit")]
        let report = B.report(at: "2026-03-11T15:00", F.north(of: B.home, meters: 1_500), accuracy: 10)
        let found = LocationBreachRules.breaches(of: report, restrictions: restrictions, zone: .utc)
        #expect(found.map(\.explanation).first?.hasPrefix(
            "report at 15:00 outside permitted area \"Borough\" (1000 m outside) and outside the destination of travel permit \"Leeds visit\" for 2026-03-10 to 2026-03-12 (") == true)
        #expect(found.map(\.explanation).first?.hasSuffix(" m outside), accuracy 10 m") == true)
    }
}

@Suite struct LocationBreachExplanationTests {
    @Test func curfewExplanation() {
        let report = B.report(id: 42, at: "2026-03-10T23:30", F.north(of: B.home, meters: 412.2))
        let found = LocationBreachRules.breaches(of: report, restrictions: [B.curfew(id: 9)], zone: .utc)
        #expect(found == [DetectedViolation(
            kind: .curfew, occurredOn: F.date("2026-03-10"), cause: "report:42:restriction:9",
            explanation: "report at 23:30, 412 m from home, curfew 22:00–05:00 (tolerance 100 m, accuracy 0 m)")])
        #expect(found.first?.severity == .medium)
    }

    @Test func curfewExplanationAfterMidnightNamesTheNight() {
        let report = B.report(id: 5, at: "2026-03-11T01:15:30", F.north(of: B.home, meters: 250), accuracy: 12.5)
        let found = LocationBreachRules.breaches(of: report, restrictions: [B.curfew(id: 3, name: "Night")], zone: .utc)
        #expect(found.map(\.explanation) ==
            ["report at 01:15, 250 m from home, curfew \"Night\" 22:00–05:00 that began on 2026-03-10 (tolerance 100 m, accuracy 12.5 m)"])
        #expect(found.map(\.occurredOn) == [F.date("2026-03-11")])
    }

    @Test func exclusionExplanation() {
        let street = GeoZone.circle(center: B.home, radiusMeters: 100)
        let report = B.report(id: 42, at: "2026-03-10T14:05", F.north(of: B.home, meters: 62), accuracy: 10)
        let found = LocationBreachRules.breaches(of: report, restrictions: [B.exclusion(id: 7, street, name: "Victim's street")], zone: .utc)
        #expect(found == [DetectedViolation(
            kind: .exclusionZone, occurredOn: F.date("2026-03-10"), cause: "report:42:restriction:7",
            explanation: "report at 14:05 inside exclusion zone \"Victim's street\" (38 m inside, accuracy 10 m)")])
        #expect(found.first?.severity == .high)
    }

    @Test func unnamedZoneIsDescribedByItsShape() {
        let report = B.report(F.north(of: B.home, meters: 800))
        let found = LocationBreachRules.breaches(of: report, restrictions: [B.inclusion()], zone: .utc)
        #expect(found.map(\.explanation) ==
            ["report at 14:05 outside permitted area circle 51.5074,-0.1278 r=500 m (300 m outside, accuracy 0 m)"])
    }

    /// Rounding must never make a breach look like no breach: 100.4 m against 100 m shows "100.4".
    @Test(arguments: [(100.4, "100.4 m from home"), (100.04, "100.04 m from home"), (100.6, "101 m from home"), (150.0, "150 m from home")])
    func roundingKeepsTheExcessVisible(_ meters: Double, _ shown: String) {
        let report = B.report(at: "2026-03-10T23:30", F.north(of: B.home, meters: meters))
        let found = LocationBreachRules.breaches(of: report, restrictions: [B.curfew()], zone: .utc)
        #expect(found.first?.explanation.contains(shown) == true, "\(found.map(\.explanation))")
    }

    @Test func oneReportBreachingTwoRestrictionsGivesTwoViolationsInIdOrder() {
        let restrictions = [B.curfew(id: 30), B.exclusion(id: 4), B.exclusion(id: 12, .circle(center: B.home, radiusMeters: 1_000))]
        let report = B.report(id: 42, at: "2026-03-10T23:30", F.north(of: B.home, meters: 300))
        let found = LocationBreachRules.breaches(of: report, restrictions: restrictions, zone: .utc)
        #expect(found.map(\.cause) == ["report:42:restriction:4", "report:42:restriction:12", "report:42:restriction:30"])
        #expect(found.map(\.kind) == [.exclusionZone, .exclusionZone, .curfew])
        // Deterministic whatever the order the restrictions arrive in.
        #expect(LocationBreachRules.breaches(of: report, restrictions: restrictions.reversed(), zone: .utc) == found)
    }

    @Test func restrictionWithoutItsPartsIsIgnored() {
        let broken = [Restriction(id: 1, kind: .curfew, startsOn: B.march1, endsOn: B.march31),
                      Restriction(id: 2, kind: .exclusion, startsOn: B.march1, endsOn: B.march31)]
        #expect(LocationBreachRules.breaches(of: B.report(at: "2026-03-10T23:30", B.home), restrictions: broken, zone: .utc).isEmpty)
        #expect(throws: InputError.self) { try broken[0].validate() }
        #expect(throws: InputError.self) { try broken[1].validate() }
    }
}

@Suite struct ViolationKindTests {
    @Test(arguments: [
        (ViolationKind.missedInterview, Severity.medium), (.missedLifeLog, .low), (.curfew, .medium),
        (.exclusionZone, .high), (.outsidePermittedArea, .medium), (.noContact, .high),
    ])
    func severityTable(_ kind: ViolationKind, _ severity: Severity) {
        #expect(kind.severity == severity)
    }

    @Test func severityOrder() {
        #expect(Severity.low < .medium && Severity.medium < .high)
        #expect(Severity.allCases.sorted() == [.low, .medium, .high])
    }
}
