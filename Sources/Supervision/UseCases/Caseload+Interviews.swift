import Storage
import SupervisionRules

public struct InterviewScheduleRequest: Sendable {
    public var caseRef: String
    public var at: String
    public var minutes: Int
    public var kind: String
    public var repeatCount: Int
    public var everyDays: Int?
    public var dryRun: Bool

    /// What is left out (nil) is the standard (docs/interviews.md §4): 60 minutes, at the office,
    /// one appointment. The command line, the API and the page all leave it to this.
    public init(caseRef: String, at: String, minutes: Int? = nil, kind: String? = nil, repeatCount: Int? = nil,
                everyDays: Int? = nil, dryRun: Bool = false) {
        self.caseRef = caseRef
        self.at = at
        self.minutes = minutes ?? 60
        self.kind = kind ?? "office"
        self.repeatCount = repeatCount ?? 1
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
