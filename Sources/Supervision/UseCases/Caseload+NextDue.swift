import Storage
import SupervisionRules

/// What is due next for one supervisee (the quick answer an officer needs on the phone).
public struct NextDueDates: Sendable, Equatable, Codable {
    public let caseRef: String
    public let termId: Int64
    /// The term's status as of the clock (`open`, `upcoming`, `completed`, `discharged`, `revoked`).
    public let status: String
    /// The next interview due date (docs/interviews.md §4); it is before the clock when the interview is
    /// overdue. Nil when the term is no longer running.
    public let nextInterviewDueOn: LocalDate?
    /// The next life-log entry due (docs/lifelog.md §5, "The next entry due": the record and the portal
    /// show the same date); nil when none is left in the term, or the term is no longer running.
    public let nextLifeLogDueOn: LocalDate?

    public init(caseRef: String, termId: Int64, status: String, nextInterviewDueOn: LocalDate?,
                nextLifeLogDueOn: LocalDate?) {
        self.caseRef = caseRef
        self.termId = termId
        self.status = status
        self.nextInterviewDueOn = nextInterviewDueOn
        self.nextLifeLogDueOn = nextLifeLogDueOn
    }

    enum CodingKeys: String, CodingKey { case caseRef, termId, status, nextInterviewDueOn, nextLifeLogDueOn }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        caseRef = try c.decode(String.self, forKey: .caseRef)
        termId = try c.decode(Int64.self, forKey: .termId)
        status = try c.decode(String.self, forKey: .status)
        func date(_ key: CodingKeys) throws -> LocalDate? {
            guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let date = LocalDate(iso: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a date")
            }
            return date
        }
        nextInterviewDueOn = try date(.nextInterviewDueOn)
        nextLifeLogDueOn = try date(.nextLifeLogDueOn)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseRef, forKey: .caseRef)
        try c.encode(termId, forKey: .termId)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(nextInterviewDueOn?.description, forKey: .nextInterviewDueOn)
        try c.encodeIfPresent(nextLifeLogDueOn?.description, forKey: .nextLifeLogDueOn)
    }
}

extension Caseload {
    /// One supervisee's next interview and life-log due dates as of `now`, from the term running
    /// today (else their latest), chosen as `show` and the other use cases choose it.
    ///
    /// Access is checked as for any case work (an officer on their own caseload, a supervisor on
    /// any, the supervisee on their own). It is **not audited**: docs/audit.md §11 audits reads of a
    /// person's *record* (`show`, exports), and this answers two dates computed from the schedule,
    /// not the record's contents, so it is one read transaction with no write. The dates follow
    /// the same rules as the overdue list: the next interview from the latest attended interview
    /// (or the first due date fixed at registration), the next life-log entry due as the record
    /// and the portal show it (`LifeLogSchedule.nextDue`).
    public func nextDueDates(caseRef: String, actorID: String?, now: Instant) throws -> NextDueDates {
        try look(actorID: actorID, now: now) { session in
            let today = session.today
            let caseRef = try InputHygiene.caseRef(caseRef)
            if case .supervisee(let own, _) = try session.requireActor(), own != caseRef {
                throw CaseloadError.notPermitted("supervisee:\(own) may act only on their own record, not on '\(caseRef)'")
            }
            let standard = session.agency.standard
            // Only due dates whose window may still hold today or come later can be owed.
            let earliest = today.adding(days: -(standard.lifeLogGraceDays - 1))
            guard let (term, latestAttended, history, filled) = try session.connection.fetchOne(
                Session.nextDueSQL, [caseRef, today.description, earliest.description], { row in
                    (try Session.term(from: row), try (row.get(13) as String?).flatMap(LocalDate.init(iso:)),
                     try row.get(14) as String?, try row.localDates(at: 15))
                }) else {
                throw CaseloadError.notFound("no supervisee with case reference '\(caseRef)'")
            }
            try session.requireAccess(to: term, "see due dates")
            let status = term.status(on: today)
            guard status == .open || status == .upcoming else {
                return NextDueDates(caseRef: term.caseRef, termId: term.id, status: status.rawValue,
                                    nextInterviewDueOn: nil, nextLifeLogDueOn: nil)
            }
            let nextInterview = InterviewDue.next(firstDueOn: term.firstInterviewDueOn, latestAttendedOn: latestAttended,
                                                  level: term.level, standard: standard)
            let nextLifeLog = session.lifeLogSchedule(for: term, levelHistory: history)
                .nextDue(asOf: today, filled: Set(filled))?.dueOn
            return NextDueDates(caseRef: term.caseRef, termId: term.id, status: status.rawValue,
                                nextInterviewDueOn: nextInterview, nextLifeLogDueOn: nextLifeLog)
        }
    }
}

extension Session {
    /// The latest term of a case reference (?1) with its latest attended interview on or after
    /// its start and on or before the as-of date (?2), and the due dates filled from ?3 on (the
    /// earliest whose window may hold the as-of date): one indexed read.
    static let nextDueSQL = """
        SELECT \(Session.termColumns),
               \(Session.latestAttendedSQL(term: "t", asOf: "?2")) AS latest_attended,
               \(Session.levelHistorySQL) AS level_history,
               (SELECT group_concat(e.filled_due_on, ',') FROM life_log_entry e
                 WHERE e.term_id = t.id AND e.filled_due_on >= ?3) AS filled
        FROM supervision_term t JOIN person p ON p.id = t.person_id
        WHERE p.case_ref = ?1
        ORDER BY (t.status = 'open' AND t.starts_on <= ?2 AND t.ends_on >= ?2) DESC, t.starts_on DESC, t.id DESC
        LIMIT 1
        """
}
