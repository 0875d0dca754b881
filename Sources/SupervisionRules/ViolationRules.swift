/// Violation detection for one term (docs/violations.md §7): facts in, violations out. The scan loads each
/// term's facts, asks `ViolationRules.detect`, and records what it returns; the rule itself
/// knows nothing of the database.

/// An appointment recorded as an unacceptable absence or as failed-to-attend.
public struct Absence: Sendable, Equatable {
    public let appointmentId: Int64
    public let on: LocalDate
    /// The local wall time, `HH:MM`, for the explanation.
    public let at: String
    /// True for `unacceptable-absence`; false for a `failed-to-attend` still in its holding state.
    public let isUnacceptable: Bool

    public init(appointmentId: Int64, on: LocalDate, at: String, isUnacceptable: Bool) {
        self.appointmentId = appointmentId
        self.on = on
        self.at = at
        self.isUnacceptable = isUnacceptable
    }
}

/// The violations a term already has, so that detection skips them before writing their
/// explanation (detection is idempotent: one violation per term, kind and cause).
public struct KnownViolations: Sendable, Equatable {
    /// Appointments already flagged as a missed interview (most of what terms have).
    public var missedAppointments: [Int64] = []
    /// Missed life-log due dates already flagged.
    public var missedDueDates: Set<LocalDate> = []
    /// Everything else, as (kind, cause).
    public var others: [Other] = []

    public struct Other: Sendable, Equatable {
        public let kind: ViolationKind?
        public let cause: String
        public init(kind: ViolationKind?, cause: String) {
            self.kind = kind
            self.cause = cause
        }
    }

    public init() {}

    public func contains(_ kind: ViolationKind, _ cause: String) -> Bool {
        if kind == .missedInterview, let id = ViolationRules.appointmentId(inCause: cause) {
            return missedAppointments.contains(id)
        }
        if kind == .missedLifeLog, let due = ViolationRules.dueDate(inCause: cause) {
            return missedDueDates.contains(due)
        }
        return others.contains { $0.kind == kind && $0.cause == cause }
    }
}

/// What the violation rules need to know about one term as of one day.
public struct TermViolationFacts: Sendable {
    public var startsOn: LocalDate
    /// The last supervised day: the end date, or the day the term was closed if earlier.
    public var lastSupervisedDay: LocalDate
    public var lifeLogSchedule: LifeLogSchedule
    /// Due dates filled by an entry (at least those after `lifeLogSettledThrough`).
    public var filledDueDates: Set<LocalDate>
    /// The due date through which missed life-logs were judged by an earlier scan, if any.
    public var lifeLogSettledThrough: LocalDate?
    public var absences: [Absence]
    public var restrictions: [Restriction]
    /// Location reports up to the as-of instant (low-accuracy ones are ignored by the rule).
    public var reports: [LocationReport]
    /// Local dates of contact: the latest attended interview, life-log entry and location report.
    public var contactDates: [LocalDate]
    public var known: KnownViolations

    public init(startsOn: LocalDate, lastSupervisedDay: LocalDate, lifeLogSchedule: LifeLogSchedule,
                filledDueDates: Set<LocalDate> = [], lifeLogSettledThrough: LocalDate? = nil,
                absences: [Absence] = [], restrictions: [Restriction] = [], reports: [LocationReport] = [],
                contactDates: [LocalDate] = [], known: KnownViolations = KnownViolations()) {
        self.startsOn = startsOn
        self.lastSupervisedDay = lastSupervisedDay
        self.lifeLogSchedule = lifeLogSchedule
        self.filledDueDates = filledDueDates
        self.lifeLogSettledThrough = lifeLogSettledThrough
        self.absences = absences
        self.restrictions = restrictions
        self.reports = reports
        self.contactDates = contactDates
        self.known = known
    }

    /// Whether `date` falls within the supervised period.
    public func covers(_ date: LocalDate) -> Bool {
        date >= startsOn && date <= lastSupervisedDay
    }
}

/// What detection found for one term.
public struct ViolationFindings: Sendable, Equatable {
    /// New violations, in the order found: missed interviews, missed life-logs, location
    /// breaches, no contact.
    public var violations: [DetectedViolation]
    /// The latest due date this detection judged for missed life-logs (later ones are judged
    /// when their windows close); nil when it judged none beyond the facts' settled date.
    public var lifeLogSettledThrough: LocalDate?
}

public enum ViolationRules {
    /// Every new violation of one term as of `asOf` (a local date in `zone`), skipping those in
    /// `facts.known`.
    public static func detect(_ facts: TermViolationFacts, asOf: LocalDate, zone: AgencyZone,
                              calendar: BusinessCalendar, standard: ContactStandard) -> ViolationFindings {
        var found: [DetectedViolation] = []
        func record(_ violation: DetectedViolation) {
            // A cause found twice in one detection (two restrictions cannot share an id, but be
            // safe) is recorded once.
            guard !found.contains(where: { $0.kind == violation.kind && $0.cause == violation.cause }) else { return }
            found.append(violation)
        }
        let known = facts.known
        let lastDay = min(asOf, facts.lastSupervisedDay)

        for absence in facts.absences
        where facts.covers(absence.on) && !known.missedAppointments.contains(absence.appointmentId) {
            if let missed = missedInterview(absence, asOf: asOf, calendar: calendar, standard: standard) {
                record(missed)
            }
        }

        let schedule = facts.lifeLogSchedule
        var settled: LocalDate?
        if let latest = schedule.latestClosedDueDate(asOf: asOf),
           facts.lifeLogSettledThrough.map({ latest > $0 }) ?? true {
            for due in schedule.missedDueDates(asOf: asOf, filled: facts.filledDueDates, after: facts.lifeLogSettledThrough)
            where due <= lastDay && !known.missedDueDates.contains(due) {
                record(missedLifeLog(due, schedule: schedule))
            }
            let through = min(latest, lastDay)
            if facts.lifeLogSettledThrough.map({ through > $0 }) ?? true { settled = through }
        }

        for report in facts.reports where facts.covers(zone.date(of: report.at)) {
            LocationBreachRules.breaches(of: report, restrictions: facts.restrictions, zone: zone,
                                         isNew: { !known.contains($0, $1) })
                .forEach(record)
        }

        if let gap = ContactRules.noContact(startsOn: facts.startsOn, contactDates: facts.contactDates, asOf: lastDay),
           !known.contains(gap.kind, gap.cause) {
            record(gap)
        }
        return ViolationFindings(violations: found, lifeLogSettledThrough: settled)
    }

    /// A missed interview (docs/violations.md §7): an unacceptable absence, or a failed-to-attend whose
    /// evidence window has closed by `asOf` without an acceptable reason. Nil otherwise (a
    /// failed-to-attend still inside its window is a holding state, not a violation).
    public static func missedInterview(_ absence: Absence, asOf: LocalDate, calendar: BusinessCalendar,
                                       standard: ContactStandard) -> DetectedViolation? {
        let id = absence.appointmentId
        let cause = appointmentCause(id)
        if absence.isUnacceptable {
            return DetectedViolation(kind: .missedInterview, occurredOn: absence.on, cause: cause,
                                     explanation: "interview \(id) on \(absence.on) at \(absence.at): unacceptable absence")
        }
        guard InterviewDue.evidenceWindowHasClosed(appointmentOn: absence.on, asOf: asOf, calendar: calendar,
                                                   standard: standard) else { return nil }
        let end = InterviewDue.evidenceWindowEnd(appointmentOn: absence.on, calendar: calendar, standard: standard)
        return DetectedViolation(
            kind: .missedInterview, occurredOn: absence.on, cause: cause,
            explanation: "failed to attend interview \(id) on \(absence.on) at \(absence.at); no acceptable reason shown by \(end)")
    }

    /// A missed life-log due date (docs/lifelog.md §5): dated on the due date itself.
    public static func missedLifeLog(_ due: LocalDate, schedule: LifeLogSchedule) -> DetectedViolation {
        DetectedViolation(kind: .missedLifeLog, occurredOn: due, cause: dueCause(due),
                          explanation: "life-log due \(due) not submitted by \(schedule.windowLastDay(of: due))")
    }

    // MARK: Causes

    static let appointmentCausePrefix = "appointment:"
    static let dueCausePrefix = "due:"

    /// A missed interview's cause: "appointment:<appointment id>".
    public static func appointmentCause(_ id: Int64) -> String { appointmentCausePrefix + String(id) }

    /// A missed life-log's cause: "due:<due date>".
    public static func dueCause(_ due: LocalDate) -> String { dueCausePrefix + due.description }

    /// The appointment id in a missed interview's cause, or nil for any other form.
    public static func appointmentId(inCause cause: String) -> Int64? {
        guard cause.hasPrefix(appointmentCausePrefix) else { return nil }
        return Int64(cause.dropFirst(appointmentCausePrefix.count))
    }

    /// The due date in a missed life-log's cause, or nil for any other form.
    public static func dueDate(inCause cause: String) -> LocalDate? {
        guard cause.hasPrefix(dueCausePrefix) else { return nil }
        return LocalDate(iso: String(cause.dropFirst(dueCausePrefix.count)))
    }
}
