/// When a term's life-log entries are due and which due date a submission fills (SPEC §5).
///
/// Due dates are D_k = firstDue + k × intervalDays (k ≥ 0) while D_k ≤ endsOn. The entry for D
/// may be submitted on D … D + graceDays − 1 (its *window*); a due date whose window has closed
/// without an entry is missed.
///
/// Everything is arithmetic on day counts, never a walk over the due dates (except where the
/// answer is itself a list): the overdue list asks these questions for every supervisee of the
/// agency, 100,000 of them, on every run.
///
/// The schedule knows nothing of term status: a due date on or just before `endsOn` has a window
/// reaching past the term, and whether a submission after `endsOn` is accepted is the use case's
/// decision (SPEC §5 refuses submissions outside an open term).
public struct LifeLogSchedule: Sendable, Equatable {
    public let firstDue: LocalDate
    public let intervalDays: Int
    /// The term's last supervised day; no due date falls after it.
    public let endsOn: LocalDate
    /// Length of each window in days, the due date included (3: D, D+1, D+2).
    public let graceDays: Int

    /// `intervalDays` and `graceDays` must be at least 1 (agency settings are validated when an
    /// admin sets them; a zero interval would make every day a due date, a zero grace no day a
    /// window).
    public init(firstDue: LocalDate, intervalDays: Int, endsOn: LocalDate, graceDays: Int) {
        precondition(intervalDays >= 1, "life-log interval must be at least one day")
        precondition(graceDays >= 1, "life-log grace must be at least one day")
        self.firstDue = firstDue
        self.intervalDays = intervalDays
        self.endsOn = endsOn
        self.graceDays = graceDays
    }

    /// One interval after release: the first report covers the first period of supervision.
    public static func defaultFirstDue(startsOn: LocalDate, intervalDays: Int) -> LocalDate {
        startsOn.adding(days: intervalDays)
    }

    /// Every due date, in order; empty when the first due date is after `endsOn`.
    public var dueDates: [LocalDate] {
        guard let last = lastIndex else { return [] }
        return (0...last).map(dueDate)
    }

    public func isDueDate(_ date: LocalDate) -> Bool {
        let offset = date.days(since: firstDue)
        return offset >= 0 && date <= endsOn && offset % intervalDays == 0
    }

    /// The last day on which an entry for `due` is accepted.
    public func windowLastDay(of due: LocalDate) -> LocalDate {
        due.adding(days: graceDays - 1)
    }

    /// The due date a submission on local date `date` fills: the earliest due date whose window
    /// contains `date` and that is not already filled. Nil means the entry is unscheduled (kept,
    /// but filling nothing).
    ///
    /// Earliest first, because when windows overlap (grace longer than the interval) a late entry
    /// for the older due date should not leave it missed while filling one that is still open.
    /// Only the due dates in [date − graceDays + 1, date] can qualify, so only those are looked at.
    public func dueDateFilled(bySubmissionOn date: LocalDate, alreadyFilled: Set<LocalDate>) -> LocalDate? {
        guard let last = lastIndex else { return nil }
        let lowest = Self.ceilDivide(date.days(since: firstDue) - (graceDays - 1), intervalDays)
        let highest = Self.floorDivide(date.days(since: firstDue), intervalDays)
        let from = max(0, lowest), through = min(last, highest)
        guard from <= through else { return nil }
        for k in from...through {
            let due = dueDate(k)
            if !alreadyFilled.contains(due) { return due }
        }
        return nil
    }

    /// The latest due date whose window has closed by `asOf` (asOf > windowLastDay), nil if none
    /// yet. This is the one the overdue list looks at.
    public func latestClosedDueDate(asOf: LocalDate) -> LocalDate? {
        latestClosedIndex(asOf: asOf).map(dueDate)
    }

    /// The first due date on or after `date`; nil when there is none before `endsOn`.
    public func nextDueDate(onOrAfter date: LocalDate) -> LocalDate? {
        guard let last = lastIndex else { return nil }
        let k = max(0, Self.ceilDivide(date.days(since: firstDue), intervalDays))
        return k <= last ? dueDate(k) : nil
    }

    /// Every due date whose window has closed by `asOf` and that is not in `filled`, in order:
    /// each is one `missed-life-log` violation.
    public func missedDueDates(asOf: LocalDate, filled: Set<LocalDate>) -> [LocalDate] {
        guard let latest = latestClosedIndex(asOf: asOf) else { return [] }
        return (0...latest).map(dueDate).filter { !filled.contains($0) }
    }

    // MARK: - Arithmetic

    private func dueDate(_ k: Int) -> LocalDate {
        firstDue.adding(days: k * intervalDays)
    }

    /// k of the last due date on or before `endsOn`; nil when there is no due date at all.
    private var lastIndex: Int? {
        let span = endsOn.days(since: firstDue)
        return span >= 0 ? span / intervalDays : nil
    }

    /// A window is closed when asOf > D + graceDays − 1, that is D ≤ asOf − graceDays.
    private func latestClosedIndex(asOf: LocalDate) -> Int? {
        guard let last = lastIndex else { return nil }
        let span = asOf.days(since: firstDue) - graceDays
        guard span >= 0 else { return nil }
        return min(last, span / intervalDays)
    }

    /// Division rounding towards minus infinity (Swift's `/` rounds towards zero); the offsets
    /// here are negative for dates before the first due date.
    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    private static func ceilDivide(_ a: Int, _ b: Int) -> Int {
        -floorDivide(-a, b)
    }
}
