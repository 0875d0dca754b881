/// A confirmed violation, as the escalation rule needs it.
public struct ConfirmedViolationFact: Sendable, Hashable {
    public let violationId: Int64
    public let occurredOn: LocalDate
    public let severity: Severity
    public let confirmedOn: LocalDate
    /// Named in the recommendation's reason when known.
    public let kind: ViolationKind?

    public init(violationId: Int64, occurredOn: LocalDate, severity: Severity, confirmedOn: LocalDate,
                kind: ViolationKind? = nil) {
        self.violationId = violationId
        self.occurredOn = occurredOn
        self.severity = severity
        self.confirmedOn = confirmedOn
        self.kind = kind
    }
}

/// Recall is recommended; only a supervisor's decision changes anything (docs/recall.md §8).
public struct RecallRecommendation: Sendable, Hashable {
    /// The day it became recommended.
    public let since: LocalDate
    /// The violations that count, ordered by occurredOn, then id.
    public let violationIds: [Int64]
    /// "2 confirmed violations in 12 months" / "a high-severity violation (exclusion-zone on 2026-05-02)"
    public let reason: String

    public init(since: LocalDate, violationIds: [Int64], reason: String) {
        self.since = since
        self.violationIds = violationIds
        self.reason = reason
    }
}

public enum RecallRules {
    /// Counts confirmed violations with occurredOn in (addMonths(asOf, −12), asOf], after the last
    /// decision, and confirmed on or before `asOf` (a scenario run "as of" a past date does not
    /// see later confirmations). Two or more, or any high one → recommended.
    ///
    /// "After the last decision": dated after its day, or dated on its day and not among the
    /// violations it decided (`decidedViolationIds`) — a breach in the afternoon of a morning
    /// decision was never put before the supervisor, so it must count.
    ///
    /// `since` = the confirmation date at which the counted set first qualified: the earliest
    /// high one's confirmedOn, or the second confirmedOn in order, whichever is earlier.
    public static func recommendation(confirmed: [ConfirmedViolationFact], lastDecisionOn: LocalDate?,
                                      decidedViolationIds: Set<Int64> = [],
                                      asOf: LocalDate) -> RecallRecommendation? {
        let windowStart = addMonths(asOf, -12)   // exclusive
        let counted = confirmed
            .filter { windowStart < $0.occurredOn && $0.occurredOn <= asOf }
            .filter { fact in
                guard let decided = lastDecisionOn else { return true }
                return fact.occurredOn > decided
                    || (fact.occurredOn == decided && !decidedViolationIds.contains(fact.violationId))
            }
            .filter { $0.confirmedOn <= asOf }
            .sorted { ($0.occurredOn, $0.violationId) < ($1.occurredOn, $1.violationId) }
        let highs = counted
            .filter { $0.severity == .high }
            .sorted { ($0.confirmedOn, $0.occurredOn, $0.violationId) < ($1.confirmedOn, $1.occurredOn, $1.violationId) }
        guard counted.count >= 2 || !highs.isEmpty else { return nil }

        var candidates: [LocalDate] = []
        if let firstHigh = highs.first { candidates.append(firstHigh.confirmedOn) }
        if counted.count >= 2 { candidates.append(counted.map(\.confirmedOn).sorted()[1]) }
        let since = candidates.min()!

        let highText = highs.first.map { high in
            "(\(high.kind.map { "\($0.rawValue) " } ?? "")on \(high.occurredOn))"
        }
        let reason: String
        switch (counted.count, highText) {
        case (1, let highText?):
            reason = "a high-severity violation \(highText)"
        case (let n, let highText?):
            reason = "\(n) confirmed violations in 12 months, including a high-severity one \(highText)"
        case (let n, nil):
            reason = "\(n) confirmed violations in 12 months"
        }
        return RecallRecommendation(since: since, violationIds: counted.map(\.violationId), reason: reason)
    }
}
