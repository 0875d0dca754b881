import Testing
@testable import SupervisionRules

@Suite("Time input: dates, local date-times and instants (docs/cli.md §9)")
struct TimeInputTests {
    @Test("a bare date", arguments: [
        ("2026-03-18", "2026-03-18"),
        ("  2026-03-18 ", "2026-03-18"),
        ("2024-02-29", "2024-02-29"),
    ])
    func date(text: String, expected: String) throws {
        #expect(TimeInput.parse(text) == .date(try .iso(expected)))
    }

    @Test("a date-time without offset is local to the agency", arguments: [
        ("2026-03-10T10:00", "2026-03-10T10:00"),
        ("2026-03-10T10:00:30", "2026-03-10T10:00:30"),
        ("2026-03-10 10:00", "2026-03-10T10:00"),
        ("2026-03-10T00:00", "2026-03-10T00:00"),
        ("2026-03-10T23:59:59", "2026-03-10T23:59:59"),
    ])
    func local(text: String, expected: String) throws {
        #expect(TimeInput.parse(text) == .local(try .iso(expected)))
    }

    @Test("a date-time with Z or an offset is an exact instant", arguments: [
        ("2026-03-10T10:00Z", "2026-03-10T10:00:00Z"),
        ("2026-03-10T10:00:30Z", "2026-03-10T10:00:30Z"),
        ("2026-03-10T10:00z", "2026-03-10T10:00:00Z"),
        ("2026-03-10T10:00:30+01:00", "2026-03-10T09:00:30Z"),
        ("2026-03-10T10:00-05:00", "2026-03-10T15:00:00Z"),
        ("2026-03-10T10:00+0530", "2026-03-10T04:30:00Z"),
        ("2026-03-10T10:00:00-0330", "2026-03-10T13:30:00Z"),
        ("2026-03-10T00:30+01:00", "2026-03-09T23:30:00Z"),      // the UTC date differs
        ("2026-12-31T20:00-05:00", "2027-01-01T01:00:00Z"),
        ("2026-03-10T10:00-00:00", "2026-03-10T10:00:00Z"),
        ("2026-03-10T10:00+14:00", "2026-03-09T20:00:00Z"),
        ("2026-03-10T10:00+18:00", "2026-03-09T16:00:00Z"),
    ])
    func instant(text: String, expected: String) throws {
        #expect(TimeInput.parse(text) == .instant(try .stored(expected)))
    }

    @Test("anything else is refused", arguments: [
        "", "   ", "now", "tomorrow", "2026-02-30", "2026-3-18", "18/03/2026", "20260318",
        "2026-03-10T", "2026-03-10T10", "2026-03-10T1000", "2026-03-10T24:00", "2026-03-10T10:60",
        "2026-03-10T10:00:60", "2026-03-10T10:00:3", "2026-03-10T10:00:3Z", "2026-02-30T10:00",
        "2026-03-10t10:00", "2026-03-10T10:00 Z", "2026-03-10T10:00ZZ", "2026-03-10T10:00Zjunk",
        "2026-03-10T10:00:30.5Z", "2026-03-10T10:00:30.000+01:00",
        "2026-03-10T10:00+1", "2026-03-10T10:00+01", "2026-03-10T10:00+01:0", "2026-03-10T10:00+1:00",
        "2026-03-10T10:00+01-00", "2026-03-10T10:00+01:00:00", "2026-03-10T10:00+25:00",
        "2026-03-10T10:00+18:01", "2026-03-10T10:00+01:60", "2026-03-10T10:00*01:00",
        "2026-03-10T10:00\u{2212}05:00", "２０２６-03-18", "2026-03-10T1０:00",
    ])
    func garbage(text: String) {
        #expect(TimeInput.parse(text) == nil)
    }

    /// Surrounding white space (a newline from a paste included) is trimmed as in every other
    /// field, so `--at` and `--born` agree (docs/operations.md §14).
    @Test func trimmedLikeEveryField() {
        #expect(TimeInput.parse("2026-03-18\n") == TimeInput.parse("2026-03-18"))
        #expect(TimeInput.parse("\u{A0}2026-03-10T10:00 ") == TimeInput.parse("2026-03-10T10:00"))
        #expect(TimeInput.parse("2026-03-10T10:00\u{200B}") == nil)
    }

    @Test("a bare date means the last second of that local day", arguments: [
        ("UTC", "2026-03-18", "2026-03-18T23:59:59Z"),
        ("America/New_York", "2026-03-18", "2026-03-19T03:59:59Z"),    // EDT
        ("America/New_York", "2026-01-18", "2026-01-19T04:59:59Z"),    // EST
        ("America/New_York", "2026-03-08", "2026-03-09T03:59:59Z"),    // the day clocks go forward
        ("Pacific/Auckland", "2026-03-18", "2026-03-18T10:59:59Z"),    // NZDT +13
        ("Europe/London", "2026-10-25", "2026-10-25T23:59:59Z"),       // the day clocks go back
    ])
    func endOfDay(zoneName: String, text: String, expected: String) throws {
        let input = try #require(TimeInput.parse(text))
        #expect(input.instant(in: try .named(zoneName)) == (try .stored(expected)))
    }

    @Test("the end of a date is the last instant whose local date is that date", arguments: [
        ("Europe/London", ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26"]),
        ("America/New_York", ["2026-03-08", "2026-11-01", "2026-12-31"]),
        ("Pacific/Auckland", ["2026-04-05", "2026-09-27", "2026-02-28"]),
        ("America/Los_Angeles", ["2024-02-29", "2026-03-08", "2026-11-01"]),
    ])
    func endOfDayBelongsToTheDay(zoneName: String, dates: [String]) throws {
        let zone = try AgencyZone.named(zoneName)
        for text in dates {
            let date = try LocalDate.iso(text)
            let end = TimeInput.date(date).instant(in: zone)
            #expect(zone.date(of: end) == date, "\(zoneName) \(text)")
            #expect(zone.date(of: end.adding(seconds: 1)) == date.adding(days: 1), "\(zoneName) \(text)")
            #expect(zone.local(end).secondOfDay == 86_399, "\(zoneName) \(text)")
        }
    }

    @Test("a local date-time is read on the agency's clock; an instant ignores the zone", arguments: [
        ("Europe/London", "2026-03-10T10:00", "2026-03-10T10:00:00Z"),          // GMT
        ("America/New_York", "2026-03-10T10:00", "2026-03-10T14:00:00Z"),       // EDT since 03-08
        ("Pacific/Auckland", "2026-03-10T10:00", "2026-03-09T21:00:00Z"),
        ("America/New_York", "2026-03-08T02:30", "2026-03-08T07:30:00Z"),       // in the gap
        ("America/New_York", "2026-03-10T10:00Z", "2026-03-10T10:00:00Z"),
        ("Pacific/Auckland", "2026-03-10T10:00+01:00", "2026-03-10T09:00:00Z"),
    ])
    func instantInZone(zoneName: String, text: String, expected: String) throws {
        let input = try #require(TimeInput.parse(text))
        #expect(input.instant(in: try .named(zoneName)) == (try .stored(expected)))
    }
}
