import Foundation
import Testing
@testable import SupervisionRules

private typealias F = GeoFixtures
private typealias B = BreachFixtures

@Suite struct CurfewParsingTests {
    @Test(arguments: [("22:00", 1320), ("05:00", 300), ("00:00", 0), ("23:59", 1439), ("7:05", 425), (" 07:30 ", 450)])
    func parseTime(_ text: String, _ minutes: Int) throws {
        #expect(try CurfewRule.parseTime(text, field: "--from") == minutes)
    }

    @Test(arguments: ["24:00", "12:60", "1200", "12:5", "", "ab:cd", "-1:00", "12:00:00", "123:00", "１２:００"])
    func parseTimeRefuses(_ text: String) {
        #expect {
            try CurfewRule.parseTime(text, field: "--to")
        } throws: { error in
            (error as? InputError)?.message.hasPrefix("--to must be a time HH:MM") == true
        }
    }

    @Test(arguments: [
        ("mon,tue", [1, 2]), ("Fri", [5]), ("saturday, Sunday", [6, 7]), ("all", [1, 2, 3, 4, 5, 6, 7]),
        ("weekdays", [1, 2, 3, 4, 5]), ("weekends", [6, 7]), ("weekends,fri", [5, 6, 7]), ("mon,mon", [1]),
    ])
    func parseDays(_ text: String, _ days: [Int]) throws {
        #expect(try CurfewRule.parseDays(text) == Set(days))
    }

    @Test(arguments: ["", "mon,", "funday", "1,2", "mon;tue"])
    func parseDaysRefuses(_ text: String) {
        #expect(throws: InputError.self) { try CurfewRule.parseDays(text) }
    }

    @Test func ruleRefusesNonsense() {
        let home = B.home
        #expect(throws: InputError.self) { try CurfewRule(from: 1320, to: 1320, home: home) }
        #expect(throws: InputError.self) { try CurfewRule(from: 1440, to: 300, home: home) }
        #expect(throws: InputError.self) { try CurfewRule(from: 1320, to: -1, home: home) }
        #expect(throws: InputError.self) { try CurfewRule(from: 1320, to: 300, days: [], home: home) }
        #expect(throws: InputError.self) { try CurfewRule(from: 1320, to: 300, days: [0, 1], home: home) }
        #expect(throws: InputError.self) { try CurfewRule(from: 1320, to: 300, home: home, toleranceMeters: -1) }
        #expect(throws: InputError.self) { try CurfewRule(from: 1320, to: 300, home: home, toleranceMeters: .nan) }
        #expect((try? CurfewRule(from: 1320, to: 300, home: home))?.toleranceMeters == 100)
    }
}

struct WindowCase: Sendable, CustomTestStringConvertible {
    let name: String
    let from: String, to: String
    let days: Set<Int>
    let at: String          // local wall time
    let windowStart: String?
    var testDescription: String { name }
}

@Suite struct CurfewWindowTests {
    // 2026-03-13 is a Friday.
    static let cases: [WindowCase] = [
        // 22:00–05:00 every day: both ends, one minute either side
        .init(name: "21:59 before the start", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-13T21:59", windowStart: nil),
        .init(name: "21:59:59 still before the start", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-13T21:59:59", windowStart: nil),
        .init(name: "22:00 at the start", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-13T22:00", windowStart: "2026-03-13"),
        .init(name: "22:01 after the start", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-13T22:01", windowStart: "2026-03-13"),
        .init(name: "00:00 belongs to the previous evening", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-14T00:00", windowStart: "2026-03-13"),
        .init(name: "04:59 before the end", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-14T04:59", windowStart: "2026-03-13"),
        .init(name: "05:00 at the end", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-14T05:00", windowStart: nil),
        .init(name: "05:01 after the end", from: "22:00", to: "05:00", days: CurfewRule.allDays, at: "2026-03-14T05:01", windowStart: nil),
        // 09:00–17:00, not crossing midnight
        .init(name: "08:59", from: "09:00", to: "17:00", days: CurfewRule.allDays, at: "2026-03-13T08:59", windowStart: nil),
        .init(name: "09:00", from: "09:00", to: "17:00", days: CurfewRule.allDays, at: "2026-03-13T09:00", windowStart: "2026-03-13"),
        .init(name: "16:59", from: "09:00", to: "17:00", days: CurfewRule.allDays, at: "2026-03-13T16:59", windowStart: "2026-03-13"),
        .init(name: "17:00", from: "09:00", to: "17:00", days: CurfewRule.allDays, at: "2026-03-13T17:00", windowStart: nil),
        // Friday-only 22:00–05:00: the days are the days a window STARTS
        .init(name: "Friday 23:00", from: "22:00", to: "05:00", days: [5], at: "2026-03-13T23:00", windowStart: "2026-03-13"),
        .init(name: "Saturday 03:00 (Friday's night)", from: "22:00", to: "05:00", days: [5], at: "2026-03-14T03:00", windowStart: "2026-03-13"),
        .init(name: "Saturday 23:00", from: "22:00", to: "05:00", days: [5], at: "2026-03-14T23:00", windowStart: nil),
        .init(name: "Friday 03:00 (Thursday's night)", from: "22:00", to: "05:00", days: [5], at: "2026-03-13T03:00", windowStart: nil),
        .init(name: "Thursday 23:00", from: "22:00", to: "05:00", days: [5], at: "2026-03-12T23:00", windowStart: nil),
        // Monday-only 00:30–06:00 starts on Monday itself
        .init(name: "Monday 00:30", from: "00:30", to: "06:00", days: [1], at: "2026-03-16T00:30", windowStart: "2026-03-16"),
        .init(name: "Sunday 00:30", from: "00:30", to: "06:00", days: [1], at: "2026-03-15T00:30", windowStart: nil),
    ]

    @Test(arguments: cases)
    func windowContaining(_ c: WindowCase) throws {
        let rule = try CurfewRule(from: CurfewRule.parseTime(c.from, field: "--from"), to: CurfewRule.parseTime(c.to, field: "--to"),
                                  days: c.days, home: B.home)
        #expect(rule.windowContaining(LocalDateTime(iso: c.at)!) == c.windowStart.map(F.date))
    }

    @Test func textForms() throws {
        let rule = try CurfewRule(from: 1320, to: 300, days: [1, 3, 5], home: B.home)
        #expect(rule.windowText == "22:00–05:00")
        #expect(rule.daysText == "mon, wed, fri")
    }

    @Test func codableStoresDaysSortedAndValidates() throws {
        let rule = try CurfewRule(from: 1320, to: 300, days: [7, 1, 3], home: B.home, toleranceMeters: 50)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(rule), as: UTF8.self)
        #expect(json.contains("\"days\":[1,3,7]"))
        #expect(try JSONDecoder().decode(CurfewRule.self, from: Data(json.utf8)) == rule)
        let broken = json.replacingOccurrences(of: "\"to\":300", with: "\"to\":1320")
        #expect(broken != json)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(CurfewRule.self, from: Data(broken.utf8)) }
    }
}

struct CurfewBreachCase: Sendable, CustomTestStringConvertible {
    let name: String
    let zone: String
    let at: Instant
    let breach: Bool
    var from = "22:00"
    var to = "05:00"
    var testDescription: String { name }
}

/// Reports 500 m from home, judged against a 22:00–05:00 curfew every day.
@Suite struct CurfewBreachTests {
    static let far = F.north(of: B.home, meters: 500)

    @Test(arguments: [
        ("2026-03-10T21:59", false), ("2026-03-10T22:00", true), ("2026-03-10T22:01", true),
        ("2026-03-11T04:59", true), ("2026-03-11T05:00", false), ("2026-03-11T05:01", false),
    ])
    func aroundBothEnds(_ local: String, _ breach: Bool) {
        let report = B.report(at: local, Self.far)
        #expect(LocationBreachRules.breaches(of: report, restrictions: [B.curfew()], zone: .utc).count == (breach ? 1 : 0))
    }

    static func u(_ iso: String) -> Instant { F.utc(iso) }

    // Wall-clock judgement on DST nights. Europe/London: 2026-03-29 01:00 GMT → 02:00 BST,
    // 2026-10-25 02:00 BST → 01:00 GMT. America/New_York: 2026-03-08 02:00 EST → 03:00 EDT,
    // 2026-11-01 02:00 EDT → 01:00 EST. Instants are given in UTC.
    static let dstCases: [CurfewBreachCase] = [
        .init(name: "London spring: 21:59 GMT", zone: "Europe/London", at: u("2026-03-28T21:59"), breach: false),
        .init(name: "London spring: 22:00 GMT", zone: "Europe/London", at: u("2026-03-28T22:00"), breach: true),
        .init(name: "London spring: 00:59 GMT, before the jump", zone: "Europe/London", at: u("2026-03-29T00:59"), breach: true),
        .init(name: "London spring: 02:00 BST, after the jump", zone: "Europe/London", at: u("2026-03-29T01:00"), breach: true),
        .init(name: "London spring: 04:59 BST", zone: "Europe/London", at: u("2026-03-29T03:59"), breach: true),
        .init(name: "London spring: 05:00 BST ends the window", zone: "Europe/London", at: u("2026-03-29T04:00"), breach: false),
        .init(name: "London spring: 05:01 BST", zone: "Europe/London", at: u("2026-03-29T04:01"), breach: false),
        .init(name: "London autumn: 21:59 BST", zone: "Europe/London", at: u("2026-10-24T20:59"), breach: false),
        .init(name: "London autumn: 22:00 BST", zone: "Europe/London", at: u("2026-10-24T21:00"), breach: true),
        .init(name: "London autumn: first 01:30 (BST)", zone: "Europe/London", at: u("2026-10-25T00:30"), breach: true),
        .init(name: "London autumn: second 01:30 (GMT)", zone: "Europe/London", at: u("2026-10-25T01:30"), breach: true),
        .init(name: "London autumn: 04:59 GMT", zone: "Europe/London", at: u("2026-10-25T04:59"), breach: true),
        .init(name: "London autumn: 05:00 GMT ends the window", zone: "Europe/London", at: u("2026-10-25T05:00"), breach: false),
        .init(name: "London autumn: 05:01 GMT", zone: "Europe/London", at: u("2026-10-25T05:01"), breach: false),
        .init(name: "New York spring: 21:59 EST", zone: "America/New_York", at: u("2026-03-08T02:59"), breach: false),
        .init(name: "New York spring: 22:00 EST", zone: "America/New_York", at: u("2026-03-08T03:00"), breach: true),
        .init(name: "New York spring: 04:59 EDT", zone: "America/New_York", at: u("2026-03-08T08:59"), breach: true),
        .init(name: "New York spring: 05:00 EDT ends the window", zone: "America/New_York", at: u("2026-03-08T09:00"), breach: false),
        .init(name: "New York spring: 05:01 EDT", zone: "America/New_York", at: u("2026-03-08T09:01"), breach: false),
        .init(name: "New York autumn: 22:00 EDT", zone: "America/New_York", at: u("2026-11-01T02:00"), breach: true),
        .init(name: "New York autumn: 04:59 EST", zone: "America/New_York", at: u("2026-11-01T09:59"), breach: true),
        .init(name: "New York autumn: 05:00 EST ends the window", zone: "America/New_York", at: u("2026-11-01T10:00"), breach: false),
        .init(name: "New York autumn: 05:01 EST", zone: "America/New_York", at: u("2026-11-01T10:01"), breach: false),
    ]

    @Test(arguments: dstCases)
    func dstNightsJudgedByTheWallClock(_ c: CurfewBreachCase) {
        let report = LocationReport(id: 1, at: c.at, point: Self.far, source: .lifeLog)
        let zone = F.zone(c.zone)
        let found = LocationBreachRules.breaches(of: report, restrictions: [B.curfew(starts: F.date("2026-01-01"), ends: F.date("2026-12-31"))], zone: zone)
        #expect(found.count == (c.breach ? 1 : 0), "\(zone.local(c.at)) \(found.map(\.explanation))")
    }

    // Window edges inside the skipped or repeated hour.
    static let dstEdgeCases: [CurfewBreachCase] = [
        // 02:30–06:00 in New York on 2026-03-08: 02:30 never happens; the window opens at the jump.
        .init(name: "New York 02:30 start in the gap: 01:59 EST", zone: "America/New_York", at: u("2026-03-08T06:59"), breach: false, from: "02:30", to: "06:00"),
        .init(name: "New York 02:30 start in the gap: 03:00 EDT", zone: "America/New_York", at: u("2026-03-08T07:00"), breach: true, from: "02:30", to: "06:00"),
        // 22:00–01:30 in London on 2026-03-29: 01:30 never happens; the window closes at the jump.
        .init(name: "London 01:30 end in the gap: 00:59 GMT", zone: "Europe/London", at: u("2026-03-29T00:59"), breach: true, to: "01:30"),
        .init(name: "London 01:30 end in the gap: 02:00 BST", zone: "Europe/London", at: u("2026-03-29T01:00"), breach: false, to: "01:30"),
        // 22:00–01:30 in London on 2026-10-25: 01:30 happens twice; the window ends the first time.
        .init(name: "London 01:30 end in the overlap: 01:29 BST", zone: "Europe/London", at: u("2026-10-25T00:29"), breach: true, to: "01:30"),
        .init(name: "London 01:30 end in the overlap: 01:30 BST", zone: "Europe/London", at: u("2026-10-25T00:30"), breach: false, to: "01:30"),
        .init(name: "London 01:30 end in the overlap: second 01:10 (GMT)", zone: "Europe/London", at: u("2026-10-25T01:10"), breach: false, to: "01:30"),
    ]

    @Test(arguments: dstEdgeCases)
    func windowEdgesInsideTheChangedHour(_ c: CurfewBreachCase) {
        let curfew = B.curfew(from: c.from, to: c.to, starts: F.date("2026-01-01"), ends: F.date("2026-12-31"))
        let report = LocationReport(id: 1, at: c.at, point: Self.far, source: .lifeLog)
        let zone = F.zone(c.zone)
        let found = LocationBreachRules.breaches(of: report, restrictions: [curfew], zone: zone)
        #expect(found.count == (c.breach ? 1 : 0), "\(zone.local(c.at)) \(found.map(\.explanation))")
    }

    /// The restriction must be in force on the night's start date as well as on the report's date.
    @Test(arguments: [
        ("2026-03-10T03:00", false),   // the night began on 03-09, before the curfew started
        ("2026-03-10T23:00", true),    // first night
        ("2026-03-21T03:00", true),    // early hours of the last night… (began 03-20)
        ("2026-03-20T23:00", true),    // last night
        ("2026-03-22T03:00", false),   // began 03-21, but 03-22 is after the end
        ("2026-03-21T23:00", true),    // the last day's evening: in force when it began and now
    ])
    func effectiveOnTheNightsStart(_ local: String, _ breach: Bool) {
        let curfew = B.curfew(starts: F.date("2026-03-10"), ends: F.date("2026-03-21"))
        let report = B.report(at: local, Self.far)
        #expect(LocationBreachRules.breaches(of: report, restrictions: [curfew], zone: .utc).count == (breach ? 1 : 0))
    }

    @Test func earlyHoursAfterTheLastDayAreNotCovered() {
        let curfew = B.curfew(starts: F.date("2026-03-10"), ends: F.date("2026-03-20"))
        #expect(LocationBreachRules.breaches(of: B.report(at: "2026-03-21T03:00", Self.far), restrictions: [curfew], zone: .utc).isEmpty)
        #expect(LocationBreachRules.breaches(of: B.report(at: "2026-03-20T23:00", Self.far), restrictions: [curfew], zone: .utc).count == 1)
    }
}
