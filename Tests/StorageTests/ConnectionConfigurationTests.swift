import Foundation
import Storage
import Testing

@Suite("Connection configuration")
struct ConnectionConfigurationTests {
    private func makeTable(_ db: Connection) throws {
        try db.execute("CREATE TABLE t (name TEXT) STRICT")
    }

    @Test("double-quoted string literals are refused", arguments: [
        "SELECT \"nope\" FROM t",
        "INSERT INTO t (name) VALUES (\"x\")",
        "SELECT * FROM t WHERE name = \"x\"",
        "UPDATE t SET name = \"x\"",
        "CREATE INDEX i ON t (\"nope\")",
    ])
    func doubleQuotedStringsAreRejected(sql: String) throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        let error = #expect(throws: SQLiteError.self) { try db.execute(sql) }
        #expect(error?.code == ResultCode.error)
        // Double quotes still name identifiers.
        try db.execute("INSERT INTO t (\"name\") VALUES ('y')")
        #expect(try db.scalar("SELECT \"name\" FROM \"t\"", as: String.self) == "y")
    }

    @Test func doubleQuotedStringsAreRejectedInScripts() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        #expect(throws: SQLiteError.self) { try db.executeScript("INSERT INTO t (name) VALUES (\"x\");") }
    }

    /// Not a double-quoted string at all: SQLite's grammar takes a bare identifier after
    /// DEFAULT as text (`DEFAULT x` and `DEFAULT "x"` both mean 'x'), whatever the DQS setting.
    /// Migrations should write `DEFAULT 'x'`.
    @Test func identifierAfterDefaultIsText() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT DEFAULT \"x\") STRICT")
        try db.execute("INSERT INTO u (id) VALUES (1)")
        #expect(try db.scalar("SELECT v FROM u", as: String.self) == "x")
    }

    @Test func fileConnectionPragmas() throws {
        try withTemporaryDatabaseFile { path in
            let db = try Connection(path: path)
            #expect(!db.isInMemory)
            #expect(db.path == path)
            #expect(try db.scalar("PRAGMA synchronous", as: Int.self) == 2)
            #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "wal")
            #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
            #expect(try db.scalar("PRAGMA busy_timeout", as: Int.self) == Int(Connection.busyTimeoutMilliseconds))
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func memoryConnectionPragmas() throws {
        let db = try Connection(path: ":memory:")
        #expect(db.isInMemory)
        #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
        #expect(try db.scalar("PRAGMA busy_timeout", as: Int.self) == Int(Connection.busyTimeoutMilliseconds))
        #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "memory")
    }

    @Test func eachMemoryConnectionIsPrivate() throws {
        let a = try Connection(path: ":memory:")
        let b = try Connection(path: ":memory:")
        try makeTable(a)
        #expect(throws: SQLiteError.self) { try b.execute("SELECT * FROM t") }
    }

    @Test("opening where no database can be made throws DatabaseOpenError naming the path", arguments: [
        "/etc/hostname/x.sqlite",
        "/nonexistent-caseload-directory/x.sqlite",
        "/nonexistent-caseload-directory/deeper/x.sqlite",
    ])
    func openFailure(path: String) throws {
        let error = #expect(throws: DatabaseOpenError.self) { _ = try Connection(path: path) }
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true)
        #expect(error?.code == ResultCode.cantOpen)
        #expect(error?.reason.isEmpty == false)
        let viaDatabase = #expect(throws: DatabaseOpenError.self) { _ = try Database(path: path) }
        #expect(viaDatabase?.description.contains(path) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func openingAFileThatIsNotADatabaseThrows() throws {
        try withTemporaryDatabaseFile { path in
            try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
            let error = expectThrows(DatabaseOpenError.self) { try Connection(path: path) }
            #expect(error?.description.contains(path) == true)
            #expect(error?.code == ResultCode.notADatabase)
        }
    }

    @Test func openingADirectoryThrows() throws {
        let file = try TemporaryDatabaseFile()
        defer { file.remove() }
        let error = #expect(throws: DatabaseOpenError.self) { _ = try Connection(path: file.directory.path) }
        #expect(error?.description.contains(file.directory.path) == true)
    }

    @Test func fileIsCreatedAndReopened() throws {
        try withTemporaryDatabaseFile { path in
            do {
                let db = try Connection(path: path)
                try makeTable(db)
                try db.execute("INSERT INTO t VALUES (?)", ["kept"])
            }
            let again = try Connection(path: path)
            #expect(try again.scalar("SELECT name FROM t", as: String.self) == "kept")
            #expect(try again.scalar("PRAGMA journal_mode", as: String.self) == "wal")
        }
    }
}
