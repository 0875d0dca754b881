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
    /// The scan: for each term it looks at, load its facts (`ViolationScanFacts`), ask the rule
    /// (`ViolationRules.detect`), then record every new violation with its audit entry and how
    /// far missed life-logs were judged (`life_log_settled`, so a repeated scan reads only what
    /// is new). One transaction: a failed scan records nothing.
    ///
    /// Which terms it looks at (migration 0018): a daily scan, the terms a change touched since
    /// they were judged (`scan_pending`) and those whose next day of judgement has come
    /// (`scan_watch`); a scan as of an instant before the latest change, every term in scope.
    /// Either way it reports every term in scope as scanned: the others, judged before with
    /// nothing changed, have nothing new.
    func scan(officer: String?) throws -> ScanReport {
        // Due dates whose window closed since the overdue listing's kept rows were computed:
        // those rows are computed again when this transaction ends (`refreshDueState`).
        try expireDueState()
        let judgement = try scanJudgement(officer: officer, daily: try scanMayBeDaily())
        let byKind = try record(judgement.found)
        try recordSettled(judgement.settled)
        if let watch = judgement.watch { try recordWatch(watch) }
        return ScanReport(asOf: agency.zone.local(now).isoMinutes, termsScanned: judgement.termsInScope,
                          detected: byKind.values.reduce(0, +), detectedByKind: byKind)
    }

    struct ScanJudgement {
        var found: [(termId: Int64, violation: DetectedViolation)] = []
        var settled: [(termId: Int64, through: LocalDate)] = []
        /// The next day of judgement of every term looked at; nil when the scan may not keep it.
        var watch: [(termId: Int64, nextOn: LocalDate?)]?
        var termsInScope = 0
    }

    /// What a scan finds, without recording it: `daily`, from the terms with something new
    /// (and it keeps their next day of judgement), otherwise from every term in scope.
    func scanJudgement(officer: String?, daily: Bool) throws -> ScanJudgement {
        let calendar = try holidays()
        let selection: String? = daily ? try connection.scalar("""
            SELECT json_group_array(term_id) FROM (
                SELECT term_id FROM scan_pending
                UNION SELECT term_id FROM scan_watch WHERE next_on <= ?)
            """, [today.description]) : nil
        let facts = try ViolationScanFacts(self, officer: officer, selection: selection)
        var judgement = ScanJudgement()
        var watch: [(termId: Int64, nextOn: LocalDate?)] = []
        var looked = 0
        try facts.forEachTerm { termId, termFacts in
            looked += 1
            let findings = ViolationRules.detect(termFacts, asOf: today, zone: agency.zone, calendar: calendar,
                                                 standard: agency.standard)
            judgement.found.append(contentsOf: findings.violations.map { (termId, $0) })
            if let through = findings.lifeLogSettledThrough { judgement.settled.append((termId, through)) }
            if daily {
                watch.append((termId, ViolationRules.nextJudgement(termFacts, asOf: today, calendar: calendar,
                                                                   standard: agency.standard)))
            }
        }
        if daily {
            judgement.watch = watch
            judgement.termsInScope = try connection.scalar("""
                SELECT count(*) FROM supervision_term t \(ViolationScanFacts.scopeCondition)
                """, [today.description, today.adding(days: -ContactRules.windowDays).description, officer]) ?? 0
        } else {
            judgement.termsInScope = looked
        }
        return judgement
    }

    /// Whether a scan may read only what is new: it is as of an instant no earlier than the
    /// latest change (`scan_clock`), so no record is dated after its day.
    func scanMayBeDaily() throws -> Bool {
        guard let latest = try connection.scalar("SELECT latest_change_at FROM scan_clock WHERE id = 1") as Int64? else {
            return false
        }
        return now >= Instant(secondsSinceEpoch: latest)
    }

    /// Keeps each judged term's next day of judgement, and takes it off the pending list.
    private func recordWatch(_ watch: [(termId: Int64, nextOn: LocalDate?)]) throws {
        var insert = BatchedInsert(connection, prefix: "INSERT INTO scan_watch (term_id, next_on)",
                                   row: "(?, ?)", suffix: """
                                       ON CONFLICT (term_id) DO UPDATE SET next_on = excluded.next_on
                                       """, columns: 2, rowsPerStatement: 100)
        for (termId, nextOn) in watch { try insert.append([termId, nextOn?.description]) }
        try insert.finish()
        let ids = "[" + watch.map { String($0.termId) }.joined(separator: ",") + "]"
        try connection.execute("DELETE FROM scan_pending WHERE term_id IN (SELECT value FROM json_each(?))", [ids])
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

extension Session {
    /// Every write moves the scan's clock to its instant (`scan_clock`): a later scan as of an
    /// earlier instant must read every term, since a record may be dated after its day.
    func noteChangeForScan() throws {
        try connection.execute("UPDATE scan_clock SET latest_change_at = ?1 WHERE id = 1 AND latest_change_at < ?1",
                               [now.secondsSinceEpoch])
    }
}

extension Caseload {
    /// The violations a scan as of `now` would find, looking only at what is new (`daily`) and
    /// at every term (`backlog`), without recording either (tests: the two must agree).
    package func scanFindings(now: Instant) throws -> (daily: [String], backlog: [String], wasDaily: Bool) {
        try look(actorID: nil, now: now) { session in
            func describe(_ judgement: Session.ScanJudgement) -> [String] {
                judgement.found.map { "\($0.termId) \($0.violation.kind.rawValue) \($0.violation.cause) \($0.violation.occurredOn)" }
                    .sorted()
            }
            let daily = try session.scanMayBeDaily()
            return (describe(try session.scanJudgement(officer: nil, daily: daily)),
                    describe(try session.scanJudgement(officer: nil, daily: false)), daily)
        }
    }
}
