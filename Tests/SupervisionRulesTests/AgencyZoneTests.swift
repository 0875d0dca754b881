import Testing
import Foundation
@testable import SupervisionRules

@Suite("Agency time zone: local dates and daylight saving (docs/calendar.md §2)")
struct AgencyZoneTests {
    @Test("an instant's local date and time in the agency's zone", arguments: [
        ("America/Los_Angeles", "2026-01-15T07:30:00Z", "2026-01-14T23:30"),   // PST −8
        ("America/Los_Angeles", "2026-07-15T06:30:00Z", "2026-07-14T23:30"),   // PDT −7
        ("Pacific/Auckland", "2026-01-11T11:30:00Z", "2026-01-12T00:30"),      // NZDT +13
        ("Pacific/Auckland", "2026-07-11T11:30:00Z", "2026-07-11T23:30"),      // NZST +12
        ("Europe/London", "2026-06-30T23:30:00Z", "2026-07-01T00:30"),         // BST +1
        ("Europe/London", "2026-12-31T23:30:00Z", "2026-12-31T23:30"),         // GMT
        ("UTC", "2026-01-15T07:30:00Z", "2026-01-15T07:30"),
    ])
    func localTime(zoneName: String, instant: String, expected: String) throws {
        let zone = try AgencyZone.named(zoneName)
        let local = zone.local(try .stored(instant))
        #expect(local == (try .iso(expected)))
        #expect(zone.date(of: try .stored(instant)) == local.date)
    }

    @Test("a wall time becomes an instant, through spring-forward gaps and autumn overlaps", arguments: [
        // Europe/London 2026: 01:00 GMT → 02:00 BST on 03-29; 02:00 BST → 01:00 GMT on 10-25
        ("Europe/London", "2026-03-29T00:59:59", "2026-03-29T00:59:59Z"),
        ("Europe/London", "2026-03-29T01:00", "2026-03-29T01:00:00Z"),         // gap: read as GMT (= 02:00 BST)
        ("Europe/London", "2026-03-29T01:30", "2026-03-29T01:30:00Z"),         // gap: = 02:30 BST
        ("Europe/London", "2026-03-29T02:00", "2026-03-29T01:00:00Z"),
        ("Europe/London", "2026-03-29T10:00", "2026-03-29T09:00:00Z"),
        ("Europe/London", "2026-10-25T00:59", "2026-10-24T23:59:00Z"),
        ("Europe/London", "2026-10-25T01:00", "2026-10-25T00:00:00Z"),         // overlap: first (BST)
        ("Europe/London", "2026-10-25T01:30", "2026-10-25T00:30:00Z"),         // overlap: first (BST)
        ("Europe/London", "2026-10-25T01:59:59", "2026-10-25T00:59:59Z"),
        ("Europe/London", "2026-10-25T02:00", "2026-10-25T02:00:00Z"),
        // America/New_York 2026: 02:00 EST → 03:00 EDT on 03-08; 02:00 EDT → 01:00 EST on 11-01
        ("America/New_York", "2026-03-08T01:59", "2026-03-08T06:59:00Z"),
        ("America/New_York", "2026-03-08T02:30", "2026-03-08T07:30:00Z"),      // gap: read as EST (= 03:30 EDT)
        ("America/New_York", "2026-03-08T03:00", "2026-03-08T07:00:00Z"),
        ("America/New_York", "2026-11-01T00:30", "2026-11-01T04:30:00Z"),
        ("America/New_York", "2026-11-01T01:30", "2026-11-01T05:30:00Z"),      // overlap: first (EDT)
        ("America/New_York", "2026-11-01T02:00", "2026-11-01T07:00:00Z"),
        // Pacific/Auckland 2026, southern hemisphere: overlap on 04-05, gap on 09-27
        ("Pacific/Auckland", "2026-04-05T02:30", "2026-04-04T13:30:00Z"),      // overlap: first (NZDT +13)
        ("Pacific/Auckland", "2026-09-27T02:30", "2026-09-26T14:30:00Z"),      // gap: read as NZST (= 03:30 NZDT)
        ("UTC", "2026-03-29T01:30", "2026-03-29T01:30:00Z"),
    ])
    func instantOfWallTime(zoneName: String, wallTime: String, expected: String) throws {
        let zone = try AgencyZone.named(zoneName)
        #expect(zone.instant(of: try .iso(wallTime)) == (try .stored(expected)))
    }

    @Test("outside a gap, a wall time round-trips through its instant; in a gap it moves forward by the jump",
          arguments: [
              ("Europe/London", "2026-03-29T00:30", 0),
              ("Europe/London", "2026-03-29T01:30", 3600),
              ("Europe/London", "2026-10-25T01:30", 0),
              ("America/New_York", "2026-03-08T02:00", 3600),
              ("America/New_York", "2026-03-08T02:59:59", 3600),
              ("America/New_York", "2026-03-08T03:00", 0),
              ("America/New_York", "2026-11-01T01:00", 0),
              ("Pacific/Auckland", "2026-09-27T02:00", 3600),
          ] as [(String, String, Int)])
    func roundTrip(zoneName: String, wallTime: String, shift: Int) throws {
        let zone = try AgencyZone.named(zoneName)
        let local = try LocalDateTime.iso(wallTime)
        let back = zone.local(zone.instant(of: local))
        #expect(back.instantIfUTC.secondsSinceEpoch - local.instantIfUTC.secondsSinceEpoch == Int64(shift))
    }

    @Test("the start of a day on which the clocks change")
    func startOfDay() throws {
        let london = try AgencyZone.named("Europe/London")
        #expect(london.startOfDay(try .iso("2026-03-29")) == (try .stored("2026-03-29T00:00:00Z")))
        #expect(london.startOfDay(try .iso("2026-03-30")) == (try .stored("2026-03-29T23:00:00Z")))
        let newYork = try AgencyZone.named("America/New_York")
        #expect(newYork.startOfDay(try .iso("2026-11-01")) == (try .stored("2026-11-01T04:00:00Z")))
        #expect(newYork.startOfDay(try .iso("2026-11-02")) == (try .stored("2026-11-02T05:00:00Z")))
    }

    @Test("only IANA zone names are accepted", arguments: [
        ("UTC", true), ("Europe/London", true), ("America/New_York", true), ("Pacific/Auckland", true),
        ("Mars/Olympus_Mons", false), ("", false), ("+02:00", false), ("europe/london", false),
    ])
    func zoneNames(name: String, known: Bool) {
        #expect((AgencyZone(identifier: name) != nil) == known)
    }
}

@Suite("Agency time zone: the offset table agrees with the time-zone database")
struct OffsetTableTests {
    /// Daylight saving in both hemispheres, a half-hour saving (Lord Howe), half- and
    /// quarter-hour offsets (St John's, Kathmandu), changes of standard offset (Volgograd 2011,
    /// 2014, 2018, 2020; Pyongyang 2015, 2018; Whitehorse 2020; Moscow 2011, 2014), a skipped
    /// day (Apia 2011) and Casablanca's saving suspended for Ramadan.
    @Test("every sampled instant and both sides of every transition, 2009 to 2031", arguments: [
        "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/St_Johns",
        "Asia/Kathmandu", "Europe/Volgograd", "Asia/Pyongyang", "America/Whitehorse", "Pacific/Apia",
        "Africa/Casablanca", "Europe/Moscow", "UTC",
    ])
    func agreesWithTheDatabase(zoneName: String) throws {
        let zone = try AgencyZone.named(zoneName)
        let from: Int64 = 1_230_768_000   // 2009-01-01T00:00:00Z
        let to: Int64 = 1_956_528_000     // 2032-01-01T00:00:00Z
        var mismatches: [String] = []
        func check(_ seconds: Int64) {
            let instant = Instant(secondsSinceEpoch: seconds)
            let table = zone.offsetSeconds(at: instant)
            let database = zone.offsetFromDatabase(at: instant)
            if table != database, mismatches.count < 5 { mismatches.append("\(instant): \(table) vs \(database)") }
        }
        // An odd step (1 h 0 min 7 s) lands on every minute of the hour over the years.
        var seconds = from
        while seconds < to {
            check(seconds)
            seconds += 3_607
        }
        // The second before, of and after each transition the database knows.
        let timeZone = try #require(TimeZone(identifier: zoneName))
        var cursor = Date(timeIntervalSince1970: TimeInterval(from))
        var transitions = 0
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(to) {
            let at = Int64(next.timeIntervalSince1970.rounded(.down))
            for delta: Int64 in [-1, 0, 1] { check(at + delta) }
            transitions += 1
            cursor = next
        }
        #expect(mismatches.isEmpty, "\(zoneName): \(mismatches)")
        #expect(["UTC", "Asia/Kathmandu"].contains(zoneName) || transitions > 0)
    }
}
