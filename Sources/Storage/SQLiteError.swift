import CSQLite

/// An SQLite result code: primary (the low 8 bits, e.g. 19, SQLITE_CONSTRAINT) or extended
/// (e.g. 2067, SQLITE_CONSTRAINT_UNIQUE). Compare a code's `primary` to ask about its family.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code of this (possibly extended) code.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    public var description: String { String(rawValue) }

    // Swift does not import SQLite's result-code macros that are built from other macros,
    // so the codes this project tests for are spelled out once, here.
    public static let ok = ResultCode(rawValue: 0)
    public static let error = ResultCode(rawValue: 1)
    public static let busy = ResultCode(rawValue: 5)
    public static let locked = ResultCode(rawValue: 6)
    public static let readOnly = ResultCode(rawValue: 8)
    /// SQLITE_IOERR: among others, what a WAL file that cannot be created beside the database gives.
    public static let ioError = ResultCode(rawValue: 10)
    public static let cantOpen = ResultCode(rawValue: 14)
    public static let constraint = ResultCode(rawValue: 19)
    public static let mismatch = ResultCode(rawValue: 20)
    public static let misuse = ResultCode(rawValue: 21)
    public static let notADatabase = ResultCode(rawValue: 26)
    /// SQLITE_ABORT_ROLLBACK: the transaction was rolled back (here: by SQLite itself, after an
    /// earlier error), so the statement was not run.
    public static let abortRollback = ResultCode(rawValue: 516)          // SQLITE_ABORT | (2 << 8)
    public static let constraintCheck = ResultCode(rawValue: 275)        // SQLITE_CONSTRAINT | (1 << 8)
    public static let constraintForeignKey = ResultCode(rawValue: 787)   // SQLITE_CONSTRAINT | (3 << 8)
    public static let constraintNotNull = ResultCode(rawValue: 1299)     // SQLITE_CONSTRAINT | (5 << 8)
    public static let constraintPrimaryKey = ResultCode(rawValue: 1555)  // SQLITE_CONSTRAINT | (6 << 8)
    public static let constraintUnique = ResultCode(rawValue: 2067)      // SQLITE_CONSTRAINT | (8 << 8)
    public static let constraintDataType = ResultCode(rawValue: 3091)    // SQLITE_CONSTRAINT | (12 << 8)
}

/// The error SQLite reported.
///
/// It carries SQLite's extended result code, SQLite's message and the SQL text, but never the
/// values bound to the statement: those are personal data and must not reach logs or screens.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (e.g. 2067, SQLITE_CONSTRAINT_UNIQUE).
    public let code: ResultCode
    public let message: String
    public let sql: String?

    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var isBusy: Bool { code.primary == .busy || code.primary == .locked }
    public var isConstraintViolation: Bool { code.primary == .constraint }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }

    /// The error SQLite reports for `handle` after a failed call.
    static func last(_ handle: OpaquePointer?, code: Int32, sql: String?) -> SQLiteError {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        return SQLiteError(code: ResultCode(rawValue: extended == 0 ? code : extended), message: message, sql: sql)
    }
}

/// A result column could not be read as the type asked for: NULL or another storage class
/// read into a non-optional type, or an index outside the result. A separate error from
/// `SQLiteError` because SQLite reported nothing: the schema and the code that reads it
/// disagree (or the file was changed behind the application's back).
public struct RowDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The column's name, or its index when it has none.
    public let column: String
    public let message: String
    public let sql: String?

    public init(column: String, message: String, sql: String?) {
        self.column = column
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "cannot decode column '\(column)': \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }
}
