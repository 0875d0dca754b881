import CSQLite

/// The current row of a running statement. Valid only inside the closure it was passed to:
/// rows are read in place, never collected, so a listing of any size runs in constant memory.
public struct Row {
    @usableFromInline let statement: Statement

    @inlinable public var columnCount: Int { statement.columnCount }

    /// The column's value in the current row, which every read below asks for its type and then
    /// its content. One `sqlite3_column_value` instead of a `sqlite3_column_*` call for each:
    /// every such call enters the connection's mutex and checks for an allocation failure, so a
    /// date column (type, text, length) paid that three times, more than parsing the date. The
    /// value is "unprotected" (read without the mutex): SQLite makes no difference between the
    /// two for a connection opened `SQLITE_OPEN_NOMUTEX` and used by one thread at a time, as
    /// every `Connection` is. Valid until the next `step()` or `reset()`, like the row itself.
    @inlinable
    func columnValue(_ index: Int) -> OpaquePointer {
        sqlite3_column_value(statement.handle, Int32(index))
    }

    public func isNull(at index: Int) -> Bool {
        sqlite3_value_type(columnValue(index)) == SQLITE_NULL
    }

    /// A typed read; NULL or another storage class for a non-optional type throws.
    @inlinable
    public func get<T: SQLiteColumnDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        try T.decode(from: self, at: index)
    }

    /// A typed read by column name (the first column of that name).
    public func get<T: SQLiteColumnDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = statement.columnIndex(name) else {
            throw SQLiteError(code: .misuse, message: "no column named '\(name)' in the result",
                              sql: statement.sql)
        }
        return try T.decode(from: self, at: index)
    }

    /// The value as SQLite stores it; `.null` for an index outside the result (use
    /// `get(_:as: SQLiteValue.self)` to have that throw).
    public func value(at index: Int) -> SQLiteValue {
        let value = columnValue(index)
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(value))
        case SQLITE_TEXT: return .text(Row.text(value))
        case SQLITE_BLOB: return .blob(Row.bytes(value))
        default: return .null
        }
    }

    @inlinable
    public func int64(at index: Int) throws -> Int64 {
        sqlite3_value_int64(try expect(SQLITE_INTEGER, at: index, "an integer"))
    }

    /// An integer column is accepted too: STRICT REAL columns may hand back integral values.
    public func double(at index: Int) throws -> Double {
        try checkIndex(index)
        let value = columnValue(index)
        if sqlite3_value_type(value) == SQLITE_INTEGER { return Double(sqlite3_value_int64(value)) }
        return sqlite3_value_double(try expect(SQLITE_FLOAT, at: index, "a real number"))
    }

    @inlinable
    public func string(at index: Int) throws -> String {
        Row.text(try expect(SQLITE_TEXT, at: index, "text"))
    }

    /// Calls `body` with the text of a column as UTF-8 bytes read in place (valid only inside
    /// `body`); returns false, without calling it, for NULL. For fixed formats (dates, codes) that
    /// are parsed rather than kept: no `String` is made, which matters when a listing reads
    /// several such columns from every row of the agency (see Benchmarks/README.md). Not
    /// generic, so a caller in another module pays no generic dispatch per value.
    @discardableResult @inlinable
    public func withUTF8(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        try checkIndex(index)
        let value = columnValue(index)
        switch sqlite3_value_type(value) {
        case SQLITE_NULL: return false
        case SQLITE_TEXT: break
        default: _ = try expect(SQLITE_TEXT, at: index, "text")   // throws, naming the column
        }
        // Text first, then its length: asking for the text may convert it, which the length
        // must describe (SQLite's documented order).
        let pointer = sqlite3_value_text(value)
        let count = Int(sqlite3_value_bytes(value))
        try body(UnsafeBufferPointer(start: pointer, count: count))
        return true
    }

    public func blob(at index: Int) throws -> [UInt8] {
        Row.bytes(try expect(SQLITE_BLOB, at: index, "a blob"))
    }

    /// Throws for an index outside the result. SQLite itself answers NULL there, which would let
    /// an optional read of a mistyped index quietly give nil.
    @inlinable
    func checkIndex(_ index: Int) throws {
        guard index >= 0, index < columnCount else { throw noSuchColumn(index) }
    }

    /// The column's value, once it is known to hold `type`.
    @inlinable
    func expect(_ type: Int32, at index: Int, _ expected: StaticString) throws -> OpaquePointer {
        try checkIndex(index)
        let value = columnValue(index)
        let actual = sqlite3_value_type(value)
        guard actual == type else { throw mismatch(at: index, holding: actual, expected: expected) }
        return value
    }

    // The refusals are built out of line: the reads above are inlined into every caller.
    @usableFromInline
    func noSuchColumn(_ index: Int) -> RowDecodingError {
        RowDecodingError(column: String(index), message: "no such result column", sql: statement.sql)
    }

    @usableFromInline
    func mismatch(at index: Int, holding actual: Int32, expected: StaticString) -> RowDecodingError {
        let found = actual == SQLITE_NULL ? "NULL" : "another type"
        return RowDecodingError(column: statement.columnNames[index], message: "holds \(found), expected \(expected)",
                                sql: statement.sql)
    }

    @inlinable
    static func text(_ value: OpaquePointer) -> String {
        guard let pointer = sqlite3_value_text(value) else { return "" }
        let count = Int(sqlite3_value_bytes(value))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func bytes(_ value: OpaquePointer) -> [UInt8] {
        guard let pointer = sqlite3_value_blob(value) else { return [] }
        let count = Int(sqlite3_value_bytes(value))
        return count > 0 ? Array(UnsafeRawBufferPointer(start: pointer, count: count)) : []
    }
}
