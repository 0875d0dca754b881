import Dispatch
import Foundation
import Storage
import Testing

@Suite("DatabasePool: one writer, several readers")
struct DatabasePoolTests {
    @Test func aPrivateInMemoryDatabaseReadsThroughItsWriter() throws {
        let pool = try DatabasePool(path: ":memory:", readerCount: 4)
        #expect(pool.readerCount == 0)
        try pool.writer.write { try $0.execute("CREATE TABLE t (n INTEGER) STRICT") }
        try pool.writer.write { try $0.execute("INSERT INTO t VALUES (7)") }
        #expect(try pool.withReader { try $0.read { try $0.scalar("SELECT n FROM t", as: Int.self) } } == 7)
    }

    @Test func readersSeeCommittedWritesAndNotOpenOnes() throws {
        try withTemporaryDatabaseFile { path in
            let pool = try DatabasePool(path: path, readerCount: 2)
            #expect(pool.readerCount == 2)
            try pool.writer.write { try $0.execute("CREATE TABLE t (n INTEGER) STRICT") }
            try pool.writer.write { try $0.execute("INSERT INTO t VALUES (1)") }
            try pool.writer.write { connection in
                try connection.execute("INSERT INTO t VALUES (2)")
                // Inside the writer's open transaction a reader answers at once, from the last commit.
                let seen = try pool.withReader { try $0.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) } }
                #expect(seen == 1)
            }
            #expect(try pool.withReader { try $0.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) } } == 2)
        }
    }

    @Test func concurrentReadsTakeDifferentIdleReaders() throws {
        try withTemporaryDatabaseFile { path in
            let pool = try DatabasePool(path: path, readerCount: 2)
            try pool.writer.write { try $0.execute("CREATE TABLE t (n INTEGER) STRICT") }
            // The first read holds its reader until the second has run: the second must get the
            // other reader, or it would wait forever.
            let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
            let first = Thread {
                pool.withReader { database in
                    inside.signal()
                    release.wait()
                    _ = database
                }
            }
            first.start()
            inside.wait()
            let answer = try pool.withReader { try $0.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) } }
            release.signal()
            #expect(answer == 0)
        }
    }
}
