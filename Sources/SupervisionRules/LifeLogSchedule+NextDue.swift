extension LifeLogSchedule {
    /// The life-log entry a supervisee owes next, as the record (`show`, the staff record page)
    /// and the supervisee portal all show it (docs/lifelog.md §5, "The next entry due").
    public struct NextDue: Sendable, Equatable {
        public let dueOn: LocalDate
        /// The last day an entry for `dueOn` is accepted (`windowLastDay(of:)`).
        public let windowLastDay: LocalDate
        /// Whether the window holds the day asked about: an entry made that day fills `dueOn`.
        /// False for a due date still to come.
        public let isOpen: Bool

        public init(dueOn: LocalDate, windowLastDay: LocalDate, isOpen: Bool) {
            self.dueOn = dueOn
            self.windowLastDay = windowLastDay
            self.isOpen = isOpen
        }
    }

    /// The next life-log entry due as of `asOf`: the earliest due date not in `filled` whose
    /// window has not closed by `asOf`. Nil when the schedule has none left.
    ///
    /// When a window holding `asOf` is unfilled, that is the due date an entry made on `asOf`
    /// would fill (`dueDateFilled`, the submission's own rule), so what the person is told is due
    /// is what their entry will count for: a due date in the past whose window is still open
    /// comes before the next one to come, and a due date already filled is never shown as due.
    /// Otherwise it is the first unfilled due date after `asOf`, not yet open.
    ///
    /// `filled` may hold due dates after `asOf` when `asOf` is an earlier day than the records
    /// (the as-of clock reading the past): those are skipped, as they are owed no more.
    public func nextDue(asOf: LocalDate, filled: Set<LocalDate>) -> NextDue? {
        if let open = dueDateFilled(bySubmissionOn: asOf, alreadyFilled: filled) {
            return NextDue(dueOn: open, windowLastDay: windowLastDay(of: open), isOpen: true)
        }
        var candidate = nextDueDate(onOrAfter: asOf.adding(days: 1))
        while let due = candidate, filled.contains(due) {
            candidate = nextDueDate(onOrAfter: due.adding(days: 1))
        }
        return candidate.map { NextDue(dueOn: $0, windowLastDay: windowLastDay(of: $0), isOpen: false) }
    }
}
