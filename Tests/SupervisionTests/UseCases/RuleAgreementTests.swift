import Storage
import Testing
@testable import Supervision
import SupervisionRules

/// Each rule lives in one place; these tables show that every use case asking it gives the same
/// answer, and the answer the rule gives on its own.
@Suite("Every caller of a rule agrees")
struct RuleAgreementTests {
    // MARK: Next interview due (docs/interviews.md §4)

    /// Release Monday 2026-03-02 (first interview due Thursday 03-05), interviews attended on the
    /// given days, then asked on `asOf`: the expected next due date.
    @Test("next interview due: the overdue list, the next-due look-up and the record agree", arguments: [
        ("medium", [], "2026-03-05", "2026-03-05"),                         // the due day itself: not overdue
        ("medium", [], "2026-03-06", "2026-03-05"),                         // the day after: overdue
        ("medium", ["2026-03-04"], "2026-03-18", "2026-03-18"),             // the worked example
        ("medium", ["2026-03-04"], "2026-03-19", "2026-03-18"),
        ("high", ["2026-03-04"], "2026-03-12", "2026-03-11"),
        ("low", ["2026-03-04", "2026-03-20"], "2026-04-20", "2026-04-17"),
        ("low", ["2026-03-04"], "2026-03-10", "2026-04-01"),
    ] as [(String, [String], String, String)])
    func nextInterviewDue(level: String, attended: [String], asOf: String, expected: String) throws {
        let f = try UseCaseFixture()
        try f.register(level: level)
        for day in attended { _ = try f.attended(at: day + "T10:00") }
        let now = try f.at(asOf + "T12:00")

        let lookUp = try f.caseload.nextDueDates(caseRef: "A-1", actorID: "ok1", now: now).nextInterviewDueOn
        let record = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: now).terms.last?.nextInterviewDueOn
        let listed = try f.overdue(now: asOf + "T12:00").first { $0.item == .interviewDue }
        let rule = InterviewDue.next(firstDueOn: try #require(LocalDate(iso: "2026-03-05")),
                                     latestAttendedOn: attended.compactMap(LocalDate.init(iso:)).max(),
                                     level: try #require(SupervisionLevel(rawValue: level)), standard: .default)

        #expect(rule.description == expected)
        #expect(lookUp?.description == expected)
        #expect(record?.description == expected)
        // The list names it only once it is overdue, with the same date.
        let isOverdue = asOf > expected
        #expect(listed?.dueOn.description == (isOverdue ? expected : nil))
    }

    // MARK: Missed life-logs (docs/lifelog.md §5)

    /// Medium level (a life-log every 7 days from 2026-03-09, each open that day and the next
    /// two), entries on the given days, asked on `asOf`: the due dates missed, and the one the
    /// overdue list names (the latest closed due date, when it has no entry).
    @Test("missed life-logs: the record, the scan and the overdue list agree", arguments: [
        ([], "2026-03-11", [], nil),                                        // 03-09's window ends 03-11
        ([], "2026-03-12", ["2026-03-09"], "2026-03-09"),
        (["2026-03-10"], "2026-03-18", [], nil),
        (["2026-03-10"], "2026-03-19", ["2026-03-16"], "2026-03-16"),
        (["2026-03-18"], "2026-03-20", ["2026-03-09"], nil),                // the latest closed one was filled
        (["2026-03-18"], "2026-03-27", ["2026-03-09", "2026-03-23"], "2026-03-23"),
    ] as [([String], String, [String], String?)])
    func missedLifeLogs(entries: [String], asOf: String, expected: [String], overdue: String?) throws {
        let f = try UseCaseFixture()
        try f.register()
        for day in entries {
            _ = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1", at: day + "T10:00"),
                                             actorID: "supervisee:A-1", now: try f.at(day + "T10:00"))
        }
        _ = try f.scan(now: asOf + "T12:00")
        let scanned = try f.violations(now: asOf + "T12:00").filter { $0.kind == .missedLifeLog }
            .map(\.occurredOn.description)
        let record = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: try f.at(asOf + "T12:00"))
        // "life-log due 2026-03-09 missed (window closed …)"
        let shown = record.timeline.filter { $0.kind == "life-log-missed" }
            .compactMap { $0.text.split(separator: " ").dropFirst(2).first.map(String.init) }
        let listed = try f.overdue(now: asOf + "T12:00").first { $0.item == .lifeLog }
        #expect(scanned == expected)
        #expect(shown == expected)
        #expect(listed?.dueOn.description == overdue)
    }

    // MARK: Next life-log entry due (docs/lifelog.md §5)

    /// Medium level for six months (release Monday 2026-03-02, the term's last day 09-01): a
    /// life-log every 7 days from 03-09 to 08-31, each window that day and the next two. Entries
    /// at 10:00 on the given days, asked at noon on `asOf`: what the record (`show`) and the portal
    /// show as the next entry due, written "DUE to WINDOW-LAST-DAY", " open" when an entry made
    /// that day fills it.
    @Test("next life-log entry due: the record, the portal and the next-due look-up agree, before and after an entry", arguments: [
        ([], "2026-03-08", "2026-03-09 to 2026-03-11"),                     // the day before the window opens
        ([], "2026-03-09", "2026-03-09 to 2026-03-11 open"),                // its first day
        ([], "2026-03-11", "2026-03-09 to 2026-03-11 open"),                // its last day
        ([], "2026-03-12", "2026-03-16 to 2026-03-18"),                     // the day after: missed, not owed
        (["2026-03-09"], "2026-03-09", "2026-03-16 to 2026-03-18"),         // filled on its first day
        (["2026-03-10"], "2026-03-10", "2026-03-16 to 2026-03-18"),
        (["2026-03-11"], "2026-03-11", "2026-03-16 to 2026-03-18"),         // filled on its last day
        (["2026-03-10"], "2026-03-15", "2026-03-16 to 2026-03-18"),
        (["2026-03-10"], "2026-03-16", "2026-03-16 to 2026-03-18 open"),
        (["2026-03-18"], "2026-03-18", "2026-03-23 to 2026-03-25"),         // a late entry fills 03-16, not 03-09
        (["2026-03-09", "2026-03-12"], "2026-03-12", "2026-03-16 to 2026-03-18"), // an unscheduled entry fills nothing
        ([], "2026-08-30", "2026-08-31 to 2026-09-02"),
        ([], "2026-08-31", "2026-08-31 to 2026-09-02 open"),                // the term's last due date
        ([], "2026-09-01", "2026-08-31 to 2026-09-02 open"),                // the term's last day
        (["2026-09-01"], "2026-09-01", nil),                                // filled: nothing more is due
        ([], "2026-09-02", nil),                                            // the term has ended
    ] as [([String], String, String?)])
    func nextLifeLogDue(entries: [String], asOf: String, expected: String?) throws {
        let f = try UseCaseFixture()
        try f.register(months: 6)
        var filled: Set<LocalDate> = []
        for day in entries {
            let receipt = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1", at: day + "T10:00"),
                                                       actorID: "supervisee:A-1", now: try f.at(day + "T10:00"))
            if let due = receipt.filledDueOn.flatMap(LocalDate.init(iso:)) { filled.insert(due) }
        }
        let now = try f.at(asOf + "T12:00")
        let term = try #require(try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: now).terms.last)
        let record = term.nextLifeLogDueOn.map { due in
            "\(due) to \(term.nextLifeLogWindowLastDay?.description ?? "?")" + (term.nextLifeLogWindowIsOpen == true ? " open" : "")
        }
        let portal = try f.caseload.portal(actorID: "supervisee:A-1", now: now).nextLifeLog.map {
            "\($0.dueOn) to \($0.windowLastDay)" + ($0.isOpen ? " open" : "")
        }
        let start = try #require(LocalDate(iso: "2026-03-02"))
        let schedule = LifeLogSchedule(firstDue: LifeLogSchedule.defaultFirstDue(startsOn: start, intervalDays: 7), intervalDays: 7,
                                       endsOn: TermLength.endsOn(startsOn: start, months: 6), graceDays: 3)
        let asOfDate = try #require(LocalDate(iso: asOf))
        // The rule on its own, asked as the use cases ask it: only of a running term (the last
        // window reaches past the term's end; the schedule knows nothing of term status).
        let rule = asOfDate > schedule.endsOn ? nil : schedule.nextDue(asOf: asOfDate, filled: filled).map {
            "\($0.dueOn) to \($0.windowLastDay)" + ($0.isOpen ? " open" : "")
        }
        // The next-due look-up (the quick answer on the phone) gives the same date.
        let lookup = try f.caseload.nextDueDates(caseRef: "A-1", actorID: "ok1", now: now).nextLifeLogDueOn
        #expect(record == expected)
        #expect(portal == expected)
        #expect(rule == expected)
        #expect(lookup?.description == expected.map { String($0.prefix(10)) })
        // Both keys absent together, never one without the other.
        #expect((term.nextLifeLogWindowLastDay == nil) == (term.nextLifeLogDueOn == nil))
        #expect((term.nextLifeLogWindowIsOpen == nil) == (term.nextLifeLogDueOn == nil))
    }

    // MARK: Missed interviews (docs/violations.md §7)

    /// A failed-to-attend on Monday 2026-03-09 has five business days (to 03-16) to be excused.
    @Test("missed interview: the record and the scan agree on when a failed-to-attend counts", arguments: [
        ("2026-03-16", false), ("2026-03-17", true),
    ])
    func missedInterview(asOf: String, counts: Bool) throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.schedule(at: "2026-03-09T10:00")
        try f.log(id, "failed-to-attend", now: "2026-03-09T12:00")
        _ = try f.scan(now: asOf + "T12:00")
        let flagged = try f.violations(now: asOf + "T12:00").contains { $0.kind == .missedInterview }
        let record = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: try f.at(asOf + "T12:00"))
        let text = try #require(record.timeline.first { $0.kind == "interview" }?.text)
        #expect(flagged == counts)
        #expect(text.contains("counts as unacceptable") == counts, "\(text)")
        let rule = ViolationRules.missedInterview(
            Absence(appointmentId: id, on: try #require(LocalDate(iso: "2026-03-09")), at: "10:00", isUnacceptable: false),
            asOf: try #require(LocalDate(iso: asOf)), calendar: BusinessCalendar(), standard: .default)
        #expect((rule != nil) == counts)
    }
}
