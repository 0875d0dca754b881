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
    /// `caseload recall decide`: a supervisor's decision on a recall recommendation (SPEC §8),
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
