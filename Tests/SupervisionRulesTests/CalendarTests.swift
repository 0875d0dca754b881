import Testing
@testable import SupervisionRules

@Suite("Calendar: addMonths and business days (docs/calendar.md §2)")
struct CalendarTests {
    @Test("addMonths keeps the day, clamped to the month's end", arguments: [
        // docs/calendar.md §2 worked examples
        ("2026-01-31", 1, "2026-02-28"),
        ("2027-08-31", 6, "2028-02-29"),
        // leap years, century years
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("1900-01-31", 1, "1900-02-28"),
        ("2000-01-31", 1, "2000-02-29"),
        ("2100-01-29", 1, "2100-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("1899-08-31", 6, "1900-02-28"),
        ("1999-08-31", 6, "2000-02-29"),
        // other month ends
        ("2026-05-31", 1, "2026-06-30"),
        ("2026-11-30", 3, "2027-02-28"),
        ("2026-01-30", 1, "2026-02-28"),
        ("2026-02-28", 1, "2026-03-28"),
        ("2026-12-15", 1, "2027-01-15"),
        ("2026-12-31", 0, "2026-12-31"),
        ("2026-03-15", 12, "2027-03-15"),
        // backwards
        ("2026-03-31", -1, "2026-02-28"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2026-01-15", -1, "2025-12-15"),
        ("2026-03-15", -15, "2024-12-15"),
        ("2026-01-31", -12, "2025-01-31"),
    ] as [(String, Int, String)])
    func addMonthsTable(start: String, months: Int, expected: String) throws {
        #expect(addMonths(try .iso(start), months) == (try .iso(expected)))
    }

    @Test("addMonths lands in the target month and never after the start day", arguments: [-25, -13, -12, -1, 1, 2, 6, 11, 12, 13, 25])
    func addMonthsNeverRollsOver(months: Int) throws {
        var date = try LocalDate.iso("2023-01-01")
        let end = try LocalDate.iso("2025-01-01")
        while date < end {
            let result = addMonths(date, months)
            #expect((result.year * 12 + result.month) - (date.year * 12 + date.month) == months, "\(date) + \(months)")
            #expect(result.day == min(date.day, LocalDate.daysIn(month: result.month, year: result.year)), "\(date) + \(months)")
            date = date.adding(days: 1)
        }
    }

    @Test("addMonths past year 9999 or before year 1 gives an answer instead of trapping")
    func addMonthsAtTheEdgesOfTheCalendar() throws {
        let late = addMonths(try .iso("9999-12-31"), 2)
        #expect((late.year, late.month, late.day) == (10_000, 2, 29))
        let early = addMonths(try .iso("0001-01-15"), -1)
        #expect((early.year, early.month, early.day) == (0, 12, 15))
    }

    @Test("business days are Monday to Friday except holidays", arguments: [
        ("1999-08-13", [], true),                 // Friday
        ("1999-08-14", [], false),                // Saturday
        ("1999-08-15", [], false),                // Sunday
        ("1999-08-16", [], true),                 // Monday
        ("2021-12-27", ["2021-12-27"], false),    // Monday, holiday
        ("2021-12-27", ["2021-12-28"], true),     // a holiday elsewhere changes nothing
        ("2021-12-25", ["2021-12-25"], false),    // holiday on a Saturday
    ] as [(String, [String], Bool)])
    func isBusinessDay(date: String, holidays: [String], expected: Bool) throws {
        let calendar = BusinessCalendar(holidays: try LocalDate.isoSet(holidays))
        #expect(calendar.isBusinessDay(try .iso(date)) == expected)
    }

    @Test("addBusinessDays counts the n-th business day after the date", arguments: [
        // docs/calendar.md §2 worked examples
        ("1999-08-13", 3, [], "1999-08-18"),
        ("2021-12-24", 1, ["2021-12-27", "2021-12-28"], "2021-12-29"),
        ("2022-03-08", 10, ["2021-12-27", "2021-12-28"], "2022-03-22"),
        // the same without the holidays
        ("2021-12-24", 1, [], "2021-12-27"),
        // n == 0 is the date itself, even on a weekend or holiday
        ("1999-08-14", 0, [], "1999-08-14"),
        ("2021-12-27", 0, ["2021-12-27"], "2021-12-27"),
        // the start day never counts
        ("1999-08-14", 1, [], "1999-08-16"),      // Saturday + 1 → Monday
        ("1999-08-15", 1, [], "1999-08-16"),      // Sunday + 1 → Monday
        ("1999-08-12", 1, [], "1999-08-13"),      // Thursday + 1 → Friday
        ("1999-08-13", 1, [], "1999-08-16"),      // Friday + 1 → Monday
        ("1999-08-16", 5, [], "1999-08-23"),      // a whole week
        ("1999-08-16", 10, [], "1999-08-30"),
        // a holiday on a weekend costs nothing
        ("2021-12-24", 1, ["2021-12-25", "2021-12-26"], "2021-12-27"),
        // across a year end and a leap day
        ("2021-12-30", 2, ["2021-12-31"], "2022-01-04"),
        ("2024-02-28", 1, [], "2024-02-29"),
        ("2023-02-28", 1, [], "2023-03-01"),
    ] as [(String, Int, [String], String)])
    func addBusinessDays(start: String, n: Int, holidays: [String], expected: String) throws {
        let calendar = BusinessCalendar(holidays: try LocalDate.isoSet(holidays))
        #expect(calendar.addBusinessDays(try .iso(start), n) == (try .iso(expected)))
    }

    @Test("the result of addBusinessDays with n ≥ 1 is always a business day")
    func addBusinessDaysLandsOnABusinessDay() throws {
        let calendar = BusinessCalendar(holidays: try LocalDate.isoSet(["2026-04-03", "2026-04-06", "2026-05-04", "2026-12-25"]))
        var date = try LocalDate.iso("2026-01-01")
        for _ in 0..<365 {
            for n in 1...6 {
                let result = calendar.addBusinessDays(date, n)
                #expect(calendar.isBusinessDay(result), "\(date) + \(n)")
                // exactly n business days in (date, result]
                let counted = (1...result.days(since: date)).filter { calendar.isBusinessDay(date.adding(days: $0)) }.count
                #expect(counted == n, "\(date) + \(n)")
            }
            date = date.adding(days: 1)
        }
    }
}
