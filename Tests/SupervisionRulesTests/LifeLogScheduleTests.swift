import Testing
@testable import SupervisionRules

@Suite("Life-log schedule (docs/lifelog.md §5)")
struct LifeLogScheduleTests {
    /// docs/lifelog.md §5 example: interval 7, start Monday 2026-01-05, a six-month term (ends 2026-07-04).
    static func example() throws -> LifeLogSchedule {
        let start = try LocalDate.iso("2026-01-05")
        return LifeLogSchedule(
            firstDue: LifeLogSchedule.defaultFirstDue(startsOn: start, intervalDays: 7),
            intervalDays: 7,
            endsOn: TermLength.endsOn(startsOn: start, months: 6),
            graceDays: ContactStandard.default.lifeLogGraceDays
        )
    }

    @Test("docs/lifelog.md §5 worked example")
    func workedExample() throws {
        let schedule = try Self.example()
        #expect(schedule.firstDue == (try .iso("2026-01-12")))
        #expect(Array(schedule.dueDates.prefix(3)) == [try .iso("2026-01-12"), try .iso("2026-01-19"), try .iso("2026-01-26")])

        let filled = try #require(schedule.dueDateFilled(bySubmissionOn: try .iso("2026-01-14"), alreadyFilled: []))
        #expect(filled == (try .iso("2026-01-12")))

        #expect(schedule.missedDueDates(asOf: try .iso("2026-01-21"), filled: [filled]) == [])
        #expect(schedule.missedDueDates(asOf: try .iso("2026-01-22"), filled: [filled]) == [try .iso("2026-01-19")])
        #expect(schedule.latestClosedDueDate(asOf: try .iso("2026-01-22")) == (try .iso("2026-01-19")))
    }

    @Test("due dates run every interval up to and including the last one on or before endsOn")
    func dueDatesUpToEndsOn() throws {
        let schedule = try Self.example()
        let dates = schedule.dueDates
        #expect(dates.count == 25)
        #expect(dates.last == (try .iso("2026-06-29")))
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $1.days(since: $0) == 7 })
        #expect(dates.allSatisfy { $0.isoWeekday == 1 })
    }

    @Test("a due date falling exactly on endsOn is included, one day later is not", arguments: [
        ("2026-01-26", ["2026-01-12", "2026-01-19", "2026-01-26"]),
        ("2026-01-25", ["2026-01-12", "2026-01-19"]),
        ("2026-01-12", ["2026-01-12"]),
        ("2026-01-11", []),
    ] as [(String, [String])])
    func lastDueDate(endsOn: String, expected: [String]) throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2026-01-12"), intervalDays: 7, endsOn: try .iso(endsOn), graceDays: 3)
        #expect(schedule.dueDates == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("isDueDate", arguments: [
        ("2026-01-05", false),      // the start: on the cadence but before firstDue
        ("2026-01-11", false),
        ("2026-01-12", true),
        ("2026-01-13", false),
        ("2026-01-19", true),
        ("2026-06-29", true),       // the last due date
        ("2026-07-04", false),      // endsOn
        ("2026-07-06", false),      // on the cadence, past endsOn
        ("2025-12-29", false),
    ])
    func isDueDate(date: String, expected: Bool) throws {
        #expect(try Self.example().isDueDate(try .iso(date)) == expected)
    }

    @Test("the window is the due date and the next graceDays − 1 days", arguments: [
        (3, "2026-01-12", "2026-01-14"),
        (1, "2026-01-12", "2026-01-12"),
        (3, "2026-02-27", "2026-03-01"),
        (3, "2024-02-27", "2024-02-29"),
        (3, "2026-12-30", "2027-01-01"),
    ] as [(Int, String, String)])
    func windowLastDay(grace: Int, due: String, expected: String) throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2020-01-01"), intervalDays: 7, endsOn: try .iso("2030-01-01"), graceDays: grace)
        #expect(schedule.windowLastDay(of: try .iso(due)) == (try .iso(expected)))
    }

    @Test("a submission fills the due date whose window contains its date, else it is unscheduled", arguments: [
        ("2026-01-11", [], nil),                          // the day before the first due date
        ("2026-01-12", [], "2026-01-12"),                 // on the due date
        ("2026-01-13", [], "2026-01-12"),
        ("2026-01-14", [], "2026-01-12"),                 // the window's last day
        ("2026-01-15", [], nil),                          // the day after the window
        ("2026-01-18", [], nil),
        ("2026-01-19", [], "2026-01-19"),
        ("2026-01-14", ["2026-01-12"], nil),              // already filled: a second entry is unscheduled
        ("2026-01-19", ["2026-01-12"], "2026-01-19"),
        ("2026-06-29", [], "2026-06-29"),                 // the last due date
        ("2026-07-01", [], "2026-06-29"),
        ("2026-07-02", [], nil),
        ("2026-01-05", [], nil),                          // release day
        ("2025-06-01", [], nil),                          // long before
        ("2027-06-01", [], nil),                          // long after
    ] as [(String, [String], String?)])
    func submissionFills(submitted: String, alreadyFilled: [String], expected: String?) throws {
        let result = try Self.example().dueDateFilled(bySubmissionOn: try .iso(submitted), alreadyFilled: try LocalDate.isoSet(alreadyFilled))
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("when windows overlap, a submission fills the earliest unfilled due date", arguments: [
        // interval 2, grace 3: 2026-01-12 is in the windows of 01-10 (10–12) and 01-12 (12–14)
        (2, "2026-01-12", [], "2026-01-10"),
        (2, "2026-01-12", ["2026-01-10"], "2026-01-12"),
        (2, "2026-01-12", ["2026-01-10", "2026-01-12"], nil),
        (2, "2026-01-13", [], "2026-01-12"),
        // interval 1, grace 3: three windows contain 2026-01-12
        (1, "2026-01-12", [], "2026-01-10"),
        (1, "2026-01-12", ["2026-01-10"], "2026-01-11"),
        (1, "2026-01-12", ["2026-01-10", "2026-01-11"], "2026-01-12"),
        (1, "2026-01-12", ["2026-01-11"], "2026-01-10"),
        (1, "2026-01-12", ["2026-01-10", "2026-01-11", "2026-01-12"], nil),
        (1, "2026-01-10", [], "2026-01-10"),
        (1, "2026-01-09", [], nil),
    ] as [(Int, String, [String], String?)])
    func overlappingWindows(interval: Int, submitted: String, alreadyFilled: [String], expected: String?) throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2026-01-10"), intervalDays: interval, endsOn: try .iso("2026-01-20"), graceDays: 3)
        let result = schedule.dueDateFilled(bySubmissionOn: try .iso(submitted), alreadyFilled: try LocalDate.isoSet(alreadyFilled))
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("the latest closed due date: the day before, of and after each window end", arguments: [
        ("2025-12-01", nil),
        ("2026-01-12", nil),
        ("2026-01-14", nil),                // 01-12's window still open on its last day
        ("2026-01-15", "2026-01-12"),
        ("2026-01-21", "2026-01-12"),
        ("2026-01-22", "2026-01-19"),
        ("2026-07-01", "2026-06-22"),       // the last due date's window still open
        ("2026-07-02", "2026-06-29"),
        ("2027-01-01", "2026-06-29"),       // long after the term: still the last due date
    ] as [(String, String?)])
    func latestClosedDueDate(asOf: String, expected: String?) throws {
        let result = try Self.example().latestClosedDueDate(asOf: try .iso(asOf))
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("the next due date on or after a date", arguments: [
        ("2025-01-01", "2026-01-12"),
        ("2026-01-05", "2026-01-12"),
        ("2026-01-11", "2026-01-12"),
        ("2026-01-12", "2026-01-12"),
        ("2026-01-13", "2026-01-19"),
        ("2026-01-18", "2026-01-19"),
        ("2026-06-29", "2026-06-29"),
        ("2026-06-30", nil),
        ("2026-07-04", nil),
        ("2027-01-01", nil),
    ] as [(String, String?)])
    func nextDueDate(date: String, expected: String?) throws {
        let result = try Self.example().nextDueDate(onOrAfter: try .iso(date))
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("missed due dates are the closed, unfilled ones, in order", arguments: [
        ("2026-01-14", [], []),
        ("2026-01-15", [], ["2026-01-12"]),
        ("2026-01-22", [], ["2026-01-12", "2026-01-19"]),
        ("2026-01-22", ["2026-01-19"], ["2026-01-12"]),
        ("2026-01-29", ["2026-01-12", "2026-01-26"], ["2026-01-19"]),
        ("2026-01-28", ["2026-01-12", "2026-01-19"], []),
        ("2026-01-29", ["2026-01-12", "2026-01-19"], ["2026-01-26"]),
    ] as [(String, [String], [String])])
    func missedDueDates(asOf: String, filled: [String], expected: [String]) throws {
        let result = try Self.example().missedDueDates(asOf: try .iso(asOf), filled: try LocalDate.isoSet(filled))
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("with nothing filled, every due date is missed once the term is long over")
    func everythingMissed() throws {
        let schedule = try Self.example()
        #expect(schedule.missedDueDates(asOf: try .iso("2027-01-01"), filled: []) == schedule.dueDates)
    }

    @Test("a schedule whose first due date is after endsOn has no due dates at all")
    func emptySchedule() throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2026-02-01"), intervalDays: 14, endsOn: try .iso("2026-01-31"), graceDays: 3)
        #expect(schedule.dueDates.isEmpty)
        #expect(!schedule.isDueDate(try .iso("2026-02-01")))
        #expect(schedule.dueDateFilled(bySubmissionOn: try .iso("2026-02-01"), alreadyFilled: []) == nil)
        #expect(schedule.latestClosedDueDate(asOf: try .iso("2026-06-01")) == nil)
        #expect(schedule.nextDueDate(onOrAfter: try .iso("2026-01-01")) == nil)
        #expect(schedule.missedDueDates(asOf: try .iso("2026-06-01"), filled: []) == [])
    }

    @Test("defaultFirstDue is one interval after release", arguments: [
        ("2026-01-05", 7, "2026-01-12"),
        ("2026-01-05", 14, "2026-01-19"),
        ("2024-02-22", 7, "2024-02-29"),
        ("2026-12-28", 7, "2027-01-04"),
    ] as [(String, Int, String)])
    func defaultFirstDue(start: String, interval: Int, expected: String) throws {
        #expect(LifeLogSchedule.defaultFirstDue(startsOn: try .iso(start), intervalDays: interval) == (try .iso(expected)))
    }

    /// The O(1) answers must agree with the obvious walk over `dueDates` for every day around a
    /// term, for short, long and overlapping windows.
    @Test("arithmetic agrees with walking the due dates", arguments: [
        (1, 1), (1, 3), (2, 3), (3, 3), (7, 1), (7, 3), (7, 7), (7, 10), (14, 3), (14, 5), (5, 12),
    ])
    func agreesWithBruteForce(interval: Int, grace: Int) throws {
        let firstDue = try LocalDate.iso("2026-01-12")
        let schedule = LifeLogSchedule(firstDue: firstDue, intervalDays: interval, endsOn: try .iso("2026-03-31"), graceDays: grace)
        let dues = schedule.dueDates
        // the due dates themselves
        var expectedDues: [LocalDate] = []
        var d = firstDue
        while d <= schedule.endsOn { expectedDues.append(d); d = d.adding(days: interval) }
        #expect(dues == expectedDues)

        // every other due date filled, to exercise "earliest unfilled"
        let filled = Set(dues.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        var date = try LocalDate.iso("2025-12-20")
        while date <= (try LocalDate.iso("2026-04-30")) {
            let windowContains = { (due: LocalDate) in due <= date && date <= schedule.windowLastDay(of: due) }
            #expect(schedule.isDueDate(date) == dues.contains(date), "isDueDate \(date)")
            #expect(schedule.nextDueDate(onOrAfter: date) == dues.first { $0 >= date }, "next \(date)")
            #expect(schedule.latestClosedDueDate(asOf: date) == dues.last { date > schedule.windowLastDay(of: $0) },
                    "latestClosed \(date)")
            #expect(schedule.dueDateFilled(bySubmissionOn: date, alreadyFilled: []) == dues.first(where: windowContains),
                    "fills \(date)")
            #expect(schedule.dueDateFilled(bySubmissionOn: date, alreadyFilled: filled)
                        == dues.first { windowContains($0) && !filled.contains($0) }, "fills with some filled \(date)")
            #expect(schedule.missedDueDates(asOf: date, filled: filled)
                        == dues.filter { date > schedule.windowLastDay(of: $0) && !filled.contains($0) }, "missed \(date)")
            date = date.adding(days: 1)
        }
    }

    /// The window is decided by the agency's local date of the submission, not the UTC date.
    @Test("the agency's local date decides which window a submission is in", arguments: [
        // 23:30 on 01-14 in Los Angeles is 07:30 on 01-15 UTC: in 01-12's window locally, in none by UTC
        ("America/Los_Angeles", "2026-01-15T07:30:00Z", "2026-01-14", "2026-01-12"),
        // 00:30 on 01-12 in Auckland (NZDT, +13) is 11:30 on 01-11 UTC: before the window by UTC
        ("Pacific/Auckland", "2026-01-11T11:30:00Z", "2026-01-12", "2026-01-12"),
        // 23:30 on 01-11 in Auckland is 10:30 on 01-11 UTC: the local date is still before the window
        ("Pacific/Auckland", "2026-01-11T10:30:00Z", "2026-01-11", nil),
        ("UTC", "2026-01-15T07:30:00Z", "2026-01-15", nil),
    ] as [(String, String, String, String?)])
    func localDateDecides(zoneName: String, submittedAt: String, localDate: String, expected: String?) throws {
        let zone = try AgencyZone.named(zoneName)
        let date = zone.date(of: try .stored(submittedAt))
        #expect(date == (try .iso(localDate)))
        let result = try Self.example().dueDateFilled(bySubmissionOn: date, alreadyFilled: [])
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }
}
