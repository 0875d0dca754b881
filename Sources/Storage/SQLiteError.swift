import CSQLite

/// The one error type of the storage layer.
///
/// It carries SQLite's extended result code, SQLite's message and the SQL text, but never the
/// values bound to the statement: those are personal data and must not reach logs or screens.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (e.g. 2067, SQLITE_CONSTRAINT_UNIQUE).
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low 8 bits), e.g. 19, SQLITE_CONSTRAINT.
    public var primaryCode: Int32 { extendedCode & 0xFF }

    public var isBusy: Bool { primaryCode == SQLiteError.busy || primaryCode == SQLiteError.locked }
    public var isConstraintViolation: Bool { primaryCode == SQLiteError.constraint }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }

    // Swift does not import SQLite's result-code macros that are built from other macros,
    // so the codes this project tests for are spelled out once, here.
    public static let error: Int32 = 1
    public static let busy: Int32 = 5
    public static let locked: Int32 = 6
    public static let readOnly: Int32 = 8
    public static let cantOpen: Int32 = 14
    public static let constraint: Int32 = 19
    public static let mismatch: Int32 = 20
    public static let misuse: Int32 = 21
    public static let notADatabase: Int32 = 26
    /// SQLITE_ABORT_ROLLBACK: the transaction was rolled back (here: by SQLite itself, after an
    /// earlier error), so the statement was not run.
    public static let abortRollback: Int32 = 516          // SQLITE_ABORT | (2 << 8)
    public static let constraintCheck: Int32 = 275        // SQLITE_CONSTRAINT | (1 << 8)
    public static let constraintForeignKey: Int32 = 787   // SQLITE_CONSTRAINT | (3 << 8)
    public static let constraintNotNull: Int32 = 1299     // SQLITE_CONSTRAINT | (5 << 8)
    public static let constraintPrimaryKey: Int32 = 1555  // SQLITE_CONSTRAINT | (6 << 8)
    public static let constraintUnique: Int32 = 2067      // SQLITE_CONSTRAINT | (8 << 8)
    public static let constraintDataType: Int32 = 3091    // SQLITE_CONSTRAINT | (12 << 8)

    /// The error SQLite reports for `handle` after a failed call.
    static func last(_ handle: OpaquePointer?, code: Int32, sql: String?) -> SQLiteError {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        return SQLiteError(extendedCode: extended == 0 ? code : extended, message: message, sql: sql)
    }
}
