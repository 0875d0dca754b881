import Foundation
import Storage
import SupervisionRules

/// A person's record as `caseload show` prints it.
public struct CaseRecord: Sendable, Equatable, Codable {
    public struct Person: Sendable, Equatable, Codable {
        public let caseRef: String
        public let name: String
        public let born: String
        public let home: String?
    }

    public struct Term: Sendable, Equatable, Codable {
        public let termId: Int64
        public let officer: String
        public let status: String
        public let level: String
        public let months: Int
        public let startsOn: String
        public let endsOn: String
        public let closedOn: String?
        public let closeReason: String?
        /// For the current term: the next interview due date and the next life-log due date.
        public let nextInterviewDueOn: String?
        public let nextLifeLogDueOn: String?
    }

    /// One dated line of the timeline. `at` is the local wall time when there is one.
    public struct Event: Sendable, Equatable, Codable {
        public let date: String
        public let at: String?
        public let kind: String
        public let text: String
    }

    public let person: Person
    public let terms: [Term]
    public var restrictions: [String]
    public var timeline: [Event]
}

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

extension Session {
    func caseRecord(personId: Int64, caseRef: String) throws -> CaseRecord {
        let zone = agency.zone
        guard let person = try connection.fetchOne("""
            SELECT case_ref, name, born_on, home_latitude, home_longitude FROM person WHERE id = ?
            """, [personId], { row -> CaseRecord.Person in
            let lat: Double? = try row.get(3)
            let lon: Double? = try row.get(4)
            return CaseRecord.Person(caseRef: try row.get(0), name: try row.get(1), born: try row.get(2),
                                     home: lat.flatMap { lat in lon.map { "\(lat),\($0)" } })
        }) else {
            throw CaseloadError.notFound("no supervisee with case reference '\(caseRef)'")
        }
        let terms = try connection.fetchAll("""
            SELECT \(Session.termColumns)
            FROM supervision_term t JOIN person p ON p.id = t.person_id
            WHERE t.person_id = ? ORDER BY t.starts_on
            """, [personId], Session.term(from:))
        var termViews: [CaseRecord.Term] = []
        var events: [CaseRecord.Event] = []
        func event(_ date: String, _ at: String?, _ kind: String, _ text: String) {
            events.append(CaseRecord.Event(date: date, at: at, kind: kind, text: text))
        }
        let calendar = try holidays()
        for term in terms {
            let status = term.status(on: today)
            let reason: String? = try connection.scalar("SELECT close_reason FROM supervision_term WHERE id = ?", [term.id])
            var nextInterview: String?
            var nextLifeLog: String?
            let schedule = try lifeLogSchedule(for: term)
            if status == .open || status == .upcoming {
                let latest: String? = try connection.scalar("""
                    SELECT max(local_date) FROM appointment
                    WHERE term_id = ? AND outcome = 'attended' AND local_date >= ? AND local_date <= ?
                    """, [term.id, term.startsOn.description, today.description])
                nextInterview = InterviewDue.next(firstDueOn: term.firstInterviewDueOn,
                                                  latestAttendedOn: latest.flatMap(LocalDate.init(iso:)),
                                                  level: term.level, standard: agency.standard).description
                nextLifeLog = schedule.nextDueDate(onOrAfter: today)?.description
            }
            termViews.append(CaseRecord.Term(
                termId: term.id, officer: term.officerId, status: status.rawValue, level: term.level.rawValue,
                months: term.months, startsOn: term.startsOn.description, endsOn: term.endsOn.description,
                closedOn: term.closedOn?.description, closeReason: reason,
                nextInterviewDueOn: nextInterview, nextLifeLogDueOn: nextLifeLog))
            event(term.startsOn.description, nil, "release",
                  "released; term \(term.id) of \(term.months) months to \(term.endsOn), level \(term.level.rawValue), officer \(term.officerId)")
            if let closed = term.closedOn {
                event(closed.description, nil, "term-\(term.storedStatus)", "term \(term.id) \(term.storedStatus)" + (reason.map { ": \($0)" } ?? ""))
            } else if status == .completed {
                event(term.endsOn.description, nil, "term-completed", "term \(term.id) completed")
            }
            try connection.forEachRow("""
                SELECT effective_on, level, changed_by, reason FROM term_level_change
                WHERE term_id = ? AND reason IS NOT 'registered' ORDER BY effective_on, id
                """, [term.id]) { row in
                let why: String? = try row.get(3)
                event(try row.get(0), nil, "level", "level changed to \(try row.get(1) as String) by \(try row.get(2) as String)"
                      + (why.map { ": \($0)" } ?? ""))
            }
            try connection.forEachRow("""
                SELECT a.id, a.local_date, a.local_time, a.minutes, a.kind, a.outcome, a.rescheduled_from,
                       o.reason, o.requested_by, o.notes, o.correction_reason, a.ends_at
                FROM appointment a
                LEFT JOIN appointment_outcome o
                  ON o.id = (SELECT max(id) FROM appointment_outcome WHERE appointment_id = a.id)
                WHERE a.term_id = ? ORDER BY a.starts_at, a.id
                """, [term.id]) { row in
                let id: Int64 = try row.get(0)
                let outcome: String? = try row.get(5)
                var text = "\(try row.get(4) as String) interview \(id), \(try row.get(3) as Int) min"
                if let from: Int64 = try row.get(6) { text += " (rescheduled from \(from))" }
                if let outcome {
                    text += ": \(outcome)"
                    if let reason: String = try row.get(7) { text += " (\(reason))" }
                    if let who: String = try row.get(8) { text += " at the \(who)'s request" }
                    if let correction: String = try row.get(10) { text += "; corrected: \(correction)" }
                    if outcome == AppointmentOutcome.failedToAttend.rawValue, let date = LocalDate(iso: try row.get(1)) {
                        let end = InterviewDue.evidenceWindowEnd(appointmentOn: date, calendar: calendar, standard: agency.standard)
                        text += today > end ? "; evidence window closed \(end): counts as unacceptable"
                            : "; evidence window open until \(end)"
                    }
                } else if let end = Instant(storage: try row.get(11)), end < now {
                    text += ": outcome not recorded"
                } else {
                    text += ": scheduled"
                }
                if let notes: String = try row.get(9) { text += ". Notes: \(notes)" }
                event(try row.get(1), try row.get(2), "interview", text)
            }
            var filled: Set<LocalDate> = []
            try connection.forEachRow("""
                SELECT e.id, e.submitted_at, e.filled_due_on, e.wellbeing, e.wants_call_back, e.corrects_entry_id,
                       (SELECT group_concat(need, ',') FROM life_log_need n WHERE n.entry_id = e.id),
                       e.residence, e.employment
                FROM life_log_entry e WHERE e.term_id = ? ORDER BY e.submitted_at, e.id
                """, [term.id]) { row in
                let id: Int64 = try row.get(0)
                guard let at = Instant(storage: try row.get(1)) else { return }
                let local = zone.local(at)
                var text = "life-log entry \(id)"
                if let due: String = try row.get(2) {
                    text += " for due date \(due)"
                    if let d = LocalDate(iso: due) { filled.insert(d) }
                } else if let corrects: Int64 = try row.get(5) {
                    text += " correcting entry \(corrects)"
                } else {
                    text += " (unscheduled)"
                }
                if let wellbeing: Int = try row.get(3) { text += ", wellbeing \(wellbeing)/5" }
                if let needs: String = try row.get(6) { text += ", needs: \(needs.replacingOccurrences(of: ",", with: ", "))" }
                if try row.get(4) as Bool { text += ", asks for a call back" }
                if let residence: String = try row.get(7) { text += ", residence: \(residence)" }
                if let employment: String = try row.get(8) { text += ", employment: \(employment)" }
                event(local.date.description, String(local.isoMinutes.suffix(5)), "life-log", text)
            }
            let lastDay = Swift.min(today, term.lastSupervisedDay)
            // The scan's rule, as of today: a due date is missed once its window has closed.
            for due in schedule.missedDueDates(asOf: today, filled: filled) where due <= lastDay {
                event(schedule.windowLastDay(of: due).description, nil, "life-log-missed",
                      "life-log due \(due) missed (window closed \(schedule.windowLastDay(of: due)))")
            }
            try connection.forEachRow("""
                SELECT id, at, latitude, longitude, accuracy_m, source, low_accuracy FROM location_report
                WHERE term_id = ? ORDER BY at, id
                """, [term.id]) { row in
                guard let at = Instant(storage: try row.get(1)) else { return }
                let local = zone.local(at)
                var text = "location report \(try row.get(0) as Int64) (\(try row.get(5) as String)) at \(try row.get(2) as Double),\(try row.get(3) as Double), accuracy \(Int((try row.get(4) as Double).rounded())) m"
                if try row.get(6) as Bool { text += ", low-accuracy: never counted as a breach" }
                event(local.date.description, String(local.isoMinutes.suffix(5)), "location", text)
            }
        }
        var restrictions: [String] = []
        for term in terms {
            try connection.forEachRow("""
                SELECT \(Session.restrictionColumns), r.reason, r.created_by
                FROM restriction r WHERE r.term_id = ? ORDER BY r.starts_on, r.id
                """, [term.id]) { row in
                guard let restriction = try Session.restriction(from: row) else { return }
                var text = "\(restriction.id): \(restriction.summary), \(restriction.startsOn) to \(restriction.endsOn)"
                if let reason: String = try row.get(12) { text += " (\(reason))" }
                restrictions.append(text)
                event(restriction.startsOn.description, nil, "restriction",
                      "restriction \(restriction.id) from \(restriction.startsOn): \(restriction.summary), set by \(try row.get(13) as String)")
            }
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
                event(try row.get(3), nil, "violation", text)
            }
            try connection.forEachRow("""
                SELECT decision, rationale, decided_by, decided_on, violation_ids, recommended_since
                FROM recall_decision WHERE term_id = ? ORDER BY id
                """, [term.id]) { row in
                let decision: String = try row.get(0)
                event(try row.get(3), nil, "recall-decision",
                      "recall \(decision == "approve" ? "approved (term revoked, recall requested)" : "rejected") by \(try row.get(2) as String), recommended since \(try row.get(5) as String) for violations \(try row.get(4) as String): \(try row.get(1) as String)")
            }
            if let recommendation = try recallRecommendation(termId: term.id), term.status(on: today) == .open {
                event(recommendation.since.description, nil, "recall-recommended",
                      "recall recommended (awaiting a supervisor's decision): \(recommendation.reason)")
            }
        }
        events.sort { ($0.date, $0.at ?? "") < ($1.date, $1.at ?? "") }
        return CaseRecord(person: person, terms: termViews, restrictions: restrictions, timeline: events)
    }
}
