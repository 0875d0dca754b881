import Synchronization

/// The connections a long-running server keeps to one database file: one writer and several
/// readers. In WAL mode a reader reads the last committed snapshot without waiting for the
/// writer, so a slow write never holds up a listing; writes queue on the one writer (SQLite
/// allows one at a time anyway, and `BEGIN IMMEDIATE` plus the busy timeout make other
/// processes, such as the command line, wait their turn instead of failing).
///
/// A private in-memory database cannot be shared between connections: there, and with
/// `readerCount` 0, reads go to the writer.
public final class DatabasePool: Sendable {
    public let path: String
    public let writer: Database
    private let readers: [Database]
    /// Which readers are idle, so a read takes an idle one rather than queueing behind a busy one.
    private let idle: Mutex<[Bool]>
    private let rotation = Atomic<Int>(0)

    public init(path: String, readerCount: Int) throws {
        self.path = path
        self.writer = try Database(path: path)
        let count = path == ":memory:" ? 0 : max(0, readerCount)
        self.readers = try (0..<count).map { _ in try Database(path: path) }
        self.idle = Mutex(Array(repeating: true, count: count))
    }

    public var readerCount: Int { readers.count }

    /// Runs `body` on an idle reader (or, when all are busy, on the next in turn, waiting for it).
    /// The database passed to `body` must only be read from.
    public func withReader<T>(_ body: (Database) throws -> T) rethrows -> T {
        guard !readers.isEmpty else { return try body(writer) }
        let claimed: Int? = idle.withLock { flags in
            guard let index = flags.firstIndex(of: true) else { return nil }
            flags[index] = false
            return index
        }
        guard let index = claimed else {
            let next = rotation.wrappingAdd(1, ordering: .relaxed).oldValue
            return try body(readers[(next % readers.count + readers.count) % readers.count])
        }
        defer { idle.withLock { $0[index] = true } }
        return try body(readers[index])
    }
}
