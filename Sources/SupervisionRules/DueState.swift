/// What a term's overdue items will be from one day on, kept so that the overdue listing "as of
/// now" reads one stored row per term instead of recomputing every term's facts
/// (docs/cli.md §9; issue 14). Computed by `OverdueRules.dueState` from the same facts the
/// listing loads, with the same rules (`InterviewDue.next`, `LifeLogSchedule`); read back by
/// `OverdueRules.dueItems(kept:…)`. The two together give `OverdueRules.dueItems(for:…)`'s
/// answer for every day from `computedOn` through `validThrough` while the term's records do not
/// change (every change recomputes it).
///
/// Appointments awaiting an outcome and the recall recommendation are not dates of the rule:
/// the first is compared with the clock's instant, the second decided by `RecallRules` as of the
/// listing's day, so the kept state holds the appointments and a flag, and the listing asks.
public struct TermDueState: Sendable, Equatable {
    /// The next interview due date (`InterviewDue.next`); overdue from the day after.
    public var interviewDueOn: LocalDate
    /// The life-log due date the listing shows (missed, window closed), from `lifeLogFrom` up to
    /// the day before `lifeLogUntil` (nil: to the end of the term). Nil when no due date will be
    /// shown before `validThrough`.
    public var lifeLogDueOn: LocalDate?
    public var lifeLogFrom: LocalDate?
    public var lifeLogUntil: LocalDate?
    /// The last day this state answers for without being computed again; nil: every later day.
    public var validThrough: LocalDate?

    public init(interviewDueOn: LocalDate, lifeLogDueOn: LocalDate? = nil, lifeLogFrom: LocalDate? = nil,
                lifeLogUntil: LocalDate? = nil, validThrough: LocalDate? = nil) {
        self.interviewDueOn = interviewDueOn
        self.lifeLogDueOn = lifeLogDueOn
        self.lifeLogFrom = lifeLogFrom
        self.lifeLogUntil = lifeLogUntil
        self.validThrough = validThrough
    }

    /// The first day on which the listing must look at this term: an item becomes overdue, or
    /// the state runs out (`validThrough` + 1). Appointments and the recall flag are added by the
    /// caller, which knows them.
    public var becomesOverdueOn: LocalDate {
        var day = interviewDueOn.adding(days: 1)
        if let from = lifeLogFrom { day = min(day, from) }
        if let valid = validThrough { day = min(day, valid.adding(days: 1)) }
        return day
    }

    /// Whether the state answers for `day`.
    public func answers(for day: LocalDate) -> Bool {
        validThrough.map { day <= $0 } ?? true
    }
}

extension OverdueRules {
    /// The kept state of a term as of `asOf`: `facts` as the listing loads them as of that day,
    /// and `filledDueDates`, the term's filled due dates from the latest closed one on (at least
    /// those; more do no harm). Later due dates are taken as unfilled: an entry filling one is a
    /// change, which computes the state again.
    public static func dueState(for facts: TermDueFacts, filledDueDates: Set<LocalDate>, asOf: LocalDate,
                                standard: ContactStandard) -> TermDueState {
        var state = TermDueState(interviewDueOn: InterviewDue.next(
            firstDueOn: facts.firstInterviewDueOn, latestAttendedOn: facts.latestAttendedOn, level: facts.level,
            standard: standard))
        let schedule = LifeLogSchedule.forTerm(firstDue: facts.firstLifeLogDueOn, currentLevel: facts.level,
                                               levelHistory: facts.levelHistory, lastDay: facts.lastSupervisedDay,
                                               standard: standard)
        // Walk the due dates from the one the listing shows today: due date D is shown (when not
        // filled) from the day after its window closes until the day the next one's closes.
        var due = schedule.latestClosedDueDate(asOf: asOf) ?? schedule.nextDueDate(onOrAfter: schedule.firstDue)
        while let current = due {
            let next = schedule.nextDueDate(onOrAfter: current.adding(days: 1))
            let until = next.map { schedule.windowLastDay(of: $0).adding(days: 1) }
            let filled = filledDueDates.contains(current)
                || (facts.latestFilledClosedDueOn == current)
            if !filled {
                state.lifeLogDueOn = current
                state.lifeLogFrom = schedule.windowLastDay(of: current).adding(days: 1)
                state.lifeLogUntil = until
                // After `until` the next due date is shown if unfilled: compute again then.
                state.validThrough = until.map { $0.adding(days: -1) }
                return state
            }
            due = next
        }
        return state
    }

    /// The overdue items of a term as of `asOf` from its kept state, in the listing's order;
    /// `awaitingOutcome` are the local dates of its appointments whose end has passed without an
    /// outcome, `recallRecommendedOn` the recall rule's answer as of `asOf`. Only for a day the
    /// state answers for (`TermDueState.answers(for:)`).
    public static func dueItems(kept state: TermDueState, asOf: LocalDate, awaitingOutcome: [LocalDate],
                                recallRecommendedOn: LocalDate?) -> [(item: OverdueItemKind, dueOn: LocalDate, daysOverdue: Int)] {
        var items: [(item: OverdueItemKind, dueOn: LocalDate, daysOverdue: Int)] = []
        if asOf > state.interviewDueOn {
            items.append((.interviewDue, state.interviewDueOn, asOf.days(since: state.interviewDueOn)))
        }
        // Nearly always none or one, which `sorted()` would still copy.
        for date in awaitingOutcome.count < 2 ? awaitingOutcome : awaitingOutcome.sorted() {
            items.append((.interviewOutcome, date, asOf.days(since: date)))
        }
        if let due = state.lifeLogDueOn, let from = state.lifeLogFrom, from <= asOf,
           state.lifeLogUntil.map({ asOf < $0 }) ?? true {
            // `from` is the day after the window's last day (`LifeLogSchedule.windowLastDay`).
            items.append((.lifeLog, due, asOf.days(since: from.adding(days: -1))))
        }
        if let since = recallRecommendedOn {
            items.append((.recallDecision, since, asOf.days(since: since)))
        }
        return items
    }
}
