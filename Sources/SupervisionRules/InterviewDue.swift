/// When the next interview is due and how late it is (docs/interviews.md §4).
///
/// The contact standard counts *attended* interviews only: scheduled, missed or excused
/// appointments never move the due date, because what matters is when the supervisee was last
/// actually seen.
public enum InterviewDue {
    /// The first interview is due a few business days after release (3 by default), so a
    /// Friday release still leaves three working days to get the person in.
    public static func first(startsOn: LocalDate, calendar: BusinessCalendar, standard: ContactStandard) -> LocalDate {
        calendar.addBusinessDays(startsOn, standard.firstInterviewBusinessDays)
    }

    /// The latest attended interview on or after `startsOn` and on or before `asOf`, or nil.
    ///
    /// Interviews from an earlier term, and ones recorded with a date after the as-of date (a
    /// report run "as of" a past day), must not count.
    public static func latestAttended(_ attendedOn: [LocalDate], startsOn: LocalDate, asOf: LocalDate) -> LocalDate? {
        attendedOn.lazy.filter { $0 >= startsOn && $0 <= asOf }.max()
    }

    /// The next interview due date: the latest attended interview plus the interval of the level
    /// (the *current* level, so a level raised today tightens the very next due date); with none,
    /// the term's first due date. That date is the one fixed at registration (`first`), so a
    /// holiday added later does not move it. Every caller asks this one function: the overdue
    /// list, the next-due look-up and the record.
    /// Example (medium): first due 2026-03-05, attended 2026-03-04 → next due 2026-03-18.
    public static func next(firstDueOn: LocalDate, latestAttendedOn: LocalDate?, level: SupervisionLevel,
                            standard: ContactStandard) -> LocalDate {
        guard let latest = latestAttendedOn else { return firstDueOn }
        return latest.adding(days: standard.interviewInterval(level))
    }

    /// Nil when not overdue (`asOf` on or before `due`: the due day itself is still in time),
    /// otherwise the number of days since the due date (at least 1).
    public static func daysOverdue(due: LocalDate, asOf: LocalDate) -> Int? {
        asOf > due ? asOf.days(since: due) : nil
    }

    /// The last day on which a failed-to-attend may still be turned into an acceptable absence:
    /// `evidenceWindowBusinessDays` business days after the appointment's local date, so a
    /// weekend or holiday never shortens the time to bring a doctor's note.
    public static func evidenceWindowEnd(appointmentOn: LocalDate, calendar: BusinessCalendar,
                                         standard: ContactStandard) -> LocalDate {
        calendar.addBusinessDays(appointmentOn, standard.evidenceWindowBusinessDays)
    }

    /// True once `asOf` is after the window's last day: an unresolved failed-to-attend then counts
    /// as an unacceptable absence. On the last day itself the window is still open.
    public static func evidenceWindowHasClosed(appointmentOn: LocalDate, asOf: LocalDate,
                                               calendar: BusinessCalendar, standard: ContactStandard) -> Bool {
        asOf > evidenceWindowEnd(appointmentOn: appointmentOn, calendar: calendar, standard: standard)
    }
}
