import Storage
import SupervisionRules

extension Caseload {
    /// `caseload show`: the person, their terms and a dated timeline. Reading a record is
    /// itself audited (who consulted whose record, and when), so this is a write transaction.
    public func show(caseRef: String, actorID: String?, now: Instant) throws -> CaseRecord {
        try change(actorID: actorID, now: now) { session in
            let latest = try session.latestTerm(caseRef: caseRef)
            try session.requireAccess(to: latest, "see the record")
            let record = try session.caseRecord(personId: latest.personId, caseRef: latest.caseRef)
            try session.audit("record.read", entity: "person", id: latest.caseRef)
            return record
        }
    }
}

/// Builds a record section by section: each section is one query over one kind of record,
/// decoded right below it into timeline events.
extension Session {
    func caseRecord(personId: Int64, caseRef: String) throws -> CaseRecord {
        guard let person = try connection.fetchOne("""
            SELECT case_ref, name, born_on, home_latitude, home_longitude FROM person WHERE id = ?
            """, [personId], { row -> CaseRecord.Person in
            let lat: Double? = try row.get(3)
            let lon: Double? = try row.get(4)
            return CaseRecord.Person(caseRef: try row.get(0), name: try row.get(1), born: try row.requiredLocalDate(at: 2),
                                     home: lat.flatMap { lat in lon.map { "\(lat),\($0)" } })
        }) else {
            throw CaseloadError.notFound("no supervisee with case reference '\(caseRef)'")
        }
        let terms = try connection.fetchAll(Session.recordTermsSQL, [personId, today.description]) { row in
            (term: try Session.term(from: row), closeReason: try row.get(13) as String?,
             latestAttendedOn: try row.localDate(at: 14))
        }
        let calendar = try holidays()
        var timeline = RecordTimeline()
        var termViews: [CaseRecord.Term] = []
        var restrictions: [String] = []
        for (index, (term, closeReason, latestAttendedOn)) in terms.enumerated() {
            let schedule = try lifeLogSchedule(for: term)
            let filled = try filledLifeLogDueDates(of: term)
            termViews.append(termView(term, number: index + 1, closeReason: closeReason,
                                      latestAttendedOn: latestAttendedOn, schedule: schedule, filled: filled,
                                      timeline: &timeline))
            try levelChanges(of: term, into: &timeline)
            try appointments(of: term, calendar: calendar, into: &timeline)
            try lifeLogEntries(of: term, schedule: schedule, filled: filled, into: &timeline)
            try locationReports(of: term, into: &timeline)
            restrictions += try restrictionSummaries(of: term, into: &timeline)
            try violations(of: term, into: &timeline)
            try recallDecisions(of: term, into: &timeline)
        }
        return CaseRecord(person: person, terms: termViews, restrictions: restrictions, timeline: timeline.sorted)
    }

    /// The due dates the term's entries filled (the unique index `life_log_entry_filled` answers
    /// it): what the next life-log entry due and the missed due dates are judged against.
    private func filledLifeLogDueDates(of term: SupervisionTerm) throws -> Set<LocalDate> {
        Set(try connection.fetchAll("""
            SELECT filled_due_on FROM life_log_entry WHERE term_id = ? AND filled_due_on IS NOT NULL
            """, [term.id]) { try $0.localDate(at: 0) }.compactMap { $0 })
    }

    /// The term's summary with its next due dates (the interview by the overdue list's rule, the
    /// life-log entry by the portal's), and its release and closing events.
    private func termView(_ term: SupervisionTerm, number: Int, closeReason reason: String?,
                          latestAttendedOn: LocalDate?, schedule: LifeLogSchedule, filled: Set<LocalDate>,
                          timeline: inout RecordTimeline) -> CaseRecord.Term {
        let status = term.status(on: today)
        var nextInterview: LocalDate?
        var nextLifeLog: LifeLogSchedule.NextDue?
        if status == .open || status == .upcoming {
            nextInterview = InterviewDue.next(firstDueOn: term.firstInterviewDueOn, latestAttendedOn: latestAttendedOn,
                                              level: term.level, standard: agency.standard)
            nextLifeLog = schedule.nextDue(asOf: today, filled: filled)
        }
        timeline.add(term.startsOn, "release",
                     "released; term \(number) of \(term.months) months to \(term.endsOn), level \(term.level.rawValue), officer \(term.officerId)")
        if let closed = term.closedOn {
            timeline.add(closed, "term-\(term.storedStatus)",
                         "term \(number) \(term.storedStatus)" + (reason.map { ": \($0)" } ?? ""))
        } else if status == .completed {
            timeline.add(term.endsOn, "term-completed", "term \(number) completed")
        }
        return CaseRecord.Term(
            number: number, termId: term.id, officer: term.officerId, status: status, level: term.level, months: term.months,
            startsOn: term.startsOn, endsOn: term.endsOn, closedOn: term.closedOn, closeReason: reason,
            nextInterviewDueOn: nextInterview, nextLifeLogDueOn: nextLifeLog?.dueOn,
            nextLifeLogWindowLastDay: nextLifeLog?.windowLastDay, nextLifeLogWindowIsOpen: nextLifeLog?.isOpen)
    }

    private func levelChanges(of term: SupervisionTerm, into timeline: inout RecordTimeline) throws {
        try connection.forEachRow("""
            SELECT effective_on, level, changed_by, reason FROM term_level_change
            WHERE term_id = ? AND reason IS NOT 'registered' ORDER BY effective_on, id
            """, [term.id]) { row in
            let why: String? = try row.get(3)
            timeline.add(try row.requiredLocalDate(at: 0), "level",
                         "level changed to \(try row.get(1) as String) by \(try row.get(2) as String)" + (why.map { ": \($0)" } ?? ""))
        }
    }

    private func appointments(of term: SupervisionTerm, calendar: BusinessCalendar,
                              into timeline: inout RecordTimeline) throws {
        try connection.forEachRow("""
            SELECT a.id, a.local_date, a.local_time, a.minutes, a.kind, a.outcome, a.rescheduled_from,
                   o.reason, o.requested_by, o.notes, o.correction_reason, a.ends_at
            FROM appointment a
            LEFT JOIN appointment_outcome o
              ON o.id = (SELECT max(id) FROM appointment_outcome WHERE appointment_id = a.id)
            WHERE a.term_id = ? ORDER BY a.starts_at, a.id
            """, [term.id]) { row in
            let id: Int64 = try row.get(0)
            let date = try row.requiredLocalDate(at: 1)
            var text = "\(try row.get(4) as String) interview \(id), \(try row.get(3) as Int) min"
            if let from: Int64 = try row.get(6) { text += " (rescheduled from \(from))" }
            if let outcome = try (row.get(5) as String?).map(AppointmentOutcome.init(storedText:)) {
                text += ": \(outcome.rawValue)"
                if let reason: String = try row.get(7) { text += " (\(reason))" }
                if let who: String = try row.get(8) { text += " at the \(who)'s request" }
                if let correction: String = try row.get(10) { text += "; corrected: \(correction)" }
                if outcome == .failedToAttend {
                    let end = InterviewDue.evidenceWindowEnd(appointmentOn: date, calendar: calendar, standard: agency.standard)
                    text += InterviewDue.evidenceWindowHasClosed(appointmentOn: date, asOf: today, calendar: calendar,
                                                                standard: agency.standard)
                        ? "; evidence window closed \(end): counts as unacceptable"
                        : "; evidence window open until \(end)"
                }
            } else if let end = try row.instant(at: 11), end < now {
                text += ": outcome not recorded"
            } else {
                text += ": scheduled"
            }
            if let notes: String = try row.get(9) { text += ". Notes: \(notes)" }
            timeline.add(date, at: try row.get(2), "interview", text)
        }
    }

    /// The entries, and the due dates missed (the scan's rule, as of today: a due date is missed
    /// once its window has closed).
    private func lifeLogEntries(of term: SupervisionTerm, schedule: LifeLogSchedule, filled: Set<LocalDate>,
                                into timeline: inout RecordTimeline) throws {
        try connection.forEachRow("""
            SELECT e.id, e.submitted_at, e.filled_due_on, e.wellbeing, e.wants_call_back, e.corrects_entry_id,
                   (SELECT group_concat(need, ', ') FROM life_log_need n WHERE n.entry_id = e.id),
                   e.residence, e.employment
            FROM life_log_entry e WHERE e.term_id = ? ORDER BY e.submitted_at, e.id
            """, [term.id]) { row in
            guard let at = try row.instant(at: 1) else { return }
            var text = "life-log entry \(try row.get(0) as Int64)"
            if let due = try row.localDate(at: 2) {
                text += " for due date \(due)"
            } else if let corrects: Int64 = try row.get(5) {
                text += " correcting entry \(corrects)"
            } else {
                text += " (unscheduled)"
            }
            if let wellbeing: Int = try row.get(3) { text += ", wellbeing \(wellbeing)/5" }
            if let needs: String = try row.get(6) { text += ", needs: \(needs)" }
            if try row.get(4) as Bool { text += ", asks for a call back" }
            if let residence: String = try row.get(7) { text += ", residence: \(residence)" }
            if let employment: String = try row.get(8) { text += ", employment: \(employment)" }
            timeline.add(agency.zone.local(at), "life-log", text)
        }
        let lastDay = min(today, term.lastSupervisedDay)
        for due in schedule.missedDueDates(asOf: today, filled: filled) where due <= lastDay {
            let closed = schedule.windowLastDay(of: due)
            timeline.add(closed, "life-log-missed", "life-log due \(due) missed (window closed \(closed))")
        }
    }

    private func locationReports(of term: SupervisionTerm, into timeline: inout RecordTimeline) throws {
        try connection.forEachRow("""
            SELECT id, at, latitude, longitude, accuracy_m, source, low_accuracy FROM location_report
            WHERE term_id = ? ORDER BY at, id
            """, [term.id]) { row in
            guard let at = try row.instant(at: 1) else { return }
            let accuracy = Int((try row.get(4) as Double).rounded())
            var text = "location report \(try row.get(0) as Int64) (\(try row.get(5) as String)) at \(try row.get(2) as Double),\(try row.get(3) as Double), accuracy \(accuracy) m"
            if try row.get(6) as Bool { text += ", low-accuracy: never counted as a breach" }
            timeline.add(agency.zone.local(at), "location", text)
        }
    }

    /// The term's restrictions in one line each (for the record's list), and their events.
    private func restrictionSummaries(of term: SupervisionTerm, into timeline: inout RecordTimeline) throws -> [String] {
        var summaries: [String] = []
        try connection.forEachRow("""
            SELECT \(Session.restrictionColumns), r.reason, r.created_by
            FROM restriction r WHERE r.term_id = ? ORDER BY r.starts_on, r.id
            """, [term.id]) { row in
            guard let restriction = try Session.restriction(from: row) else { return }
            var text = "\(restriction.id): \(restriction.summary), \(restriction.startsOn) to \(restriction.endsOn)"
            if let reason: String = try row.get(12) { text += " (\(reason))" }
            summaries.append(text)
            timeline.add(restriction.startsOn, "restriction",
                         "restriction \(restriction.id) from \(restriction.startsOn): \(restriction.summary), set by \(try row.get(13) as String)")
        }
        return summaries
    }

    private func violations(of term: SupervisionTerm, into timeline: inout RecordTimeline) throws {
        try connection.forEachRow("""
            SELECT id, kind, severity, occurred_on, status, explanation, reviewed_by, reviewed_on, review_reason
            FROM violation WHERE term_id = ? ORDER BY occurred_on, id
            """, [term.id]) { row in
            let status: String = try row.get(4)
            var text = "violation \(try row.get(0) as Int64) \(try row.get(1) as String) (\(try row.get(2) as String), \(status)): \(try row.get(5) as String)"
            if let by: String = try row.get(6) {
                text += "; \(status) by \(by) on \(try row.get(7) as String? ?? "?")"
                if let reason: String = try row.get(8) { text += ": \(reason)" }
            }
            timeline.add(try row.requiredLocalDate(at: 3), "violation", text)
        }
    }

    /// Decisions taken, and a recommendation still awaiting one.
    private func recallDecisions(of term: SupervisionTerm, into timeline: inout RecordTimeline) throws {
        try connection.forEachRow("""
            SELECT decision, rationale, decided_by, decided_on, violation_ids, recommended_since
            FROM recall_decision WHERE term_id = ? ORDER BY id
            """, [term.id]) { row in
            let approved = try row.get(0) as String == "approve"
            let outcome = approved ? "approved (term revoked, recall requested)" : "rejected"
            timeline.add(try row.requiredLocalDate(at: 3), "recall-decision",
                         "recall \(outcome) by \(try row.get(2) as String), recommended since \(try row.get(5) as String) for violations \(try row.get(4) as String): \(try row.get(1) as String)")
        }
        if term.status(on: today) == .open, let recommendation = try recallRecommendation(termId: term.id) {
            timeline.add(recommendation.since, "recall-recommended",
                         "recall recommended (awaiting a supervisor's decision): \(recommendation.reason)")
        }
    }

    /// The latest attended interview of the term `termAlias` on or after its start and on or
    /// before the as-of date (`asOf`, a parameter): what the next interview due date counts
    /// from. One subquery for the overdue list, the next-due look-up and the record.
    /// A person's terms (parameters: the person id, today), each with its close reason and
    /// latest attended interview, in the one query. Built once, like `termsOfCaseRefSQL`.
    static let recordTermsSQL = """
        SELECT \(termColumns), t.close_reason, \(latestAttendedSQL(term: "t", asOf: "?2"))
        FROM supervision_term t JOIN person p ON p.id = t.person_id
        WHERE t.person_id = ?1 ORDER BY t.starts_on, t.id
        """

    static func latestAttendedSQL(term termAlias: String, asOf: String) -> String {
        """
        (SELECT max(a.local_date) FROM appointment a
          WHERE a.term_id = \(termAlias).id AND a.outcome = 'attended'
            AND a.local_date >= \(termAlias).starts_on AND a.local_date <= \(asOf))
        """
    }
}

/// The record's events, collected in any order and read back by date and time.
struct RecordTimeline {
    private var events: [CaseRecord.Event] = []

    mutating func add(_ date: LocalDate, at: String? = nil, _ kind: String, _ text: String) {
        events.append(CaseRecord.Event(date: date, at: at, kind: kind, text: text))
    }

    /// An event at a local wall time (`HH:MM` shown).
    mutating func add(_ local: LocalDateTime, _ kind: String, _ text: String) {
        add(local.date, at: String(local.isoMinutes.suffix(5)), kind, text)
    }

    /// Stable: events of the same date and time keep the order they were added in.
    var sorted: [CaseRecord.Event] {
        events.enumerated().sorted { ($0.element.date, $0.element.at ?? "", $0.offset) < ($1.element.date, $1.element.at ?? "", $1.offset) }
            .map(\.element)
    }
}
