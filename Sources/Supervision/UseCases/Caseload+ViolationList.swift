import Storage
import SupervisionRules

extension Caseload {
    /// `caseload violations`: scans, then streams the violations of the actor's caseload
    /// (`status` open by default), each with whether its supervisee's recall is recommended.
    public func violations(status: ViolationListStatus, officer: String?, actorID: String?, now: Instant,
                           _ emit: (ViolationRow) throws -> Void) throws {
        try change(actorID: actorID, now: now) { session in
            let officer = try session.caseloadFilter(officer, doing: "list violations")
            _ = try session.scan(officer: officer)
            var recallCache: (termId: Int64, recommended: Bool)?
            try session.connection.forEachRow("""
                SELECT v.id, p.case_ref, p.name, t.officer_id, v.kind, v.severity, v.occurred_on, v.status,
                       v.explanation, v.review_reason, v.term_id
                FROM violation v
                JOIN supervision_term t ON t.id = v.term_id
                JOIN person p ON p.id = t.person_id
                WHERE (?1 = 'all' OR v.status = ?1) AND (?2 IS NULL OR t.officer_id = ?2)
                ORDER BY t.officer_id, p.case_ref, v.occurred_on, v.id
                """, [status.rawValue, officer]) { row in
                let termId: Int64 = try row.get(10)
                if recallCache?.termId != termId {
                    recallCache = (termId, try session.recallRecommendation(termId: termId) != nil)
                }
                try emit(ViolationRow(
                    id: try row.get(0), caseRef: try row.get(1), name: try row.get(2), officer: try row.get(3),
                    kind: try ViolationKind(storedText: row.get(4)), severity: try Severity(storedText: row.get(5)),
                    occurredOn: try row.requiredLocalDate(at: 6), status: try ViolationStatus(storedText: row.get(7)),
                    explanation: try row.get(8), reviewReason: try row.get(9),
                    recallRecommended: recallCache?.recommended ?? false))
            }
        }
    }

    public func violationList(status: ViolationListStatus = .open, officer: String? = nil, actorID: String?,
                              now: Instant) throws -> [ViolationRow] {
        var rows: [ViolationRow] = []
        try violations(status: status, officer: officer, actorID: actorID, now: now) { rows.append($0) }
        return rows
    }
}
