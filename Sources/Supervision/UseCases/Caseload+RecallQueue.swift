import Storage
import SupervisionRules

/// A recall recommendation awaiting a supervisor's decision, with the violations that make it.
public struct PendingRecall: Sendable, Equatable {
    public struct CountingViolation: Sendable, Equatable {
        public let id: Int64
        public let kind: String
        public let severity: String
        public let occurredOn: LocalDate
        public let explanation: String
    }

    public let personId: Int64
    public let caseRef: String
    public let name: String
    public let officer: String
    public let since: LocalDate
    public let reason: String
    public let violations: [CountingViolation]
}

extension Caseload {
    /// The recalls awaiting a decision (supervisors only, as `recall decide`): every open term
    /// whose recall rule recommends one today (docs/recall.md §8), by the same rule and the same
    /// pre-filter as the overdue list's recall item.
    public func pendingRecalls(actorID: String?, now: Instant) throws -> [PendingRecall] {
        try look(actorID: actorID, now: now) { session in
            _ = try session.requireRole(.supervisor, "see the recalls awaiting a decision")
            let candidates = try session.connection.fetchAll("""
                SELECT t.id, p.id, p.case_ref, p.name, t.officer_id
                FROM supervision_term t JOIN person p ON p.id = t.person_id
                WHERE t.status = 'open' AND t.starts_on <= ?1 AND t.ends_on >= ?1
                  AND \(Session.recallRecommendedOnSQL)
                ORDER BY p.case_ref
                """, [session.today.description]) { row in
                (termId: try row.get(0) as Int64, personId: try row.get(1) as Int64, caseRef: try row.get(2) as String,
                 name: try row.get(3) as String, officer: try row.get(4) as String)
            }
            return try candidates.compactMap { candidate -> PendingRecall? in
                guard let recommendation = try session.recallRecommendation(termId: candidate.termId) else { return nil }
                let violations = try recommendation.violationIds.compactMap { id in
                    try session.connection.fetchOne(
                        "SELECT kind, severity, occurred_on, explanation FROM violation WHERE id = ?", [id]) { row in
                        PendingRecall.CountingViolation(id: id, kind: try row.get(0), severity: try row.get(1),
                                                        occurredOn: try row.requiredLocalDate(at: 2),
                                                        explanation: try row.get(3))
                    }
                }
                return PendingRecall(personId: candidate.personId, caseRef: candidate.caseRef, name: candidate.name,
                                     officer: candidate.officer, since: recommendation.since,
                                     reason: recommendation.reason, violations: violations)
            }
        }
    }
}
