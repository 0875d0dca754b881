/// The four kinds of overdue item (docs/cli.md §9).
public enum OverdueItemKind: String, Sendable, Codable, CaseIterable {
    case interviewDue = "interview-due"
    case interviewOutcome = "interview-outcome"
    case lifeLog = "life-log"
    case recallDecision = "recall-decision"
}

/// One row of the overdue list.
public struct OverdueItem: Sendable, Equatable, Codable {
    public let caseRef: String
    public let name: String
    public let officer: String
    public let item: OverdueItemKind
    public let dueOn: LocalDate
    public let daysOverdue: Int

    public init(caseRef: String, name: String, officer: String, item: OverdueItemKind, dueOn: LocalDate, daysOverdue: Int) {
        self.caseRef = caseRef
        self.name = name
        self.officer = officer
        self.item = item
        self.dueOn = dueOn
        self.daysOverdue = daysOverdue
    }
}

/// What the overdue rule needs to know about one open term, as of one date. The listing
/// query computes these aggregates in SQL, one row per term, so the rule stays pure.
public struct TermDueFacts: Sendable, Equatable {
    public var caseRef: String
    public var name: String
    public var officer: String
    public var level: SupervisionLevel
    public var startsOn: LocalDate
    public var lastSupervisedDay: LocalDate
    public var firstInterviewDueOn: LocalDate
    public var firstLifeLogDueOn: LocalDate
    /// The latest attended interview on or after the start and on or before the as-of date.
    public var latestAttendedOn: LocalDate?
    /// The latest due date filled by an entry whose window has closed by the as-of date.
    public var latestFilledClosedDueOn: LocalDate?
    /// Local dates of appointments whose end has passed without an outcome (one item each).
    public var appointmentsAwaitingOutcome: [LocalDate]
    /// The day a recall became recommended, when it is and no decision has followed.
    public var recallRecommendedOn: LocalDate?
    /// The level history (effective date, level) in the order of the changes; the life-log
    /// schedule follows it (see `LifeLogSchedule.withLevelChanges`).
    public var levelHistory: [(effectiveOn: LocalDate, level: SupervisionLevel)]

    public init(caseRef: String, name: String, officer: String, level: SupervisionLevel, startsOn: LocalDate,
                lastSupervisedDay: LocalDate, firstInterviewDueOn: LocalDate, firstLifeLogDueOn: LocalDate,
                latestAttendedOn: LocalDate? = nil, latestFilledClosedDueOn: LocalDate? = nil,
                appointmentsAwaitingOutcome: [LocalDate] = [], recallRecommendedOn: LocalDate? = nil,
                levelHistory: [(effectiveOn: LocalDate, level: SupervisionLevel)] = []) {
        self.caseRef = caseRef
        self.name = name
        self.officer = officer
        self.level = level
        self.startsOn = startsOn
        self.lastSupervisedDay = lastSupervisedDay
        self.firstInterviewDueOn = firstInterviewDueOn
        self.firstLifeLogDueOn = firstLifeLogDueOn
        self.latestAttendedOn = latestAttendedOn
        self.latestFilledClosedDueOn = latestFilledClosedDueOn
        self.appointmentsAwaitingOutcome = appointmentsAwaitingOutcome
        self.recallRecommendedOn = recallRecommendedOn
        self.levelHistory = levelHistory
    }

    public static func == (a: TermDueFacts, b: TermDueFacts) -> Bool {
        a.caseRef == b.caseRef && a.name == b.name && a.officer == b.officer && a.level == b.level
            && a.startsOn == b.startsOn && a.lastSupervisedDay == b.lastSupervisedDay
            && a.firstInterviewDueOn == b.firstInterviewDueOn && a.firstLifeLogDueOn == b.firstLifeLogDueOn
            && a.latestAttendedOn == b.latestAttendedOn && a.latestFilledClosedDueOn == b.latestFilledClosedDueOn
            && a.appointmentsAwaitingOutcome == b.appointmentsAwaitingOutcome
            && a.recallRecommendedOn == b.recallRecommendedOn
            && a.levelHistory.map(\.effectiveOn) == b.levelHistory.map(\.effectiveOn)
            && a.levelHistory.map(\.level) == b.levelHistory.map(\.level)
    }
}

public enum OverdueRules {
    /// The overdue items of one open term as of `asOf`, in the order they are listed:
    /// interview-due, interview-outcome (oldest first), life-log, recall-decision.
    public static func items(for term: TermDueFacts, asOf: LocalDate, standard: ContactStandard) -> [OverdueItem] {
        dueItems(for: term, asOf: asOf, standard: standard).map {
            OverdueItem(caseRef: term.caseRef, name: term.name, officer: term.officer, item: $0.item, dueOn: $0.dueOn,
                        daysOverdue: $0.daysOverdue)
        }
    }

    /// `items` without the person: what is overdue, when it was due and for how many days. (The
    /// listing reads a term's case reference, name and officer only when it has something.)
    public static func dueItems(for term: TermDueFacts, asOf: LocalDate,
                                standard: ContactStandard) -> [(item: OverdueItemKind, dueOn: LocalDate, daysOverdue: Int)] {
        var items: [(item: OverdueItemKind, dueOn: LocalDate, daysOverdue: Int)] = []
        func add(_ kind: OverdueItemKind, _ due: LocalDate, since: LocalDate) {
            items.append((kind, due, asOf.days(since: since)))
        }
        let nextInterview = InterviewDue.next(firstDueOn: term.firstInterviewDueOn, latestAttendedOn: term.latestAttendedOn,
                                              level: term.level, standard: standard)
        if asOf > nextInterview {
            add(.interviewDue, nextInterview, since: nextInterview)
        }
        for date in term.appointmentsAwaitingOutcome.sorted() {
            add(.interviewOutcome, date, since: date)
        }
        let schedule = LifeLogSchedule.forTerm(firstDue: term.firstLifeLogDueOn, currentLevel: term.level,
                                               levelHistory: term.levelHistory, lastDay: term.lastSupervisedDay,
                                               standard: standard)
        if let due = schedule.latestClosedDueDate(asOf: asOf), term.latestFilledClosedDueOn != due {
            add(.lifeLog, due, since: schedule.windowLastDay(of: due))
        }
        if let since = term.recallRecommendedOn {
            add(.recallDecision, since, since: since)
        }
        return items
    }
}
