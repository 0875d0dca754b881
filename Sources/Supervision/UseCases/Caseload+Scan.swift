import Storage
import SupervisionRules

extension Caseload {
    /// `caseload scan`: detects violations as of `now` on the actor's caseload (a supervisor:
    /// every caseload, or `officer`'s). Deterministic and idempotent: one violation per term,
    /// kind and cause, however often it runs. Terms are scanned from their start until today
    /// and for 30 days after they close, so late records still count.
    public func scan(officer: String?, actorID: String?, now: Instant) throws -> ScanReport {
        try change(actorID: actorID, now: now) { session in
            let officer = try session.caseloadFilter(officer, doing: "scan for violations")
            return try session.scan(officer: officer)
        }
    }
}

extension Session {
    /// The scan: for each term in scope, load its facts (`ViolationScanFacts`), ask the rule
    /// (`ViolationRules.detect`), then record every new violation with its audit entry and how
    /// far missed life-logs were judged (`life_log_settled`, so a repeated scan reads only what
    /// is new). One transaction: a failed scan records nothing.
    func scan(officer: String?) throws -> ScanReport {
        let calendar = try holidays()
        let facts = try ViolationScanFacts(self, officer: officer)
        var found: [(termId: Int64, violation: DetectedViolation)] = []
        var settled: [(termId: Int64, through: LocalDate)] = []
        var termsScanned = 0
        try facts.forEachTerm { termId, termFacts in
            termsScanned += 1
            let findings = ViolationRules.detect(termFacts, asOf: today, zone: agency.zone, calendar: calendar,
                                                 standard: agency.standard)
            found.append(contentsOf: findings.violations.map { (termId, $0) })
            if let through = findings.lifeLogSettledThrough { settled.append((termId, through)) }
        }
        let byKind = try record(found)
        try recordSettled(settled)
        return ScanReport(asOf: agency.zone.local(now).isoMinutes, termsScanned: termsScanned,
                          detected: byKind.values.reduce(0, +), detectedByKind: byKind)
    }

    /// Records violations a scan found (new ones only: the rule skipped what the terms had),
    /// each with its `violation.detect` audit entry; returns how many of each kind.
    /// Ids are given here, one after the highest (what SQLite would give), because the rows go
    /// many to a statement (`BatchedInsert`) and each audit entry names its violation.
    func record(_ found: [(termId: Int64, violation: DetectedViolation)]) throws -> [String: Int] {
        guard !found.isEmpty else { return [:] }
        let actorID = actor?.auditID ?? "system"
        let detectedAt = now.description
        let caseRefs = try caseReferences(ofTerms: found.map(\.termId))
        let firstId = (try connection.scalar("SELECT max(id) FROM violation") as Int64? ?? 0) + 1
        var byKind: [String: Int] = [:]
        var entries: [AuditLog.Entry] = []
        entries.reserveCapacity(found.count)
        var insert = BatchedInsert(connection, prefix: """
            INSERT INTO violation (id, term_id, kind, severity, occurred_on, cause, explanation, status,
                detected_at, detected_by)
            """, row: "(?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)", columns: 9)
        for (offset, (termId, violation)) in found.enumerated() {
            let id = firstId + Int64(offset)
            let kind = violation.kind.rawValue
            let occurredOn = violation.occurredOn.description
            try insert.append([id, termId, kind, violation.severity.rawValue, occurredOn, violation.cause,
                               violation.explanation, detectedAt, actorID])
            byKind[kind, default: 0] += 1
            entries.append(AuditLog.Entry(action: "violation.detect", entity: "violation", entityID: String(id), details: [
                "caseRef": caseRefs[termId] ?? "", "kind": kind, "occurredOn": occurredOn,
                "explanation": violation.explanation]))
        }
        try insert.finish()
        try audit(entries)
        return byKind
    }

    /// How far each term's missed life-logs have been judged (never moved backwards).
    private func recordSettled(_ settled: [(termId: Int64, through: LocalDate)]) throws {
        var insert = BatchedInsert(connection, prefix: "INSERT INTO life_log_settled (term_id, settled_through)",
                                   row: "(?, ?)", suffix: """
                                       ON CONFLICT (term_id) DO UPDATE SET settled_through = excluded.settled_through
                                       WHERE excluded.settled_through > settled_through
                                       """, columns: 2, rowsPerStatement: 100)
        for (termId, through) in settled { try insert.append([termId, through.description]) }
        try insert.finish()
    }

    /// The case reference of each term, in one query (the ids go in as one JSON array).
    func caseReferences(ofTerms termIds: [Int64]) throws -> [Int64: String] {
        let ids = Set(termIds).sorted()
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var caseRefs: [Int64: String] = [:]
        caseRefs.reserveCapacity(ids.count)
        try connection.forEachRow("""
            SELECT t.id, p.case_ref FROM supervision_term t JOIN person p ON p.id = t.person_id
            WHERE t.id IN (SELECT value FROM json_each(?))
            """, [list]) { row in caseRefs[try row.get(0)] = try row.get(1) }
        return caseRefs
    }
}
