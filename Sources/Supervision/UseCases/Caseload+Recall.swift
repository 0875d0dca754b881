import Storage
import SupervisionRules

public struct RecallDecisionReceipt: Sendable, Equatable, Codable {
    public let decisionId: Int64
    public let caseRef: String
    public let decision: String
    public let rationale: String
    public let recommendedSince: String
    public let violationIds: [Int64]
    /// After an approval: `revoked`.
    public let termStatus: String
    /// After an approval: the recall (re-arrest) recorded as requested.
    public let recallRequested: Bool
}

extension Caseload {
    /// `caseload recall decide`: a supervisor's decision on a recall recommendation (docs/recall.md §8),
    /// always with a written rationale. `approve` revokes the term (it leaves every overdue list)
    /// and records the recall as requested; `reject` keeps the term, and counting starts again
    /// after the decision. Deciding when no recall is recommended is refused: the system only
    /// ever puts a recommendation in front of a person, and a decision answers one.
    public func decideRecall(caseRef: String, approve: Bool, rationale rawRationale: String?, actorID: String?,
                             now: Instant) throws -> RecallDecisionReceipt {
        try change(actorID: actorID, now: now) { session in
            let supervisor = try session.requireRole(.supervisor, "decide recalls")
            guard let rationale = try rawRationale.flatMap({ try InputHygiene.freeText($0, field: "--rationale") }) else {
                throw CaseloadError.invalid("--rationale: a recall decision needs a written rationale")
            }
            let term = try session.openTerm(caseRef: caseRef, doing: "decide a recall")
            guard let recommendation = try session.recallRecommendation(termId: term.id) else {
                throw CaseloadError.invalid("no recall is recommended for \(term.caseRef) as of \(session.today); there is nothing to decide")
            }
            let today = session.today
            let decision = approve ? "approve" : "reject"
            let ids = recommendation.violationIds.map(String.init).joined(separator: ",")
            try session.connection.execute("""
                INSERT INTO recall_decision (term_id, decision, rationale, recommended_since, violation_ids,
                    decided_by, decided_at, decided_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [term.id, decision, rationale, recommendation.since.description, ids, supervisor,
                      now.description, today.description])
            let decisionId = session.connection.lastInsertRowID
            if approve {
                try session.connection.execute("""
                    UPDATE supervision_term SET status = 'revoked', closed_on = ?, close_reason = ? WHERE id = ?
                    """, [today.description, "recall approved: " + rationale, term.id])
            }
            try session.audit(approve ? "recall.approve" : "recall.reject", entity: "term", id: String(term.id), details: [
                "caseRef": term.caseRef, "rationale": rationale, "violations": ids,
                "recommendedSince": recommendation.since.description, "reason": recommendation.reason])
            if approve {
                try session.audit("recall.request", entity: "term", id: String(term.id), details: [
                    "caseRef": term.caseRef, "decision": String(decisionId)])
            }
            return RecallDecisionReceipt(decisionId: decisionId, caseRef: term.caseRef, decision: decision,
                                         rationale: rationale, recommendedSince: recommendation.since.description,
                                         violationIds: recommendation.violationIds,
                                         termStatus: approve ? "revoked" : "open", recallRequested: approve)
        }
    }
}

extension Session {
    /// The recall recommendation of a term as of today, if any (docs/recall.md §8), or nil once the
    /// term is no longer open (a revoked, discharged or completed term has nothing to decide).
    func recallRecommendation(termId: Int64) throws -> RecallRecommendation? {
        let isOpen: Bool? = try connection.scalar(
            "SELECT status = 'open' AND starts_on <= ?1 AND ends_on >= ?1 FROM supervision_term WHERE id = ?2",
            [today.description, termId])
        guard isOpen == true else { return nil }
        let lastDecision = try connection.fetchOne("""
            SELECT decided_on, violation_ids FROM recall_decision WHERE term_id = ? ORDER BY id DESC LIMIT 1
            """, [termId]) { (try $0.get(0) as String, try $0.get(1) as String) }
        let facts = try connection.fetchAll("""
            SELECT id, occurred_on, severity, reviewed_on, kind FROM violation
            WHERE term_id = ? AND status = 'confirmed' ORDER BY id
            """, [termId]) { row -> ConfirmedViolationFact? in
            guard let occurred = LocalDate(iso: try row.get(1)), let severity = Severity(rawValue: try row.get(2)),
                  let confirmed = LocalDate(iso: try row.get(3)) else { return nil }
            return ConfirmedViolationFact(violationId: try row.get(0), occurredOn: occurred, severity: severity,
                                          confirmedOn: confirmed, kind: ViolationKind(rawValue: try row.get(4)))
        }.compactMap { $0 }
        guard !facts.isEmpty else { return nil }
        let decided = Set(lastDecision?.1.split(separator: ",").compactMap { Int64($0) } ?? [])
        return RecallRules.recommendation(confirmed: facts, lastDecisionOn: lastDecision.flatMap { LocalDate(iso: $0.0) },
                                          decidedViolationIds: decided, asOf: today)
    }
}
