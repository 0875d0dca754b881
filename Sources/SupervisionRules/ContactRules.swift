/// The no-contact violation (docs/violations.md §7): a month with no sign of the supervisee.
public enum ContactRules {
    public static let windowDays = 30

    /// Flags when the term is at least 30 days old (asOf − startsOn ≥ 30) and the 30 days before
    /// `asOf` held no contact: no attended interview, no life-log entry, no location report.
    /// `contactDates` are the local dates of all three kinds; dates before `startsOn` or after
    /// `asOf` are ignored.
    ///
    /// Counting: with the last contact (or, without one, the start of the term) on day L, the
    /// days without contact are L+1 … asOf, so the flag comes when asOf − L ≥ 30, the same count
    /// as the term's age. A contact 29 days before `asOf` prevents it; one 30 days before does not.
    ///
    /// One violation per silence: `cause` is "no-contact-since:<L>" and `occurredOn` is L + 30
    /// (the day the silence reached 30 days), whatever later `asOf` a scan uses; a new contact
    /// followed by another silent month is a new violation. The caller scans only open terms.
    public static func noContact(startsOn: LocalDate, contactDates: [LocalDate], asOf: LocalDate) -> DetectedViolation? {
        guard asOf.days(since: startsOn) >= windowDays else { return nil }
        let lastContact = contactDates.filter { startsOn <= $0 && $0 <= asOf }.max()
        let since = lastContact ?? startsOn
        guard asOf.days(since: since) >= windowDays else { return nil }
        let after = lastContact == nil ? "the term started on \(since)" : "the last contact on \(since)"
        return DetectedViolation(
            kind: .noContact,
            occurredOn: since.adding(days: windowDays),
            cause: "no-contact-since:\(since)",
            explanation: "no attended interview, life-log entry or location report in the \(windowDays) days after \(after)")
    }

    /// Whether one of `contactDates` falls within the 30 days before `asOf` (after asOf − 30,
    /// on or before asOf): then no further contact can change `noContact`'s answer, so a caller
    /// need not load more.
    public static func hasRecentContact(_ contactDates: [LocalDate], asOf: LocalDate) -> Bool {
        let recent = asOf.adding(days: -windowDays)
        return contactDates.contains { $0 > recent && $0 <= asOf }
    }
}
