/// When a scan must look at a term again although none of its records changed (issue 14: the
/// daily scan pays for what is new). A term judged as of day D, with `facts`, gives nothing new
/// on any later day before `ViolationRules.nextJudgement`: what `detect` looks at changes with the
/// day only when a life-log window closes, a failed-to-attend's evidence window closes, or a
/// month of silence completes. Any change to the term's records (or to the holidays and
/// settings) makes the scan look at it at once, whatever this says.
extension ViolationRules {
    /// The first day after `asOf` on which `detect(facts, day, …)` may find a violation it does
    /// not find as of `asOf`, the term's records unchanged; nil when no later day can.
    public static func nextJudgement(_ facts: TermViolationFacts, asOf: LocalDate, calendar: BusinessCalendar,
                                     standard: ContactStandard) -> LocalDate? {
        var next: LocalDate?
        func consider(_ day: LocalDate) {
            guard day > asOf else { return }
            next = next.map { min($0, day) } ?? day
        }
        // A life-log due date is judged once its window has closed: the next one's closes next.
        let schedule = facts.lifeLogSchedule
        let judged = schedule.latestClosedDueDate(asOf: asOf)
        if let due = schedule.nextDueDate(onOrAfter: judged?.adding(days: 1) ?? schedule.firstDue),
           due <= facts.lastSupervisedDay {
            consider(schedule.windowLastDay(of: due).adding(days: 1))
        }
        // A failed-to-attend becomes a missed interview the day after its evidence window.
        for absence in facts.absences where !absence.isUnacceptable && facts.covers(absence.on) {
            consider(InterviewDue.evidenceWindowEnd(appointmentOn: absence.on, calendar: calendar, standard: standard)
                .adding(days: 1))
        }
        // A month of silence completes `windowDays` after the last contact (or the start).
        let lastDay = min(asOf, facts.lastSupervisedDay)
        let since = facts.contactDates.filter { facts.startsOn <= $0 && $0 <= lastDay }.max() ?? facts.startsOn
        let silence = since.adding(days: ContactRules.windowDays)
        if silence <= facts.lastSupervisedDay { consider(silence) }
        return next
    }
}
