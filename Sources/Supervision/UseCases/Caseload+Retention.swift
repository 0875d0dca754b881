import SupervisionRules
import Storage

public struct RetentionSettingReceipt: Sendable, Equatable, Codable {
    public let retentionYears: Int
}

/// What `caseload retention purge` erased (or, with `--dry-run`, would erase).
public struct RetentionPurgeReceipt: Sendable, Equatable, Codable {
    public let dryRun: Bool
    /// Nil when no retention period is set: nothing is ever purged then.
    public let retentionYears: Int?
    /// Terms that ended on or before this date are past retention.
    public let cutoff: String?
    public let people: Int
    /// The case references erased, listed only for a dry run (afterwards they no longer exist).
    public let caseRefs: [String]
    public let auditEntriesErased: Int
    /// Whether no erased value is left in the file's free space or its WAL. False when other
    /// connections kept the WAL from being checkpointed; the next purge finishes the job.
    public let fileScrubbed: Bool
}

extension Caseload {
    /// `caseload retention set --years N` (admin).
    public func setRetention(years: Int, actorID: String?, now: Instant) throws -> RetentionSettingReceipt {
        try change(actorID: actorID, now: now) { session in
            let admin = try session.requireRole(.admin, "set the retention period")
            guard RetentionRules.allowedYears.contains(years) else {
                throw CaseloadError.invalid("--years: a retention period is 1 to 100 whole years, not \(years)")
            }
            try session.connection.execute("""
                INSERT INTO retention_setting (id, years, set_by, set_at) VALUES (1, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET years = excluded.years, set_by = excluded.set_by, set_at = excluded.set_at
                """, [years, admin, now.description])
            try session.audit("retention.set", entity: "agency", id: "1", details: ["years": String(years)])
            return RetentionSettingReceipt(retentionYears: years)
        }
    }

    /// `caseload retention purge` (admin): erases the personal data of every person all of whose
    /// terms ended more than `retentionYears` before the as-of date (docs/lifecycle.md §15).
    ///
    /// Erased: name, date of birth, case reference (it identifies the person to the agency's other
    /// systems), home, location reports (deleted), restrictions (deleted: their zones and homes are
    /// places in the person's life), every free text (life-log answers, outcome notes and
    /// correction reasons, close reasons, level-change reasons, violation explanations and review
    /// reasons, recall rationales), and the personal part of every audit entry about the person.
    /// Kept, anonymous: the person row (as `erased:<id>`, which no case reference can be), terms
    /// with their dates, levels, level history, appointments and outcomes (kinds and dates),
    /// life-log entries (dates, wellbeing, needs), violations (kinds, dates, statuses), recall
    /// decisions (decision and date), and the counts of what was deleted (`retention_residue`). The purge itself is audited without
    /// naming anyone. Afterwards the freed pages are zeroed (secure delete), the WAL is
    /// checkpointed and truncated and the file vacuumed, so no erased value stays on disk.
    public func purgeRetention(dryRun: Bool, actorID: String?, now: Instant) throws -> RetentionPurgeReceipt {
        let receipt = try change(actorID: actorID, now: now) { session -> RetentionPurgeReceipt in
            _ = try session.requireRole(.admin, "purge records past retention")
            guard let years: Int = try session.connection.scalar("SELECT years FROM retention_setting WHERE id = 1") else {
                return RetentionPurgeReceipt(dryRun: dryRun, retentionYears: nil, cutoff: nil, people: 0, caseRefs: [],
                                             auditEntriesErased: 0, fileScrubbed: true)
            }
            let cutoff = RetentionRules.cutoff(asOf: session.today, years: years)
            let due = try session.connection.fetchAll("""
                SELECT p.id, p.case_ref FROM person p
                WHERE p.erased_on IS NULL
                  AND EXISTS (SELECT 1 FROM supervision_term t WHERE t.person_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM supervision_term t WHERE t.person_id = p.id
                      AND (CASE WHEN t.closed_on IS NULL THEN t.ends_on ELSE min(t.closed_on, t.ends_on) END) > ?)
                ORDER BY p.id
                """, [cutoff.description]) { (try $0.get(0) as Int64, try $0.get(1) as String) }
            if dryRun {
                return RetentionPurgeReceipt(dryRun: true, retentionYears: years, cutoff: cutoff.description,
                                             people: due.count, caseRefs: due.map(\.1),
                                             auditEntriesErased: try session.auditEntries(about: due).count,
                                             fileScrubbed: true)
            }
            // Even with nobody to erase, legacy audit entries would block a later erasure.
            try AuditLog.upgradeLegacyEntries(session.connection, at: now)
            // Found before any row changes: they are found through the person's rows.
            let seqs = try session.auditEntries(about: due)
            let erasedEntries = seqs.count
            if !due.isEmpty {
                // Deleted and overwritten cells are zeroed in the file as they go.
                try session.connection.executeScript("PRAGMA secure_delete = ON")
                try session.connection.execute("INSERT INTO lifecycle_permit (id) VALUES (1)")
                for (personId, _) in due { try session.erasePerson(personId: personId) }
                try AuditLog.erase(session.connection, seqs: seqs)
                try session.connection.execute("DELETE FROM lifecycle_permit")
                try session.connection.execute("UPDATE retention_setting SET scrub_pending = 1 WHERE id = 1")
                try session.audit("retention.purge", entity: "agency", id: "1", details: [
                    "years": String(years), "cutoff": cutoff.description, "people": String(due.count),
                    "personIds": due.map { String($0.0) }.joined(separator: ","),
                    "auditEntriesErased": String(erasedEntries)])
            }
            return RetentionPurgeReceipt(dryRun: false, retentionYears: years, cutoff: cutoff.description,
                                         people: due.count, caseRefs: [], auditEntriesErased: erasedEntries,
                                         fileScrubbed: false)
        }
        guard !receipt.dryRun, receipt.retentionYears != nil else { return receipt }
        let scrubbed = try database.withConnection { try Self.scrubFreedSpace($0) }
        return RetentionPurgeReceipt(dryRun: false, retentionYears: receipt.retentionYears, cutoff: receipt.cutoff,
                                     people: receipt.people, caseRefs: [], auditEntriesErased: receipt.auditEntriesErased,
                                     fileScrubbed: scrubbed)
    }

    /// Leaves no erased value in the file or its WAL: the WAL (which still holds the pages as
    /// they were written before the purge) is checkpointed into the file and truncated, and
    /// VACUUM rebuilds the file from its live rows only, so no freed page or cell survives.
    ///
    /// Runs after the purge has committed, and only while a purge that erased someone is not yet
    /// scrubbed (`scrub_pending`), so a daily purge that finds nobody does not vacuum the file.
    /// Returns whether the file is clean: a checkpoint cannot finish while another connection
    /// reads an older snapshot, and then the next purge tries again.
    static func scrubFreedSpace(_ connection: Connection) throws -> Bool {
        let pending: Bool = try connection.scalar("SELECT scrub_pending FROM retention_setting WHERE id = 1") ?? false
        guard pending else { return true }
        guard !connection.isInMemory else {
            try connection.execute("UPDATE retention_setting SET scrub_pending = 0 WHERE id = 1")
            return true
        }
        func checkpoint() throws -> Bool {
            let busy: Int = try connection.fetchOne("PRAGMA wal_checkpoint(TRUNCATE)") { try $0.get(0) } ?? 1
            return busy == 0
        }
        guard try checkpoint() else { return false }
        try connection.executeScript("VACUUM")
        try connection.execute("UPDATE retention_setting SET scrub_pending = 0 WHERE id = 1")
        guard try checkpoint() else {
            try connection.execute("UPDATE retention_setting SET scrub_pending = 1 WHERE id = 1")
            return false
        }
        return true
    }
}

extension Session {
    /// The audit entries about any of `people` (id, case reference), not yet erased, in one pass
    /// over the log, by the rule of `auditAboutPersonSQL`: a first purge may find thousands of
    /// people due, and a scan of the whole log for each of them would not finish.
    func auditEntries(about people: [(Int64, String)]) throws -> [Int64] {
        guard !people.isEmpty else { return [] }
        let byCaseRef = Dictionary(people.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
        let ids = "[" + people.map { String($0.0) }.joined(separator: ",") + "]"
        let due = "SELECT value FROM json_each(?)"
        // Which of the people each row on their terms belongs to, by entity and entity id.
        var owned: [String: Set<String>] = [:]
        for (entity, sql) in [
            ("term", "SELECT id FROM supervision_term WHERE person_id IN (\(due))"),
            ("appointment", "SELECT a.id FROM appointment a JOIN supervision_term t ON t.id = a.term_id WHERE t.person_id IN (\(due))"),
            ("life_log_entry", "SELECT e.id FROM life_log_entry e JOIN supervision_term t ON t.id = e.term_id WHERE t.person_id IN (\(due))"),
            ("location_report", "SELECT r.id FROM location_report r JOIN supervision_term t ON t.id = r.term_id WHERE t.person_id IN (\(due))"),
            ("restriction", "SELECT r.id FROM restriction r JOIN supervision_term t ON t.id = r.term_id WHERE t.person_id IN (\(due))"),
            ("violation", "SELECT v.id FROM violation v JOIN supervision_term t ON t.id = v.term_id WHERE t.person_id IN (\(due))"),
        ] {
            try connection.forEachRow(sql, [ids]) { row in owned[entity, default: []].insert(String(try row.get(0) as Int64)) }
        }
        var seqs: [Int64] = []
        try connection.forEachRow("""
            SELECT seq, actor, entity, entity_id, CASE WHEN details <> '{}' THEN json_extract(details, '$.caseRef') END
            FROM audit_log WHERE nonce IS NOT NULL OR digest IS NULL ORDER BY seq
            """) { row in
            let actor: String = try row.get(1), entity: String = try row.get(2), entityID: String = try row.get(3)
            let caseRef: String? = try row.get(4)
            let about = (entity == "person" && byCaseRef[entityID] != nil)
                || (actor.hasPrefix("supervisee:") && byCaseRef[String(actor.dropFirst("supervisee:".count))] != nil)
                || (caseRef.map { byCaseRef[$0] != nil } ?? false)
                || (owned[entity]?.contains(entityID) ?? false)
            if about { seqs.append(try row.get(0)) }
        }
        return seqs
    }

    /// Erases one person's rows inside the purge's transaction, with the lifecycle permit held.
    func erasePerson(personId: Int64) throws {
        let db = connection
        let terms = "SELECT id FROM supervision_term WHERE person_id = ?"
        let reports: Int = try db.scalar("SELECT count(*) FROM location_report WHERE term_id IN (\(terms))", [personId]) ?? 0
        let restrictions: String = try db.scalar("""
            SELECT json_group_object(kind, n) FROM (SELECT kind, count(*) AS n FROM restriction
            WHERE term_id IN (\(terms)) GROUP BY kind ORDER BY kind)
            """, [personId]) ?? "{}"
        try db.execute("""
            INSERT INTO retention_residue (person_id, erased_on, location_reports, restrictions) VALUES (?, ?, ?, ?)
            """, [personId, today.description, reports, restrictions])
        try db.execute("DELETE FROM location_report WHERE term_id IN (\(terms))", [personId])
        try db.execute("DELETE FROM restriction WHERE term_id IN (\(terms))", [personId])
        // A supervisee's own rows name them as `supervisee:CASE-REF`.
        try db.execute("""
            UPDATE life_log_entry SET residence = NULL, employment = NULL, activities = NULL,
                submitted_by = CASE WHEN submitted_by LIKE 'supervisee:%' THEN 'supervisee' ELSE submitted_by END
            WHERE term_id IN (\(terms))
            """, [personId])
        try db.execute("""
            UPDATE appointment SET created_by = 'supervisee'
            WHERE term_id IN (\(terms)) AND created_by LIKE 'supervisee:%'
            """, [personId])
        try db.execute("""
            UPDATE appointment_outcome SET notes = NULL,
                correction_reason = CASE WHEN correction_reason IS NULL THEN NULL ELSE '[erased]' END,
                recorded_by = CASE WHEN recorded_by LIKE 'supervisee:%' THEN 'supervisee' ELSE recorded_by END
            WHERE appointment_id IN (SELECT id FROM appointment WHERE term_id IN (\(terms)))
            """, [personId])
        try db.execute("""
            UPDATE supervision_term SET close_reason = CASE WHEN close_reason IS NULL THEN NULL ELSE '[erased]' END
            WHERE person_id = ?
            """, [personId])
        try db.execute("UPDATE term_level_change SET reason = NULL WHERE term_id IN (\(terms))", [personId])
        try db.execute("""
            UPDATE violation SET explanation = '[erased]',
                review_reason = CASE WHEN review_reason IS NULL THEN NULL ELSE '[erased]' END
            WHERE term_id IN (\(terms))
            """, [personId])
        try db.execute("UPDATE recall_decision SET rationale = '[erased]' WHERE term_id IN (\(terms))", [personId])
        try db.execute("""
            UPDATE person SET case_ref = 'erased:' || id, name = '[erased]', born_on = '0001-01-01',
                home_latitude = NULL, home_longitude = NULL, erased_on = ?
            WHERE id = ?
            """, [today.description, personId])
    }
}
