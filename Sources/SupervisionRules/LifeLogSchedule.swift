/// When a term's life-log entries are due and which due date a submission fills (docs/lifelog.md §5).
///
/// Due dates are D_k = firstDue + k × intervalDays (k ≥ 0) while D_k ≤ endsOn; when the level
/// changes, the schedule continues in runs (see `withLevelChanges`). The entry for D
/// may be submitted on D … D + graceDays − 1 (its *window*); a due date whose window has closed
/// without an entry is missed.
///
/// Everything is arithmetic on day counts within each run, never a walk over the due dates
/// (except where the answer is itself a list): the overdue list asks these questions for every
/// supervisee of the agency, 100,000 of them, on every run.
///
/// The schedule knows nothing of term status: a due date on or just before `endsOn` has a window
/// reaching past the term, and whether a submission after `endsOn` is accepted is the use case's
/// decision (docs/lifelog.md §5 refuses submissions outside an open term).
public struct LifeLogSchedule: Sendable, Equatable {
    /// A run of due dates at one interval: `start`, `start + interval`, … up to the next run's
    /// start (exclusive) or `endsOn`. A term whose level never changes has one run.
    public struct Run: Sendable, Equatable {
        public let start: LocalDate
        public let intervalDays: Int

        public init(start: LocalDate, intervalDays: Int) {
            precondition(intervalDays >= 1, "life-log interval must be at least one day")
            self.start = start
            self.intervalDays = intervalDays
        }
    }

    public let runs: [Run]
    /// The term's last supervised day; no due date falls after it.
    public let endsOn: LocalDate
    /// Length of each window in days, the due date included (3: D, D+1, D+2).
    public let graceDays: Int

    public var firstDue: LocalDate { runs[0].start }
    /// The interval in force at the end of the schedule (the current level's).
    public var intervalDays: Int { runs[runs.count - 1].intervalDays }

    /// `intervalDays` and `graceDays` must be at least 1 (agency settings are validated when an
    /// admin sets them; a zero interval would make every day a due date, a zero grace no day a
    /// window).
    public init(firstDue: LocalDate, intervalDays: Int, endsOn: LocalDate, graceDays: Int) {
        self.init(runs: [Run(start: firstDue, intervalDays: intervalDays)], endsOn: endsOn, graceDays: graceDays)
    }

    /// `runs` in increasing order of start, each start a due date of the run before it.
    public init(runs: [Run], endsOn: LocalDate, graceDays: Int) {
        precondition(!runs.isEmpty, "a schedule has at least one run")
        precondition(graceDays >= 1, "life-log grace must be at least one day")
        self.runs = runs
        self.endsOn = endsOn
        self.graceDays = graceDays
    }

    /// The schedule of a term whose level changed: the interval of the level at registration
    /// applies from the first due date; after each change, the next due date on or after the
    /// change is kept, and from it the new level's interval applies. So a change never turns a
    /// past day into a due date nobody was told about, and never moves a due date already
    /// announced. `changes` are (effective date, interval) in the order they were made, the
    /// first being the level at registration.
    public static func withLevelChanges(firstDue: LocalDate, changes: [(effectiveOn: LocalDate, intervalDays: Int)],
                                        endsOn: LocalDate, graceDays: Int) -> LifeLogSchedule {
        guard let initial = changes.first else {
            preconditionFailure("a term has a level from registration")
        }
        var runs = [Run(start: firstDue, intervalDays: initial.intervalDays)]
        for change in changes.dropFirst() {
            // Without an end, to find the next due date even past the term's last day.
            let open = LifeLogSchedule(runs: runs, endsOn: LocalDate(year: 9999, month: 12, day: 31)!, graceDays: graceDays)
            guard let kept = open.nextDueDate(onOrAfter: change.effectiveOn) else { continue }
            runs.removeAll { $0.start >= kept }
            if runs.last?.intervalDays != change.intervalDays {
                runs.append(Run(start: kept, intervalDays: change.intervalDays))
            }
        }
        return LifeLogSchedule(runs: runs, endsOn: endsOn, graceDays: graceDays)
    }

    /// A term's schedule from its level history (effective date and level, in the order the
    /// changes were made; empty or one entry: the level never changed).
    public static func forTerm(firstDue: LocalDate, currentLevel: SupervisionLevel,
                               levelHistory: [(effectiveOn: LocalDate, level: SupervisionLevel)],
                               lastDay: LocalDate, standard: ContactStandard) -> LifeLogSchedule {
        guard levelHistory.count > 1 else {
            return LifeLogSchedule(firstDue: firstDue, intervalDays: standard.lifeLogInterval(currentLevel),
                                   endsOn: lastDay, graceDays: standard.lifeLogGraceDays)
        }
        return withLevelChanges(firstDue: firstDue,
                                changes: levelHistory.map { ($0.effectiveOn, standard.lifeLogInterval($0.level)) },
                                endsOn: lastDay, graceDays: standard.lifeLogGraceDays)
    }

    /// One interval after release: the first report covers the first period of supervision.
    public static func defaultFirstDue(startsOn: LocalDate, intervalDays: Int) -> LocalDate {
        startsOn.adding(days: intervalDays)
    }

    /// Every due date, in order; empty when the first due date is after `endsOn`.
    public var dueDates: [LocalDate] {
        var dates: [LocalDate] = []
        for index in runs.indices {
            let (run, through) = (runs[index], lastDay(of: index))
            var date = run.start
            while date <= through {
                dates.append(date)
                date = date.adding(days: run.intervalDays)
            }
        }
        return dates
    }

    public func isDueDate(_ date: LocalDate) -> Bool {
        guard let index = runIndex(containing: date) else { return false }
        return date.days(since: runs[index].start) % runs[index].intervalDays == 0
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
        var candidate = nextDueDate(onOrAfter: date.adding(days: -(graceDays - 1)))
        while let due = candidate, due <= date {
            if !alreadyFilled.contains(due) { return due }
            candidate = nextDueDate(onOrAfter: due.adding(days: 1))
        }
        return nil
    }

    /// The latest due date whose window has closed by `asOf` (asOf > windowLastDay), nil if none
    /// yet. This is the one the overdue list looks at.
    public func latestClosedDueDate(asOf: LocalDate) -> LocalDate? {
        // A window is closed when asOf > D + graceDays − 1, that is D ≤ asOf − graceDays.
        latestDueDate(onOrBefore: asOf.adding(days: -graceDays))
    }

    /// The first due date on or after `date`; nil when there is none before `endsOn`.
    public func nextDueDate(onOrAfter date: LocalDate) -> LocalDate? {
        for index in runs.indices {
            let (run, through) = (runs[index], lastDay(of: index))
            guard through >= date, through >= run.start else { continue }
            let k = Swift.max(0, Self.ceilDivide(date.days(since: run.start), run.intervalDays))
            let due = run.start.adding(days: k * run.intervalDays)
            if due <= through { return due }
        }
        return nil
    }

    /// The last due date on or before `date`; nil when there is none.
    public func latestDueDate(onOrBefore date: LocalDate) -> LocalDate? {
        for index in runs.indices.reversed() {
            let run = runs[index]
            let limit = Swift.min(date, lastDay(of: index))
            guard limit >= run.start else { continue }
            let k = limit.days(since: run.start) / run.intervalDays
            return run.start.adding(days: k * run.intervalDays)
        }
        return nil
    }

    /// Every due date whose window has closed by `asOf` and that is not in `filled`, in order:
    /// each is one `missed-life-log` violation. `after` skips the due dates up to and including
    /// that day (the scan's settled date: everything before it was judged already). The record
    /// and the scan both ask this one function.
    public func missedDueDates(asOf: LocalDate, filled: Set<LocalDate>, after: LocalDate? = nil) -> [LocalDate] {
        guard let latest = latestClosedDueDate(asOf: asOf) else { return [] }
        var missed: [LocalDate] = []
        var candidate = nextDueDate(onOrAfter: after?.adding(days: 1) ?? firstDue)
        while let due = candidate, due <= latest {
            if !filled.contains(due) { missed.append(due) }
            candidate = nextDueDate(onOrAfter: due.adding(days: 1))
        }
        return missed
    }

    // MARK: - Arithmetic

    /// The last day run `index` covers: the day before the next run starts, or `endsOn`.
    private func lastDay(of index: Int) -> LocalDate {
        index + 1 < runs.count ? Swift.min(endsOn, runs[index + 1].start.adding(days: -1)) : endsOn
    }

    private func runIndex(containing date: LocalDate) -> Int? {
        runs.indices.last { runs[$0].start <= date && date <= lastDay(of: $0) }
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
