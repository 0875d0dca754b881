import Storage
import SupervisionRules

public struct InterviewScheduleRequest: Sendable {
    public var caseRef: String
    public var at: String
    public var minutes: Int = 60
    public var kind: String = "office"
    public var repeatCount: Int = 1
    public var everyDays: Int?
    public var dryRun = false

    public init(caseRef: String, at: String, minutes: Int = 60, kind: String = "office", repeatCount: Int = 1,
                everyDays: Int? = nil, dryRun: Bool = false) {
        self.caseRef = caseRef
        self.at = at
        self.minutes = minutes
        self.kind = kind
        self.repeatCount = repeatCount
        self.everyDays = everyDays
        self.dryRun = dryRun
    }
}

public struct ScheduledAppointment: Sendable, Equatable, Codable {
    /// Nil in a dry run: nothing was saved.
    public let id: Int64?
    public let caseRef: String
    /// Local wall time, `YYYY-MM-DDTHH:MM`.
    public let at: String
    public let endsAt: String
    public let minutes: Int
    public let kind: String
}

public struct OutcomeRequest: Sendable {
    public var appointmentId: Int64
    public var outcome: String
    public var reason: String?
    public var requestedBy: String?
    public var newAt: String?
    public var correct = false
    public var notes: String?

    public init(appointmentId: Int64, outcome: String, reason: String? = nil, requestedBy: String? = nil,
                newAt: String? = nil, correct: Bool = false, notes: String? = nil) {
        self.appointmentId = appointmentId
        self.outcome = outcome
        self.reason = reason
        self.requestedBy = requestedBy
        self.newAt = newAt
        self.correct = correct
        self.notes = notes
    }
}

public struct OutcomeReceipt: Sendable, Equatable, Codable {
    public let appointmentId: Int64
    public let caseRef: String
    public let outcome: String
    public let previousOutcome: String?
    public let reason: String?
    /// For `rescheduled`: the new appointment.
    public let newAppointment: ScheduledAppointment?
    /// For `failed-to-attend`: the last day an acceptable reason may be shown.
    public let evidenceWindowEndsOn: String?
}

extension Caseload {
    /// `caseload interview schedule`: one appointment, or a series at the same wall-clock time
    /// every N days (so a weekly 10:00 stays at 10:00 across a clock change). Every appointment
    /// must fall inside the term and must not overlap another live appointment of the person;
    /// otherwise nothing is saved. With `dryRun` the dates are computed and nothing is written.
    public func scheduleInterviews(_ request: InterviewScheduleRequest, actorID: String?, now: Instant) throws -> [ScheduledAppointment] {
        try change(actorID: actorID, now: now) { session in
            let (actor, _) = try session.requireCaseworker("schedule interviews")
            let term = try session.openTerm(caseRef: request.caseRef, doing: "schedule interviews")
            guard (5...480).contains(request.minutes) else {
                throw CaseloadError.invalid("--minutes: an appointment lasts 5 to 480 minutes, not \(request.minutes)")
            }
            guard let kind = AppointmentKind(rawValue: request.kind) else {
                throw CaseloadError.invalid("--kind: '\(request.kind)' is not an appointment kind (office, home, phone or video)")
            }
            guard (1...52).contains(request.repeatCount) else {
                throw CaseloadError.invalid("--repeat: a series has 1 to 52 appointments, not \(request.repeatCount)")
            }
            let every = request.everyDays ?? 0
            if request.repeatCount > 1 {
                guard (1...90).contains(every) else {
                    throw CaseloadError.invalid("--every: a series repeats every 1 to 90 days")
                }
            }
            let first = try session.localDateTime(request.at, field: "--at")
            let zone = session.agency.zone
            var planned: [(local: LocalDateTime, start: Instant, end: Instant)] = []
            for k in 0..<request.repeatCount {
                let local = LocalDateTime(date: first.date.adding(days: k * every), secondOfDay: first.secondOfDay)
                guard term.covers(local.date) else {
                    throw CaseloadError.invalid("--at: \(local.isoMinutes) is outside \(term.caseRef)'s supervision term (\(term.startsOn) to \(term.lastSupervisedDay))")
                }
                let start = zone.instant(of: local)
                planned.append((local, start, start.adding(seconds: Int64(request.minutes) * 60)))
            }
            for slot in planned {
                if let clash = try session.clashingAppointment(termId: term.id, start: slot.start, end: slot.end) {
                    throw CaseloadError.invalid("--at: \(slot.local.isoMinutes) overlaps appointment \(clash) of \(term.caseRef)")
                }
            }
            var result: [ScheduledAppointment] = []
            for slot in planned {
                var id: Int64?
                if !request.dryRun {
                    id = try session.insertAppointment(term: term, start: slot.start, minutes: request.minutes,
                                                       kind: kind, rescheduledFrom: nil, by: actor)
                }
                // The wall time as booked: a time in a spring-forward gap is shown as the time it became.
                result.append(ScheduledAppointment(id: id, caseRef: term.caseRef, at: zone.local(slot.start).isoMinutes,
                                                   endsAt: zone.local(slot.end).isoMinutes,
                                                   minutes: request.minutes, kind: kind.rawValue))
            }
            return result
        }
    }

    /// `caseload interview log`: records an outcome (docs/interviews.md §4).
    ///
    /// A `failed-to-attend` is a holding state: while its evidence window is open it may be
    /// resolved to `acceptable-absence` or `unacceptable-absence` without `--correct`. Any other
    /// change of a recorded outcome is a correction, which needs `--correct` and a reason; the
    /// old value stays in the outcome history and the audit trail. When correcting to
    /// `acceptable-absence`, the reason text starts with the absence reason code
    /// (`--reason "medical: hospital letter seen"`). A `rescheduled` outcome is never
    /// corrected (the new appointment already exists): record the outcome on that one.
    public func logOutcome(_ request: OutcomeRequest, actorID: String?, now: Instant) throws -> OutcomeReceipt {
        try change(actorID: actorID, now: now) { session in
            let (actor, _) = try session.requireCaseworker("record interview outcomes")
            let connection = session.connection
            guard let appointment = try connection.fetchOne("""
                SELECT a.term_id, a.starts_at, a.local_date, a.minutes, a.kind, a.outcome,
                       (SELECT id FROM appointment_outcome o WHERE o.appointment_id = a.id ORDER BY o.id DESC LIMIT 1)
                FROM appointment a WHERE a.id = ?
                """, [request.appointmentId], { row in
                (termId: try row.get(0) as Int64, startsAt: try row.get(1) as String, localDate: try row.get(2) as String,
                 minutes: try row.get(3) as Int, kind: try row.get(4) as String, outcome: try row.get(5) as String?,
                 outcomeId: try row.get(6) as Int64?)
            }) else {
                throw CaseloadError.notFound("no appointment with id \(request.appointmentId)")
            }
            let term = try session.term(id: appointment.termId)
            try session.requireAccess(to: term, "record interview outcomes")
            guard let outcome = AppointmentOutcome(rawValue: request.outcome) else {
                throw CaseloadError.invalid("--outcome: '\(request.outcome)' is not an outcome (attended, failed-to-attend, acceptable-absence, unacceptable-absence or rescheduled)")
            }
            let previous = appointment.outcome.flatMap(AppointmentOutcome.init(rawValue:))
            guard let startsAt = Instant(storage: appointment.startsAt), let date = LocalDate(iso: appointment.localDate) else {
                throw CaseloadError(.other, "a stored appointment time is malformed")
            }
            let calendar = try session.holidays()
            let standard = session.agency.standard
            let windowEnd = InterviewDue.evidenceWindowEnd(appointmentOn: date, calendar: calendar, standard: standard)

            let decision = try OutcomeRules.decide(OutcomeRules.Request(
                appointmentId: request.appointmentId, previous: previous, outcome: outcome,
                isCorrection: request.correct,
                reason: try request.reason.flatMap { try InputHygiene.freeText($0, field: "--reason") },
                today: session.today, evidenceWindowEnd: windowEnd,
                startsLaterAt: now < startsAt ? session.agency.zone.local(startsAt).isoMinutes : nil))
            let absenceReason = decision.absenceReason
            let correctionReason = decision.correctionReason
            let notes = try request.notes.flatMap { try InputHygiene.freeText($0, field: "--notes") }

            var requester: RescheduleRequester?
            var newAppointment: ScheduledAppointment?
            var newAppointmentId: Int64?
            if outcome == .rescheduled {
                guard let raw = request.requestedBy, let who = RescheduleRequester(rawValue: raw) else {
                    throw CaseloadError.invalid("--requested-by: a rescheduled appointment says who asked (supervisee or agency)")
                }
                guard let rawNewAt = request.newAt else {
                    throw CaseloadError.invalid("--new-at: a rescheduled appointment needs the new date and time")
                }
                requester = who
                let local = try session.localDateTime(rawNewAt, field: "--new-at")
                guard term.covers(local.date) else {
                    throw CaseloadError.invalid("--new-at: \(local.isoMinutes) is outside \(term.caseRef)'s supervision term (\(term.startsOn) to \(term.lastSupervisedDay))")
                }
                guard let kind = AppointmentKind(rawValue: appointment.kind) else {
                    throw CaseloadError(.other, "a stored appointment kind is malformed")
                }
                let start = session.agency.zone.instant(of: local)
                let end = start.adding(seconds: Int64(appointment.minutes) * 60)
                if let clash = try session.clashingAppointment(termId: term.id, start: start, end: end,
                                                                excluding: request.appointmentId) {
                    throw CaseloadError.invalid("--new-at: \(local.isoMinutes) overlaps appointment \(clash) of \(term.caseRef)")
                }
                let id = try session.insertAppointment(term: term, start: start, minutes: appointment.minutes, kind: kind,
                                                       rescheduledFrom: request.appointmentId, by: actor)
                newAppointmentId = id
                newAppointment = ScheduledAppointment(
                    id: id, caseRef: term.caseRef, at: session.agency.zone.local(start).isoMinutes,
                    endsAt: session.agency.zone.local(start.adding(seconds: Int64(appointment.minutes) * 60)).isoMinutes,
                    minutes: appointment.minutes, kind: kind.rawValue)
            } else if request.requestedBy != nil || request.newAt != nil {
                throw CaseloadError.invalid("--requested-by and --new-at go only with --outcome rescheduled")
            }

            try connection.execute("""
                INSERT INTO appointment_outcome (appointment_id, outcome, reason, requested_by, new_appointment_id,
                    notes, corrects_outcome_id, correction_reason, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [request.appointmentId, outcome.rawValue, absenceReason?.rawValue, requester?.rawValue,
                      newAppointmentId, notes, request.correct ? appointment.outcomeId : nil, correctionReason,
                      actor, now.description])
            try connection.execute("UPDATE appointment SET outcome = ? WHERE id = ?", [outcome.rawValue, request.appointmentId])
            var details = ["caseRef": term.caseRef, "outcome": outcome.rawValue, "previous": previous?.rawValue ?? ""]
            if let absenceReason { details["reason"] = absenceReason.rawValue }
            if let correctionReason { details["correctionReason"] = correctionReason }
            if let requester { details["requestedBy"] = requester.rawValue }
            if let newAppointmentId { details["newAppointment"] = String(newAppointmentId) }
            try session.audit(request.correct ? "appointment.correct" : "appointment.outcome", entity: "appointment",
                              id: String(request.appointmentId), details: details)
            return OutcomeReceipt(appointmentId: request.appointmentId, caseRef: term.caseRef, outcome: outcome.rawValue,
                                  previousOutcome: previous?.rawValue, reason: absenceReason?.rawValue,
                                  newAppointment: newAppointment,
                                  evidenceWindowEndsOn: outcome == .failedToAttend ? windowEnd.description : nil)
        }
    }
}

extension Session {
    /// A live appointment of the term overlapping [start, end): one without an outcome or with
    /// one that still takes place. Rescheduled and excused appointments free their slot.
    func clashingAppointment(termId: Int64, start: Instant, end: Instant, excluding: Int64? = nil) throws -> Int64? {
        try connection.scalar("""
            SELECT id FROM appointment
            WHERE term_id = ? AND starts_at < ? AND ends_at > ? AND id IS NOT ?
              AND (outcome IS NULL OR outcome NOT IN ('rescheduled', 'acceptable-absence'))
            LIMIT 1
            """, [termId, end.description, start.description, excluding])
    }

    func insertAppointment(term: SupervisionTerm, start: Instant, minutes: Int, kind: AppointmentKind,
                           rescheduledFrom: Int64?, by actor: String) throws -> Int64 {
        let local = agency.zone.local(start)
        let end = start.adding(seconds: Int64(minutes) * 60)
        try connection.execute("""
            INSERT INTO appointment (term_id, starts_at, ends_at, local_date, local_time, minutes, kind,
                rescheduled_from, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [term.id, start.description, end.description, local.date.description,
                  String(local.isoMinutes.suffix(5)), minutes, kind.rawValue, rescheduledFrom, actor, now.description])
        let id = connection.lastInsertRowID
        var details = ["caseRef": term.caseRef, "at": local.isoMinutes, "minutes": String(minutes), "kind": kind.rawValue]
        if let rescheduledFrom { details["rescheduledFrom"] = String(rescheduledFrom) }
        try audit("appointment.schedule", entity: "appointment", id: String(id), details: details)
        return id
    }

    /// A date-time option: local to the agency unless it carries an offset or Z.
    func localDateTime(_ raw: String, field: String) throws -> LocalDateTime {
        switch TimeInput.parse(raw) {
        case .local(let local): return local
        case .instant(let instant): return agency.zone.local(instant)
        case .date, nil:
            throw CaseloadError.invalid("\(field): '\(raw)' is not a date and time (expected YYYY-MM-DDTHH:MM, local to the agency, or with an offset)")
        }
    }

    func instant(_ raw: String, field: String) throws -> Instant {
        switch TimeInput.parse(raw) {
        case .local(let local): return agency.zone.instant(of: local)
        case .instant(let instant): return instant
        case .date, nil:
            throw CaseloadError.invalid("\(field): '\(raw)' is not a date and time (expected YYYY-MM-DDTHH:MM, local to the agency, or with an offset)")
        }
    }

    func term(id: Int64) throws -> SupervisionTerm {
        guard let term = try connection.fetchOne("""
            SELECT \(Session.termColumns)
            FROM supervision_term t JOIN person p ON p.id = t.person_id WHERE t.id = ?
            """, [id], Session.term(from:)) else {
            throw CaseloadError.notFound("no supervision term with id \(id)")
        }
        return term
    }
}
