import Storage
import Testing

private func makeTable(_ db: Database) throws {
    try db.write { try $0.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, writer TEXT NOT NULL, n INTEGER NOT NULL) STRICT") }
}

private func rows(_ db: Database) throws -> [String] {
    try db.read { connection in
        try connection.fetchAll("SELECT writer || ':' || n FROM t") { try $0.get(0, as: String.self) }
    }.sorted()
}

private func expected(_ writer: String, _ count: Int) -> [String] {
    (0..<count).map { "\(writer):\($0)" }.sorted()
}

@Suite("Database from many tasks")
struct DatabaseConcurrencyTests {
    @Test func inMemoryDatabaseWorks() throws {
        let db = try Database.inMemory()
        try makeTable(db)
        try db.write { try $0.execute("INSERT INTO t (writer, n) VALUES (?, ?)", ["m", 1]) }
        #expect(try db.withConnection { try $0.scalar("SELECT count(*) FROM t", as: Int.self) } == 1)
        #expect(db.path == ":memory:")
    }

    @Test func hundredConcurrentWritersOnOneDatabase() async throws {
        try await withTemporaryDatabaseFile { path in
            let db = try Database(path: path)
            try makeTable(db)
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for n in 0..<100 {
                    group.addTask {
                        try db.write { connection in
                            try connection.execute("INSERT INTO t (writer, n) VALUES (?, ?)", ["one", n])
                            // Read back inside the same transaction: no other task interleaves.
                            let id = connection.lastInsertRowID
                            let mine: Int? = try connection.scalar("SELECT n FROM t WHERE id = ?", [id])
                            #expect(mine == n)
                            return id
                        }
                    }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            #expect(ids.count == 100)
            #expect(try rows(db) == expected("one", 100))
        }
    }

    /// Two handles on one file are two connections, as two processes would be: `BEGIN
    /// IMMEDIATE` and the busy timeout make each writer wait for the other rather than fail.
    @Test func twoDatabaseHandlesOnOneFileWritingConcurrently() async throws {
        try await withTemporaryDatabaseFile { path in
            let first = try Database(path: path)
            let second = try Database(path: path)
            try makeTable(first)
            let perWriter = 60
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<perWriter {
                    for (name, db) in [("first", first), ("second", second)] {
                        group.addTask {
                            try db.write { connection in
                                // Read then write in one transaction: a lost update would show
                                // as a duplicate or missing row below.
                                let already: Int? = try connection.scalar(
                                    "SELECT count(*) FROM t WHERE writer = ?", [name])
                                try connection.execute("INSERT INTO t (writer, n) VALUES (?, ?)", [name, n])
                                #expect(already != nil)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try rows(first) == (expected("first", perWriter) + expected("second", perWriter)).sorted())
            #expect(try rows(second) == rows(first))
        }
    }

    @Test func reopenedFileSeesEveryCommittedRow() async throws {
        try await withTemporaryDatabaseFile { path in
            do {
                let db = try Database(path: path)
                try makeTable(db)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<50 {
                        group.addTask {
                            try db.write { try $0.execute("INSERT INTO t (writer, n) VALUES (?, ?)", ["w", n]) }
                        }
                    }
                    try await group.waitForAll()
                }
                // A rolled-back write must not reappear after reopening.
                expectThrows(SQLiteError.self) {
                    try db.write { connection in
                        try connection.execute("INSERT INTO t (writer, n) VALUES (?, ?)", ["w", 999])
                        try connection.execute("INSERT INTO t (id, writer, n) VALUES (1, 'dup', 0)")
                    }
                }
            }
            let reopened = try Database(path: path)
            #expect(try rows(reopened) == expected("w", 50))
        }
    }

    @Test func concurrentReadersAndWriters() async throws {
        try await withTemporaryDatabaseFile { path in
            let db = try Database(path: path)
            try makeTable(db)
            let counts = try await withThrowingTaskGroup(of: Int?.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        if n.isMultiple(of: 2) {
                            try db.write { try $0.execute("INSERT INTO t (writer, n) VALUES (?, ?)", ["rw", n]) }
                            return nil
                        }
                        return try db.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) }
                    }
                }
                return try await group.reduce(into: [Int]()) { if let c = $1 { $0.append(c) } }
            }
            #expect(counts.count == 20)
            let outOfRange = counts.filter { !(0...20).contains($0) }
            #expect(outOfRange == [])
            let total = try db.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) }
            #expect(total == 20)
        }
    }
}
