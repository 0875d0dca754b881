import Storage
import SupervisionRules

/// Loads the facts `ViolationRules.detect` needs, term by term, for every term in a scan's scope:
/// terms started by today and supervised within the last 30 days (optionally one officer's).
///
/// The cost per term is what bounds a scan of the whole agency, so only the main query visits
/// every term in scope; each sparse kind of record (absences, level changes, restrictions and
/// their reports, violations already recorded) is read in one pass ordered by term from its own
/// index and merged by term id (`KeyedRows`, `GroupedRows`). Each query decodes its own rows
/// right below it.
struct ViolationScanFacts {
    private let session: Session
    private let officer: String?
    private let absences: GroupedRows<Absence?>
    private let levelHistories: GroupedRows<String?>
    private let restrictions: GroupedRows<Restriction?>
    private let reports: GroupedRows<LocationReport?>
    private let known: KeyedRows
    /// The terms a daily scan looks at (a JSON array of ids), or nil for every term in scope.
    private let selection: String?

    /// `selection`: a JSON array of term ids to read (a daily scan), or nil (every term).
    init(_ session: Session, officer: String?, selection: String? = nil) throws {
        self.session = session
        self.officer = officer
        self.selection = selection
        let connection = session.connection
        let today = session.today.description
        // Each sparse pass reads the selected terms only, by its own index (SQLite looks each id
        // up, in order); without a selection it walks the whole index as before.
        func only(_ column: String, _ parameter: String) -> String {
            selection == nil ? "" : "AND \(column) IN (SELECT value FROM json_each(\(parameter)))"
        }
        func with(_ arguments: StatementArguments) -> StatementArguments {
            var all = arguments
            if let selection { all.append(contentsOf: [selection]) }
            return all
        }

        absences = try GroupedRows(connection, """
            SELECT a.term_id, a.id, a.local_date, a.local_time, a.outcome = 'unacceptable-absence'
            FROM appointment a
            WHERE a.outcome IN ('unacceptable-absence', 'failed-to-attend') AND a.local_date <= ?1 \(only("a.term_id", "?2"))
            ORDER BY a.term_id, a.id
            """, with([today])) { row in
            let absence = try row.localDate(at: 2).map {
                Absence(appointmentId: try row.get(1), on: $0, at: try row.get(3), isUnacceptable: try row.get(4))
            }
            return (try row.get(0), absence)
        }
        // Only terms whose level changed after registration have a history worth reading.
        levelHistories = try GroupedRows(connection, """
            SELECT c.term_id, \(Session.levelHistoryOfTermSQL("c.term_id"))
            FROM term_level_change c
            WHERE 1 \(only("c.term_id", "?1"))
            GROUP BY c.term_id HAVING count(*) > 1
            ORDER BY c.term_id
            """, with([])) { row in (try row.get(0), try row.get(1) as String?) }
        restrictions = try GroupedRows(connection, """
            SELECT r.term_id, \(Session.restrictionColumns)
            FROM restriction r
            WHERE 1 \(only("r.term_id", "?1"))
            ORDER BY r.term_id, r.id
            """, with([])) { row in (try row.get(0), try Session.restriction(from: row, offset: 1)) }
        // Reports that can breach something: accurate ones, of terms with restrictions.
        reports = try GroupedRows(connection, """
            SELECT lr.term_id, lr.id, lr.at, lr.latitude, lr.longitude, lr.accuracy_m, lr.source
            FROM location_report lr
            WHERE lr.low_accuracy = 0 AND lr.at <= ?1 AND lr.term_id IN (SELECT r.term_id FROM restriction r)
              \(only("lr.term_id", "?2"))
            ORDER BY lr.term_id, lr.at, lr.id
            """, with([session.now.description])) { row in
            guard let point = GeoPoint(latitude: try row.get(3), longitude: try row.get(4)),
                  let at = try row.instant(at: 2), let source = LocationSource(rawValue: try row.get(6)) else {
                return (try row.get(0), nil)
            }
            return (try row.get(0), LocationReport(id: try row.get(1), at: at, point: point,
                                                   accuracyMeters: try row.get(5), source: source))
        }
        // What terms already have, other than missed life-logs (those come with the term row).
        // Read in place (`KeyedRows`): most of it is missed interviews, kept as appointment ids.
        known = try KeyedRows(connection, """
            SELECT v.term_id, v.kind, v.cause
            FROM violation v
            WHERE v.kind <> 'missed-life-log' \(only("v.term_id", "?1"))
            ORDER BY v.term_id, v.kind, v.cause
            """, with([]))
    }

    /// The terms a scan covers (parameters: today, 30 days before, the officer or NULL): started by
    /// today and supervised within the window.
    static let scopeCondition = """
        WHERE t.starts_on <= ?1
          AND (CASE WHEN t.closed_on IS NULL THEN t.ends_on ELSE min(t.closed_on, t.ends_on) END) >= ?2
          AND (?3 IS NULL OR t.officer_id = ?3)
        """

    /// Calls `body` with each term in scope (in id order) and its facts.
    ///
    /// The term row brings the latest attended interview and life-log entry (contacts), the date
    /// through which missed life-logs are settled (`life_log_settled`), the due dates filled after
    /// it, and — only for a term never settled — the missed due dates already flagged (a scan
    /// flags and settles in one transaction, so after a settled date there are none).
    func forEachTerm(_ body: (Int64, TermViolationFacts) throws -> Void) throws {
        let today = session.today
        let cutoff = today.adding(days: -ContactRules.windowDays)
        try session.connection.forEachRow("""
            SELECT t.id, t.person_id, t.officer_id, t.starts_on, t.ends_on, t.months, t.level, t.status,
                   t.closed_on, t.first_interview_due_on, t.first_life_log_due_on,
                   (SELECT a.local_date FROM appointment a
                     WHERE a.term_id = t.id AND a.outcome = 'attended' AND a.local_date <= ?1
                     ORDER BY a.local_date DESC LIMIT 1) AS latest_attended,
                   (SELECT e.local_date FROM life_log_entry e WHERE e.term_id = t.id AND e.local_date <= ?1
                     ORDER BY e.local_date DESC LIMIT 1) AS latest_entry,
                   s.settled_through,
                   (SELECT group_concat(e.filled_due_on) FROM life_log_entry e
                     WHERE e.term_id = t.id AND e.filled_due_on > coalesce(s.settled_through, '')) AS filled,
                   CASE WHEN s.settled_through IS NULL THEN
                       (SELECT group_concat(substr(v.cause, 5)) FROM violation v
                         WHERE v.term_id = t.id AND v.kind = 'missed-life-log') END AS flagged_due_dates
            FROM supervision_term t
            LEFT JOIN life_log_settled s ON s.term_id = t.id
            \(ViolationScanFacts.scopeCondition)
              \(selection == nil ? "" : "AND t.id IN (SELECT value FROM json_each(?4))")
            ORDER BY t.id
            """, selection.map { [today.description, cutoff.description, officer, $0] }
                ?? [today.description, cutoff.description, officer]) { row in
            let term = try Session.term(fromScanRow: row)
            let latestAttended = try row.localDate(at: 11)
            let latestEntry = try row.localDate(at: 12)
            let settled = try row.localDate(at: 13)
            let filled = Set(try row.localDates(at: 14))
            let flaggedDueDates = Set(try row.localDates(at: 15))

            var facts = TermViolationFacts(
                startsOn: term.startsOn, lastSupervisedDay: term.lastSupervisedDay,
                lifeLogSchedule: session.lifeLogSchedule(for: term, levelHistory: try levelHistories.take(term.id).first ?? nil),
                filledDueDates: filled, lifeLogSettledThrough: settled,
                absences: try absences.take(term.id).compactMap { $0 },
                restrictions: try restrictions.take(term.id).compactMap { $0 },
                reports: try reports.take(term.id).compactMap { $0 },
                contactDates: [latestAttended, latestEntry].compactMap { $0 })
            facts.known = try knownViolations(of: term.id)
            facts.known.missedDueDates = flaggedDueDates
            // The latest report is read only when interviews and entries leave the contact
            // window open: most terms have no reports, and a report's local date needs the zone.
            let lastDay = min(today, term.lastSupervisedDay)
            if !ContactRules.hasRecentContact(facts.contactDates, asOf: lastDay),
               let latestReport = try latestReport(of: term.id) {
                facts.contactDates.append(session.agency.zone.date(of: latestReport))
            }
            try body(term.id, facts)
        }
    }

    private func knownViolations(of termId: Int64) throws -> KnownViolations {
        var known = KnownViolations()
        try self.known.forEach(termId) { row in
            let kind = ViolationKind(rawValue: try row.get(1))
            let cause: String = try row.get(2)
            if kind == .missedInterview, let id = ViolationRules.appointmentId(inCause: cause) {
                known.missedAppointments.append(id)
            } else {
                known.others.append(.init(kind: kind, cause: cause))
            }
        }
        return known
    }

    private func latestReport(of termId: Int64) throws -> Instant? {
        try (session.connection.scalar("""
            SELECT lr.at FROM location_report lr WHERE lr.term_id = ? AND lr.at <= ? ORDER BY lr.at DESC LIMIT 1
            """, [termId, session.now.description]) as String?).flatMap(Instant.init(storage:))
    }
}

extension Session {
    /// The scan's term: the term's own columns only (0–10 of the scan query). The scan needs no
    /// person for its rules, so it does not read one per term; `caseRef` and `personName` are
    /// left empty here and the case reference is read only for terms with something new.
    static func term(fromScanRow row: Row) throws -> SupervisionTerm {
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
