import Foundation
import Storage
import SupervisionRules

/// What one use case works with inside its transaction: the connection, the agency, the clock
/// and the acting person, resolved once.
struct Session {
    let connection: Connection
    let agency: Agency
    let now: Instant
    /// Nil only for commands that need no actor (`init`, `audit verify`).
    let actor: Actor?
    /// Where the settings come from when they have not changed, and the counter they are at.
    private let settings: SettingsCache?
    private let settingsVersion: Int64

    init(connection: Connection, actorID: String?, now: Instant, settings: SettingsCache? = nil) throws {
        self.connection = connection
        self.now = now
        self.settings = settings
        if let settings {
            settingsVersion = try settings.version(connection)
            agency = try settings.agency(connection, version: settingsVersion)
        } else {
            settingsVersion = -1
            agency = try Session.loadAgency(connection)
        }
        let version = settingsVersion
        self.actor = try actorID.map { try Session.resolveActor($0, connection: connection, settings: settings,
                                                                 version: version) }
    }

    /// The agency-local date of the clock.
    var today: LocalDate { agency.zone.date(of: now) }

    static func loadAgency(_ connection: Connection) throws -> Agency {
        guard let (name, zoneID) = try connection.fetchOne("SELECT name, time_zone FROM agency WHERE id = 1", [], {
            (try $0.get(0) as String, try $0.get(1) as String)
        }) else {
            throw CaseloadError(.cannotOpen, "this database has no agency yet; run 'caseload init' first")
        }
        guard let zone = AgencyZone(identifier: zoneID) else {
            throw CaseloadError(.other, "the agency's time zone '\(zoneID)' is not known to this system")
        }
        var standard = ContactStandard.default
        try connection.forEachRow("SELECT level, interview_interval_days, life_log_interval_days FROM contact_standard") { row in
            guard let level = SupervisionLevel(rawValue: try row.get(0)) else { return }
            standard.interviewIntervalDays[level] = try row.get(1)
            standard.lifeLogIntervalDays[level] = try row.get(2)
        }
        try connection.forEachRow("SELECT key, value FROM agency_setting") { row in
            let value: Int = try row.get(1)
            switch try row.get(0) as String {
            case "first_interview_business_days": standard.firstInterviewBusinessDays = value
            case "evidence_window_business_days": standard.evidenceWindowBusinessDays = value
            case "life_log_grace_days": standard.lifeLogGraceDays = value
            default: break
            }
        }
        return Agency(name: name, zone: zone, standard: standard)
    }

    static func resolveActor(_ raw: String, connection: Connection, settings: SettingsCache? = nil,
                             version: Int64 = -1) throws -> Actor {
        let id = InputHygiene.trimmed(raw, newlines: false)
        guard !id.isEmpty else {
            throw CaseloadError.notPermitted("no actor given: name who is acting with --actor ID or CASELOAD_ACTOR")
        }
        if id.hasPrefix("supervisee:") {
            let caseRef = String(id.dropFirst("supervisee:".count))
            guard let personId: Int64 = try connection.scalar(
                "SELECT id FROM person WHERE case_ref = ? AND erased_on IS NULL", [caseRef]) else {
                throw CaseloadError.notPermitted("'\(id)' is not a known supervisee, so it may not act")
            }
            return .supervisee(caseRef: caseRef, personId: personId)
        }
        guard let settings else { return try resolveStaff(id, connection: connection) }
        return try settings.staff(id, version: version) { try resolveStaff(id, connection: connection) }
    }

    private static func resolveStaff(_ id: String, connection: Connection) throws -> Actor {
        guard let (roleText, active) = try connection.fetchOne("SELECT role, active FROM officer WHERE id = ?", [id], {
            (try $0.get(0) as String, try $0.get(1) as Bool)
        }), let role = Role(rawValue: roleText) else {
            throw CaseloadError.notPermitted("'\(id)' is not a known account, so it may not act")
        }
        guard active else {
            throw CaseloadError.notPermitted("the account '\(id)' is not active, so it may not act")
        }
        return .staff(id: id, role: role)
    }

    /// The actor, which this command requires.
    func requireActor() throws -> Actor {
        guard let actor else {
            throw CaseloadError.notPermitted("no actor given: name who is acting with --actor ID or CASELOAD_ACTOR")
        }
        return actor
    }

    /// An officer or a supervisor; admins do no case work and supervisees only their own.
    func requireCaseworker(_ doing: String) throws -> (id: String, role: Role) {
        let actor = try requireActor()
        guard case .staff(let id, let role) = actor, actor.doesCaseWork else {
            throw CaseloadError.notPermitted("\(actor) may not \(doing): only officers and supervisors do case work")
        }
        return (id, role)
    }

    /// Which caseload a listing or scan covers: an officer's own (asking for another's is
    /// refused), a supervisor's choice (nil = every caseload).
    func caseloadFilter(_ raw: String?, doing: String) throws -> String? {
        let (actor, role) = try requireCaseworker(doing)
        let officer = try raw.map { try InputHygiene.actorID($0, field: "--officer") }
        guard role == .officer else { return officer }
        if let officer, officer != actor {
            throw CaseloadError.notPermitted("\(actor) may \(doing) only on their own caseload, not \(officer)'s")
        }
        return actor
    }

    func requireRole(_ role: Role, _ doing: String) throws -> String {
        let actor = try requireActor()
        guard case .staff(let id, let actual) = actor, actual == role else {
            let article = role == .admin ? "an" : "a"
            throw CaseloadError.notPermitted("\(actor) may not \(doing): only \(article) \(role.rawValue) may")
        }
        return id
    }

    func audit(_ action: String, entity: String, id: String, details: [String: String] = [:]) throws {
        try AuditLog.append(connection, at: now, actor: actor?.auditID ?? "system", action: action,
                            entity: entity, entityID: id, details: details)
    }

    /// Appends many entries of this change at once (see `AuditLog.append(_:at:actor:entries:)`).
    func audit(_ entries: [AuditLog.Entry]) throws {
        try AuditLog.append(connection, at: now, actor: actor?.auditID ?? "system", entries: entries)
    }

    func holidays() throws -> BusinessCalendar {
        func load() throws -> BusinessCalendar {
            let dates = try connection.fetchAll("SELECT on_date FROM holiday") { row in
                LocalDate(iso: try row.get(0))
            }
            return BusinessCalendar(holidays: Set(dates.compactMap { $0 }))
        }
        guard let settings else { return try load() }
        return try settings.calendar(version: settingsVersion, load)
    }
}
