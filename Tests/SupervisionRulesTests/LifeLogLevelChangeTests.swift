import Testing
@testable import SupervisionRules

private func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

/// A level change continues the life-log schedule from the next due date on or after the
/// change, at the new level's interval: no past day becomes a due date nobody was told about.
@Suite("Life-log schedule across level changes")
struct LifeLogLevelChangeTests {
    // Start 2026-01-05 at low (interval 14): due 01-19, 02-02, 02-16, 03-02, …
    let firstDue = d("2026-01-19")
    let endsOn = d("2026-03-31")

    func schedule(_ changes: [(String, Int)]) -> LifeLogSchedule {
        LifeLogSchedule.withLevelChanges(firstDue: firstDue, changes: changes.map { (d($0.0), $0.1) },
                                         endsOn: endsOn, graceDays: 3)
    }

    @Test func noChangeIsTheSimpleSchedule() {
        let single = LifeLogSchedule(firstDue: firstDue, intervalDays: 14, endsOn: endsOn, graceDays: 3)
        #expect(schedule([("2026-01-05", 14)]).dueDates == single.dueDates)
    }

    @Test(arguments: [
        // change date: the kept due date and the new interval after it
        ("2026-02-10", ["2026-01-19", "2026-02-02", "2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09",
                        "2026-03-16", "2026-03-23", "2026-03-30"]),
        // on a due date: that due date is kept and the new interval starts from it
        ("2026-02-16", ["2026-01-19", "2026-02-02", "2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09",
                        "2026-03-16", "2026-03-23", "2026-03-30"]),
        // the day after a due date: the next one (14 days on) is kept
        ("2026-02-17", ["2026-01-19", "2026-02-02", "2026-02-16", "2026-03-02", "2026-03-09", "2026-03-16",
                        "2026-03-23", "2026-03-30"]),
        // before the first due date: it is kept, the rest at the new interval
        ("2026-01-10", ["2026-01-19", "2026-01-26", "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23",
                        "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"]),
    ])
    func lowToHigh(changedOn: String, expected: [String]) {
        let s = schedule([("2026-01-05", 14), (changedOn, 7)])
        #expect(s.dueDates.map(\.description) == expected)
        for date in expected { #expect(s.isDueDate(d(date))) }
        #expect(!s.isDueDate(d("2026-01-26")) || changedOn == "2026-01-10")
    }

    @Test func aChangeAndItsReversalBeforeTheNextDueDateChangeNothing() {
        let s = schedule([("2026-01-05", 14), ("2026-02-10", 7), ("2026-02-12", 14)])
        #expect(s.dueDates == schedule([("2026-01-05", 14)]).dueDates)
        #expect(s.runs.count == 1)
    }

    @Test func questionsAnsweredAcrossRuns() {
        let s = schedule([("2026-01-05", 14), ("2026-02-10", 7)])
        // Past due dates under the old interval are not invented: 01-26 and 02-09 were never due.
        #expect(s.missedDueDates(asOf: d("2026-02-26"), filled: [d("2026-02-02")])
                    .map(\.description) == ["2026-01-19", "2026-02-16", "2026-02-23"])
        #expect(s.latestClosedDueDate(asOf: d("2026-02-18")) == d("2026-02-02"))
        #expect(s.latestClosedDueDate(asOf: d("2026-02-19")) == d("2026-02-16"))
        #expect(s.latestClosedDueDate(asOf: d("2026-02-26")) == d("2026-02-23"))
        #expect(s.nextDueDate(onOrAfter: d("2026-02-03")) == d("2026-02-16"))
        #expect(s.nextDueDate(onOrAfter: d("2026-02-17")) == d("2026-02-23"))
        #expect(s.nextDueDate(onOrAfter: d("2026-03-31")) == nil)
        #expect(s.latestDueDate(onOrBefore: d("2026-02-15")) == d("2026-02-02"))
        // A submission on 02-17 fills 02-16; with 02-16 filled, nothing else is open on 02-17.
        #expect(s.dueDateFilled(bySubmissionOn: d("2026-02-17"), alreadyFilled: []) == d("2026-02-16"))
        #expect(s.dueDateFilled(bySubmissionOn: d("2026-02-17"), alreadyFilled: [d("2026-02-16")]) == nil)
        #expect(s.dueDateFilled(bySubmissionOn: d("2026-02-25"), alreadyFilled: []) == d("2026-02-23"))
    }

    @Test func theTermsEndCutsTheLastRun() {
        let s = LifeLogSchedule.withLevelChanges(firstDue: firstDue, changes: [(d("2026-01-05"), 14), (d("2026-02-10"), 7)],
                                                 endsOn: d("2026-02-25"), graceDays: 3)
        #expect(s.dueDates.map(\.description) == ["2026-01-19", "2026-02-02", "2026-02-16", "2026-02-23"])
        #expect(s.nextDueDate(onOrAfter: d("2026-02-24")) == nil)
    }
}
