import Storage
import Testing

@Suite("Batched inserts: many rows to a statement")
struct BatchedInsertTests {
    static func table() throws -> Connection {
        let db = try Connection(path: ":memory:")
        try db.executeScript("CREATE TABLE t (n INTEGER PRIMARY KEY, label TEXT NOT NULL, flag TEXT NOT NULL) STRICT")
        return db
    }

    @Test("every row lands, in order, on either side of a statement's worth", arguments: [0, 1, 6, 7, 8, 14, 15, 30])
    func rowsAroundTheBoundary(count: Int) throws {
        let db = try Self.table()
        var insert = BatchedInsert(db, prefix: "INSERT INTO t (n, label, flag)", row: "(?, ?, 'x')", columns: 2,
                                   rowsPerStatement: 7)
        for n in 0..<count { try insert.append([Int64(n), "row \(n)"]) }
        try insert.finish()
        let rows = try db.fetchAll("SELECT n, label, flag FROM t ORDER BY rowid") {
            "\(try $0.get(0) as Int64) \(try $0.get(1) as String) \(try $0.get(2) as String)"
        }
        #expect(rows == (0..<count).map { "\($0) row \($0) x" })
    }

    @Test("rows wait for finish() until a statement's worth is held")
    func rowsWaitForFinish() throws {
        let db = try Self.table()
        var insert = BatchedInsert(db, prefix: "INSERT INTO t (n, label, flag)", row: "(?, ?, ?)", columns: 3,
                                   rowsPerStatement: 3)
        for n in 0..<4 { try insert.append([Int64(n), "r", "f"]) }
        let written: Int64? = try db.scalar("SELECT count(*) FROM t")
        #expect(written == 3)
        try insert.finish()
        let total: Int64? = try db.scalar("SELECT count(*) FROM t")
        #expect(total == 4)
    }

    @Test("a suffix applies to every statement (an upsert)")
    func suffix() throws {
        let db = try Self.table()
        try db.execute("INSERT INTO t (n, label, flag) VALUES (1, 'old', 'f'), (5, 'old', 'f')")
        var insert = BatchedInsert(db, prefix: "INSERT INTO t (n, label, flag)", row: "(?, ?, 'f')",
                                   suffix: "ON CONFLICT (n) DO UPDATE SET label = excluded.label", columns: 2,
                                   rowsPerStatement: 2)
        for n in 0..<6 { try insert.append([Int64(n), "new"]) }
        try insert.finish()
        let labels = try db.fetchAll("SELECT label FROM t ORDER BY n") { try $0.get(0) as String }
        #expect(labels == Array(repeating: "new", count: 6))
    }

    @Test("a row of the wrong width is refused; values reach SQL only as parameters")
    func wrongWidthAndParameters() throws {
        let db = try Self.table()
        var insert = BatchedInsert(db, prefix: "INSERT INTO t (n, label, flag)", row: "(?, ?, 'f')", columns: 2)
        #expect(throws: SQLiteError.self) { try insert.append([Int64(1)]) }
        try insert.append([Int64(2), "'); DROP TABLE t; --"])
        try insert.finish()
        let label: String? = try db.scalar("SELECT label FROM t WHERE n = 2")
        #expect(label == "'); DROP TABLE t; --")
    }

    @Test("a failing row fails its statement, and the caller's transaction takes everything back")
    func failureRollsBack() throws {
        let db = try Self.table()
        #expect(throws: SQLiteError.self) {
            try db.write {
                var insert = BatchedInsert(db, prefix: "INSERT INTO t (n, label, flag)", row: "(?, ?, 'f')",
                                           columns: 2, rowsPerStatement: 2)
                for n: Int64 in [1, 2, 3, 3, 4] { try insert.append([n, "r"]) }   // 3 twice: UNIQUE
                try insert.finish()
            }
        }
        let count: Int64? = try db.scalar("SELECT count(*) FROM t")
        #expect(count == 0)
    }
}
