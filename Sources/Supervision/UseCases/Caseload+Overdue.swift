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
        try look(actorID: actorID, now: now) { session in
            let officer = try session.caseloadFilter(rawOfficer, doing: "list overdue items")
            // Once per listing, not once per term: the local date goes through the zone's rules.
            let today = session.today
            let standard = session.agency.standard
            try session.forEachTermDueFacts(officer: officer) { facts, person in
                let due = OverdueRules.dueItems(for: facts, asOf: today, standard: standard)
                guard !due.isEmpty else { return }
                let (caseRef, name, officer) = try person()
                for item in due {
                    try emit(OverdueItem(caseRef: caseRef, name: name, officer: officer, item: item.item,
                                         dueOn: item.dueOn, daysOverdue: item.daysOverdue))
                }
            }
        }
    }

    /// The listing's one query (parameters: today, the last day a closed life-log window may
    /// end, now, the officer or NULL), for the benchmark's raw twin, which runs this same SQL.
    package static var overdueListingSQL: String { Session.termDueFactsSQL }

    /// The same for one officer's caseload (parameter 4 the officer).
    package static var officerOverdueListingSQL: String { Session.officerTermDueFactsSQL }

    /// The overdue list collected (small caseloads, tests).
    public func overdueList(officer: String?, actorID: String?, now: Instant) throws -> [OverdueItem] {
        var items: [OverdueItem] = []
        try overdue(officer: officer, actorID: actorID, now: now) { items.append($0) }
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
    func forEachTermDueFacts(officer: String?,
                             _ body: (TermDueFacts, () throws -> (caseRef: String, name: String, officer: String)) throws -> Void)
        throws {
        let today = self.today
        let closedBefore = today.adding(days: -agency.standard.lifeLogGraceDays)
        try connection.forEachRow(officer == nil ? Session.termDueFactsSQL : Session.officerTermDueFactsSQL,
                                  [today.description, closedBefore.description, now.description, officer]) { row in
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
