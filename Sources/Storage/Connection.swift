import CSQLite

/// One SQLite connection. Deliberately not `Sendable`: a connection belongs to one owner at a
/// time (see `Database`, which serializes access to it).
public final class Connection {
    let database: DatabaseHandle
    var handle: OpaquePointer { database.pointer }
    /// The path given at open, or `:memory:`.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    /// How many transactions or savepoints are open; 0 outside any.
    private var transactionDepth = 0
    /// True while the outermost open transaction is a `read`.
    private var isInReadTransaction = false

    /// How long a writer waits for another process's write lock before SQLITE_BUSY, unless the
    /// opener asks for another wait.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// True when this connection cannot write (opened `.readOnly`).
    public let isReadOnly: Bool

    /// Opens the database at `path` (`:memory:` for a private in-memory one) as `access` says.
    /// Foreign keys are enforced and double-quoted string literals refused; a file opened for
    /// writing gets WAL and `synchronous = FULL`, so an acknowledged commit survives power loss.
    public init(path: String, access: Access = .create,
                busyTimeoutMilliseconds: Int32 = Connection.busyTimeoutMilliseconds) throws {
        let inMemory = path == ":memory:"
        if access == .create, !inMemory {
            try PrivateFile.create(atPath: path)
        }
        let db: OpaquePointer
        if access == .readOnly, !inMemory {
            db = try Connection.openReadOnly(path: path)
        } else {
            let flags = access == .create
                ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
            db = try Connection.openHandle(path, flags: flags, path: path)
            // SQLite falls back to read-only when the file may not be written; a writer must know.
            if !inMemory, sqlite3_db_readonly(db, "main") == 1 {
                sqlite3_close_v2(db)
                throw DatabaseOpenError(path: path, reason: "the file cannot be written", code: ResultCode.readOnly)
            }
        }
        self.database = DatabaseHandle(db)
        self.path = path
        self.isReadOnly = access == .readOnly && !inMemory
        do {
            try configure(busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as SQLiteError {
            // The file is only touched at the first statement: a directory we may not write, or
            // a file that is not a database, shows up here.
            throw DatabaseOpenError(path: path, reason: error.message, code: error.code)
        }
    }

    deinit {
        // The handle itself is closed by `DatabaseHandle` once no statement needs it either.
        statementCache.removeAll()
    }

    public var isInMemory: Bool { path == ":memory:" || path.isEmpty }

    private func configure(busyTimeoutMilliseconds: Int32) throws {
        sqlite3_extended_result_codes(handle, 1)
        _ = caseload_db_config_flag(handle, SQLITE_DBCONFIG_DQS_DML, 0)
        _ = caseload_db_config_flag(handle, SQLITE_DBCONFIG_DQS_DDL, 0)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        try executeScript("PRAGMA foreign_keys = ON")
        // Temporary storage (the sub-journal of savepoints, sorter and temp b-trees) in memory.
        // Each use case in a batch is a savepoint; on disk, its sub-journal made every savepoint
        // rewrite the pages it touched in a temporary file (most of a bulk import's system
        // calls, Benchmarks/README.md). It is reused after each use case, so in memory it stays
        // a few pages.
        try executeScript("PRAGMA temp_store = MEMORY")
        if !isInMemory, !isReadOnly {
            // journal_mode answers with a row; read it so a file that cannot be written fails now.
            let mode: String? = try fetchOne("PRAGMA journal_mode = WAL") { try $0.get(0) }
            guard mode?.lowercased() == "wal" else {
                throw SQLiteError(code: .cantOpen, message: "cannot switch the file to WAL mode")
            }
            try executeScript("PRAGMA synchronous = FULL")
        }
    }

    // MARK: Statements

    /// A new, uncached prepared statement.
    public func prepare(_ sql: String) throws -> Statement {
        try checkWritable(try Statement(connection: self, sql: sql))
    }

    /// The cached statement for `sql`, compiled on first use. If it is already running (a
    /// query issued from inside the iteration of the same query), a fresh one is compiled.
    public func cachedStatement(_ sql: String) throws -> Statement {
        try checkTransactionIsOpen()
        if let statement = statementCache[sql] {
            return statement.isBusy ? try prepare(sql) : try checkWritable(statement)
        }
        // Persistent: SQLite keeps a statement that is kept for long out of its lookaside
        // memory, which is meant for short-lived allocations.
        let statement = try checkWritable(try Statement(connection: self, sql: sql, persistent: true))
        statementCache[sql] = statement
        return statement
    }

    /// Inside a `read`, a statement that would write is refused (SQLITE_READONLY) instead of
    /// upgrading the read's snapshot to a write lock.
    private func checkWritable(_ statement: Statement) throws -> Statement {
        guard isInReadTransaction, !statement.isReadOnly else { return statement }
        throw SQLiteError(code: .readOnly,
                          message: "a statement that writes cannot run inside a read transaction", sql: statement.sql)
    }

    /// Runs one statement that returns no rows we need.
    public func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try cachedStatement(sql).execute(arguments)
    }

    /// Runs a script of several statements with no parameters (migrations, pragmas).
    public func executeScript(_ sql: String) throws {
        try checkTransactionIsOpen()
        if isInReadTransaction {
            throw SQLiteError(code: .readOnly,
                              message: "scripts do not run inside a read transaction", sql: sql)
        }
        try runScript(sql)
    }

    /// Runs one transaction-control statement (BEGIN, COMMIT, SAVEPOINT, RELEASE) from the
    /// statement cache: through `sqlite3_exec` each was parsed afresh, twice per use case, which
    /// cost more than the one-row query a look-up is for.
    private func control(_ sql: String) throws {
        try cachedStatement(sql).execute()
    }

    private func runScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            throw SQLiteError(code: ResultCode(rawValue: sqlite3_extended_errcode(handle)), message: text, sql: sql)
        }
    }

    /// Calls `body` with each row of the result, reading rows in place.
    public func forEachRow(_ sql: String, _ arguments: StatementArguments = [],
                           _ body: (Row) throws -> Void) throws {
        try cachedStatement(sql).forEachRow(arguments, body)
    }

    public func fetchAll<T>(_ sql: String, _ arguments: StatementArguments = [],
                            _ map: (Row) throws -> T) throws -> [T] {
        var results: [T] = []
        try forEachRow(sql, arguments) { results.append(try map($0)) }
        return results
    }

    /// The first row mapped, or nil when there is none.
    public func fetchOne<T>(_ sql: String, _ arguments: StatementArguments = [],
                            _ map: (Row) throws -> T) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try map(Row(statement: statement))
    }

    /// The first column of the first row; nil when there is no row or the value is NULL
    /// (`SELECT max(x)` over no rows answers NULL, which callers read as "none").
    public func scalar<T: SQLiteColumnDecodable>(_ sql: String, _ arguments: StatementArguments = [],
                                                  as type: T.Type = T.self) throws -> T? {
        let value = try fetchOne(sql, arguments) { row in row.isNull(at: 0) ? nil : try row.get(0, as: T.self) }
        return value ?? nil
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// Rows changed on this connection since it opened (triggers included): a transaction
    /// compares it before and after to know whether it changed anything.
    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Transactions

    /// Runs `body` in a write transaction: `BEGIN IMMEDIATE` at the outermost level (so a second
    /// writer waits on the busy timeout instead of failing mid-transaction), a savepoint when
    /// nested. Commits when `body` returns, rolls back when it throws.
    ///
    /// A write nested in a `read` is refused: the read's snapshot cannot be upgraded to a write
    /// without risking SQLITE_BUSY at once, the very failure `BEGIN IMMEDIATE` is there to avoid.
    public func write<T>(_ body: () throws -> T) throws -> T {
        if isInReadTransaction {
            throw SQLiteError(code: .misuse,
                              message: "a write transaction cannot be nested in a read transaction")
        }
        return try transaction(isRead: false, body)
    }

    /// Runs `body` in a read transaction, so every query in it sees one consistent snapshot
    /// (taken at its first query). A statement that writes fails in it with SQLITE_READONLY
    /// instead of upgrading the snapshot to a write.
    public func read<T>(_ body: () throws -> T) throws -> T {
        try transaction(isRead: true, body)
    }

    private func transaction<T>(isRead: Bool, _ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "caseload_sp\(depth)"
        if depth == 0 {
            do {
                try control(isRead ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE")
            } catch {
                if isInTransaction { try? runScript("ROLLBACK") }
                throw error
            }
            isInReadTransaction = isRead
        } else {
            try control("SAVEPOINT \(savepoint)")
        }
        transactionDepth += 1
        defer {
            transactionDepth = depth
            if depth == 0 { isInReadTransaction = false }
        }
        let result: T
        do {
            result = try body()
        } catch {
            rollBack(depth: depth, savepoint: savepoint)
            throw error
        }
        do {
            // Refused (SQLITE_ABORT_ROLLBACK) if SQLite already rolled the transaction back.
            try control(depth == 0 ? "COMMIT" : "RELEASE \(savepoint)")
        } catch {
            rollBack(depth: depth, savepoint: savepoint)
            throw error
        }
        return result
    }

    private func rollBack(depth: Int, savepoint: String) {
        // Nothing is left to roll back when SQLite already ended the transaction itself.
        guard isInTransaction else { return }
        // Keep the caller's error; a rollback failure here would only hide it.
        try? runScript(depth == 0 ? "ROLLBACK" : "ROLLBACK TO \(savepoint); RELEASE \(savepoint)")
    }

    /// After some errors (SQLITE_FULL, an I/O error, `INSERT OR ROLLBACK`, ...) SQLite rolls back
    /// the whole transaction by itself. A caller that catches such an error inside `write` and
    /// carries on would otherwise run its next statements outside any transaction, each one
    /// committed at once; refuse them, so the `write` fails and leaves nothing behind.
    private func checkTransactionIsOpen() throws {
        guard transactionDepth > 0, !isInTransaction else { return }
        throw SQLiteError(code: .abortRollback,
                          message: "the transaction was already rolled back after an earlier error")
    }
}

/// Owns the `sqlite3` handle and closes it when the last of its owners is gone: the
/// `Connection` and every `Statement` prepared on it. A statement handed out by `prepare` may
/// outlive its `Connection` and still run and report its errors; holding the `Connection`
/// itself instead would make a cycle through the statement cache.
final class DatabaseHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        sqlite3_close_v2(pointer)
    }
}

/// The database file could not be created or opened. Its sentence names the path and the
/// reason, and nothing else.
public struct DatabaseOpenError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public let code: ResultCode

    public var description: String { "cannot open the database at \(path): \(reason)" }
}
