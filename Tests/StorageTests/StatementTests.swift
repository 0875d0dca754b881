import Storage
import Testing

@Suite("Preparing and running statements")
struct StatementTests {
    @Test("more than one statement is refused", arguments: [
        "SELECT 1; SELECT 2",
        "SELECT 1;SELECT 2;",
        "SELECT 1; -- first\nSELECT 2",
        "SELECT 1; SELECT 2; SELECT 3",
        "SELECT 1; nonsense",
        "CREATE TABLE a (x INTEGER) STRICT; DROP TABLE a",
    ])
    func twoStatementsThrow(sql: String) throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: SQLiteError.self) { _ = try db.prepare(sql) }
        #expect(error?.sql == sql)
        // `execute` goes through the same compilation and must not run the first half.
        #expect(throws: SQLiteError.self) { try db.execute(sql) }
        let tables: Int? = try db.scalar("SELECT count(*) FROM sqlite_schema")
        #expect(tables == 0)
    }

    @Test("trailing white space, semicolons and comments are fine", arguments: [
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1;   \n\t ",
        "SELECT 1;;",
        "SELECT 1; -- a comment",
        "SELECT 1 -- a comment",
        "SELECT 1; /* a block comment */",
        "SELECT 1 /* a block comment */ ;\n-- and a line comment\n",
        "  \n SELECT 1",
    ])
    func trailingNoiseIsFine(sql: String) throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare(sql)
        #expect(try statement.step())
        #expect(try db.scalar(sql, as: Int.self) == 1)
    }

    @Test("nothing to prepare throws", arguments: ["", "   ", ";", "-- only a comment"])
    func emptyThrows(sql: String) throws {
        let db = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.self) { _ = try db.prepare(sql) }
    }

    @Test func executeScriptRunsSeveral() throws {
        let db = try Connection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE t (n INTEGER NOT NULL) STRICT;
            INSERT INTO t VALUES (1);
            -- a comment between statements
            INSERT INTO t VALUES (2); INSERT INTO t VALUES (3);
            """)
        #expect(try db.fetchAll("SELECT n FROM t ORDER BY n") { try $0.get(0, as: Int.self) } == [1, 2, 3])
    }

    @Test func preparedStatementRunsManyTimes() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        for n in 1...3 { try insert.execute([n]) }
        let select = try db.prepare("SELECT n FROM t WHERE n >= ? ORDER BY n")
        #expect(select.columnNames == ["n"])
        #expect(select.columnIndex("n") == 0)
        #expect(select.columnIndex("m") == nil)
        var seen: [Int] = []
        try select.forEachRow([2]) { seen.append(try $0.get(0)) }
        try select.forEachRow([3]) { seen.append(try $0.get(0)) }
        #expect(seen == [2, 3, 3])
    }

    /// A statement handed out by `prepare` may outlive the `Connection` value it came from.
    /// Its errors are still reported (not a trap on a dangling reference).
    @Test func preparedStatementOutlivesItsConnectionObject() throws {
        var db: Connection? = try Connection(path: ":memory:")
        let statement = try db!.prepare("SELECT abs(?)")
        db = nil
        var value: Int?
        try statement.forEachRow([-42]) { value = try $0.get(0) }
        #expect(value == 42)
        // abs(Int64.min) overflows: an error raised by SQLite while stepping.
        let error = #expect(throws: SQLiteError.self) { try statement.execute([Int64.min]) }
        #expect(error?.message.contains("overflow") == true)
        #expect(error?.sql == "SELECT abs(?)")
    }
}

@Suite("Statement cache")
struct StatementCacheTests {
    @Test func sameSQLReusesTheStatement() throws {
        let db = try Connection(path: ":memory:")
        let first = try db.cachedStatement("SELECT 1")
        let second = try db.cachedStatement("SELECT 1")
        #expect(first === second)
        #expect(try db.cachedStatement("SELECT 2") !== first)
        // The convenience methods go through the cache too.
        #expect(try db.scalar("SELECT 1", as: Int.self) == 1)
        #expect(try db.cachedStatement("SELECT 1") === first)
        // `prepare` never does.
        #expect(try db.prepare("SELECT 1") !== first)
    }

    @Test func sameQueryFromInsideItsOwnIteration() throws {
        let db = try Connection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE t (n INTEGER NOT NULL) STRICT;
            INSERT INTO t VALUES (1), (2), (3);
            """)
        let sql = "SELECT n FROM t WHERE n >= ? ORDER BY n"
        var pairs: [[Int]] = []
        try db.forEachRow(sql, [1]) { outer in
            let n: Int = try outer.get(0)
            let inner = try db.fetchAll(sql, [n]) { try $0.get(0, as: Int.self) }
            let first = try db.fetchOne(sql, [n]) { try $0.get(0, as: Int.self) }
            let single: Int? = try db.scalar(sql, [n])
            #expect(first == n)
            #expect(single == n)
            // The outer row is still the one we were on.
            #expect(try outer.get(0, as: Int.self) == n)
            pairs.append([n] + inner)
        }
        #expect(pairs == [[1, 1, 2, 3], [2, 2, 3], [3, 3]])
        // And the cached statement is still the one reused afterwards.
        #expect(try db.cachedStatement(sql) === db.cachedStatement(sql))
        #expect(try db.fetchAll(sql, [2]) { try $0.get(0, as: Int.self) } == [2, 3])
    }

    @Test func writingFromInsideIteration() throws {
        let db = try Connection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE t (n INTEGER NOT NULL) STRICT;
            CREATE TABLE doubled (n INTEGER NOT NULL) STRICT;
            INSERT INTO t VALUES (1), (2), (3);
            """)
        try db.forEachRow("SELECT n FROM t ORDER BY n") { row in
            try db.execute("INSERT INTO doubled VALUES (?)", [2 * (try row.get(0, as: Int.self))])
        }
        #expect(try db.fetchAll("SELECT n FROM doubled ORDER BY n") { try $0.get(0, as: Int.self) } == [2, 4, 6])
    }

    @Test func errorInsideIterationResetsTheStatement() throws {
        struct Stop: Error {}
        let db = try Connection(path: ":memory:")
        try db.executeScript("CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1), (2);")
        #expect(throws: Stop.self) { try db.forEachRow("SELECT n FROM t") { _ in throw Stop() } }
        #expect(!db.isInTransaction)
        // Not left half-way: a write from the same connection and a full read both work.
        try db.execute("INSERT INTO t VALUES (3)")
        #expect(try db.fetchAll("SELECT n FROM t") { try $0.get(0, as: Int.self) }.count == 3)
    }
}
