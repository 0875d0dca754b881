import Testing
@testable import SupervisionRules

/// `LifeLogSchedule.nextDue(asOf:filled:)`: the one "next life-log entry due" that the record,
/// `show` and the portal show (docs/lifelog.md §5). Expected answers are written
/// "DUE to WINDOW-LAST-DAY", with " open" when an entry made that day fills it.
@Suite("Next life-log entry due (docs/lifelog.md §5)")
struct LifeLogNextDueTests {
    static func describe(_ due: LifeLogSchedule.NextDue?) -> String? {
        due.map { "\($0.dueOn) to \($0.windowLastDay)" + ($0.isOpen ? " open" : "") }
    }

    /// The docs/lifelog.md §5 example (interval 7, grace 3, release 2026-01-05, six months): due
    /// 01-12, 01-19, … and last 06-29 (the term's last day is 07-04).
    @Test("around one window, filled and unfilled, and at the term's last due date", arguments: [
        ("2025-06-01", [], "2026-01-12 to 2026-01-14"),                 // long before the term
        ("2026-01-05", [], "2026-01-12 to 2026-01-14"),                 // release day
        ("2026-01-11", [], "2026-01-12 to 2026-01-14"),                 // the day before the window opens
        ("2026-01-12", [], "2026-01-12 to 2026-01-14 open"),            // its first day
        ("2026-01-12", ["2026-01-12"], "2026-01-19 to 2026-01-21"),     // filled on its first day: the next one
        ("2026-01-13", [], "2026-01-12 to 2026-01-14 open"),
        ("2026-01-14", [], "2026-01-12 to 2026-01-14 open"),            // its last day: still owed
        ("2026-01-14", ["2026-01-12"], "2026-01-19 to 2026-01-21"),
        ("2026-01-15", [], "2026-01-19 to 2026-01-21"),                 // the day after: missed, no longer owed
        ("2026-01-15", ["2026-01-12"], "2026-01-19 to 2026-01-21"),
        ("2026-01-18", [], "2026-01-19 to 2026-01-21"),
        ("2026-01-19", ["2026-01-12"], "2026-01-19 to 2026-01-21 open"),
        // the as-of clock reading a day before an entry made later: a filled due date is not owed
        ("2026-01-10", ["2026-01-12"], "2026-01-19 to 2026-01-21"),
        ("2026-01-10", ["2026-01-12", "2026-01-19"], "2026-01-26 to 2026-01-28"),
        ("2026-06-28", [], "2026-06-29 to 2026-07-01"),                 // the term's last due date
        ("2026-06-29", [], "2026-06-29 to 2026-07-01 open"),
        ("2026-07-01", [], "2026-06-29 to 2026-07-01 open"),            // its window's last day
        ("2026-07-01", ["2026-06-29"], nil),                            // filled: nothing more is due
        ("2026-07-02", [], nil),                                        // the day after: none left
        ("2027-01-01", [], nil),
    ] as [(String, [String], String?)])
    func aroundAWindow(asOf: String, filled: [String], expected: String?) throws {
        let schedule = try LifeLogScheduleTests.example()
        let due = schedule.nextDue(asOf: try .iso(asOf), filled: try LocalDate.isoSet(filled))
        #expect(Self.describe(due) == expected)
    }

    @Test("when windows overlap, the earliest unfilled open due date comes first", arguments: [
        // interval 2, grace 3: 01-12 is in the windows of 01-10 (10–12) and 01-12 (12–14)
        ("2026-01-12", [], "2026-01-10 to 2026-01-12 open"),
        ("2026-01-12", ["2026-01-10"], "2026-01-12 to 2026-01-14 open"),
        ("2026-01-12", ["2026-01-10", "2026-01-12"], "2026-01-14 to 2026-01-16"),
        ("2026-01-13", [], "2026-01-12 to 2026-01-14 open"),            // 01-10's window has closed
        ("2026-01-09", [], "2026-01-10 to 2026-01-12"),
        ("2026-01-20", [], "2026-01-18 to 2026-01-20 open"),            // the last due date is 01-20 …
        ("2026-01-20", ["2026-01-18"], "2026-01-20 to 2026-01-22 open"),
        ("2026-01-23", [], nil),                                        // … and its window ends 01-22
    ] as [(String, [String], String?)])
    func overlappingWindows(asOf: String, filled: [String], expected: String?) throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2026-01-10"), intervalDays: 2, endsOn: try .iso("2026-01-20"), graceDays: 3)
        let due = schedule.nextDue(asOf: try .iso(asOf), filled: try LocalDate.isoSet(filled))
        #expect(Self.describe(due) == expected)
    }

    /// Low (every 14 days from 01-19), then high (every 7) from 02-10: due 01-19, 02-02, 02-16,
    /// 02-23, … 03-30 (the term's last day 03-31). No due date is invented in the past (02-09).
    @Test("across a level change, by the schedule's runs", arguments: [
        ("2026-02-05", [], "2026-02-16 to 2026-02-18"),
        ("2026-02-10", [], "2026-02-16 to 2026-02-18"),                 // the change: 02-16 is kept
        ("2026-02-16", [], "2026-02-16 to 2026-02-18 open"),
        ("2026-02-18", [], "2026-02-16 to 2026-02-18 open"),
        ("2026-02-18", ["2026-02-16"], "2026-02-23 to 2026-02-25"),     // the new interval
        ("2026-02-19", [], "2026-02-23 to 2026-02-25"),
        ("2026-03-31", [], "2026-03-30 to 2026-04-01 open"),            // the last due date, past the term's end
        ("2026-04-02", [], nil),
    ] as [(String, [String], String?)])
    func acrossALevelChange(asOf: String, filled: [String], expected: String?) throws {
        let schedule = LifeLogSchedule.withLevelChanges(
            firstDue: try .iso("2026-01-19"), changes: [(try .iso("2026-01-05"), 14), (try .iso("2026-02-10"), 7)],
            endsOn: try .iso("2026-03-31"), graceDays: 3)
        let due = schedule.nextDue(asOf: try .iso(asOf), filled: try LocalDate.isoSet(filled))
        #expect(Self.describe(due) == expected)
    }

    @Test("a schedule with no due dates has nothing due")
    func emptySchedule() throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2026-02-01"), intervalDays: 14, endsOn: try .iso("2026-01-31"), graceDays: 3)
        #expect(schedule.nextDue(asOf: try .iso("2026-01-15"), filled: []) == nil)
    }

    /// The definition in words, checked by walking every due date, for every day around a term,
    /// short, long and overlapping windows, with nothing filled and every other one filled.
    @Test("agrees with walking the due dates", arguments: [
        (1, 1), (1, 3), (2, 3), (3, 3), (7, 1), (7, 3), (7, 10), (14, 3), (5, 12),
    ])
    func agreesWithBruteForce(interval: Int, grace: Int) throws {
        let schedule = LifeLogSchedule(firstDue: try .iso("2026-01-12"), intervalDays: interval, endsOn: try .iso("2026-03-31"),
                                       graceDays: grace)
        let dues = schedule.dueDates
        for filled in [Set<LocalDate>(), Set(dues.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))] {
            var date = try LocalDate.iso("2025-12-20")
            while date <= (try LocalDate.iso("2026-04-30")) {
                let owed = dues.first { !filled.contains($0) && schedule.windowLastDay(of: $0) >= date }
                let expected = owed.map {
                    LifeLogSchedule.NextDue(dueOn: $0, windowLastDay: schedule.windowLastDay(of: $0), isOpen: $0 <= date)
                }
                #expect(schedule.nextDue(asOf: date, filled: filled) == expected, "\(date), \(filled.count) filled")
                // What is shown as open is exactly what an entry made that day fills.
                #expect(schedule.nextDue(asOf: date, filled: filled).flatMap { $0.isOpen ? $0.dueOn : nil }
                            == schedule.dueDateFilled(bySubmissionOn: date, alreadyFilled: filled), "\(date)")
                date = date.adding(days: 1)
            }
        }
    }
}
