/// When a finished person's personal data is due for erasure (docs/lifecycle.md §15).
public enum RetentionRules {
    /// Retention periods an admin may set, in whole years.
    public static let allowedYears = 1...100

    /// The last day a term may have ended on and still be purged as of `today`: a term that
    /// ended on the cutoff ended more than `years` years before today. 2030-06-15 with 5 years
    /// → 2025-06-14 (a term ending 2025-06-15 ended exactly five years before, not more).
    public static func cutoff(asOf today: LocalDate, years: Int) -> LocalDate {
        addMonths(today, -12 * years).adding(days: -1)
    }

    /// A person is due when they have a term and every one of their terms ended on or before
    /// the cutoff. `termEnds` is each term's last supervised day (the closing day of a term
    /// closed early).
    public static func isDue(termEnds: [LocalDate], asOf today: LocalDate, years: Int) -> Bool {
        let cutoff = cutoff(asOf: today, years: years)
        return !termEnds.isEmpty && termEnds.allSatisfy { $0 <= cutoff }
    }
}
