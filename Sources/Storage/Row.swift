import CSQLite

/// The current row of a running statement. Valid only inside the closure it was passed to:
/// rows are read in place, never collected, so a listing of any size runs in constant memory.
public struct Row {
    @usableFromInline let statement: Statement

    @inlinable public var columnCount: Int { statement.columnCount }

    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(statement.handle, Int32(index)) == SQLITE_NULL
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
        let column = Int32(index)
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement.handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement.handle, column))
        case SQLITE_TEXT: return .text(text(column))
        case SQLITE_BLOB: return .blob(bytes(column))
        default: return .null
        }
    }

    @inlinable
    public func int64(at index: Int) throws -> Int64 {
        try expect(SQLITE_INTEGER, at: index, "an integer")
        return sqlite3_column_int64(statement.handle, Int32(index))
    }

    /// An integer column is accepted too: STRICT REAL columns may hand back integral values.
    public func double(at index: Int) throws -> Double {
        let type = sqlite3_column_type(statement.handle, Int32(index))
        if type == SQLITE_INTEGER { return Double(sqlite3_column_int64(statement.handle, Int32(index))) }
        try expect(SQLITE_FLOAT, at: index, "a real number")
        return sqlite3_column_double(statement.handle, Int32(index))
    }

    @inlinable
    public func string(at index: Int) throws -> String {
        try expect(SQLITE_TEXT, at: index, "text")
        return text(Int32(index))
    }

    /// Calls `body` with the text of a column as UTF-8 bytes read in place (valid only inside
    /// `body`); returns false, without calling it, for NULL. For fixed formats (dates, codes) that
    /// are parsed rather than kept: no `String` is made, which matters when a listing reads
    /// several such columns from every row of the agency (see Benchmarks/README.md). Not
    /// generic, so a caller in another module pays no generic dispatch per value.
    @discardableResult @inlinable
    public func withUTF8(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        let column = Int32(index)
        try checkIndex(index)
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_NULL: return false
        case SQLITE_TEXT: break
        default: try expect(SQLITE_TEXT, at: index, "text")   // throws, naming the column
        }
        let pointer = sqlite3_column_text(statement.handle, column)
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        try body(UnsafeBufferPointer(start: pointer, count: count))
        return true
    }

    public func blob(at index: Int) throws -> [UInt8] {
        try expect(SQLITE_BLOB, at: index, "a blob")
        return bytes(Int32(index))
    }

    /// Throws for an index outside the result. SQLite itself answers NULL there, which would let
    /// an optional read of a mistyped index quietly give nil.
    @inlinable
    func checkIndex(_ index: Int) throws {
        guard index >= 0, index < columnCount else { throw noSuchColumn(index) }
    }

    @inlinable
    func expect(_ type: Int32, at index: Int, _ expected: StaticString) throws {
        try checkIndex(index)
        let actual = sqlite3_column_type(statement.handle, Int32(index))
        guard actual == type else { throw mismatch(at: index, holding: actual, expected: expected) }
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
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement.handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement.handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
