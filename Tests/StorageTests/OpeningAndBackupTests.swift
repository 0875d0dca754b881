import Foundation
import Storage
import Testing

private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

private let parent = Migration(version: 1, name: "parent", sql: """
    CREATE TABLE parent (id INTEGER PRIMARY KEY, label TEXT) STRICT;
    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id)) STRICT;
    INSERT INTO parent (id, label) VALUES (1, 'one');
    INSERT INTO child (id, parent_id) VALUES (1, 1);
    """)

/// Rebuilds `parent` (which `child` refers to) to add a CHECK: SQLite's twelve steps.
private let rebuild = Migration(version: 2, name: "parent_rebuild", sql: """
    -- caseload:foreign-keys-off
    CREATE TABLE parent_new (id INTEGER PRIMARY KEY, label TEXT CHECK (length(label) <= 10)) STRICT;
    INSERT INTO parent_new SELECT * FROM parent;
    DROP TABLE parent;
    ALTER TABLE parent_new RENAME TO parent;
    """)

@Suite("Opening files, migrations that rebuild tables, backups (docs/operations.md §14)")
struct OpeningAndBackupTests {
    @Test func aCreatedDatabaseIsPrivate() throws {
        try withTemporaryDatabaseFile { path in
            let db = try Connection(path: path)
            try db.executeScript("CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)")
            #expect(PrivateFile.permissions(atPath: path) == 0o600)
            #expect(PrivateFile.permissions(atPath: path + "-wal") == 0o600)
            #expect(PrivateFile.permissions(atPath: path + "-shm") == 0o600)
        }
    }

    @Test func readOnlyOpeningWritesNothing() throws {
        try withTemporaryDatabaseFile { path in
            // Another application's file, in rollback-journal mode.
            do {
                let db = try Connection(path: path, access: .create)
                try db.executeScript("PRAGMA journal_mode = DELETE; CREATE TABLE theirs (x TEXT) STRICT; INSERT INTO theirs VALUES ('a')")
            }
            let before = try bytes(path)
            do {
                let db = try Connection(path: path, access: .readOnly)
                #expect(db.isReadOnly)
                let count: Int? = try db.scalar("SELECT count(*) FROM theirs")
                #expect(count == 1)
                let migrator = try Migrator(migrations: [parent])
                #expect(try migrator.pending(db) == [parent])
                #expect(throws: SQLiteError.self) { try db.write { try db.execute("INSERT INTO theirs VALUES ('b')") } }
                #expect(throws: SQLiteError.self) { try db.executeScript("CREATE TABLE mine (x INTEGER)") }
            }
            #expect(try bytes(path) == before)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test func readWriteOpeningNeverCreates() throws {
        try withTemporaryDatabaseFile { path in
            #expect(throws: DatabaseOpenError.self) { _ = try Connection(path: path, access: .readWrite) }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func aReadOnlyURIEscapesItsPath() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("caseload odd?#% \(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("d?b.sqlite").path
        do { try Connection(path: path).executeScript("CREATE TABLE t (x INTEGER) STRICT") }
        let db = try Connection(path: path, access: .readOnly)
        let tables: Int? = try db.scalar("SELECT count(*) FROM sqlite_schema")
        #expect(tables == 1)
    }

    @Test func aMigrationMayAskForForeignKeysOff() throws {
        let db = try Connection(path: ":memory:")
        let migrator = try Migrator(migrations: [parent, rebuild])
        #expect(rebuild.needsForeignKeysOff && !parent.needsForeignKeysOff)
        try migrator.migrate(db, now: "2026-01-01T00:00:00Z")
        let sql: String? = try db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'parent'")
        #expect(sql?.contains("CHECK (length(label) <= 10)") == true)
        let children: Int? = try db.scalar("SELECT count(*) FROM child")
        #expect(children == 1)
        // Foreign keys are back on afterwards.
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO child (id, parent_id) VALUES (2, 99)") }
    }

    @Test func aRebuildThatBreaksAReferenceIsRolledBack() throws {
        let db = try Connection(path: ":memory:")
        let losing = Migration(version: 2, name: "parent_lossy", sql: """
            -- caseload:foreign-keys-off
            CREATE TABLE parent_new (id INTEGER PRIMARY KEY, label TEXT) STRICT;
            DROP TABLE parent;
            ALTER TABLE parent_new RENAME TO parent;
            """)
        try Migrator(migrations: [parent]).migrate(db, now: "2026-01-01T00:00:00Z")
        #expect(throws: MigrationError.self) {
            try Migrator(migrations: [parent, losing]).migrate(db, now: "2026-01-01T00:00:00Z")
        }
        let parents: Int? = try db.scalar("SELECT count(*) FROM parent")
        #expect(parents == 1)
        let versions: Int? = try db.scalar("SELECT count(*) FROM schema_migration")
        #expect(versions == 1)
    }

    @Test func anOldLooseMigrationTableBecomesStrict() throws {
        let db = try Connection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                                           applied_at TEXT NOT NULL);
            """)
        try db.execute("INSERT INTO schema_migration VALUES (1, ?, ?, '2025-01-01T00:00:00Z')", [parent.name, parent.checksum])
        try db.executeScript(parent.sql)
        try Migrator(migrations: [parent]).migrate(db, now: "2026-01-01T00:00:00Z")
        let strict: Int? = try db.scalar("SELECT strict FROM pragma_table_list WHERE name = 'schema_migration'")
        #expect(strict == 1)
        let rows: Int? = try db.scalar("SELECT count(*) FROM schema_migration")
        #expect(rows == 1)
    }

    @Test func pendingIsARead() throws {
        try withTemporaryDatabaseFile { path in
            do { try Connection(path: path).executeScript("PRAGMA journal_mode = DELETE") }
            let before = try bytes(path)
            let db = try Connection(path: path, access: .readOnly)
            #expect(try Migrator(migrations: [parent]).pending(db) == [parent])
            #expect(try bytes(path) == before)
        }
    }

    @Test func aBackupIsAPrivateConsistentCopy() throws {
        try withTemporaryDatabaseFile { path in
            let db = try Connection(path: path)
            try db.executeScript("CREATE TABLE t (x INTEGER) STRICT")
            try db.write { for i in 0..<500 { try db.execute("INSERT INTO t VALUES (?)", [i]) } }
            let copy = path + ".copy"
            try db.backup(into: copy)
            #expect(PrivateFile.permissions(atPath: copy) == 0o600)
            #expect(throws: DatabaseOpenError.self) { try db.backup(into: copy) }
            let restored = try Connection(path: copy, access: .readOnly)
            let count: Int? = try restored.scalar("SELECT count(*) FROM t")
            #expect(count == 500)
            #expect(try restored.integrityProblems().isEmpty)
            #expect(try restored.foreignKeyProblems().isEmpty)
        }
    }

    @Test func aBusyTimeoutCanBeChosen() throws {
        try withTemporaryDatabaseFile { path in
            let holder = try Connection(path: path)
            try holder.executeScript("CREATE TABLE t (x INTEGER) STRICT")
            let other = try Connection(path: path, access: .readWrite, busyTimeoutMilliseconds: 50)
            try holder.write {
                try holder.execute("INSERT INTO t VALUES (1)")
                let error = #expect(throws: SQLiteError.self) { try other.write { try other.execute("INSERT INTO t VALUES (2)") } }
                #expect(error?.isBusy == true)
            }
        }
    }
}
