import Foundation
import Storage
import SupervisionRules

/// The application: one agency database and the use cases that act on it. Every use case is
/// one transaction that reads records, applies the rules, writes, and appends its audit entries.
public struct Caseload: Sendable {
    public let database: Database
    /// Set inside `batch`: the connection already held, whose transaction the use cases join.
    private let bound: BoundConnection?
    /// The agency's settings as last read (shared by the copies of this value and its batches).
    private let settings: SettingsCache

    /// Opens an existing, initialised database whose schema is current. Creates nothing and
    /// migrates nothing: a command that fails must change nothing, so only `init` does those.
    /// The file is looked at read-only first (see `DatabaseFile`); one that cannot be written is
    /// opened read-only, for listings, and every change is then refused (73).
    public static func open(path: String) throws -> Caseload {
        if path == ":memory:" { return Caseload(database: try Database(path: path)) }
        try DatabaseFile.requireExisting(path)
        switch try DatabaseFile.inspect(path) {
        case .empty:
            throw CaseloadError(.cannotOpen, "the file at \(path) is empty, not a Caseload database; create one with 'caseload init'")
        case .foreign:
            throw CaseloadError(.cannotOpen, "the file at \(path) is not a Caseload database (it holds another application's tables); nothing was changed")
        case .caseload(let pending) where !pending.isEmpty:
            throw CaseloadError(.cannotOpen, "the database at \(path) needs \(pending.count) schema update\(pending.count == 1 ? "" : "s") from this version; run 'caseload init' to apply them")
        case .caseload:
            break
        }
        let caseload = Caseload(database: try DatabaseFile.openForUse(path))
        _ = try caseload.agency()
        return caseload
    }

    /// A fresh private database, migrated and initialised with an agency in `timeZone` whose
    /// admin is `admin` (tests).
    public static func inMemory(timeZone: String = "UTC", admin: String = "admin",
                                now: Instant = Instant(secondsSinceEpoch: 0)) throws -> Caseload {
        let database = try Database.inMemory()
        try initialize(database: database, timeZone: timeZone, agencyName: nil, adminID: admin, now: now)
        return Caseload(database: database)
    }

    /// The agency's settings (zone, contact standard).
    public func agency() throws -> Agency {
        try look(actorID: nil, now: Instant(secondsSinceEpoch: 0)) { $0.agency }
    }

    public init(database: Database) {
        self.database = database
        self.bound = nil
        self.settings = SettingsCache()
    }

    /// Runs many use cases in one transaction (the demo, bulk imports): each use case becomes a
    /// savepoint, so one that fails leaves the others, and the whole batch commits once. The
    /// `Caseload` passed to `body` is valid only inside it.
    public func batch<T>(_ body: (Caseload) throws -> T) throws -> T {
        precondition(bound == nil, "batches do not nest")
        return try forgettingSettingsOnError {
            try database.withConnection { connection in
                try connection.write {
                    try body(Caseload(database: database, bound: BoundConnection(connection), settings: settings))
                }
            }
        }
    }

    /// Inside a batch: runs `body` as one savepoint of the batch, so the use cases in it stand or
    /// fall together while the batch goes on (a server's group commit runs each request so).
    public func savepoint<T>(_ body: (Caseload) throws -> T) throws -> T {
        guard let bound else { preconditionFailure("a savepoint runs inside a batch") }
        return try forgettingSettingsOnError { try bound.connection.write { try body(self) } }
    }

    /// Whether this value runs inside a batch (its use cases join the batch's transaction).
    var isInBatch: Bool { bound != nil }

    private init(database: Database, bound: BoundConnection, settings: SettingsCache) {
        self.database = database
        self.bound = bound
        self.settings = settings
    }

    /// Runs `body`; if it fails, whatever settings its transaction read are forgotten (see
    /// `SettingsCache`).
    private func forgettingSettingsOnError<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            settings.clear()
            throw error
        }
    }

    /// The schema of this build: Migrations/*.sql, embedded at build time.
    public static let migrations: [Migration] = embeddedMigrations.map {
        Migration(version: $0.version, name: $0.name, sql: $0.sql)
    }

    static var migrator: Migrator {
        // Versions are unique by construction (file names); a duplicate is a build defect.
        try! Migrator(migrations: migrations)
    }

    /// Runs `body` as one write transaction on behalf of `actorID` at `now`.
    func change<T>(actorID: String?, now: Instant, _ body: (Session) throws -> T) throws -> T {
        try transaction(write: true, actorID: actorID, now: now, body)
    }

    /// Runs `body` in one read snapshot. Reads that must be audited use `change` instead.
    func look<T>(actorID: String?, now: Instant, _ body: (Session) throws -> T) throws -> T {
        try transaction(write: false, actorID: actorID, now: now, body)
    }

    /// Inside a batch, the transaction is a savepoint of the batch's connection. A failure
    /// drops the settings cache (it may have been filled inside the rolled-back transaction).
    private func transaction<T>(write: Bool, actorID: String?, now: Instant,
                                _ body: (Session) throws -> T) throws -> T {
        if write, database.isReadOnly {
            throw CaseloadError(.cannotOpen, DatabaseFile.readOnlySentence(database.path))
        }
        func run(_ connection: Connection) throws -> T {
            let work = {
                if write { DatabaseFile.pauseAfterLockForTests() }
                let session = try Session(connection: connection, actorID: actorID, now: now, settings: settings)
                let changesBefore = connection.totalChanges
                let result = try body(session)
                // The overdue listing's kept state follows every change, in its transaction; the
                // scan's clock notes the instant of any change.
                if write {
                    try session.refreshDueState()
                    if connection.totalChanges != changesBefore { try session.noteChangeForScan() }
                }
                return result
            }
            return write ? try connection.write(work) : try connection.read(work)
        }
        do {
            return try forgettingSettingsOnError {
                if let bound { return try run(bound.connection) }
                return try database.withConnection(run)
            }
        } catch let error as InputError {
            // The rules speak of input; callers get the one error type of the use cases.
            throw CaseloadError.invalid(error.message)
        }
    }
}

/// The connection a batch holds. `@unchecked Sendable` because it never leaves the batch's
/// closure, which runs while the database lock is held.
private final class BoundConnection: @unchecked Sendable {
    let connection: Connection
    init(_ connection: Connection) { self.connection = connection }
}
