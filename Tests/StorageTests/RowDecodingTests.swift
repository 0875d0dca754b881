import Storage
import Testing

/// A typed read of column 0 into a non-optional type.
struct ColumnRead: Sendable, CustomTestStringConvertible {
    let name: String
    let read: @Sendable (Row) throws -> Void
    var testDescription: String { name }

    static func of<T: SQLiteColumnDecodable & Sendable>(_ type: T.Type) -> ColumnRead {
        ColumnRead(name: "\(T.self)") { row in _ = try row.get(0, as: T.self) }
    }
}

/// A value of one storage class, bound to `SELECT ? AS v`, read as a type that does not accept it.
struct Mismatch: Sendable, CustomTestStringConvertible {
    let value: SQLiteValue
    let read: ColumnRead
    var testDescription: String { "\(value) as \(read.name)" }
}

let nonOptionalReads: [ColumnRead] = [
    .of(Int.self), .of(Int64.self), .of(Double.self), .of(Bool.self), .of(String.self), .of([UInt8].self),
]

let mismatches: [Mismatch] = [
    Mismatch(value: .text("Zanzibar-4711"), read: .of(Int.self)),
    Mismatch(value: .text("12"), read: .of(Int.self)),
    Mismatch(value: .real(3.5), read: .of(Int.self)),
    Mismatch(value: .real(1.0), read: .of(Int64.self)),
    Mismatch(value: .blob([0]), read: .of(Int.self)),
    Mismatch(value: .text("true"), read: .of(Bool.self)),
    Mismatch(value: .text("2.5"), read: .of(Double.self)),
    Mismatch(value: .blob([1]), read: .of(Double.self)),
    Mismatch(value: .integer(42), read: .of(String.self)),
    Mismatch(value: .real(4.2), read: .of(String.self)),
    Mismatch(value: .blob([0x41]), read: .of(String.self)),
    Mismatch(value: .text("Zanzibar-4711"), read: .of([UInt8].self)),
    Mismatch(value: .integer(4711), read: .of([UInt8].self)),
    // The optional of a type reads NULL as nil, but still refuses another storage class.
    Mismatch(value: .text("Zanzibar-4711"), read: .of(Int?.self)),
    Mismatch(value: .integer(4711), read: .of(String?.self)),
]

@Suite("Reading rows")
struct RowDecodingTests {
    @Test("NULL into a non-optional type throws a decoding error", arguments: nonOptionalReads)
    func nullIntoNonOptional(_ read: ColumnRead) throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: RowDecodingError.self) {
            try db.forEachRow("SELECT NULL AS missing") { try read.read($0) }
        }
        #expect(error?.column == "missing")
        #expect(error?.message.contains("NULL") == true)
        #expect(error?.sql == "SELECT NULL AS missing")
    }

    @Test("another storage class throws a decoding error", arguments: mismatches)
    func wrongStorageClass(_ example: Mismatch) throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: RowDecodingError.self) {
            try db.forEachRow("SELECT ? AS v", StatementArguments([example.value])) { try example.read.read($0) }
        }
        // The error names the column, never the value in it.
        #expect(error?.column == "v")
        #expect(error?.description.contains("'v'") == true)
        for leak in ["Zanzibar", "4711"] {
            #expect(error?.description.contains(leak) == false)
        }
    }

    @Test func integerReadsAsDouble() throws {
        let db = try Connection(path: ":memory:")
        #expect(try db.scalar("SELECT 3", as: Double.self) == 3.0)
    }

    @Test func boolReadsZeroAsFalseAndAnyOtherIntegerAsTrue() throws {
        let db = try Connection(path: ":memory:")
        let values = try db.fetchOne("SELECT 0, 1, 2, -1") { row in
            try (0..<4).map { try row.get($0, as: Bool.self) }
        }
        #expect(values == [false, true, true, true])
    }

    @Test func optionalReads() throws {
        let db = try Connection(path: ":memory:")
        try db.forEachRow("SELECT NULL, 5, NULL AS t, 'x' AS s, NULL, x'01'") { row throws in
            #expect(try row.get(0, as: Int?.self) == nil)
            #expect(try row.get(1, as: Int?.self) == 5)
            #expect(try row.get("t", as: String?.self) == nil)
            #expect(try row.get("s", as: String?.self) == "x")
            #expect(try row.get(4, as: [UInt8]?.self) == nil)
            #expect(try row.get(5, as: [UInt8]?.self) == [1])
            #expect(try row.get(0, as: Double?.self) == nil)
            #expect(try row.get(0, as: Bool?.self) == nil)
            #expect(try row.get(0, as: Int64?.self) == nil)
            #expect(row.isNull(at: 0))
            #expect(!row.isNull(at: 1))
        }
    }

    @Test func readsByName() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL) STRICT")
        try db.execute("INSERT INTO person (name, score) VALUES (?, ?)", ["Ada", 9.5])
        let read = try db.fetchOne("SELECT id, name, score, name AS alias FROM person") { row in
            (try row.get("id", as: Int.self), try row.get("name", as: String.self),
             try row.get("score", as: Double.self), try row.get("alias", as: String.self))
        }
        #expect(read?.0 == 1)
        #expect(read?.1 == "Ada")
        #expect(read?.2 == 9.5)
        #expect(read?.3 == "Ada")
    }

    @Test func duplicateNamesReadTheFirstColumn() throws {
        let db = try Connection(path: ":memory:")
        #expect(try db.fetchOne("SELECT 1 AS a, 2 AS a") { try $0.get("a", as: Int.self) } == 1)
    }

    @Test(arguments: [false, true])
    func unknownColumnNameThrows(optional: Bool) throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: SQLiteError.self) {
            _ = try db.fetchOne("SELECT 1 AS present") { row in
                optional ? try row.get("absent", as: Int?.self) : try row.get("absent", as: Int.self)
            }
        }
        #expect(error?.message.contains("absent") == true)
        #expect(error?.sql == "SELECT 1 AS present")
    }

    /// An index past the last column is a programming error that must not read as NULL.
    @Test("an index outside the result throws", arguments: [-1, 2, 99])
    func indexOutsideResultThrows(index: Int) throws {
        let db = try Connection(path: ":memory:")
        try db.forEachRow("SELECT 1, NULL") { row throws in
            expectThrows(RowDecodingError.self) { try row.get(index, as: Int.self) }
            expectThrows(RowDecodingError.self) { try row.get(index, as: Int?.self) }
            expectThrows(RowDecodingError.self) { try row.get(index, as: SQLiteValue.self) }
        }
    }

    @Test func valueAtGivesEachStorageClass() throws {
        let db = try Connection(path: ":memory:")
        try db.forEachRow("SELECT NULL, 1, 1.5, 'a', x'ff'") { row throws in
            #expect(row.columnCount == 5)
            #expect(row.value(at: 0) == .null)
            #expect(row.value(at: 1) == .integer(1))
            #expect(row.value(at: 2) == .real(1.5))
            #expect(row.value(at: 3) == .text("a"))
            #expect(row.value(at: 4) == .blob([0xff]))
        }
    }

    /// The in-place text read the listings parse dates from: every byte (a U+0000 inside does
    /// not cut it), nothing for NULL, a decoding error for another storage class, and the column
    /// values of one row stay apart (each read asks its own column's value).
    @Test func textReadInPlace() throws {
        let db = try Connection(path: ":memory:")
        try db.forEachRow("SELECT 'a' || char(0) || 'b', NULL, 7, '', 'second'") { row throws in
            var bytes: [UInt8] = []
            #expect(try row.withUTF8(at: 0) { bytes = Array($0) })
            #expect(bytes == [0x61, 0x00, 0x62])
            #expect(try !row.withUTF8(at: 1) { _ in Issue.record("called for NULL") })
            expectThrows(RowDecodingError.self) { try row.withUTF8(at: 2) { _ in } }
            #expect(try row.withUTF8(at: 3) { bytes = Array($0) })
            #expect(bytes.isEmpty)
            #expect(try row.get(4) as String == "second")
            #expect(try row.get(2) as Int == 7)
            expectThrows(RowDecodingError.self) { try row.withUTF8(at: 5) { _ in } }
        }
    }

    /// A cached `SELECT *` is recompiled by SQLite when the schema changes; reading by name
    /// must follow the new column order, not a stale one.
    @Test func readByNameFollowsSchemaChange() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (a TEXT, b TEXT) STRICT")
        try db.execute("INSERT INTO t VALUES ('a1', 'b1')")
        #expect(try db.fetchOne("SELECT * FROM t") { try $0.get("b", as: String.self) } == "b1")
        try db.executeScript("""
            DROP TABLE t;
            CREATE TABLE t (b TEXT, a TEXT, c TEXT) STRICT;
            INSERT INTO t VALUES ('b2', 'a2', 'c2');
            """)
        let read = try db.fetchOne("SELECT * FROM t") { row in
            (try row.get("a", as: String.self), try row.get("b", as: String.self),
             try row.get("c", as: String.self), row.columnCount)
        }
        #expect(read?.0 == "a2")
        #expect(read?.1 == "b2")
        #expect(read?.2 == "c2")
        #expect(read?.3 == 3)
    }

    @Test func fetchAllAndFetchOneAndScalar() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT")
        for n in 1...5 { try db.execute("INSERT INTO t VALUES (?)", [n]) }
        #expect(try db.fetchAll("SELECT n FROM t WHERE n > ? ORDER BY n", [2]) { try $0.get(0, as: Int.self) } == [3, 4, 5])
        #expect(try db.fetchAll("SELECT n FROM t WHERE n > 9") { try $0.get(0, as: Int.self) } == [])
        #expect(try db.fetchOne("SELECT n FROM t ORDER BY n DESC") { try $0.get(0, as: Int.self) } == 5)
        #expect(try db.fetchOne("SELECT n FROM t WHERE n > 9") { try $0.get(0, as: Int.self) } == nil)
        #expect(try db.scalar("SELECT sum(n) FROM t", as: Int.self) == 15)
        #expect(try db.scalar("SELECT n FROM t WHERE n > 9", as: Int.self) == nil)
        #expect(db.changes == 1)
        #expect(db.lastInsertRowID == 5)
    }
}
