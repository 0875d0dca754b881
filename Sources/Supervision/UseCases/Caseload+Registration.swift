import Storage
import SupervisionRules

/// What `caseload register` is asked to record (raw text as typed; validated by the use case).
public struct ReleaseRegistration: Sendable {
    public var caseRef: String
    public var name: String
    public var born: String
    public var released: String
    public var months: Int
    public var level: String
    public var officer: String
    public var home: String?

    public init(caseRef: String, name: String, born: String, released: String, months: Int, level: String,
                officer: String, home: String? = nil) {
        self.caseRef = caseRef
        self.name = name
        self.born = born
        self.released = released
        self.months = months
        self.level = level
        self.officer = officer
        self.home = home
    }
}

public struct RegistrationReceipt: Sendable, Equatable, Codable {
    public let caseRef: String
    public let termId: Int64
    public let startsOn: String
    public let endsOn: String
    public let firstInterviewDueOn: String
    public let firstLifeLogDueOn: String
}

public struct TermChangeReceipt: Sendable, Equatable, Codable {
    public let caseRef: String
    public let termId: Int64
    public let status: String
    public let level: String
    public let months: Int
    public let startsOn: String
    public let endsOn: String
}

extension SupervisionLevel {
    static func parse(_ raw: String, field: String) throws -> SupervisionLevel {
        guard let level = SupervisionLevel(rawValue: raw.lowercased()) else {
            throw CaseloadError.invalid("\(field): '\(raw)' is not a supervision level (high, medium or low)")
        }
        return level
    }
}

extension Caseload {
    /// `caseload register`: records the person (if new) and opens a supervision term (docs/terms.md §3).
    ///
    /// An existing case reference must come with the same name and date of birth: the case
    /// reference identifies one person, and a register command never silently renames anyone.
    /// A new home point replaces the old one (people move between releases), and is audited;
    /// the same point again is no change.
    public func register(_ request: ReleaseRegistration, actorID: String?, now: Instant) throws -> RegistrationReceipt {
        try change(actorID: actorID, now: now) { session in
            var checkedOfficers: Set<String> = []
            return try session.register(request, checkedOfficers: &checkedOfficers)
        }
    }

    /// Registers many releases at once (an import from another system), all or nothing: every
    /// release gets exactly the checks and audit entries of `register`, in one transaction, and
    /// the first one refused refuses the whole import, naming it, with nothing recorded. (A
    /// partial import would leave the person importing to work out which lines are in.) One
    /// transaction also means no savepoint per release, which is most of what made a `batch`
    /// of single registrations slower.
    public func registerReleases(_ requests: [ReleaseRegistration], actorID: String?,
                                 now: Instant) throws -> [RegistrationReceipt] {
        try change(actorID: actorID, now: now) { session in
            var checkedOfficers: Set<String> = []
            var receipts: [RegistrationReceipt] = []
            receipts.reserveCapacity(requests.count)
            for (index, request) in requests.enumerated() {
                do {
                    receipts.append(try session.register(request, checkedOfficers: &checkedOfficers))
                } catch {
                    let refusal = CaseloadError.from(error)
                    let which = (try? InputHygiene.caseRef(request.caseRef)).map { " (\($0))" } ?? ""
                    throw CaseloadError(refusal.kind, "release \(index + 1) of \(requests.count)\(which): "
                        + "\(refusal.message); nothing was registered")
                }
            }
            return receipts
        }
    }

    /// Extends the open term by whole months while the total stays at most 12 and it does not
    /// reach into the person's next registered term.
    public func extendTerm(caseRef: String, byMonths: Int, actorID: String?, now: Instant) throws -> TermChangeReceipt {
        try change(actorID: actorID, now: now) { session in
            _ = try session.requireCaseworker("extend terms")
            let term = try session.openTerm(caseRef: caseRef, doing: "extend")
            guard byMonths >= 1 else {
                throw CaseloadError.invalid("--months: an extension is at least one whole month, not \(byMonths)")
            }
            let total = term.months + byMonths
            guard TermLength.allowedMonths.contains(total) else {
                throw CaseloadError.invalid("--months: extending \(term.months) months by \(byMonths) would make \(total); a term is at most 12 months")
            }
            let endsOn = TermLength.endsOn(startsOn: term.startsOn, months: total)
            if let next: String = try session.connection.scalar("""
                SELECT min(starts_on) FROM supervision_term
                WHERE person_id = ? AND id <> ? AND starts_on > ? AND starts_on <= ?
                """, [term.personId, term.id, term.startsOn.description, endsOn.description]) {
                throw CaseloadError.invalid("--months: extending to \(endsOn) would overlap \(term.caseRef)'s next term, from \(next); a person has one open term at a time")
            }
            try session.connection.execute("UPDATE supervision_term SET months = ?, ends_on = ? WHERE id = ?",
                                           [total, endsOn.description, term.id])
            try session.audit("term.extend", entity: "term", id: String(term.id), details: [
                "caseRef": term.caseRef, "fromMonths": String(term.months), "toMonths": String(total),
                "fromEndsOn": term.endsOn.description, "toEndsOn": endsOn.description])
            return TermChangeReceipt(caseRef: term.caseRef, termId: term.id, status: "open", level: term.level.rawValue,
                                     months: total, startsOn: term.startsOn.description, endsOn: endsOn.description)
        }
    }

    /// Discharges the open term early, as of today (the as-of date), with a reason.
    public func dischargeTerm(caseRef: String, reason rawReason: String, actorID: String?, now: Instant) throws -> TermChangeReceipt {
        try change(actorID: actorID, now: now) { session in
            _ = try session.requireCaseworker("discharge terms")
            let term = try session.openTerm(caseRef: caseRef, doing: "discharge")
            guard let reason = try InputHygiene.freeText(rawReason, field: "--reason") else {
                throw CaseloadError.invalid("--reason: an early discharge needs a reason")
            }
            let today = session.today
            guard today >= term.startsOn else {
                throw CaseloadError.invalid("\(term.caseRef)'s term starts on \(term.startsOn); it cannot be discharged before it starts")
            }
            try session.connection.execute("""
                UPDATE supervision_term SET status = 'discharged', closed_on = ?, close_reason = ? WHERE id = ?
                """, [today.description, reason, term.id])
            try session.audit("term.discharge", entity: "term", id: String(term.id),
                              details: ["caseRef": term.caseRef, "on": today.description, "reason": reason])
            return TermChangeReceipt(caseRef: term.caseRef, termId: term.id, status: "discharged", level: term.level.rawValue,
                                     months: term.months, startsOn: term.startsOn.description, endsOn: term.endsOn.description)
        }
    }

    /// Changes the supervision level from today; the current level applies to every due date.
    public func changeLevel(caseRef: String, level rawLevel: String, reason rawReason: String?, actorID: String?,
                            now: Instant) throws -> TermChangeReceipt {
        try change(actorID: actorID, now: now) { session in
            let (actor, _) = try session.requireCaseworker("change supervision levels")
            let term = try session.openTerm(caseRef: caseRef, doing: "change the level")
            let level = try SupervisionLevel.parse(rawLevel, field: "--level")
            let reason = try rawReason.flatMap { try InputHygiene.freeText($0, field: "--reason") }
            guard level != term.level else {
                throw CaseloadError.invalid("--level: \(term.caseRef) is already at level \(level.rawValue)")
            }
            let effective = Swift.max(session.today, term.startsOn)
            try session.connection.execute("UPDATE supervision_term SET level = ? WHERE id = ?", [level.rawValue, term.id])
            try session.connection.execute("""
                INSERT INTO term_level_change (term_id, level, effective_on, changed_by, changed_at, reason)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [term.id, level.rawValue, effective.description, actor, now.description, reason])
            try session.audit("term.level", entity: "term", id: String(term.id), details: [
                "caseRef": term.caseRef, "from": term.level.rawValue, "to": level.rawValue, "reason": reason ?? ""])
            return TermChangeReceipt(caseRef: term.caseRef, termId: term.id, status: "open", level: level.rawValue,
                                     months: term.months, startsOn: term.startsOn.description, endsOn: term.endsOn.description)
        }
    }
}

extension Session {
    /// One registration inside the caller's transaction (docs/terms.md §3). `checkedOfficers` holds the
    /// officers already found able to hold a caseload in this transaction, so an import onto
    /// the same officers looks each up once.
    func register(_ request: ReleaseRegistration, checkedOfficers: inout Set<String>) throws -> RegistrationReceipt {
        let session = self
        let (actor, role) = try session.requireCaseworker("register releases")
        let caseRef = try InputHygiene.caseRef(request.caseRef)
        let name = try InputHygiene.name(request.name, field: "--name")
        let born = try InputHygiene.date(request.born, field: "--born")
        let startsOn = try InputHygiene.date(request.released, field: "--released")
        guard TermLength.allowedMonths.contains(request.months) else {
            throw CaseloadError.invalid("--months: a supervision term is 6 to 12 whole months, not \(request.months)")
        }
        guard born < startsOn else {
            throw CaseloadError.invalid("--born: the date of birth \(born) is not before the release date \(startsOn)")
        }
        let level = try SupervisionLevel.parse(request.level, field: "--level")
        let home = try request.home.map { try GeoPoint.parse($0, field: "--home") }
        let officerID = try InputHygiene.actorID(request.officer, field: "--officer")
        if role == .officer, officerID != actor {
            throw CaseloadError.notPermitted("\(actor) may register releases only onto their own caseload, not \(officerID)'s")
        }
        // Registering onto one's own caseload needs no look-up: the actor was resolved in this
        // transaction as an active officer or supervisor.
        if officerID != actor, !checkedOfficers.contains(officerID) {
            let officer = try session.connection.fetchOne("SELECT role, active FROM officer WHERE id = ?", [officerID]) {
                (try $0.get(0) as String, try $0.get(1) as Bool)
            }
            guard let officer else { throw CaseloadError.notFound("--officer: no account '\(officerID)'") }
            guard officer.1, officer.0 == "officer" || officer.0 == "supervisor" else {
                throw CaseloadError.invalid("--officer: '\(officerID)' is not an active officer or supervisor, so cannot hold a caseload")
            }
            checkedOfficers.insert(officerID)
        }

        let endsOn = TermLength.endsOn(startsOn: startsOn, months: request.months)
        let connection = session.connection
        let personId: Int64
        if let existing = try connection.fetchOne(
            "SELECT id, name, born_on, home_latitude, home_longitude FROM person WHERE case_ref = ?", [caseRef], { row in
            let lat: Double? = try row.get(3), lon: Double? = try row.get(4)
            let home = lat.flatMap { lat in lon.flatMap { GeoPoint(latitude: lat, longitude: $0) } }
            return (try row.get(0) as Int64, try row.get(1) as String, try row.get(2) as String, home)
        }) {
            guard existing.1 == name, existing.2 == born.description else {
                throw CaseloadError.invalid("--case-ref: \(caseRef) is already registered with another name or date of birth; a case reference names one person")
            }
            personId = existing.0
            let overlapping: String? = try connection.scalar("""
                SELECT starts_on FROM supervision_term
                WHERE person_id = ? AND starts_on <= ?
                  AND CASE WHEN closed_on IS NULL THEN ends_on ELSE min(closed_on, ends_on) END >= ?
                LIMIT 1
                """, [personId, endsOn.description, startsOn.description])
            if let overlapping {
                throw CaseloadError.invalid("--released: \(caseRef) already has a supervision term (from \(overlapping)) that overlaps \(startsOn)–\(endsOn); a person has one open term at a time")
            }
            if let home, home != existing.3 {
                try connection.execute("UPDATE person SET home_latitude = ?, home_longitude = ? WHERE id = ?",
                                       [home.latitude, home.longitude, personId])
                try session.audit("person.home", entity: "person", id: caseRef,
                                  details: ["home": "\(home.latitude),\(home.longitude)"])
            }
        } else {
            try connection.execute("""
                INSERT INTO person (case_ref, name, born_on, home_latitude, home_longitude, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [caseRef, name, born.description, home?.latitude, home?.longitude, now.description])
            personId = connection.lastInsertRowID
            try session.audit("person.add", entity: "person", id: caseRef,
                              details: ["name": name, "born": born.description])
        }

        let standard = session.agency.standard
        let firstInterview = InterviewDue.first(startsOn: startsOn, calendar: try session.holidays(), standard: standard)
        let firstLifeLog = LifeLogSchedule.defaultFirstDue(startsOn: startsOn, intervalDays: standard.lifeLogInterval(level))
        try connection.execute("""
            INSERT INTO supervision_term (person_id, officer_id, starts_on, months, ends_on, level, status,
                first_interview_due_on, first_life_log_due_on, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
            """, [personId, officerID, startsOn.description, request.months, endsOn.description, level.rawValue,
                  firstInterview.description, firstLifeLog.description, now.description])
        let termId = connection.lastInsertRowID
        try connection.execute("""
            INSERT INTO term_level_change (term_id, level, effective_on, changed_by, changed_at, reason)
            VALUES (?, ?, ?, ?, ?, 'registered')
            """, [termId, level.rawValue, startsOn.description, actor, now.description])
        try session.audit("term.register", entity: "term", id: String(termId), details: [
            "caseRef": caseRef, "officer": officerID, "startsOn": startsOn.description,
            "endsOn": endsOn.description, "months": String(request.months), "level": level.rawValue])
        return RegistrationReceipt(caseRef: caseRef, termId: termId, startsOn: startsOn.description,
                                   endsOn: endsOn.description, firstInterviewDueOn: firstInterview.description,
                                   firstLifeLogDueOn: firstLifeLog.description)
    }
}
