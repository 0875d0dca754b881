import CSQLite

/// A prepared statement: exactly one SQL statement, compiled once, run many times.
///
/// Like its connection, a statement is not `Sendable`; it is only ever used by the task that
/// holds the connection.
public final class Statement {
    @usableFromInline let handle: OpaquePointer
    public let sql: String
    /// Keeps the database open while this statement exists (see `DatabaseHandle`).
    private let database: DatabaseHandle

    /// Compiles `sql`, which must hold exactly one statement: trailing SQL is refused rather
    /// than silently ignored (use `Connection.executeScript` for scripts).
    init(connection: Connection, sql: String, persistent: Bool = false) throws {
        var statement: OpaquePointer?
        // The tail pointer points into the C string, which only lives inside `withCString`: look
        // at what follows the first statement before leaving it.
        let (code, hasMore) = sql.withCString { text -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            let code = sqlite3_prepare_v3(connection.handle, text, -1, flags, &statement, &tail)
            guard code == SQLITE_OK, statement != nil, let tail else { return (code, false) }
            return (code, Statement.hasStatement(in: tail, connection: connection.handle))
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError.last(connection.handle, code: code, sql: sql)
        }
        guard let statement else {
            throw SQLiteError(code: .misuse, message: "no SQL statement to prepare", sql: sql)
        }
        // Refused before `self` is fully initialized, so `deinit` cannot finalize it a second time.
        guard !hasMore else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: .misuse,
                              message: "more than one SQL statement given to prepare", sql: sql)
        }
        self.handle = statement
        self.database = connection.database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when `text` holds a statement (not just white space, semicolons or comments).
    private static func hasStatement(in text: UnsafePointer<CChar>, connection: OpaquePointer) -> Bool {
        var rest = text
        while rest.pointee != 0 {
            var next: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(connection, rest, -1, &next, &tail)
            defer { sqlite3_finalize(next) }
            if code != SQLITE_OK || next != nil { return true }
            guard let tail, tail != rest else { return false }
            rest = tail
        }
        return false
    }

    @inlinable public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The result columns' names. Asked of SQLite each time, not remembered: SQLite recompiles a
    /// statement after a schema change, and a `SELECT *` may then return other columns.
    public var columnNames: [String] {
        (0..<columnCount).map(columnName)
    }

    /// The index of the first result column called `name` (compared exactly, case included).
    public func columnIndex(_ name: String) -> Int? {
        (0..<columnCount).first { columnName($0) == name }
    }

    private func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// Binds `arguments` to `?1`, `?2`, … in order. There must be one per parameter, so every
    /// previous binding is replaced (no separate clearing pass is needed).
    public func bind(_ arguments: StatementArguments) throws {
        sqlite3_reset(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw SQLiteError(code: .misuse,
                              message: "\(arguments.count) arguments for \(expected) parameters", sql: sql)
        }
        for (offset, value) in arguments.values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let v):
            code = sqlite3_bind_int64(handle, index, v)
        case .real(let v):
            code = sqlite3_bind_double(handle, index, v)
        case .text(let v):
            // The string's own UTF-8 bytes with their length (text may contain U+0000, and a
            // length of -1 would silently cut it there); SQLite copies them (transient). Passed
            // as a C string instead, every short string, which Swift keeps inline, was first
            // copied into a NUL-terminated array on the heap.
            var text = v
            code = text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else {
                    return sqlite3_bind_text64(handle, index, "", 0, caseload_transient(), UInt8(SQLITE_UTF8))
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    sqlite3_bind_text64(handle, index, chars, sqlite3_uint64(bytes.count), caseload_transient(),
                                        UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let v):
            code = v.withUnsafeBytes { bytes in
                // A zero-length blob must still be a blob, not NULL: bind a zeroblob for it.
                bytes.count == 0
                    ? sqlite3_bind_zeroblob(handle, index, 0)
                    : sqlite3_bind_blob64(handle, index, bytes.baseAddress, sqlite3_uint64(bytes.count),
                                          caseload_transient())
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError.last(database.pointer, code: code, sql: sql) }
    }

    /// Advances to the next row; false when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.last(database.pointer, code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Ends the current run (releasing its read lock) so the statement can run again.
    public func reset() {
        sqlite3_reset(handle)
    }

    var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    /// True when running it cannot change the database (transaction control counts as read-only).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The row `step()` just produced; valid until the next `step()` or `reset()`. For
    /// pull-style reading (merging several ordered results); `forEachRow` is simpler otherwise.
    public var currentRow: Row { Row(statement: self) }

    /// Binds, runs to completion, and resets.
    public func execute(_ arguments: StatementArguments = []) throws {
        try bind(arguments)
        defer { reset() }
        while try step() {}
    }

    /// Binds, then calls `body` with each row; the row is only valid inside `body`.
    public func forEachRow(_ arguments: StatementArguments = [], _ body: (Row) throws -> Void) throws {
        try bind(arguments)
        defer { reset() }
        let row = Row(statement: self)
        while try step() {
            try body(row)
        }
    }
}
