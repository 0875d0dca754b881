import Storage
import SupervisionRules

extension Caseload {
    /// `caseload violation confirm|dismiss`: a human review of an open violation. Dismissing
    /// needs a reason; confirming may have one. A reviewed violation is not reviewed again.
    public func reviewViolation(id: Int64, confirm: Bool, reason rawReason: String?, actorID: String?,
                                now: Instant) throws -> ReviewReceipt {
        try change(actorID: actorID, now: now) { session in
            let (actor, _) = try session.requireCaseworker(confirm ? "confirm violations" : "dismiss violations")
            guard let (termId, kind, status) = try session.connection.fetchOne(
                "SELECT term_id, kind, status FROM violation WHERE id = ?", [id], { row in
                    (try row.get(0) as Int64, try ViolationKind(storedText: row.get(1)),
                     try ViolationStatus(storedText: row.get(2)))
                }) else {
                throw CaseloadError.notFound("no violation with id \(id)")
            }
            let term = try session.term(id: termId)
            try session.requireAccess(to: term, confirm ? "confirm violations" : "dismiss violations")
            guard status == .open else {
                throw CaseloadError.invalid("violation \(id) was already \(status); a review is final")
            }
            let reason = try rawReason.flatMap { try InputHygiene.freeText($0, field: "--reason") }
            if !confirm, reason == nil {
                throw CaseloadError.invalid("--reason: dismissing a violation needs a reason")
            }
            let newStatus: ViolationStatus = confirm ? .confirmed : .dismissed
            try session.connection.execute("""
                UPDATE violation SET status = ?, reviewed_by = ?, reviewed_at = ?, reviewed_on = ?, review_reason = ?
                WHERE id = ?
                """, [newStatus.rawValue, actor, now.description, session.today.description, reason, id])
            try session.audit(confirm ? "violation.confirm" : "violation.dismiss", entity: "violation", id: String(id),
                              details: ["caseRef": term.caseRef, "kind": kind.rawValue, "reason": reason ?? ""])
            let recall = try session.recallRecommendation(termId: termId)
            return ReviewReceipt(violationId: id, caseRef: term.caseRef, kind: kind, status: newStatus, reason: reason,
                                 recallRecommended: recall != nil, recallReason: recall?.reason)
        }
    }
}
