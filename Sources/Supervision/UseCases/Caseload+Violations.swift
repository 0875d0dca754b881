import Foundation
import Storage
import SupervisionRules

public struct ScanReport: Sendable, Equatable, Codable {
    public let asOf: String
    public let termsScanned: Int
    /// Violations this scan added (a second scan as of the same instant adds none).
    public let detected: Int
    public let detectedByKind: [String: Int]
}

/// One row of `caseload violations`.
public struct ViolationRow: Sendable, Equatable, Codable {
    public let id: Int64
    public let caseRef: String
    public let name: String
    public let officer: String
    public let kind: String
    public let severity: String
    public let occurredOn: String
    public let status: String
    public let explanation: String
    public let reviewReason: String?
    public let recallRecommended: Bool
}

public enum ViolationListStatus: String, Sendable, CaseIterable {
    case open, confirmed, dismissed, all
}

public struct ReviewReceipt: Sendable, Equatable, Codable {
    public let violationId: Int64
    public let caseRef: String
    public let kind: String
    public let status: String
    public let reason: String?
    public let recallRecommended: Bool
    public let recallReason: String?
}

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
                    kind: try row.get(4), severity: try row.get(5), occurredOn: try row.get(6), status: try row.get(7),
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

    /// `caseload violation confirm|dismiss`: a human review of an open violation. Dismissing
    /// needs a reason; confirming may have one. A reviewed violation is not reviewed again.
    public func reviewViolation(id: Int64, confirm: Bool, reason rawReason: String?, actorID: String?,
                                now: Instant) throws -> ReviewReceipt {
        try change(actorID: actorID, now: now) { session in
            let (actor, _) = try session.requireCaseworker(confirm ? "confirm violations" : "dismiss violations")
            guard let (termId, kind, status) = try session.connection.fetchOne(
                "SELECT term_id, kind, status FROM violation WHERE id = ?", [id], {
                    (try $0.get(0) as Int64, try $0.get(1) as String, try $0.get(2) as String)
                }) else {
                throw CaseloadError.notFound("no violation with id \(id)")
            }
            let term = try session.term(id: termId)
            try session.requireAccess(to: term, confirm ? "confirm violations" : "dismiss violations")
            guard status == "open" else {
                throw CaseloadError.invalid("violation \(id) was already \(status); a review is final")
            }
            let reason = try rawReason.flatMap { try InputHygiene.freeText($0, field: "--reason") }
            if !confirm, reason == nil {
                throw CaseloadError.invalid("--reason: dismissing a violation needs a reason")
            }
            let newStatus = confirm ? "confirmed" : "dismissed"
            try session.connection.execute("""
                UPDATE violation SET status = ?, reviewed_by = ?, reviewed_at = ?, reviewed_on = ?, review_reason = ?
                WHERE id = ?
                """, [newStatus, actor, now.description, session.today.description, reason, id])
            try session.audit(confirm ? "violation.confirm" : "violation.dismiss", entity: "violation", id: String(id),
                              details: ["caseRef": term.caseRef, "kind": kind, "reason": reason ?? ""])
            let recall = try session.recallRecommendation(termId: termId)
            return ReviewReceipt(violationId: id, caseRef: term.caseRef, kind: kind, status: newStatus, reason: reason,
                                 recallRecommended: recall != nil, recallReason: recall?.reason)
        }
    }
}

extension Session {
    /// Which caseload a listing or scan covers: an officer's own (asking for another's is
    /// refused), a supervisor's choice (nil = every caseload).
    func caseloadFilter(_ raw: String?, doing: String) throws -> String? {
        let (actor, role) = try requireCaseworker(doing)
        let officer = try raw.map { try InputHygiene.actorID($0, field: "--officer") }
        guard role == .officer else { return officer }
        if let officer, officer != actor {
            throw CaseloadError.notPermitted("\(actor) may \(doing) only on their own caseload, not \(officer)'s")
        }
        return actor
    }

    /// The recall recommendation of a term as of today, if any (SPEC §8), or nil once the
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

    /// The scan scope: terms started by today and supervised within the last 30 days.
    static let scanScope = """
        t.starts_on <= ?1
        AND (CASE WHEN t.closed_on IS NULL THEN t.ends_on ELSE min(t.closed_on, t.ends_on) END) >= ?2
        AND (?3 IS NULL OR t.officer_id = ?3)
        """

    /// Detects every violation kind of SPEC §7 for the terms in scope, in one pass over a few
    /// queries ordered by term (see `KeyedRows`), and records the new ones.
    func scan(officer: String?) throws -> ScanReport {
        let today = self.today
        let cutoff = today.adding(days: -ContactRules.windowDays)
        let scope: [(any SQLiteBindable)?] = [today.description, cutoff.description, officer]
        let calendar = try holidays()
        let standard = agency.standard
        let zone = agency.zone

        // Each kind of record is read in one ordered pass and merged by term (`KeyedRows`,
        // `GroupedRows`). The per-term cost is what bounds a scan of the whole agency, so only
        // the main query below visits every term in scope; the sparse records (absences, level
        // changes, restrictions and their reports, violations other than missed life-logs) are
        // walked straight from their own (partial) indexes, and rows of terms out of scope are
        // skipped on the way.
        let absences = try KeyedRows(connection, """
            SELECT a.term_id, a.id, a.local_date, a.local_time, a.outcome = 'unacceptable-absence'
            FROM appointment a
            WHERE a.outcome IN ('unacceptable-absence', 'failed-to-attend') AND a.local_date <= ?1
            ORDER BY a.term_id, a.id
            """, [today.description])
        // Only terms whose level changed after registration have a history worth reading (the
        // grouping walks the covering index; the history itself is read for those terms only).
        let levelHistories = try GroupedRows(connection, """
            SELECT c.term_id, \(Session.levelHistoryOfTermSQL("c.term_id"))
            FROM term_level_change c
            GROUP BY c.term_id HAVING count(*) > 1
            ORDER BY c.term_id
            """, []) { row in (try row.get(0), try row.get(1) as String?) }
        let restrictions = try GroupedRows(connection, """
            SELECT r.term_id, \(Session.restrictionColumns)
            FROM restriction r
            ORDER BY r.term_id, r.id
            """, []) { row in (try row.get(0), try Session.restriction(from: row, offset: 1)) }
        let reports = try KeyedRows(connection, """
            SELECT lr.term_id, lr.id, lr.at, lr.latitude, lr.longitude, lr.accuracy_m, lr.source
            FROM location_report lr
            WHERE lr.low_accuracy = 0 AND lr.at <= ?1 AND lr.term_id IN (SELECT r.term_id FROM restriction r)
            ORDER BY lr.term_id, lr.at, lr.id
            """, [now.description])
        // What terms already have, other than missed life-logs (those come with the term).
        let existing = try KeyedRows(connection, """
            SELECT v.term_id, v.kind, v.cause
            FROM violation v
            WHERE v.kind <> 'missed-life-log'
            ORDER BY v.term_id, v.kind, v.cause
            """, [])
        // The latest location report, read only for a term whose interviews and life-log
        // entries leave a 30-day gap (most terms have no reports at all).
        let latestReportSQL = "SELECT max(lr.at) FROM location_report lr WHERE lr.term_id = ? AND lr.at <= ?"

        var flaggedAppointments: [Int64] = []
        var known: [(kind: ViolationKind?, cause: String)] = []
        var termsScanned = 0
        var settledNow: [(termId: Int64, through: LocalDate)] = []
        var found: [(termId: Int64, violation: DetectedViolation)] = []
        // One row per term in scope. After the term's columns: the latest attended interview
        // and life-log entry (no contact; `ORDER BY … DESC LIMIT 1` is one index seek, where
        // SQLite 3.40 walked every entry of the term for `max()` under a range), the settled
        // date (see `life_log_settled`), the due dates filled after it, and the missed due
        // dates already flagged after it. A scan flags missed due dates and settles through
        // them in one transaction, so with a settled date there are none after it; they are
        // read only for a term never settled (flagged before migration 0007, or its row
        // deleted). A repeated scan reads nothing of the history it has settled.
        try connection.forEachRow("""
            SELECT t.id, t.person_id, t.officer_id, t.starts_on, t.ends_on, t.months, t.level, t.status,
                   t.closed_on, t.first_interview_due_on, t.first_life_log_due_on,
                   (SELECT a.local_date FROM appointment a
                     WHERE a.term_id = t.id AND a.outcome = 'attended' AND a.local_date <= ?1
                     ORDER BY a.local_date DESC LIMIT 1),
                   (SELECT e.local_date FROM life_log_entry e WHERE e.term_id = t.id AND e.local_date <= ?1
                     ORDER BY e.local_date DESC LIMIT 1),
                   s.settled_through,
                   (SELECT group_concat(e.filled_due_on) FROM life_log_entry e
                     WHERE e.term_id = t.id AND e.filled_due_on > coalesce(s.settled_through, '')),
                   CASE WHEN s.settled_through IS NULL THEN
                       (SELECT group_concat(substr(v.cause, 5)) FROM violation v
                         WHERE v.term_id = t.id AND v.kind = 'missed-life-log') END
            FROM supervision_term t
            LEFT JOIN life_log_settled s ON s.term_id = t.id
            WHERE \(Session.scanScope)
            ORDER BY t.id
            """, scope) { row in
            termsScanned += 1
            let term = try Session.scannedTerm(from: row)
            let termId = term.id
            let lastDay = Swift.min(today, term.lastSupervisedDay)
            // What this term already has: a known cause is skipped before its explanation is
            // written, so a repeated scan builds almost no text. Missed interviews (most of what
            // terms have) are kept as appointment ids, read from the cause in place; the rest
            // (a handful a term: a list) as (kind, cause).
            flaggedAppointments.removeAll(keepingCapacity: true)
            known.removeAll(keepingCapacity: true)
            try existing.forEach(termId) { row in
                if let id = try Session.flaggedAppointment(row) {
                    flaggedAppointments.append(id)
                } else {
                    known.append((ViolationKind(rawValue: try row.get(1)), try row.get(2)))
                }
            }
            let missedBefore = try row.localDates(at: 15).sorted()
            func isNew(_ kind: ViolationKind, _ cause: String) -> Bool {
                if kind == .missedInterview, cause.hasPrefix(Session.appointmentCausePrefix),
                   let id = Int64(cause.dropFirst(Session.appointmentCausePrefix.count)),
                   flaggedAppointments.contains(id) {
                    return false
                }
                return !known.contains { $0.kind == kind && $0.cause == cause }
            }
            let foundBefore = found.count
            func record(_ violation: DetectedViolation) {
                // A cause found twice in one scan (it should not happen) is recorded once.
                guard isNew(violation.kind, violation.cause), !found[foundBefore...].contains(where: {
                    $0.violation.kind == violation.kind && $0.violation.cause == violation.cause
                }) else { return }
                found.append((termId, violation))
            }

            // Absences: one already flagged is passed over on its id alone.
            try absences.forEach(termId) { absence in
                let id: Int64 = try absence.get(1)
                guard !flaggedAppointments.contains(id), let date = try absence.localDate(at: 2), term.covers(date)
                else { return }
                let cause = Session.appointmentCausePrefix + String(id)
                let time: String = try absence.get(3)
                if try absence.get(4) as Bool {
                    record(DetectedViolation(
                        kind: .missedInterview, occurredOn: date, cause: cause,
                        explanation: "interview \(id) on \(date) at \(time): unacceptable absence"))
                } else if InterviewDue.evidenceWindowHasClosed(appointmentOn: date, asOf: today, calendar: calendar,
                                                               standard: standard) {
                    let end = InterviewDue.evidenceWindowEnd(appointmentOn: date, calendar: calendar, standard: standard)
                    record(DetectedViolation(
                        kind: .missedInterview, occurredOn: date, cause: cause,
                        explanation: "failed to attend interview \(id) on \(date) at \(time); no acceptable reason shown by \(end)"))
                }
            }

            // Missed due dates: the schedule's closed due dates merged with the filled ones and
            // the ones already flagged (all three in order), the same answer as
            // `LifeLogSchedule.missedDueDates` without a set or any text.
            let filledDates = try row.localDates(at: 14).sorted()
            let schedule = lifeLogSchedule(for: term, levelHistory: try levelHistories.take(termId).first ?? nil)
            let settled = try row.localDate(at: 13)
            if let latest = schedule.latestClosedDueDate(asOf: today), settled.map({ latest > $0 }) ?? true {
                var filledIndex = 0, flaggedIndex = 0
                var candidate = schedule.nextDueDate(onOrAfter: settled?.adding(days: 1) ?? schedule.firstDue)
                while let due = candidate, due <= latest, due <= lastDay {
                    while filledIndex < filledDates.count, filledDates[filledIndex] < due { filledIndex += 1 }
                    while flaggedIndex < missedBefore.count, missedBefore[flaggedIndex] < due { flaggedIndex += 1 }
                    let isFilled = filledIndex < filledDates.count && filledDates[filledIndex] == due
                    let isFlagged = flaggedIndex < missedBefore.count && missedBefore[flaggedIndex] == due
                    if !isFilled, !isFlagged {
                        record(DetectedViolation(
                            kind: .missedLifeLog, occurredOn: due, cause: "due:\(due)",
                            explanation: "life-log due \(due) not submitted by \(schedule.windowLastDay(of: due))"))
                    }
                    candidate = schedule.nextDueDate(onOrAfter: due.adding(days: 1))
                }
                // Settled through the latest closed due date this scan judged (never past the
                // supervised period: later due dates are judged when their windows close).
                let through = Swift.min(latest, lastDay)
                if settled.map({ through > $0 }) ?? true { settledNow.append((termId, through)) }
            }

            let termRestrictions = try restrictions.take(termId).compactMap { $0 }
            try reports.forEach(termId) { row in
                guard let report = try Session.locationReport(from: row), term.covers(zone.date(of: report.at)) else { return }
                LocationBreachRules.breaches(of: report, restrictions: termRestrictions, zone: zone, isNew: isNew)
                    .forEach(record)
            }

            // No contact: the latest attended interview and life-log entry decide most terms; the
            // latest report (by instant, from the index) is turned into a local date only when
            // those two leave a 30-day gap open (a zone look-up per term is not free).
            var contacts = [try row.localDate(at: 11), try row.localDate(at: 12)].compactMap { $0 }
            let recent = lastDay.adding(days: -ContactRules.windowDays)
            if !contacts.contains(where: { $0 > recent && $0 <= lastDay }),
               let report = try (connection.scalar(latestReportSQL, [termId, now.description]) as String?)
                .flatMap(Instant.init(storage:)) {
                contacts.append(zone.date(of: report))
            }
            if let gap = ContactRules.noContact(startsOn: term.startsOn, contactDates: contacts, asOf: lastDay) {
                record(gap)
            }
        }

        let byKind = try record(found)
        var settle = BatchedInsert(connection, prefix: "INSERT INTO life_log_settled (term_id, settled_through)",
                                   row: "(?, ?)", suffix: """
                                       ON CONFLICT (term_id) DO UPDATE SET settled_through = excluded.settled_through
                                       WHERE excluded.settled_through > settled_through
                                       """, columns: 2, rowsPerStatement: 100)
        for (termId, through) in settledNow { try settle.append([termId, through.description]) }
        try settle.finish()
        return ScanReport(asOf: zone.local(now).isoMinutes, termsScanned: termsScanned,
                          detected: byKind.values.reduce(0, +), detectedByKind: byKind)
    }
}

extension Session {
    /// Records violations a scan found (new ones only: the scan checked them against what the
    /// terms had), each with its `violation.detect` audit entry; returns how many of each kind.
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

    /// The case reference of each term, in one query (the ids go in as one JSON array).
    func caseReferences(ofTerms termIds: [Int64]) throws -> [Int64: String] {
        var ids = Array(Set(termIds))
        ids.sort()
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
    /// A missed interview's cause: "appointment:<appointment id>".
    static let appointmentCausePrefix = "appointment:"

    /// The appointment id of a recorded missed interview, from a (term, kind, cause) row read in
    /// place; nil for any other violation (or a cause not of that form).
    static func flaggedAppointment(_ row: Row) throws -> Int64? {
        var isInterview = false
        try row.withUTF8(at: 1) { isInterview = $0.elementsEqual(ViolationKind.missedInterview.rawValue.utf8) }
        guard isInterview else { return nil }
        var id: Int64?
        try row.withUTF8(at: 2) { bytes in
            let prefix = appointmentCausePrefix.utf8
            guard bytes.count > prefix.count, bytes.count <= prefix.count + 18,
                  bytes.prefix(prefix.count).elementsEqual(prefix) else { return }
            var value: Int64 = 0
            for byte in bytes.dropFirst(prefix.count) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            id = value
        }
        return id
    }

    /// A location report from the scan's report query (term id first).
    static func locationReport(from row: Row) throws -> LocationReport? {
        guard let point = GeoPoint(latitude: try row.get(3), longitude: try row.get(4)),
              let at = try row.instant(at: 2), let source = LocationSource(rawValue: try row.get(6)) else { return nil }
        return LocationReport(id: try row.get(1), at: at, point: point, accuracyMeters: try row.get(5), source: source)
    }

    /// The scan's term: the term's own columns only (0–10 of the scan query). The scan needs no
    /// person for its rules, so it does not read one per term; `caseRef` and `personName` are
    /// left empty here and the case reference is read only for terms with something new.
    static func scannedTerm(from row: Row) throws -> SupervisionTerm {
        func date(_ index: Int) throws -> LocalDate {
            guard let date = try row.localDate(at: index) else {
                throw CaseloadError(.other, "a stored date is malformed")
            }
            return date
        }
        return SupervisionTerm(
            id: try row.get(0), personId: try row.get(1), caseRef: "", personName: "",
            officerId: try row.get(2), startsOn: try date(3), endsOn: try date(4), months: try row.get(5),
            level: SupervisionLevel(rawValue: try row.get(6)) ?? .high, storedStatus: try row.get(7),
            closedOn: try row.localDate(at: 8), firstInterviewDueOn: try date(9), firstLifeLogDueOn: try date(10))
    }
}
