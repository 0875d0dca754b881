import Storage
import Testing

/// One value bound with `?`, stored in a STRICT column and selected straight back.
struct RoundTripCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The STRICT column type the value is stored in.
    let column: String
    let value: SQLiteValue
    /// What reading the stored column gives back.
    let fromTable: SQLiteValue
    /// What `SELECT ?` gives back (no column affinity in the way).
    let fromSelect: SQLiteValue
    /// `typeof()` of the stored value.
    let storageClass: String

    init(_ name: String, _ column: String, _ value: SQLiteValue,
         fromTable: SQLiteValue? = nil, fromSelect: SQLiteValue? = nil, storageClass: String) {
        self.name = name
        self.column = column
        self.value = value
        self.fromTable = fromTable ?? value
        self.fromSelect = fromSelect ?? value
        self.storageClass = storageClass
    }

    var testDescription: String { name }
}

let oneMebibyte: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }

let roundTripCases: [RoundTripCase] = [
    .init("NULL in INTEGER", "INTEGER", .null, storageClass: "null"),
    .init("NULL in REAL", "REAL", .null, storageClass: "null"),
    .init("NULL in TEXT", "TEXT", .null, storageClass: "null"),
    .init("NULL in BLOB", "BLOB", .null, storageClass: "null"),
    .init("NULL in ANY", "ANY", .null, storageClass: "null"),

    .init("zero", "INTEGER", .integer(0), storageClass: "integer"),
    .init("42", "INTEGER", .integer(42), storageClass: "integer"),
    .init("-1", "INTEGER", .integer(-1), storageClass: "integer"),
    .init("Int64.min", "INTEGER", .integer(.min), storageClass: "integer"),
    .init("Int64.max", "INTEGER", .integer(.max), storageClass: "integer"),

    .init("3.25", "REAL", .real(3.25), storageClass: "real"),
    // An integral REAL is stored on disk as an integer but must read back as a real.
    .init("1.0", "REAL", .real(1.0), storageClass: "real"),
    .init("0.1", "REAL", .real(0.1), storageClass: "real"),
    .init("greatest finite", "REAL", .real(.greatestFiniteMagnitude), storageClass: "real"),
    .init("least non-zero", "REAL", .real(.leastNonzeroMagnitude), storageClass: "real"),
    .init("+0.0", "REAL", .real(0.0), storageClass: "real"),
    // SQLite stores a REAL that equals an integer as that integer: -0.0 == 0, so the sign of
    // zero is lost in a REAL column. A bare `SELECT ?` keeps it.
    .init("-0.0", "REAL", .real(-0.0), fromTable: .real(0.0), storageClass: "real"),
    .init("+infinity", "REAL", .real(.infinity), storageClass: "real"),
    .init("-infinity", "REAL", .real(-.infinity), storageClass: "real"),
    // SQLite has no NaN: sqlite3_bind_double turns it into NULL, in a table and in SELECT ?.
    .init("NaN", "REAL", .real(.nan), fromTable: .null, fromSelect: .null, storageClass: "null"),

    .init("empty string", "TEXT", .text(""), storageClass: "text"),
    .init("ASCII", "TEXT", .text("Zanzibar-4711"), storageClass: "text"),
    .init("emoji", "TEXT", .text("👩🏽‍⚕️🇳🇴"), storageClass: "text"),
    .init("decomposed é", "TEXT", .text("e\u{301}"), storageClass: "text"),
    .init("precomposed é", "TEXT", .text("\u{E9}"), storageClass: "text"),
    .init("embedded NUL", "TEXT", .text("a\u{0}b"), storageClass: "text"),
    .init("only NUL", "TEXT", .text("\u{0}"), storageClass: "text"),

    .init("0-byte blob", "BLOB", .blob([]), storageClass: "blob"),
    .init("1-byte zero blob", "BLOB", .blob([0]), storageClass: "blob"),
    .init("bytes 0, 1, 255", "BLOB", .blob([0, 1, 255]), storageClass: "blob"),
    .init("1 MiB blob", "BLOB", .blob(oneMebibyte), storageClass: "blob"),
]

@Suite("Value round-trips")
struct ValueRoundTripTests {
    @Test("through a STRICT table", arguments: roundTripCases)
    func throughStrictTable(_ example: RoundTripCase) throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v \(example.column)) STRICT")
        try db.execute("INSERT INTO t (v) VALUES (?)", [example.value])
        let read = try #require(try db.fetchOne("SELECT v, typeof(v) FROM t") { row in
            (try row.get(0, as: SQLiteValue.self), try row.get(1, as: String.self))
        })
        #expect(isIdentical(read.0, example.fromTable),
                "read back \(describe(read.0)), expected \(describe(example.fromTable))")
        #expect(read.1 == example.storageClass)
    }

    @Test("through SELECT ?", arguments: roundTripCases)
    func throughSelect(_ example: RoundTripCase) throws {
        let db = try Connection(path: ":memory:")
        let read = try #require(try db.fetchOne("SELECT ?", [example.value]) { try $0.get(0, as: SQLiteValue.self) })
        #expect(isIdentical(read, example.fromSelect),
                "read back \(describe(read)), expected \(describe(example.fromSelect))")
    }

    /// The text is stored with its full byte length, not cut at the NUL. (SQL functions that
    /// treat text as C strings, such as `length()`, still stop at the NUL.)
    @Test func embeddedNulIsStoredWhole() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v TEXT) STRICT")
        try db.execute("INSERT INTO t (v) VALUES (?)", ["a\u{0}b"])
        let bytes: Int? = try db.scalar("SELECT length(CAST(v AS BLOB)) FROM t")
        #expect(bytes == 3)
        let string: String? = try db.scalar("SELECT v FROM t")
        #expect(string.map { Array($0.utf8) } == [0x61, 0x00, 0x62])
    }

    @Test func decomposedTextStaysDecomposed() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v TEXT) STRICT")
        try db.execute("INSERT INTO t (v) VALUES (?)", ["e\u{301}"])
        try db.execute("INSERT INTO t (v) VALUES (?)", ["\u{E9}"])
        let stored = try db.fetchAll("SELECT hex(v) FROM t ORDER BY rowid") { try $0.get(0, as: String.self) }
        #expect(stored == ["65CC81", "C3A9"])
        // SQLite compares bytes, so the two spellings are different keys.
        let matches: Int? = try db.scalar("SELECT count(*) FROM t WHERE v = ?", ["e\u{301}"])
        #expect(matches == 1)
    }

    @Test func emptyBlobIsABlobNotNull() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v BLOB NOT NULL) STRICT")
        try db.execute("INSERT INTO t (v) VALUES (?)", [[UInt8]()])
        let blob: [UInt8]? = try db.scalar("SELECT v FROM t")
        #expect(blob == [])
        let isNull: Bool? = try db.scalar("SELECT v IS NULL FROM t")
        #expect(isNull == false)
    }

    /// The Swift types' own bindings and decodings, not just `SQLiteValue`'s.
    @Test func typedValues() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("""
            CREATE TABLE t (i INTEGER, r REAL, b INTEGER, s TEXT, x BLOB, i64 INTEGER, o INTEGER) STRICT
            """)
        let nothing: Int? = nil
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [Int.min, -2.5, true, "naïve 👍", [UInt8](oneMebibyte), Int64.max, nothing])
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [Int.max, Double.infinity, false, "", [UInt8](), Int64.min, 7])
        struct Record: Equatable {
            var i: Int, r: Double, b: Bool, s: String, x: [UInt8], i64: Int64, o: Int?
        }
        let records = try db.fetchAll("SELECT * FROM t ORDER BY rowid") { row in
            Record(i: try row.get("i"), r: try row.get("r"), b: try row.get("b"), s: try row.get("s"),
                   x: try row.get("x"), i64: try row.get("i64"), o: try row.get("o"))
        }
        #expect(records == [
            Record(i: .min, r: -2.5, b: true, s: "naïve 👍", x: oneMebibyte, i64: .max, o: nil),
            Record(i: .max, r: .infinity, b: false, s: "", x: [], i64: .min, o: 7),
        ])
        #expect(try db.scalar("SELECT ?", [Int32.min]) == Int(Int32.min))
        #expect(try db.scalar("SELECT ?", [Substring("abc").dropFirst()]) == "bc")
    }

    @Test func negativeZeroSurvivesSelectButNotARealColumn() throws {
        let db = try Connection(path: ":memory:")
        let selected: Double? = try db.scalar("SELECT ?", [-0.0])
        #expect(selected?.sign == .minus)
        try db.execute("CREATE TABLE t (v REAL) STRICT")
        try db.execute("INSERT INTO t VALUES (?)", [-0.0])
        let stored: Double? = try db.scalar("SELECT v FROM t")
        #expect(stored == 0)
        #expect(stored?.sign == .plus)
    }

    @Test func nanBecomesNull() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (v REAL) STRICT")
        try db.execute("INSERT INTO t VALUES (?)", [Double.nan])
        let optional: Double?? = try db.fetchOne("SELECT v FROM t") { try $0.get(0, as: Double?.self) }
        #expect(optional == .some(nil))
        let error = #expect(throws: RowDecodingError.self) {
            _ = try db.fetchOne("SELECT v FROM t") { try $0.get(0, as: Double.self) }
        }
        #expect(error?.column == "v")
        // A NOT NULL REAL column therefore refuses NaN.
        try db.execute("CREATE TABLE u (v REAL NOT NULL) STRICT")
        let notNull = #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO u VALUES (?)", [Double.nan]) }
        #expect(notNull?.code == ResultCode.constraintNotNull)
    }
}
