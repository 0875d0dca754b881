import Storage
import Testing

private let first = Migration(version: 1, name: "agency", sql: """
    CREATE TABLE agency (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
    """)
private let second = Migration(version: 2, name: "officer", sql: """
    CREATE TABLE officer (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency (id),
        name TEXT NOT NULL
    ) STRICT;
    CREATE INDEX officer_agency ON officer (agency_id);
    """)
private let third = Migration(version: 3, name: "officer_badge", sql: """
    ALTER TABLE officer ADD COLUMN badge TEXT;
    """)

private struct Recorded: Equatable {
    let version: Int
    let name: String
    let checksum: String
    let appliedAt: String
}

private func recorded(_ db: Connection) throws -> [Recorded] {
    try db.fetchAll("SELECT version, name, checksum, applied_at FROM schema_migration ORDER BY version") { row in
        Recorded(version: try row.get("version"), name: try row.get("name"),
                 checksum: try row.get("checksum"), appliedAt: try row.get("applied_at"))
    }
}

private func tables(_ db: Connection) throws -> [String] {
    try db.fetchAll("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name") {
        try $0.get(0)
    }
}

@Suite("Migrator")
struct MigratorTests {
    @Test func checksumIsTheSHA256OfTheSQL() {
        #expect(Migration(version: 1, name: "x", sql: "").checksum
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Migration(version: 1, name: "x", sql: "abc").checksum
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(first.checksum.count == 64)
        #expect(first.checksum != second.checksum)
    }

    @Test(arguments: [(1, "0001_agency"), (42, "0042_agency"), (9999, "9999_agency"), (12345, "12345_agency")])
    func label(version: Int, expected: String) {
        #expect(Migration(version: version, name: "agency", sql: "").label == expected)
    }

    @Test func freshDatabaseGetsEveryMigrationRecorded() throws {
        let db = try Connection(path: ":memory:")
        // Given out of order: applied in version order.
        let migrator = try Migrator(migrations: [third, first, second])
        #expect(migrator.migrations.map(\.version) == [1, 2, 3])
        #expect(try migrator.pending(db) == [first, second, third])
        let applied = try migrator.migrate(db, now: "2025-03-01T09:30:00Z")
        #expect(applied == [first, second, third])
        #expect(try recorded(db) == [first, second, third].map {
            Recorded(version: $0.version, name: $0.name, checksum: $0.checksum, appliedAt: "2025-03-01T09:30:00Z")
        })
        #expect(try tables(db) == ["agency", "officer", "officer_agency", "schema_migration"])
        #expect(try db.fetchAll("SELECT name FROM pragma_table_info('officer') ORDER BY cid") { try $0.get(0, as: String.self) }
                == ["id", "agency_id", "name", "badge"])
        #expect(try migrator.pending(db) == [])
        #expect(!db.isInTransaction)
    }

    @Test func secondRunAppliesNothingAndChangesNothing() throws {
        try withTemporaryDatabaseFile { path in
            let db = try Connection(path: path)
            let migrator = try Migrator(migrations: [first, second])
            try migrator.migrate(db, now: "2025-03-01T09:30:00Z")
            let before = try recorded(db)
            let schemaBefore = try db.fetchAll("SELECT sql FROM sqlite_schema ORDER BY name") { try $0.get(0, as: String?.self) }
            let dataVersion: Int? = try db.scalar("PRAGMA data_version")

            let again = try Connection(path: path)
            #expect(try migrator.migrate(again, now: "2030-01-01T00:00:00Z") == [])
            #expect(try recorded(again) == before)
            let schemaAfter = try db.fetchAll("SELECT sql FROM sqlite_schema ORDER BY name") { try $0.get(0, as: String?.self) }
            #expect(schemaAfter == schemaBefore)
            // data_version changes for `db` only if another connection committed a change.
            let dataVersionAfter: Int? = try db.scalar("PRAGMA data_version")
            #expect(dataVersionAfter == dataVersion)
        }
    }

    @Test func laterMigrationsAreAppliedOnTopOfEarlierOnes() throws {
        let db = try Connection(path: ":memory:")
        try Migrator(migrations: [first]).migrate(db, now: "2025-01-01T00:00:00Z")
        try db.execute("INSERT INTO agency (id, name) VALUES (1, 'North')")
        let applied = try Migrator(migrations: [first, second, third]).migrate(db, now: "2025-02-01T00:00:00Z")
        #expect(applied == [second, third])
        #expect(try recorded(db).map(\.appliedAt) == ["2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "2025-02-01T00:00:00Z"])
        #expect(try db.scalar("SELECT name FROM agency", as: String.self) == "North")
    }

    @Test func editedMigrationIsRefusedAndNothingIsApplied() throws {
        let db = try Connection(path: ":memory:")
        try Migrator(migrations: [first]).migrate(db, now: "2025-01-01T00:00:00Z")
        let edited = Migration(version: 1, name: "agency", sql: first.sql + "\n-- a harmless-looking comment")
        let migrator = try Migrator(migrations: [edited, second])
        let error = #expect(throws: MigrationError.self) { try migrator.migrate(db, now: "2025-02-01T00:00:00Z") }
        #expect(error == .changedAfterApplied(label: "0001_agency"))
        #expect(error?.description.contains("0001_agency") == true)
        #expect(throws: MigrationError.changedAfterApplied(label: "0001_agency")) { try migrator.pending(db) }
        #expect(try recorded(db).map(\.version) == [1])
        #expect(try tables(db) == ["agency", "schema_migration"])
        #expect(!db.isInTransaction)
    }

    @Test func unknownNewerMigrationIsRefused() throws {
        let db = try Connection(path: ":memory:")
        try Migrator(migrations: [first, second, third]).migrate(db, now: "2025-01-01T00:00:00Z")
        let older = try Migrator(migrations: [first, second])
        let error = #expect(throws: MigrationError.self) { try older.migrate(db, now: "2025-02-01T00:00:00Z") }
        #expect(error == .unknownApplied(version: 3, name: "officer_badge"))
        #expect(error?.description.contains("newer") == true)
        #expect(try recorded(db).map(\.version) == [1, 2, 3])
    }

    @Test func unknownMigrationIsRefusedBeforeAnythingIsApplied() throws {
        let db = try Connection(path: ":memory:")
        let audit = Migration(version: 3, name: "audit", sql: "CREATE TABLE audit (id INTEGER PRIMARY KEY) STRICT;")
        try Migrator(migrations: [first, audit]).migrate(db, now: "2025-01-01T00:00:00Z")
        // This build has 1 and 2 but not 3: 2 must not be applied to a database it does not know.
        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: [first, second]).migrate(db, now: "2025-02-01T00:00:00Z")
        }
        #expect(error == .unknownApplied(version: 3, name: "audit"))
        #expect(try recorded(db).map(\.version) == [1, 3])
        #expect(!(try tables(db)).contains("officer_agency"))
    }

    @Test func migrationMissingBelowAnAppliedOneIsRefused() throws {
        let db = try Connection(path: ":memory:")
        let numberThree = Migration(version: 3, name: "audit", sql: "CREATE TABLE audit (id INTEGER PRIMARY KEY) STRICT;")
        try Migrator(migrations: [first, numberThree]).migrate(db, now: "2025-01-01T00:00:00Z")
        // This build has 1, 2 and 3; the database has 1 and 3. Running 2 after 3 is refused.
        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: [first, second, numberThree]).migrate(db, now: "2025-02-01T00:00:00Z")
        }
        #expect(error == .missingBelowApplied(label: "0002_officer", applied: 3))
        #expect(try recorded(db).map(\.version) == [1, 3])
    }

    @Test func failingMigrationLeavesNoTrace() throws {
        let db = try Connection(path: ":memory:")
        let broken = Migration(version: 3, name: "broken", sql: """
            CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT;
            INSERT INTO half_done (id) VALUES (1);
            ALTER TABLE officer ADD COLUMN badge TEXT;
            INSERT INTO no_such_table VALUES (1);
            """)
        let error = #expect(throws: SQLiteError.self) {
            try Migrator(migrations: [first, second, broken]).migrate(db, now: "2025-01-01T00:00:00Z")
        }
        #expect(error?.message.contains("no_such_table") == true)
        #expect(!db.isInTransaction)
        #expect(try recorded(db).map(\.version) == [1, 2])
        #expect(try tables(db) == ["agency", "officer", "officer_agency", "schema_migration"])
        #expect(try db.fetchAll("SELECT name FROM pragma_table_info('officer')") { try $0.get(0, as: String.self) }
                == ["id", "agency_id", "name"])
        // Once fixed, the migration applies on top.
        let applied = try Migrator(migrations: [first, second, third]).migrate(db, now: "2025-01-02T00:00:00Z")
        #expect(applied == [third])
    }

    @Test func duplicateVersionsAreRefused() {
        let twin = Migration(version: 2, name: "twin", sql: "CREATE TABLE twin (id INTEGER) STRICT;")
        #expect(throws: MigrationError.duplicateVersion(2)) { _ = try Migrator(migrations: [first, second, twin]) }
        #expect(throws: MigrationError.duplicateVersion(2)) { _ = try Migrator(migrations: [twin, first, second]) }
        #expect(throws: MigrationError.duplicateVersion(1)) { _ = try Migrator(migrations: [first, first]) }
    }

    @Test func noMigrationsIsFine() throws {
        let db = try Connection(path: ":memory:")
        #expect(try Migrator(migrations: []).migrate(db, now: "2025-01-01T00:00:00Z") == [])
        #expect(try tables(db) == ["schema_migration"])
    }

    @Test func migratesThroughADatabaseHandle() throws {
        try withTemporaryDatabaseFile { path in
            let migrator = try Migrator(migrations: [first, second])
            let db = try Database(path: path)
            let applied = try db.withConnection { try migrator.migrate($0, now: "2025-01-01T00:00:00Z") }
            #expect(applied.count == 2)
            let reopened = try Database(path: path)
            let pending = try reopened.withConnection { try migrator.pending($0) }
            #expect(pending == [])
            let versions = try reopened.withConnection { connection in
                try connection.fetchAll("SELECT version FROM schema_migration ORDER BY version") { try $0.get(0, as: Int.self) }
            }
            #expect(versions == [1, 2])
        }
    }
}
