import SupervisionRules
import Foundation
import Storage
import Supervision

/// What every route shares: the database pool, the password hasher and the clock.
final class WebServices: Sendable {
    let pool: DatabasePool
    let writer: Caseload
    /// Every write goes through it: concurrent requests share one commit (see `GroupCommitWriter`).
    let groupCommit: GroupCommitWriter
    let hasher: PasswordHasher
    let clock: @Sendable () -> Instant
    let secureCookies: Bool

    init(pool: DatabasePool, configuration: WebConfiguration) {
        self.pool = pool
        self.writer = Caseload(database: pool.writer)
        self.groupCommit = GroupCommitWriter(caseload: writer)
        self.hasher = PasswordHasher(cost: configuration.bcryptCost)
        self.clock = configuration.clock
        self.secureCookies = !configuration.isLoopback
    }

    /// A use case that only reads, on a reader connection: it never waits for a write.
    func read<T: Sendable>(_ body: @escaping @Sendable (Caseload) throws -> T) async throws -> T {
        let pool = self.pool
        return try await offload { try pool.withReader { try body(Caseload(database: $0)) } }
    }

    /// A use case that writes (or audits a read), on the one writer connection, in the next
    /// group commit: its own savepoint, answered once the batch is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (Caseload) throws -> T) async throws -> T {
        try await groupCommit.write(body)
    }
}
