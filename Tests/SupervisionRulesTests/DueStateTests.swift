import Testing
@testable import SupervisionRules

// The kept due state (issue 14): `OverdueRules.dueState` computed on one day, read back by
// `dueItems(kept:…)` on a later day the state answers for, gives what `dueItems(for:…)` gives
// from that later day's facts.

private func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

/// A medium term released 2026-03-02: first interview due 03-05, first life-log due 03-09
/// (7-day interval, 3-day window: 03-09 … 03-11, overdue from 03-12).
private func facts(latestAttended: String? = nil, latestFilledClosed: String? = nil, level: SupervisionLevel = .medium,
                   history: [(effectiveOn: LocalDate, level: SupervisionLevel)] = []) -> TermDueFacts {
    TermDueFacts(caseRef: "", name: "", officer: "", level: level, startsOn: d("2026-03-02"),
                 lastSupervisedDay: d("2026-06-30"), firstInterviewDueOn: d("2026-03-05"),
                 firstLifeLogDueOn: d("2026-03-09"), latestAttendedOn: latestAttended.map(d),
                 latestFilledClosedDueOn: latestFilledClosed.map(d), levelHistory: history)
}

private func kinds(_ items: [(item: OverdueItemKind, dueOn: LocalDate, daysOverdue: Int)]) -> [String] {
    items.map { "\($0.item.rawValue) \($0.dueOn) +\($0.daysOverdue)" }
}

@Suite struct DueStateTests {
    @Test("a missed due date is shown from the day after its window to the day the next one's closes")
    func lifeLogBoundaries() throws {
        let state = OverdueRules.dueState(for: facts(), filledDueDates: [], asOf: d("2026-03-10"), standard: .default)
        #expect(state.interviewDueOn == d("2026-03-05"))
        #expect(state.lifeLogDueOn == d("2026-03-09"))
        #expect(state.lifeLogFrom == d("2026-03-12"))
        // The next due date (03-16) closes after 03-18: from 03-19 it is the one shown.
        #expect(state.lifeLogUntil == d("2026-03-19"))
        #expect(state.validThrough == d("2026-03-18"))
        #expect(state.becomesOverdueOn == d("2026-03-06"))
        func items(_ day: String) -> [String] {
            kinds(OverdueRules.dueItems(kept: state, asOf: d(day), awaitingOutcome: [], recallRecommendedOn: nil))
        }
        #expect(items("2026-03-10") == ["interview-due 2026-03-05 +5"])
        #expect(items("2026-03-11") == ["interview-due 2026-03-05 +6"])      // the window's last day
        #expect(items("2026-03-12") == ["interview-due 2026-03-05 +7", "life-log 2026-03-09 +1"])
        #expect(items("2026-03-18") == ["interview-due 2026-03-05 +13", "life-log 2026-03-09 +7"])
        #expect(!state.answers(for: d("2026-03-19")))
        #expect(state.answers(for: d("2026-03-18")))
    }

    @Test("a filled due date is skipped: the state waits for the next one, and answers longer")
    func filledDueDateSkipped() {
        let state = OverdueRules.dueState(for: facts(latestAttended: "2026-03-04"), filledDueDates: [d("2026-03-09")],
                                          asOf: d("2026-03-10"), standard: .default)
        #expect(state.interviewDueOn == d("2026-03-18"))
        #expect(state.lifeLogDueOn == d("2026-03-16"))
        #expect(state.lifeLogFrom == d("2026-03-19"))
        #expect(state.lifeLogUntil == d("2026-03-26"))
        #expect(state.validThrough == d("2026-03-25"))
        #expect(state.becomesOverdueOn == d("2026-03-19"))
    }

    @Test("after the last due date the missed one stays, and the state answers for every later day")
    func lastDueDate() {
        let state = OverdueRules.dueState(for: facts(latestAttended: "2026-06-29"), filledDueDates: [],
                                          asOf: d("2026-07-10"), standard: .default)
        #expect(state.lifeLogUntil == nil)
        #expect(state.validThrough == nil)
        #expect(state.lifeLogDueOn == d("2026-06-29"))
        #expect(state.answers(for: d("2027-01-01")))
    }

    /// Every day a state answers for, against the full rule on that day's facts, over many
    /// schedules (levels, a level change, grace and interval settings) and filled sets.
    @Test("the kept state gives the full rule's items on every day it answers for")
    func agreesWithFullRule() {
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let levels: [SupervisionLevel] = [.high, .medium, .low]
        for _ in 0..<600 {
            var standard = ContactStandard.default
            standard.lifeLogGraceDays = 1 + next(6)
            standard.lifeLogIntervalDays[.high] = 1 + next(10)
            let level = levels[next(3)]
            var history: [(effectiveOn: LocalDate, level: SupervisionLevel)] = []
            if next(3) == 0 {
                history = [(d("2026-03-02"), levels[next(3)]), (d("2026-03-02").adding(days: next(60)), level)]
            }
            let base = facts(level: level, history: history)
            let schedule = LifeLogSchedule.forTerm(firstDue: base.firstLifeLogDueOn, currentLevel: level,
                                                   levelHistory: history, lastDay: base.lastSupervisedDay,
                                                   standard: standard)
            let asOf = d("2026-03-02").adding(days: next(150))
            // Entries fill due dates whose window has opened by the day the state is computed.
            let filled = Set(schedule.dueDates.filter { $0 <= asOf && next(3) > 0 })
            let attended = next(2) == 0 ? nil : d("2026-03-02").adding(days: next(asOf.days(since: d("2026-03-02")) + 1))
            func factsOn(_ day: LocalDate) -> TermDueFacts {
                var f = base
                f.latestAttendedOn = attended
                f.latestFilledClosedDueOn = filled.filter { $0 <= day.adding(days: -standard.lifeLogGraceDays) }.max()
                return f
            }
            let state = OverdueRules.dueState(for: factsOn(asOf), filledDueDates: filled, asOf: asOf, standard: standard)
            let last = state.validThrough ?? asOf.adding(days: 60)
            var day = asOf
            while day <= last {
                let full = OverdueRules.dueItems(for: factsOn(day), asOf: day, standard: standard)
                let kept = OverdueRules.dueItems(kept: state, asOf: day, awaitingOutcome: [], recallRecommendedOn: nil)
                #expect(kinds(kept) == kinds(full), "as of \(asOf), on \(day), filled \(filled.sorted())")
                if kinds(kept) != kinds(full) { return }
                if day < state.becomesOverdueOn { #expect(kept.isEmpty, "items before \(state.becomesOverdueOn)") }
                day = day.adding(days: 1)
            }
        }
    }
}
