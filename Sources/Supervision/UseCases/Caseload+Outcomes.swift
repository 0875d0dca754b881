import Storage
import SupervisionRules

public struct OutcomeRequest: Sendable {
    public var appointmentId: Int64
    public var outcome: String
    public var reason: String?
    public var requestedBy: String?
    public var newAt: String?
    public var correct: Bool
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
