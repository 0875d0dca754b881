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
    /// The first-line marker of a migration that rebuilds tables other tables refer to (SQLite's
    /// twelve-step procedure): it runs with foreign keys off, which cannot change inside a
    /// transaction, and `PRAGMA foreign_key_check` must find nothing before it commits.
    public static let foreignKeysOffMarker = "-- caseload:foreign-keys-off"

    /// True when the first line of the SQL is `foreignKeysOffMarker`.
    public var needsForeignKeysOff: Bool {
        sql.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingSuffix() == Migration.foreignKeysOffMarker } ?? false
    }

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
    /// A migration run with foreign keys off left a row referring to nothing.
    case foreignKeysBroken(label: String, problem: String)

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
        case .foreignKeysBroken(let label, let problem):
            return "migration \(label) would leave a broken reference (\(problem)); nothing was changed"
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
        try connection.write { try Migrator.createOrStrictenTable(connection) }
        var applied: [Migration] = []
        for migration in try pending(connection) {
            if migration.needsForeignKeysOff {
                try connection.executeScript("PRAGMA foreign_keys = OFF")
            }
            defer {
                if migration.needsForeignKeysOff { try? connection.executeScript("PRAGMA foreign_keys = ON") }
            }
            try connection.write {
                // Another process may have applied it since we looked.
                let already: Int? = try connection.scalar(
                    "SELECT 1 FROM schema_migration WHERE version = ?", [migration.version])
                guard already == nil else { return }
                try connection.executeScript(migration.sql)
                if migration.needsForeignKeysOff, let problem = try connection.foreignKeyProblems().first {
                    throw MigrationError.foreignKeysBroken(label: migration.label, problem: problem)
                }
                try connection.execute(
                    "INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    [migration.version, migration.name, migration.checksum, now])
                applied.append(migration)
            }
        }
        return applied
    }

    static let tableSQL = """
        CREATE TABLE schema_migration (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT
        """

    /// Creates `schema_migration`, or rebuilds one made by an early build without STRICT (its
    /// rows are kept), inside the caller's write transaction.
    static func createOrStrictenTable(_ connection: Connection) throws {
        let strict: Int? = try connection.scalar(
            "SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = 'schema_migration'")
        switch strict {
        case nil:
            try connection.executeScript(tableSQL)
        case 0?:
            try connection.executeScript("""
                ALTER TABLE schema_migration RENAME TO schema_migration_loose;
                \(tableSQL);
                INSERT INTO schema_migration (version, name, checksum, applied_at)
                    SELECT version, name, checksum, applied_at FROM schema_migration_loose;
                DROP TABLE schema_migration_loose;
                """)
        default:
            break
        }
    }

    /// True when the database has the migrator's table (it was made by `migrate`).
    public static func hasTable(_ connection: Connection) throws -> Bool {
        try connection.read {
            let found: Int? = try connection.scalar(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'")
            return found != nil
        }
    }

    /// The migrations not yet applied, after checking the recorded ones against this build. A
    /// read: it writes nothing, so it may look at any file (without the table, all are pending).
    public func pending(_ connection: Connection) throws -> [Migration] {
        guard try Migrator.hasTable(connection) else { return migrations }
        return try connection.read {
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

private extension Substring {
    func trimmingSuffix() -> Substring {
        var text = self
        while let last = text.last, last == " " || last == "\r" || last == "\t" { text.removeLast() }
        return text
    }
}
