/// One SQLite value, as the C API stores it.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    /// NaN is stored by SQLite as NULL: binding `.real(.nan)` reads back as `.null`. And a REAL
    /// column stores a value equal to an integer as that integer, so -0.0 reads back from a
    /// table as +0.0 (a bare `SELECT ?` keeps the sign).
    case real(Double)
    /// Stored with its full UTF-8 length, U+0000 included, and never normalized: a decomposed
    /// "é" stays decomposed. (SQL functions such as `length()` stop at a U+0000.)
    case text(String)
    /// A 0-byte blob stays a blob, never NULL.
    case blob([UInt8])
}

/// A Swift value that can be bound to a `?` parameter.
public protocol SQLiteBindable {
    var sqliteValue: SQLiteValue { get }
}

extension SQLiteValue: SQLiteBindable {
    public var sqliteValue: SQLiteValue { self }
}

extension Int: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Int64: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .integer(self) }
}

extension Int32: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Double: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .real(self) }
}

extension Bool: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
}

extension String: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .text(self) }
}

extension Substring: SQLiteBindable {
    public var sqliteValue: SQLiteValue { .text(String(self)) }
}

extension Array: SQLiteBindable where Element == UInt8 {
    public var sqliteValue: SQLiteValue { .blob(self) }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
}

/// A Swift value that can be read from a result column. Reading NULL or a value of another
/// storage class into a non-optional type throws `SQLiteError` (SQLITE_MISMATCH), never traps.
public protocol SQLiteColumnDecodable {
    static func decode(from row: Row, at index: Int) throws -> Self
}

extension Int64: SQLiteColumnDecodable {
    @inlinable public static func decode(from row: Row, at index: Int) throws -> Int64 { try row.int64(at: index) }
}

extension Int: SQLiteColumnDecodable {
    @inlinable public static func decode(from row: Row, at index: Int) throws -> Int { Int(try row.int64(at: index)) }
}

extension Double: SQLiteColumnDecodable {
    public static func decode(from row: Row, at index: Int) throws -> Double { try row.double(at: index) }
}

extension Bool: SQLiteColumnDecodable {
    @inlinable public static func decode(from row: Row, at index: Int) throws -> Bool { try row.int64(at: index) != 0 }
}

extension String: SQLiteColumnDecodable {
    @inlinable public static func decode(from row: Row, at index: Int) throws -> String { try row.string(at: index) }
}

extension Array: SQLiteColumnDecodable where Element == UInt8 {
    public static func decode(from row: Row, at index: Int) throws -> [UInt8] { try row.blob(at: index) }
}

extension SQLiteValue: SQLiteColumnDecodable {
    public static func decode(from row: Row, at index: Int) throws -> SQLiteValue {
        try row.checkIndex(index)
        return row.value(at: index)
    }
}

extension Optional: SQLiteColumnDecodable where Wrapped: SQLiteColumnDecodable {
    public static func decode(from row: Row, at index: Int) throws -> Wrapped? {
        try row.checkIndex(index)
        return row.isNull(at: index) ? nil : try Wrapped.decode(from: row, at: index)
    }
}
