import CSQLite

// The raw twins: the bare SQLite C API, with nothing in between.
//
// This file is the one place outside `Storage` that imports CSQLite, on purpose: the benchmark's
// question is what `Storage` and `Supervision` cost over the C API, so the twin must *be* the C
// API (prepared statements, positional binds, columns read in place, no value enums, no
// closures per row). The wrapper below only spares the call sites the pointer bookkeeping; every
// method is one or two C calls.

/// A second connection to the benchmark database, configured like `Storage.Connection`
/// (WAL, `synchronous = FULL`, foreign keys on, temporary storage in memory), so raw and app
/// writes pay the same durability.
final class RawDatabase {
    let handle: OpaquePointer

    init(path: String) throws {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw BenchmarkError("raw open failed (\(code)) for \(path)")
        }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
        try exec("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
    }

    deinit { sqlite3_close_v2(handle) }

    func exec(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql) }
    }

    func prepare(_ sql: String) throws -> RawStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql) }
        return RawStatement(handle: statement, db: self)
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ code: Int32, _ sql: String) -> BenchmarkError {
        BenchmarkError("raw SQLite error \(code): \(String(cString: sqlite3_errmsg(handle))) in \(sql.prefix(80))")
    }
}

/// A prepared statement of the raw twins. Binds are 1-based, columns 0-based, as in C.
final class RawStatement {
    let handle: OpaquePointer
    private unowned let db: RawDatabase

    init(handle: OpaquePointer, db: RawDatabase) {
        self.handle = handle
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    @inline(__always) func reset() { sqlite3_reset(handle) }

    @inline(__always) func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    @inline(__always) func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    /// Text bound as SQLITE_TRANSIENT (SQLite copies it), as any caller with a Swift string must:
    /// the string's UTF-8 bytes in place with their length (as `Storage` binds them; passed as a
    /// C string, a short string is first copied to the heap with a NUL).
    @inline(__always) func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                sqlite3_bind_text(handle, index, "", 0, caseload_transient())
                return
            }
            sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                              Int32(bytes.count), caseload_transient())
        }
    }

    /// Text, or NULL for nil.
    @inline(__always) func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }

    @inline(__always) func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// True for a row, false when done; throws on an error.
    @inline(__always) func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        let failure = db.error(code, String(cString: sqlite3_sql(handle)))
        sqlite3_reset(handle)
        throw failure
    }

    /// Runs a statement that returns no rows, then resets it.
    @inline(__always) func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    @inline(__always) func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    @inline(__always) func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column's UTF-8 bytes, in place (valid until the next step or reset).
    @inline(__always) func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let pointer = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeBufferPointer(start: pointer, count: count)
    }

    func string(_ column: Int32) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    /// A `YYYY-MM-DD` column as days since 1970-01-01, parsed from the bytes in place;
    /// nil for NULL.
    @inline(__always) func day(_ column: Int32) -> Int? {
        let text = bytes(column)
        guard text.count >= 10, let base = text.baseAddress else { return nil }
        return RawDay.parse(base)
    }
}

/// Day arithmetic for the raw twins: civil dates as day counts (Howard Hinnant's algorithms),
/// the minimum a hand-written implementation needs.
enum RawDay {
    /// Days since 1970-01-01 of the `YYYY-MM-DD` at `p`.
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>) -> Int {
        @inline(__always) func d(_ i: Int) -> Int { Int(p[i]) - 48 }
        let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
        let month = d(5) * 10 + d(6)
        let day = d(8) * 10 + d(9)
        return fromCivil(year, month, day)
    }

    static func fromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func toCivil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Calls `body` with the day of each date in a comma-separated list ("YYYY-MM-DD,…",
    /// SQLite's `group_concat`).
    static func forEachDay(in text: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = text.baseAddress else { return }
        var offset = 0
        while offset + 10 <= text.count {
            body(parse(base + offset))
            offset += 11
        }
    }

    /// `YYYY-MM-DD`
    static func iso(_ days: Int) -> String {
        let (y, m, d) = toCivil(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
