import Storage
import Testing

private struct Abort: Error, Equatable {}

private func makeTable(_ db: Connection) throws {
    try db.execute("CREATE TABLE t (name TEXT PRIMARY KEY) STRICT")
}

private func names(_ db: Connection) throws -> [String] {
    try db.fetchAll("SELECT name FROM t ORDER BY name") { try $0.get(0) }
}

private func insert(_ db: Connection, _ name: String) throws {
    try db.execute("INSERT INTO t (name) VALUES (?)", [name])
}

@Suite("Transactions")
struct TransactionTests {
    @Test func writeCommitsAndReturnsTheResult() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        #expect(!db.isInTransaction)
        let result = try db.write {
            #expect(db.isInTransaction)
            try insert(db, "a")
            try insert(db, "b")
            return 42
        }
        #expect(result == 42)
        #expect(!db.isInTransaction)
        #expect(try names(db) == ["a", "b"])
    }

    @Test func throwInsideWriteRollsBackEverything() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        try insert(db, "before")
        #expect(throws: Abort.self) {
            try db.write {
                try insert(db, "a")
                try db.write { try insert(db, "nested") }
                try db.execute("UPDATE t SET name = 'renamed' WHERE name = 'before'")
                throw Abort()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try names(db) == ["before"])
    }

    @Test func sqlErrorInsideWriteRollsBackEverything() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        let error = #expect(throws: SQLiteError.self) {
            try db.write {
                try insert(db, "a")
                try insert(db, "a")
            }
        }
        #expect(error?.code == ResultCode.constraintPrimaryKey)
        #expect(try names(db) == [])
        #expect(!db.isInTransaction)
    }

    @Test func failedSavepointRollsBackOnlyItself() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        try db.write {
            try insert(db, "outer-before")
            expectThrows(Abort.self) {
                try db.write {
                    try insert(db, "inner")
                    try db.execute("DELETE FROM t WHERE name = 'outer-before'")
                    throw Abort()
                }
            }
            // A constraint failure inside a savepoint undoes that savepoint's earlier work too.
            expectThrows(SQLiteError.self) {
                try db.write {
                    try insert(db, "inner-2")
                    try insert(db, "outer-before")
                }
            }
            #expect(db.isInTransaction)
            try insert(db, "outer-after")
        }
        #expect(try names(db) == ["outer-after", "outer-before"])
    }

    @Test func successfulSavepointCommitsWithItsTransaction() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        try db.write {
            try insert(db, "a")
            try db.write {
                try insert(db, "b")
                try db.write { try insert(db, "c") }
                expectThrows(Abort.self) {
                    try db.write {
                        try insert(db, "d")
                        throw Abort()
                    }
                }
            }
        }
        #expect(try names(db) == ["a", "b", "c"])
    }

    @Test func failedSavepointThatIsNotCaughtRollsBackTheOuterToo() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        #expect(throws: Abort.self) {
            try db.write {
                try insert(db, "a")
                try db.write {
                    try insert(db, "b")
                    throw Abort()
                }
            }
        }
        #expect(try names(db) == [])
        // The connection is usable for a fresh transaction afterwards (depth was reset).
        try db.write { try insert(db, "c") }
        #expect(try names(db) == ["c"])
        #expect(!db.isInTransaction)
    }

    /// `INSERT OR ROLLBACK` (like SQLITE_FULL or an I/O error) makes SQLite roll back the whole
    /// transaction itself. A caller that catches the savepoint's error and carries on must not
    /// end up writing outside any transaction: the outer write has to fail and leave nothing.
    @Test func transactionRolledBackBySQLiteIsNotContinuedInAutocommit() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        try insert(db, "existing")
        #expect(throws: SQLiteError.self) {
            try db.write {
                try insert(db, "a")
                do {
                    try db.write { try db.execute("INSERT OR ROLLBACK INTO t (name) VALUES ('existing')") }
                } catch {
                    // Deliberately carry on, as a caller might.
                }
                try insert(db, "after")
            }
        }
        #expect(!db.isInTransaction)
        #expect(try names(db) == ["existing"])
        // And the connection recovers for the next transaction.
        try db.write { try insert(db, "next") }
        #expect(try names(db) == ["existing", "next"])
    }

    @Test func readRunsInATransactionAndReturnsTheResult() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        try insert(db, "a")
        let result = try db.read {
            #expect(db.isInTransaction)
            return try names(db)
        }
        #expect(result == ["a"])
        #expect(!db.isInTransaction)
    }

    @Test func readNestedInWriteSeesTheWritesSoFar() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        try db.write {
            try insert(db, "a")
            let seen = try db.read { try names(db) }
            #expect(seen == ["a"])
            try insert(db, "b")
        }
        #expect(try names(db) == ["a", "b"])
    }

    /// A read transaction cannot be turned into a write: upgrading it fails with SQLITE_BUSY at
    /// once (no busy timeout) whenever another connection wrote since the snapshot, which is
    /// exactly what `BEGIN IMMEDIATE` exists to avoid. So it is refused every time.
    @Test func writingInsideReadIsRefused() throws {
        let db = try Connection(path: ":memory:")
        try makeTable(db)
        let nested = #expect(throws: SQLiteError.self) {
            try db.read { try db.write { try insert(db, "a") } }
        }
        #expect(nested?.code == ResultCode.misuse)
        let direct = #expect(throws: SQLiteError.self) {
            try db.read { try insert(db, "b") }
        }
        #expect(direct?.code.primary == .readOnly)
        #expect(throws: Abort.self) {
            try db.read {
                _ = try names(db)
                throw Abort()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try names(db) == [])
        // Writing works again once the read is over, however it ended.
        try insert(db, "c")
        try db.write { try insert(db, "d") }
        #expect(try names(db) == ["c", "d"])
    }

    @Test func readSeesOneSnapshot() throws {
        try withTemporaryDatabaseFile { path in
            let reader = try Connection(path: path)
            try makeTable(reader)
            try insert(reader, "a")
            let writer = try Connection(path: path)
            let (before, during) = try reader.read {
                let before = try names(reader)
                try writer.write { try insert(writer, "b") }
                // Committed and visible to its own connection...
                #expect(try names(writer) == ["a", "b"])
                // ...but not inside the read that started before it.
                return (before, try names(reader))
            }
            #expect(before == ["a"])
            #expect(during == ["a"])
            #expect(try names(reader) == ["a", "b"])
        }
    }

    @Test func readersAreNotBlockedByAWriter() throws {
        try withTemporaryDatabaseFile { path in
            let writer = try Connection(path: path)
            try makeTable(writer)
            try insert(writer, "a")
            let reader = try Connection(path: path)
            try writer.write {
                try insert(writer, "uncommitted")
                // WAL: the reader sees the last commit and does not wait for the writer.
                #expect(try names(reader) == ["a"])
                let inRead = try reader.read { try names(reader) }
                #expect(inRead == ["a"])
            }
            #expect(try names(reader) == ["a", "uncommitted"])
        }
    }
}
