import Testing
@testable import SupervisionRules

@Suite("LocalDate: real dates only, weekdays")
struct LocalDateTests {
    @Test("29 February exists only in leap years (century years only when divisible by 400)", arguments: [
        ("2024-02-29", true),
        ("2026-02-29", false),
        ("2000-02-29", true),
        ("1900-02-29", false),
        ("2100-02-29", false),
        ("2400-02-29", true),
        ("2026-02-28", true),
        ("2026-02-30", false),
        ("2026-04-30", true),
        ("2026-04-31", false),
        ("2026-12-31", true),
        ("2026-13-01", false),
        ("2026-00-10", false),
        ("2026-01-00", false),
        ("0000-01-01", false),
        ("0001-01-01", true),
        ("9999-12-31", true),
    ])
    func realDates(text: String, exists: Bool) {
        #expect((LocalDate(iso: text) != nil) == exists)
    }

    @Test("only the exact YYYY-MM-DD form parses", arguments: [
        "2026-3-18", "2026-03-8", "26-03-18", "2026/03/18", "2026-03-18 ", " 2026-03-18",
        "2026-03-18T00:00", "20260318", "+026-03-18", "2026-0a-18", "",
    ])
    func strictForm(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("days since the epoch round-trip and weekdays are right", arguments: [
        ("1970-01-01", 0, 4),
        ("1969-12-31", -1, 3),
        ("1999-08-13", 10_816, 5),
        ("2000-02-29", 11_016, 2),
        ("2026-03-02", 20_514, 1),
        ("2026-03-08", 20_520, 7),
        ("1900-03-01", -25_508, 4),
    ] as [(String, Int, Int)])
    func dayCountAndWeekday(text: String, days: Int, weekday: Int) throws {
        let date = try LocalDate.iso(text)
        #expect(date.daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == date)
        #expect(date.isoWeekday == weekday)
        #expect(date.isWeekend == (weekday >= 6))
        #expect(date.description == text)
    }
}
