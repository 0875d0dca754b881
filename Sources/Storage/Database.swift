import Synchronization

/// A `Sendable` handle to one database connection. Every call holds the connection for its
/// duration, so concurrent tasks are served one at a time.
///
/// `@unchecked` because the compiler cannot see the invariant that makes it safe: the
/// non-`Sendable` connection is touched only while `lock` is held, and the closures that
/// receive it must not let it escape.
public final class Database: @unchecked Sendable {
    private let lock = Mutex(())
    private let connection: Connection
    public let path: String
    /// True when the file was opened read-only (see `Connection.Access`).
    public let isReadOnly: Bool

    public init(path: String, access: Connection.Access = .create,
                busyTimeoutMilliseconds: Int32 = Connection.busyTimeoutMilliseconds) throws {
        self.connection = try Connection(path: path, access: access, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        self.path = path
        self.isReadOnly = connection.isReadOnly
    }

    /// A private in-memory database (tests).
    public static func inMemory() throws -> Database {
        try Database(path: ":memory:")
    }

    /// Runs `body` in one write transaction (see `Connection.write`).
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try withConnection { connection in try connection.write { try body(connection) } }
    }

    /// Runs `body` in one read transaction: one consistent snapshot.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try withConnection { connection in try connection.read { try body(connection) } }
    }

    /// Runs `body` with the connection and no transaction of its own (migrations, pragmas).
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { _ in try body(connection) }
    }
}
