import Storage
import Testing

/// A statement that breaks a constraint with personal data bound to it.
struct ConstraintCase: Sendable, CustomTestStringConvertible {
    let name: String
    let sql: String
    let arguments: [SQLiteValue]
    let extendedCode: Int32
    var testDescription: String { name }
}

/// Values no SQLite message could contain by chance.
let personalValues = ["Zanzibar-4711", "Quixote-0815", "19990417-1234"]

let constraintCases: [ConstraintCase] = [
    ConstraintCase(name: "UNIQUE", sql: "INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)",
                   arguments: [.integer(2), .text("Zanzibar-4711"), .integer(1)], extendedCode: 2067),
    ConstraintCase(name: "FOREIGN KEY", sql: "INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)",
                   arguments: [.integer(3), .text("Quixote-0815"), .integer(4711)], extendedCode: 787),
    ConstraintCase(name: "PRIMARY KEY", sql: "INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)",
                   arguments: [.integer(1), .text("Quixote-0815"), .integer(1)], extendedCode: 1555),
    ConstraintCase(name: "NOT NULL", sql: "INSERT INTO person (id, name, agency_id, note) VALUES (?, ?, ?, ?)",
                   arguments: [.integer(5), .null, .integer(1), .text("Zanzibar-4711")], extendedCode: 1299),
    ConstraintCase(name: "CHECK", sql: "INSERT INTO person (id, name, agency_id, born) VALUES (?, ?, ?, ?)",
                   arguments: [.integer(6), .text("Quixote-0815"), .integer(1), .text("19990417-1234")],
                   extendedCode: 275),
    ConstraintCase(name: "STRICT data type", sql: "INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)",
                   arguments: [.integer(8), .text("Quixote-0815"), .text("Zanzibar-4711")], extendedCode: 3091),
    ConstraintCase(name: "UNIQUE on UPDATE", sql: "UPDATE person SET name = ? WHERE id = ?",
                   arguments: [.text("Zanzibar-4711"), .integer(7)], extendedCode: 2067),
]

@Suite("SQLiteError")
struct SQLiteErrorTests {
    private func makeDatabase() throws -> Connection {
        let db = try Connection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE agency (id INTEGER PRIMARY KEY) STRICT;
            CREATE TABLE person (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                agency_id INTEGER NOT NULL REFERENCES agency (id),
                born TEXT CHECK (born IS date(born, '+0 days')),
                note TEXT
            ) STRICT;
            INSERT INTO agency (id) VALUES (1);
            """)
        try db.execute("INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)", [1, "Zanzibar-4711", 1])
        try db.execute("INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)", [7, "Someone-Else-99", 1])
        return db
    }

    @Test("constraint errors carry the code and the SQL but no bound value", arguments: constraintCases)
    func constraintViolation(_ example: ConstraintCase) throws {
        let db = try makeDatabase()
        let error = #expect(throws: SQLiteError.self) { try db.execute(example.sql, StatementArguments(example.arguments)) }
        let caught = try #require(error)
        #expect(caught.code == ResultCode(rawValue: example.extendedCode))
        #expect(caught.code.primary == .constraint)
        #expect(caught.isConstraintViolation)
        #expect(caught.sql == example.sql)
        #expect(caught.description.contains(example.sql))
        for value in personalValues {
            #expect(!caught.message.contains(value), "message leaks \(value): \(caught.message)")
            #expect(!caught.description.contains(value), "description leaks \(value): \(caught.description)")
            #expect(!String(reflecting: caught).contains(value), "debug description leaks \(value)")
        }
        // The failed statement left nothing behind, and the connection goes on working.
        #expect(try count(db, "person") == 2)
        try db.execute("INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)", [100, "Fresh", 1])
        #expect(try count(db, "person") == 3)
    }

    /// Text into an INTEGER PRIMARY KEY (the rowid) is SQLITE_MISMATCH, not a constraint code.
    @Test func textIntoRowidIsAMismatch() throws {
        let db = try makeDatabase()
        let sql = "INSERT INTO person (id, name, agency_id) VALUES (?, ?, ?)"
        let error = #expect(throws: SQLiteError.self) { try db.execute(sql, ["Zanzibar-4711", "Quixote-0815", 1]) }
        #expect(error?.code == ResultCode.mismatch)
        #expect(error?.sql == sql)
        #expect(error?.description.contains("Zanzibar") == false)
        #expect(error?.description.contains("Quixote") == false)
    }

    /// A CHECK that evaluates to NULL passes. `CHECK (d = date(d))`, as DESIGN.md suggests for
    /// date columns, is NULL for any text that is not a date, so it lets everything through.
    /// `CHECK (d IS date(d))` refuses those but, in SQLite 3.40, `date('2025-02-30')` is
    /// '2025-02-30', so impossible days still pass. Only a modifier makes SQLite compute the
    /// date: `CHECK (d IS date(d, '+0 days'))` refuses them all and still allows NULL.
    @Test func dateCheckNeedsIsAndAModifier() throws {
        let db = try Connection(path: ":memory:")
        try db.executeScript("""
            CREATE TABLE with_equals (d TEXT CHECK (d = date(d))) STRICT;
            CREATE TABLE with_is (d TEXT CHECK (d IS date(d))) STRICT;
            CREATE TABLE with_is_computed (d TEXT CHECK (d IS date(d, '+0 days'))) STRICT;
            """)
        // date() gives NULL for these, so `d = date(d)` is NULL and the CHECK passes.
        let notDates = ["19990417-1234", "yesterday", "2025-1-5", "2025-13-01"]
        let impossibleDays = ["2025-02-30", "2025-04-31", "2025-02-29"]
        for bad in notDates + impossibleDays {
            try db.execute("INSERT INTO with_equals VALUES (?)", [bad])
            let error = expectThrows(SQLiteError.self) { try db.execute("INSERT INTO with_is_computed VALUES (?)", [bad]) }
            #expect(error?.code == ResultCode.constraintCheck, "\(bad)")
        }
        for bad in impossibleDays {
            try db.execute("INSERT INTO with_is VALUES (?)", [bad])
        }
        #expect(try count(db, "with_equals") == notDates.count + impossibleDays.count)
        let withTime = expectThrows(SQLiteError.self) {
            try db.execute("INSERT INTO with_is_computed VALUES (?)", ["2024-02-29 10:00"])
        }
        #expect(withTime?.code == ResultCode.constraintCheck)
        #expect(try count(db, "with_is") == impossibleDays.count)
        for good in ["2024-02-29", "2025-12-31", "0001-01-01"] {
            try db.execute("INSERT INTO with_is_computed VALUES (?)", [good])
        }
        try db.execute("INSERT INTO with_is_computed VALUES (NULL)")
        #expect(try count(db, "with_is_computed") == 4)
    }

    @Test func foreignKeysAreEnforced() throws {
        let db = try makeDatabase()
        let error = #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM agency WHERE id = ?", [1]) }
        #expect(error?.code == ResultCode.constraintForeignKey)
    }

    @Test func namedCodesMatchSQLite() {
        #expect(ResultCode.constraintUnique.rawValue == 2067)
        #expect(ResultCode.constraintForeignKey.rawValue == 787)
        #expect(ResultCode.constraintNotNull.rawValue == 1299)
        #expect(ResultCode.constraintPrimaryKey.rawValue == 1555)
        #expect(ResultCode.constraintCheck.rawValue == 275)
        #expect(ResultCode.constraintDataType.rawValue == 3091)
        #expect(ResultCode.mismatch.rawValue == 20)
        #expect(ResultCode(rawValue: 2067).primary == .constraint)
        #expect(SQLiteError(code: ResultCode(rawValue: 517), message: "m").isBusy)
        #expect(SQLiteError(code: ResultCode(rawValue: 262), message: "m").isBusy)
    }

    @Test func syntaxErrorCarriesTheSQL() throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: SQLiteError.self) { try db.execute("SELEKT 1") }
        #expect(error?.code == ResultCode.error)
        #expect(error?.sql == "SELEKT 1")
        #expect(error?.description.contains("SELEKT 1") == true)
    }

    @Test func scriptErrorCarriesTheScript() throws {
        let db = try Connection(path: ":memory:")
        let script = "CREATE TABLE t (x INTEGER UNIQUE) STRICT; INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);"
        let error = #expect(throws: SQLiteError.self) { try db.executeScript(script) }
        #expect(error?.code == ResultCode.constraintUnique)
        #expect(error?.sql == script)
    }

    @Test func wrongArgumentCountThrows() throws {
        let db = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try db.execute("SELECT ?, ?", [1]) }
        #expect(throws: SQLiteError.self) { try db.execute("SELECT ?", [1, 2]) }
        #expect(throws: SQLiteError.self) { try db.execute("SELECT ?") }
        // The statement is still usable afterwards.
        #expect(try db.scalar("SELECT ? + ?", [1, 2]) == 3)
    }
}
