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
