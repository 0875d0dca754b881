import Storage
import SupervisionRules

extension Caseload {
    /// `caseload overdue`: every overdue item of every open term as of `now`, streamed to `emit`
    /// in (officer, case reference) order, so a listing of any size runs in constant memory.
    ///
    /// Officers see their own caseload (asking for another officer's is refused); supervisors
    /// see every caseload, or one with `officer`. One SQL query reads one row per open term with
    /// the aggregates the rule needs; the rule itself is `OverdueRules.items`.
    public func overdue(officer rawOfficer: String?, actorID: String?, now: Instant,
                        _ emit: (OverdueItem) throws -> Void) throws {
        try overdue(officer: rawOfficer, actorID: actorID, now: now, computation: .kept, emit)
    }

    /// How the listing is computed: from the kept state where it answers (the listing's own
    /// way), or every term in full (the kept state's oracle in the tests, and the benchmark's
    /// baseline).
    package enum OverdueComputation: Sendable { case kept, full }

    package func overdue(officer rawOfficer: String?, actorID: String?, now: Instant, computation: OverdueComputation,
                         _ emit: (OverdueItem) throws -> Void) throws {
        try look(actorID: actorID, now: now) { session in
            let officer = try session.caseloadFilter(rawOfficer, doing: "list overdue items")
            // The kept rows speak of the present: a listing as of an instant before the latest
            // change they reflect, or with changes not yet reflected, computes every term.
            if computation == .kept, try session.dueStateAnswers() {
                try session.forEachKeptOverdueItem(officer: officer, emit)
            } else {
                try session.forEachFullOverdueItem(officer: officer, termId: nil, emit)
            }
        }
    }

    /// The listing both ways in one read snapshot, and whether the kept state answered (the
    /// property test's oracle: the kept listing must be the full one).
    package func overdueBothWays(officer rawOfficer: String?, actorID: String?,
                                 now: Instant) throws -> (kept: [OverdueItem], full: [OverdueItem], keptAnswered: Bool) {
        try look(actorID: actorID, now: now) { session in
            let officer = try session.caseloadFilter(rawOfficer, doing: "list overdue items")
            var kept: [OverdueItem] = [], full: [OverdueItem] = []
            let answered = try session.dueStateAnswers()
            if answered {
                try session.forEachKeptOverdueItem(officer: officer) { kept.append($0) }
            } else {
                try session.forEachFullOverdueItem(officer: officer, termId: nil) { kept.append($0) }
            }
            try session.forEachFullOverdueItem(officer: officer, termId: nil) { full.append($0) }
            return (kept, full, answered)
        }
    }

    /// The listing's one query (parameters: today, the last day a closed life-log window may
    /// end, now, the officer or NULL), for the benchmark's raw twin, which runs this same SQL.
    package static var overdueListingSQL: String { Session.termDueFactsSQL }

    /// The same for one officer's caseload (parameter 4 the officer).
    package static var officerOverdueListingSQL: String { Session.officerTermDueFactsSQL }

    /// The listing's query over the kept due state (parameters: today, and for one officer's the
    /// officer), and the query of the facts a write recomputes the kept rows from (parameters:
    /// the day, the last day a closed life-log window may end): the benchmark's raw twins run
    /// these same statements.
    package static var keptOverdueListingSQL: String { Session.keptOverdueSQL }
    package static var officerKeptOverdueListingSQL: String { Session.officerKeptOverdueSQL }
    package static var dueStateFactsSQL: String { Session.dueStateFactsSQL }
    /// One term's facts (parameter 4 the term id), which the kept listing computes in full for a
    /// row that has run out.
    package static var oneTermOverdueListingSQL: String { Session.oneTermDueFactsSQL }

    /// The overdue list collected (small caseloads, tests).
    public func overdueList(officer: String?, actorID: String?, now: Instant) throws -> [OverdueItem] {
        try overdueList(officer: officer, actorID: actorID, now: now, computation: .kept)
    }

    package func overdueList(officer: String?, actorID: String?, now: Instant,
                             computation: OverdueComputation) throws -> [OverdueItem] {
        var items: [OverdueItem] = []
        try overdue(officer: officer, actorID: actorID, now: now, computation: computation) { items.append($0) }
        return items
    }
}

extension Session {
    /// One SQL query, one row per term open today (optionally one officer's), ordered by officer
    /// and case reference.
    static let termDueFactsSQL = termDueFactsSQL(officerCondition: "(?4 IS NULL OR t.officer_id = ?4)")

    /// The same for one officer's caseload: a plain `t.officer_id = ?4` lets SQLite search the
    /// officer's terms by index, where the either-or condition above walks every open term.
    static let officerTermDueFactsSQL = termDueFactsSQL(officerCondition: "t.officer_id = ?4")

    /// The same for one term (the kept listing's fallback for a row that has run out).
    static let oneTermDueFactsSQL = termDueFactsSQL(officerCondition: "t.id = ?4")

    /// The listing computed in full: every open term's facts (or one term's), the rule
    /// (`OverdueRules.dueItems`), the items in (officer, case reference) order.
    func forEachFullOverdueItem(officer: String?, termId: Int64?, _ emit: (OverdueItem) throws -> Void) throws {
        // Once per listing, not once per term: the local date goes through the zone's rules.
        let today = self.today
        let standard = agency.standard
        try forEachTermDueFacts(officer: officer, termId: termId) { facts, person in
            let due = OverdueRules.dueItems(for: facts, asOf: today, standard: standard)
            guard !due.isEmpty else { return }
            let (caseRef, name, officer) = try person()
            for item in due {
                try emit(OverdueItem(caseRef: caseRef, name: name, officer: officer, item: item.item,
                                     dueOn: item.dueOn, daysOverdue: item.daysOverdue))
            }
        }
    }

    /// The listing from the kept state (`term_due`): only the terms whose row says something may
    /// be overdue today are read, from the index, in (officer, case reference) order; a row that
    /// has run out (`valid_through` before today) is computed in full instead.
    func forEachKeptOverdueItem(officer: String?, _ emit: (OverdueItem) throws -> Void) throws {
        let today = self.today
        var nowStorage = self.now.description
        let (sql, arguments): (String, StatementArguments) = officer.map {
            (Session.officerKeptOverdueSQL, [today.description, $0])
        } ?? (Session.keptOverdueSQL, [today.description])
        try connection.forEachRow(sql, arguments) { row in
            let termId: Int64 = try row.get(3)
            let validThrough = try row.localDate(at: 10)
            if let validThrough, validThrough < today {
                try forEachFullOverdueItem(officer: nil, termId: termId, emit)
                return
            }
            guard let interviewDueOn = try row.localDate(at: 4) else {
                throw CaseloadError(.other, "a stored date is malformed")
            }
            let state = TermDueState(interviewDueOn: interviewDueOn, lifeLogDueOn: try row.localDate(at: 5),
                                     lifeLogFrom: try row.localDate(at: 6), lifeLogUntil: try row.localDate(at: 7),
                                     validThrough: validThrough)
            var awaiting: [LocalDate] = []
            _ = try row.withUTF8(at: 8) { bytes in
                awaiting = nowStorage.withUTF8 { Session.endedAwaitingOutcome(bytes: bytes, before: $0) }
            }
            let recallOn = try row.get(9) as Bool ? try recallRecommendation(termId: termId)?.since : nil
            let due = OverdueRules.dueItems(kept: state, asOf: today, awaitingOutcome: awaiting,
                                            recallRecommendedOn: recallOn)
            guard !due.isEmpty else { return }
            let caseRef: String = try row.get(0), name: String = try row.get(1), officer: String = try row.get(2)
            for item in due {
                try emit(OverdueItem(caseRef: caseRef, name: name, officer: officer, item: item.item,
                                     dueOn: item.dueOn, daysOverdue: item.daysOverdue))
            }
        }
    }

    /// The kept listing's query (parameters: today, the officer or NULL): the terms open today
    /// whose row may have something overdue (`becomes_overdue_on`), by the listing index.
    static let keptOverdueSQL = keptOverdueSQL(officerCondition: "")
    static let officerKeptOverdueSQL = keptOverdueSQL(officerCondition: "AND d.officer_id = ?2")

    private static func keptOverdueSQL(officerCondition: String) -> String {
        """
        SELECT d.case_ref, p.name, d.officer_id, d.term_id, d.interview_due_on, d.life_log_due_on,
               d.life_log_from, d.life_log_until, d.awaiting_outcome, d.may_recommend_recall, d.valid_through
        FROM term_due d JOIN person p ON p.id = d.person_id
        WHERE d.becomes_overdue_on <= ?1 AND d.starts_on <= ?1 AND d.ends_on >= ?1 \(officerCondition)
        ORDER BY d.officer_id, d.case_ref
        """
    }

    private static func termDueFactsSQL(officerCondition: String) -> String {
        """
        SELECT p.case_ref, p.name, t.officer_id, t.level, t.starts_on, t.ends_on,
               t.first_interview_due_on, t.first_life_log_due_on,
               \(Session.latestAttendedSQL(term: "t", asOf: "?1")) AS latest_attended,
               (SELECT max(e.filled_due_on) FROM life_log_entry e
                 WHERE e.term_id = t.id AND e.filled_due_on <= ?2) AS latest_filled_closed,
               (SELECT group_concat(a.local_date, ',') FROM appointment a
                 WHERE a.term_id = t.id AND a.outcome IS NULL AND a.ends_at < ?3) AS awaiting_outcome,
               \(Session.recallRecommendedOnSQL) AS may_recommend_recall, t.id,
               \(Session.levelHistorySQL) AS level_history
        FROM supervision_term t JOIN person p ON p.id = t.person_id
        WHERE t.status = 'open' AND t.starts_on <= ?1 AND t.ends_on >= ?1
          AND \(officerCondition)
        ORDER BY t.officer_id, p.case_ref
        """
    }

    /// Whether the term has a confirmed violation dated on or after its last recall decision's
    /// day: only then can a recall be recommended, and only then is the (per-term) recall rule
    /// consulted (it decides about violations dated on that day).
    static let recallRecommendedOnSQL = """
        EXISTS (SELECT 1 FROM violation v
                 WHERE v.term_id = t.id AND v.status = 'confirmed'
                   AND v.occurred_on >= coalesce((SELECT max(d.decided_on) FROM recall_decision d
                                                   WHERE d.term_id = t.id), ''))
        """

    /// Calls `body` with each term's facts and a function that reads its case reference, name
    /// and officer (left empty in the facts: most terms have nothing overdue, and those three
    /// Strings were a good part of the listing's own cost).
    func forEachTermDueFacts(officer: String?, termId: Int64? = nil,
                             _ body: (TermDueFacts, () throws -> (caseRef: String, name: String, officer: String)) throws -> Void)
        throws {
        let today = self.today
        let closedBefore = today.adding(days: -agency.standard.lifeLogGraceDays)
        let sql = termId != nil ? Session.oneTermDueFactsSQL
            : officer == nil ? Session.termDueFactsSQL : Session.officerTermDueFactsSQL
        // ?4: the term, else the officer, else NULL (every officer).
        let filter = termId.map(SQLiteValue.integer) ?? officer.map(SQLiteValue.text) ?? .null
        try connection.forEachRow(sql, [today.description, closedBefore.description, now.description, filter]) { row in
            // Dates are parsed from the column bytes in place (no String per date).
            func date(_ index: Int) throws -> LocalDate {
                guard let date = try row.localDate(at: index) else {
                    throw CaseloadError(.other, "a stored date is malformed")
                }
                return date
            }
            func optionalDate(_ index: Int) throws -> LocalDate? {
                try row.localDate(at: index)
            }
            let awaiting = try row.localDates(at: 10)
            try body(TermDueFacts(
                caseRef: "", name: "", officer: "",
                level: SupervisionLevel(rawValue: try row.get(3)) ?? .high,
                startsOn: try date(4), lastSupervisedDay: try date(5),
                firstInterviewDueOn: try date(6), firstLifeLogDueOn: try date(7),
                latestAttendedOn: try optionalDate(8), latestFilledClosedDueOn: try optionalDate(9),
                appointmentsAwaitingOutcome: awaiting,
                recallRecommendedOn: try row.get(11) as Bool
                    ? try recallRecommendation(termId: try row.get(12))?.since : nil,
                levelHistory: Session.levelHistory(from: try row.get(13))),
                { (try row.get(0), try row.get(1), try row.get(2)) })
        }
    }
}
