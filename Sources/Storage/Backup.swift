import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Connection {
    /// Copies this whole database into a new file at `destinationPath` with SQLite's online
    /// backup API. The copy is one read snapshot of this database: writers in other processes
    /// carry on (WAL readers never block them) and their later commits are not in it.
    ///
    /// The destination is created here, mode 0600; it must not exist yet (callers copy to a
    /// temporary name and rename once the copy is checked). Must not run inside a transaction
    /// of this connection.
    public func backup(into destinationPath: String) throws {
        if let _ = PrivateFile.permissions(atPath: destinationPath) {
            throw DatabaseOpenError(path: destinationPath, reason: "a file is already there", code: ResultCode.cantOpen)
        }
        try PrivateFile.create(atPath: destinationPath)
        var destination: OpaquePointer?
        let opened = sqlite3_open_v2(destinationPath, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close_v2(destination) }
        guard opened == SQLITE_OK, let destination else {
            throw DatabaseOpenError(path: destinationPath, reason: String(cString: sqlite3_errstr(opened)), code: ResultCode(rawValue: opened))
        }
        sqlite3_extended_result_codes(destination, 1)
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw SQLiteError.last(destination, code: sqlite3_errcode(destination), sql: nil)
        }
        // Every page in one step: one snapshot, so the copy is consistent. The source's read
        // lock only waits when a checkpoint or recovery holds it for a moment: then retry.
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, -1)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { usleep(10_000) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finished == SQLITE_OK else {
            throw SQLiteError.last(destination, code: code == SQLITE_DONE ? finished : code, sql: nil)
        }
    }

    /// `PRAGMA integrity_check`'s findings; empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        var problems: [String] = []
        try runPragmaRows("PRAGMA integrity_check") { row in
            let text: String = try row.get(0)
            if text != "ok" { problems.append(text) }
        }
        return problems
    }

    /// `PRAGMA foreign_key_check`'s findings, as sentences naming the table, the row and the
    /// table it refers to (never the values).
    public func foreignKeyProblems() throws -> [String] {
        var problems: [String] = []
        try runPragmaRows("PRAGMA foreign_key_check") { row in
            let table: String = try row.get(0)
            let rowid: Int64? = row.isNull(at: 1) ? nil : try row.get(1)
            let parent: String = try row.get(2)
            problems.append("\(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row")
        }
        return problems
    }

    /// A pragma that answers with rows, run outside the statement cache (they are run once).
    private func runPragmaRows(_ sql: String, _ body: (Row) throws -> Void) throws {
        let statement = try prepare(sql)
        try statement.forEachRow([], body)
    }
}

extension Database {
    /// A new private in-memory database holding a copy of this one (tests: a property test
    /// starts thousands of histories from one initialised agency instead of migrating each).
    public func inMemoryCopy() throws -> Database {
        let copy = try Database.inMemory()
        try withConnection { source in
            try copy.withConnection { destination in try source.copy(into: destination) }
        }
        return copy
    }
}

extension Connection {
    /// Copies this database's pages into `destination` (SQLite's backup API, one step).
    func copy(into destination: Connection) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw SQLiteError.last(destination.handle, code: sqlite3_errcode(destination.handle), sql: nil)
        }
        let code = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finished == SQLITE_OK else {
            throw SQLiteError.last(destination.handle, code: code == SQLITE_DONE ? finished : code, sql: nil)
        }
    }
}
