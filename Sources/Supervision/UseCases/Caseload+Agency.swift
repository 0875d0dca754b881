import Foundation
import Storage
import SupervisionRules

public struct InitReceipt: Sendable, Equatable, Codable {
    public let agency: String
    public let timeZone: String
    public let admin: String
    /// False when the database was already initialised (then nothing was written but pending
    /// migrations).
    public let created: Bool
    public let appliedMigrations: [String]
}

extension Caseload {
    /// `caseload init`: creates (or migrates) the database and, the first time, the agency and
    /// its first admin account. Re-running it changes nothing; asking it to change the time zone
    /// or name of an existing agency is refused, because every stored local date depends on them.
    public static func initialize(path: String, timeZone: String?, agencyName: String?, adminID: String?,
                                  now: Instant) throws -> InitReceipt {
        // Validate before the file is created: a refused init leaves no file behind.
        try DatabaseFile.checkPath(path)
        try validateInitOptions(timeZone: timeZone, agencyName: agencyName, adminID: adminID)
        if path != ":memory:", FileManager.default.fileExists(atPath: path),
           case .foreign = try DatabaseFile.inspect(path) {
            throw CaseloadError(.cannotOpen, "the file at \(path) holds another application's tables; init only creates or updates a Caseload database, so nothing was changed")
        }
        let database = try Database(path: path, access: .create, busyTimeoutMilliseconds: DatabaseFile.busyTimeoutMilliseconds)
        return try initialize(database: database, timeZone: timeZone, agencyName: agencyName, adminID: adminID, now: now)
    }

    @discardableResult
    static func initialize(database: Database, timeZone: String?, agencyName: String?, adminID: String?,
                           now: Instant) throws -> InitReceipt {
        let (zone, name, admin) = try validateInitOptions(timeZone: timeZone, agencyName: agencyName, adminID: adminID)
        return try database.withConnection { connection in
            let applied = try migrator.migrate(connection, now: now.description)
            return try connection.write {
                // Entries written before the erasable form (migration 0012) are re-chained into it.
                try AuditLog.upgradeLegacyEntries(connection, at: now)
                if let existing = try connection.fetchOne("SELECT name, time_zone FROM agency WHERE id = 1", [], {
                    (try $0.get(0) as String, try $0.get(1) as String)
                }) {
                    if timeZone != nil, existing.1 != zone.identifier {
                        throw CaseloadError.invalid("this database was initialised with time zone \(existing.1); the time zone cannot be changed")
                    }
                    if let name, name != existing.0 {
                        throw CaseloadError.invalid("this database was initialised for the agency '\(existing.0)'; its name cannot be changed by init")
                    }
                    let adminName: String = try connection.scalar(
                        "SELECT id FROM officer WHERE role = 'admin' ORDER BY created_at, rowid LIMIT 1") ?? ""
                    return InitReceipt(agency: existing.0, timeZone: existing.1, admin: adminName, created: false,
                                       appliedMigrations: applied.map(\.label))
                }
                let agency = name ?? "Caseload agency"
                let adminID = admin ?? "admin"
                try connection.execute("INSERT INTO agency (id, name, time_zone, created_at) VALUES (1, ?, ?, ?)",
                                       [agency, zone.identifier, now.description])
                try connection.execute(
                    "INSERT INTO officer (id, name, role, active, created_at) VALUES (?, 'Administrator', 'admin', 1, ?)",
                    [adminID, now.description])
                try AuditLog.append(connection, at: now, actor: "system", action: "agency.init", entity: "agency",
                                    entityID: "1", details: ["name": agency, "timeZone": zone.identifier])
                try AuditLog.append(connection, at: now, actor: "system", action: "officer.add", entity: "officer",
                                    entityID: adminID, details: ["role": "admin"])
                return InitReceipt(agency: agency, timeZone: zone.identifier, admin: adminID, created: true,
                                   appliedMigrations: applied.map(\.label))
            }
        }
    }

    @discardableResult
    static func validateInitOptions(timeZone: String?, agencyName: String?,
                                    adminID: String?) throws -> (AgencyZone, String?, String?) {
        let zoneID = timeZone ?? "UTC"
        guard let zone = AgencyZone(identifier: zoneID) else {
            throw CaseloadError.invalid("--timezone: '\(zoneID)' is not an IANA time zone name (for example Europe/London or America/New_York)")
        }
        let name = try agencyName.map { try InputHygiene.name($0, field: "--agency") }
        let admin = try adminID.map { try InputHygiene.actorID($0, field: "--admin") }
        return (zone, name, admin)
    }

    /// `caseload officer add`: admins only.
    public func addOfficer(id rawID: String, name rawName: String, role: Role, actorID: String?,
                           now: Instant) throws -> Officer {
        try change(actorID: actorID, now: now) { session in
            _ = try session.requireRole(.admin, "add officers")
            let id = try InputHygiene.actorID(rawID, field: "--id")
            let name = try InputHygiene.name(rawName, field: "--name")
            guard !id.hasPrefix("supervisee:") else {
                throw CaseloadError.invalid("--id: an account id may not start with 'supervisee:'")
            }
            let exists: Int? = try session.connection.scalar("SELECT 1 FROM officer WHERE id = ?", [id])
            guard exists == nil else {
                throw CaseloadError.invalid("--id: an account '\(id)' already exists")
            }
            try session.connection.execute(
                "INSERT INTO officer (id, name, role, active, created_at) VALUES (?, ?, ?, 1, ?)",
                [id, name, role.rawValue, now.description])
            try session.audit("officer.add", entity: "officer", id: id, details: ["name": name, "role": role.rawValue])
            return Officer(id: id, name: name, role: role, active: true)
        }
    }

    public struct HolidayReceipt: Sendable, Equatable, Codable {
        public let date: String
        public let name: String?
    }

    /// `caseload holiday add`: admins only. A holiday moves business-day deadlines computed after
    /// it is added (first interview due dates already fixed at registration are not moved).
    public func addHoliday(_ rawDate: String, name rawName: String?, actorID: String?, now: Instant) throws -> HolidayReceipt {
        try change(actorID: actorID, now: now) { session in
            _ = try session.requireRole(.admin, "add holidays")
            let date = try InputHygiene.date(rawDate, field: "DATE")
            let name = try rawName.map { try InputHygiene.name($0, field: "--name") }
            let exists: Int? = try session.connection.scalar("SELECT 1 FROM holiday WHERE on_date = ?", [date.description])
            guard exists == nil else {
                throw CaseloadError.invalid("\(date) is already a holiday")
            }
            try session.connection.execute("INSERT INTO holiday (on_date, name, created_at) VALUES (?, ?, ?)",
                                           [date.description, name, now.description])
            try session.audit("holiday.add", entity: "holiday", id: date.description, details: ["name": name ?? ""])
            return HolidayReceipt(date: date.description, name: name)
        }
    }
}
