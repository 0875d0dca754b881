/// The length of a supervision term, in whole calendar months (docs/terms.md §3).
public enum TermLength {
    /// A term is six to twelve months long, including after any extension.
    public static let allowedMonths: ClosedRange<Int> = 6...12

    /// The last supervised day: the day before the same date `months` months later.
    ///
    /// "Twelve months from 15 March" means up to and including 14 March of the next year; when
    /// the start day does not exist in the end month, `addMonths` clamps to the month's end first,
    /// so 2027-08-31 + 6 → 2028-02-29 − 1 day → 2028-02-28.
    /// Does not check `months` against `allowedMonths`: the caller refuses bad input with a
    /// sentence, and this stays pure arithmetic.
    public static func endsOn(startsOn: LocalDate, months: Int) -> LocalDate {
        addMonths(startsOn, months).adding(days: -1)
    }
}
