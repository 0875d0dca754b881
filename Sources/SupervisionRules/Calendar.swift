/// The same day of the month `months` months later (earlier when negative), clamped to the last
/// day of the target month.
///
/// Terms are counted in calendar months, not in days: a six-month term from 31 August ends at the
/// end of February, whatever February's length. Clamping (rather than rolling 31 February over to
/// 3 March, as lenient calendars do) keeps the result inside the intended month.
/// 2026-01-31 + 1 → 2026-02-28; 2027-08-31 + 6 → 2028-02-29.
public func addMonths(_ date: LocalDate, _ months: Int) -> LocalDate {
    let monthIndex = date.year * 12 + (date.month - 1) + months
    let year = floorDivide(monthIndex, 12)
    let month = monthIndex - year * 12 + 1
    let day = min(date.day, LocalDate.daysIn(month: month, year: year))
    return LocalDate(anyYear: year, month: month, day: day)
}

/// The agency's working days: Monday to Friday, except the holidays an admin has recorded.
///
/// Deadlines that a person must meet by dealing with the agency (the first interview, the evidence
/// window after a missed appointment) are counted in business days, so that a weekend or a bank
/// holiday never eats into them.
public struct BusinessCalendar: Sendable, Equatable {
    public let holidays: Set<LocalDate>

    public init(holidays: Set<LocalDate> = []) {
        self.holidays = holidays
    }

    /// Monday to Friday and not a holiday. A holiday recorded on a weekend changes nothing.
    public func isBusinessDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !holidays.contains(date)
    }

    /// The n-th business day after `date` (`date` itself does not count, whether or not it is a
    /// business day); n == 0 gives `date` unchanged.
    ///
    /// Walks day by day: n is a handful of days (3 or 5 by default) and holidays can sit anywhere,
    /// so a closed formula would still have to look at every holiday in the range.
    /// Friday 1999-08-13 + 3 → Wednesday 1999-08-18.
    public func addBusinessDays(_ date: LocalDate, _ n: Int) -> LocalDate {
        precondition(n >= 0, "addBusinessDays counts forward only")
        var day = date
        var remaining = n
        while remaining > 0 {
            day = day.adding(days: 1)
            if isBusinessDay(day) { remaining -= 1 }
        }
        return day
    }
}

/// Division rounding towards minus infinity (Swift's `/` rounds towards zero), for month counts
/// that may be negative.
private func floorDivide(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && a < 0) ? q - 1 : q
}

extension LocalDate {
    /// A date from parts already known to be valid except, possibly, for the year: arithmetic on a
    /// date near year 9999 (a term that starts in December 9999) must give an answer, not trap.
    /// The Gregorian calendar repeats every 400 years (146,097 days), so the date is built in the
    /// cycle starting 2000 and shifted by whole cycles.
    fileprivate init(anyYear year: Int, month: Int, day: Int) {
        let cycles = floorDivide(year - 2000, 400)
        let inCycle = LocalDate(year: year - cycles * 400, month: month, day: day)!
        self = inCycle.adding(days: cycles * 146_097)
    }
}
