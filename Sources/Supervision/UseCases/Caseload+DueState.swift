import Storage
import SupervisionRules

/// The overdue listing's kept state (`term_due`, migration 0017): one row per open term, computed
/// by `OverdueRules.dueState` from the facts the listing would load, in the transaction of the
/// change that moved them.
///
/// Which terms a change touched is noted by triggers (`due_state_pending`), so no use case can
/// forget one; every write transaction ends with `refreshDueState()` (`Caseload.transaction`),
/// which computes those rows again. This is the one place the rows are written.
extension Session {
    /// Computes the row of every pending term again and empties the list. Rows are computed as
    /// of the latest instant any row was (`due_state_clock`), or `now` if later: a change
    /// recorded "as of" an earlier instant must not leave a row that ignores a later record.
    func refreshDueState() throws {
        guard try connection.scalar("SELECT EXISTS (SELECT 1 FROM due_state_pending)") as Bool? == true else { return }
        let reflects = try connection.scalar("SELECT reflects_at FROM due_state_clock WHERE id = 1") as Int64?
        let asOf = max(now, Instant(secondsSinceEpoch: reflects ?? Int64.min))
        let day = agency.zone.date(of: asOf)
        let standard = agency.standard
        let closedBefore = day.adding(days: -standard.lifeLogGraceDays)

        struct Kept {
            let termId: Int64, personId: Int64, officer: String, caseRef: String
            let startsOn: LocalDate, endsOn: LocalDate
            let state: TermDueState
            let awaiting: String?
            let mayRecommendRecall: Bool
            let becomesOverdueOn: LocalDate
        }
        var rows: [Kept] = []
        try connection.forEachRow(Session.dueStateFactsSQL, [day.description, closedBefore.description]) { row in
            func date(_ index: Int) throws -> LocalDate {
                guard let date = try row.localDate(at: index) else {
                    throw CaseloadError(.other, "a stored date is malformed")
                }
                return date
            }
            let level = SupervisionLevel(rawValue: try row.get(4)) ?? .high
            let facts = TermDueFacts(
                caseRef: "", name: "", officer: "", level: level, startsOn: try date(5), lastSupervisedDay: try date(6),
                firstInterviewDueOn: try date(7), firstLifeLogDueOn: try date(8),
                latestAttendedOn: try row.localDate(at: 9), latestFilledClosedDueOn: try row.localDate(at: 10),
                levelHistory: Session.levelHistory(from: try row.get(11)))
            let filled = Set(try row.localDates(at: 12))
            let state = OverdueRules.dueState(for: facts, filledDueDates: filled, asOf: day, standard: standard)
            let awaiting: String? = try row.get(13)
            let mayRecommendRecall: Bool = try row.get(14)
            var becomes = state.becomesOverdueOn
            if mayRecommendRecall { becomes = min(becomes, facts.startsOn) }
            for endsAt in Session.awaitingOutcome(awaiting) {
                becomes = min(becomes, agency.zone.date(of: endsAt.endsAt))
            }
            rows.append(Kept(termId: try row.get(0), personId: try row.get(1), officer: try row.get(2),
                             caseRef: try row.get(3), startsOn: facts.startsOn, endsOn: facts.lastSupervisedDay,
                             state: state, awaiting: awaiting, mayRecommendRecall: mayRecommendRecall,
                             becomesOverdueOn: becomes))
        }
        // Terms no longer open lose their row; the others get theirs afresh.
        try connection.execute("DELETE FROM term_due WHERE term_id IN (SELECT term_id FROM due_state_pending)")
        for kept in rows {
            let state = kept.state
            try connection.execute("""
                INSERT INTO term_due (term_id, person_id, officer_id, case_ref, starts_on, ends_on, interview_due_on,
                    life_log_due_on, life_log_from, life_log_until, awaiting_outcome, may_recommend_recall,
                    valid_through, becomes_overdue_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [kept.termId, kept.personId, kept.officer, kept.caseRef, kept.startsOn.description,
                      kept.endsOn.description, state.interviewDueOn.description, state.lifeLogDueOn?.description,
                      state.lifeLogFrom?.description, state.lifeLogUntil?.description, kept.awaiting,
                      kept.mayRecommendRecall, state.validThrough?.description, kept.becomesOverdueOn.description])
        }
        try connection.execute("DELETE FROM due_state_pending")
        try connection.execute("UPDATE due_state_clock SET reflects_at = max(reflects_at, ?) WHERE id = 1",
                               [asOf.secondsSinceEpoch])
    }

    /// Notes the terms whose kept row has run out by today (a life-log window closed since it
    /// was computed), so this transaction computes them again; the daily scan calls it.
    func expireDueState() throws {
        try connection.execute("""
            INSERT OR IGNORE INTO due_state_pending (term_id)
            SELECT term_id FROM term_due WHERE valid_through < ?
            """, [today.description])
    }

    /// Whether the kept rows answer for a listing as of `now`: nothing is pending and no row was
    /// computed as of a later instant. Otherwise the listing computes every term in full.
    func dueStateAnswers() throws -> Bool {
        try connection.fetchOne("""
            SELECT NOT EXISTS (SELECT 1 FROM due_state_pending), reflects_at FROM due_state_clock WHERE id = 1
            """) { row in
            let nothingPending: Bool = try row.get(0)
            let reflectsAt: Int64 = try row.get(1)
            return nothingPending && Instant(secondsSinceEpoch: reflectsAt) <= now
        } ?? false
    }

    /// The pending open terms with the facts `OverdueRules.dueState` needs (parameters: the day,
    /// the last day a closed life-log window may end): the listing's facts as of that day, plus
    /// the due dates filled after that day and every appointment without an outcome, whatever
    /// its end (the listing compares the end with its clock). `CROSS JOIN` keeps the pending
    /// list the outer loop: without statistics SQLite walked every term and probed the list,
    /// which made each registration of the benchmark's 100,000 cost in proportion to the agency.
    static let dueStateFactsSQL = """
        SELECT t.id, t.person_id, t.officer_id, p.case_ref, t.level, t.starts_on, t.ends_on,
               t.first_interview_due_on, t.first_life_log_due_on,
               \(Session.latestAttendedSQL(term: "t", asOf: "?1")) AS latest_attended,
               (SELECT max(e.filled_due_on) FROM life_log_entry e
                 WHERE e.term_id = t.id AND e.filled_due_on <= ?2) AS latest_filled_closed,
               \(Session.levelHistorySQL) AS level_history,
               (SELECT group_concat(e.filled_due_on, ',') FROM life_log_entry e
                 WHERE e.term_id = t.id AND e.filled_due_on > ?2) AS filled_open,
               (SELECT group_concat(a.local_date || ' ' || a.ends_at, ',') FROM appointment a
                 WHERE a.term_id = t.id AND a.outcome IS NULL) AS awaiting_outcome,
               \(Session.recallRecommendedOnSQL) AS may_recommend_recall
        FROM due_state_pending d CROSS JOIN supervision_term t ON t.id = d.term_id CROSS JOIN person p ON p.id = t.person_id
        WHERE t.status = 'open'
        """

    /// Parses `term_due.awaiting_outcome`: "local-date ends-at" pairs, comma-separated.
    static func awaitingOutcome(_ text: String?) -> [(on: LocalDate, endsAt: Instant)] {
        guard var text, !text.isEmpty else { return [] }
        return text.withUTF8 { awaitingOutcome(bytes: $0) }
    }

    /// The same from the column's UTF-8 bytes, read in place.
    static func awaitingOutcome(bytes: UnsafeBufferPointer<UInt8>) -> [(on: LocalDate, endsAt: Instant)] {
        var pairs: [(on: LocalDate, endsAt: Instant)] = []
        forEachAwaitingPair(bytes) { on, end in
            if let endsAt = Instant(storageBytes: end) { pairs.append((on, endsAt)) }
        }
        return pairs
    }

    /// The local dates of the appointments in `term_due.awaiting_outcome` (`bytes`, read in
    /// place) whose end is before `now` (`nowStorage`, the instant's stored text): the listing's
    /// "interview outcome" items. Stored instants are fixed-width UTC text, so their order is
    /// their bytes' order (the SQL compares them the same way); no instant is parsed.
    static func endedAwaitingOutcome(bytes: UnsafeBufferPointer<UInt8>,
                                     before nowStorage: UnsafeBufferPointer<UInt8>) -> [LocalDate] {
        var ended: [LocalDate] = []
        forEachAwaitingPair(bytes) { on, end in
            // An end of another width is not a stored instant: skipped, as `awaitingOutcome` skips it.
            if end.count == nowStorage.count, end.lexicographicallyPrecedes(nowStorage) { ended.append(on) }
        }
        return ended
    }

    /// Each "YYYY-MM-DD end" pair of the comma-separated `awaiting_outcome` text, as the refresh
    /// writes it: the local date, and the end's bytes; a pair without a real date and a space
    /// after it is skipped. Split as bytes in one pass, not as Characters and not into an array
    /// of pairs (both were most of the kept listing's cost, Benchmarks/README.md).
    private static func forEachAwaitingPair(_ bytes: UnsafeBufferPointer<UInt8>,
                                            _ body: (LocalDate, UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
            let pair = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            guard pair.count > 11, pair[10] == UInt8(ascii: " "),
                  let on = LocalDate(isoBytes: UnsafeBufferPointer(rebasing: pair[..<10]))
            else { continue }
            body(on, UnsafeBufferPointer(rebasing: pair[11...]))
        }
    }
}

extension Caseload {
    /// Computes the kept due state of every term a change outside the use cases left pending
    /// (the benchmark's generated history, a database just migrated), as of `now`. Use cases do
    /// this themselves before they commit.
    public func refreshDueState(now: Instant) throws {
        try change(actorID: nil, now: now) { _ in }
    }
}

extension Caseload {
    /// Whether a listing as of `now` would read the kept state (tests: a property test that
    /// never reached the kept path would prove nothing).
    package func dueStateAnswers(now: Instant) throws -> Bool {
        try look(actorID: nil, now: now) { try $0.dueStateAnswers() }
    }
}
