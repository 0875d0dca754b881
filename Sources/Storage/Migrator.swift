/// One schema change: `Migrations/NNNN_name.sql`. Once shipped it is frozen.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the SQL text, hex: what the database records to notice an edited migration.
    public var checksum: String { sha256Hex(sql) }

    /// `0001_agency_and_officers`
    public var label: String {
        let number = String(version)
        return String(repeating: "0", count: Swift.max(0, 4 - number.count)) + number + "_" + name
    }
}

/// Why the migrator refused a database. Each case reads as one sentence.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A migration recorded as applied no longer has the SQL it was applied with.
    case changedAfterApplied(label: String)
    /// The database records a migration this build does not have: a newer Caseload made it.
    case unknownApplied(version: Int, name: String)
    case duplicateVersion(Int)
    /// A migration this build has is missing below one the database already has: applying it
    /// now would run it out of order.
    case missingBelowApplied(label: String, applied: Int)

    public var description: String {
        switch self {
        case .changedAfterApplied(let label):
            return "migration \(label) was changed after it was applied to this database; shipped migrations must never be edited"
        case .unknownApplied(let version, let name):
            return "the database has migration \(version) (\(name)), which this version of Caseload does not know; it was made by a newer version"
        case .duplicateVersion(let version):
            return "two migrations share version \(version)"
        case .missingBelowApplied(let label, let applied):
            return "the database lacks migration \(label) but already has migration \(applied); it cannot be applied out of order"
        }
    }
}

/// Applies migrations in version order, each in its own transaction, and records each one's
/// version, name, checksum and time in `schema_migration`.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(a.version)
        }
        self.migrations = sorted
    }

    /// Brings the database up to date. Returns the migrations it applied (none when already
    /// current, in which case nothing is written at all).
    ///
    /// - Parameter now: the time to record, `YYYY-MM-DDTHH:MM:SSZ`.
    @discardableResult
    public func migrate(_ connection: Connection, now: String) throws -> [Migration] {
        var applied: [Migration] = []
        for migration in try pending(connection) {
            try connection.write {
                // Another process may have applied it since we looked.
                let already: Int? = try connection.scalar(
                    "SELECT 1 FROM schema_migration WHERE version = ?", [migration.version])
                guard already == nil else { return }
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    [migration.version, migration.name, migration.checksum, now])
                applied.append(migration)
            }
        }
        return applied
    }

    /// The migrations not yet applied, after checking the recorded ones against this build.
    public func pending(_ connection: Connection) throws -> [Migration] {
        try connection.write {
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                ) STRICT
                """)
            let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
            var recorded: Set<Int> = []
            try connection.forEachRow("SELECT version, name, checksum FROM schema_migration ORDER BY version") { row in
                let version: Int = try row.get(0)
                let name: String = try row.get(1)
                guard let migration = known[version] else {
                    throw MigrationError.unknownApplied(version: version, name: name)
                }
                guard migration.checksum == (try row.get(2) as String) else {
                    throw MigrationError.changedAfterApplied(label: migration.label)
                }
                recorded.insert(version)
            }
            let pending = migrations.filter { !recorded.contains($0.version) }
            if let highest = recorded.max(), let gap = pending.first(where: { $0.version < highest }) {
                throw MigrationError.missingBelowApplied(label: gap.label, applied: highest)
            }
            return pending
        }
    }
}
