import Dispatch
import Supervision
import Synchronization

/// The server's one writer, with group commit. Requests that write queue here; one worker
/// drains the queue into a single transaction (`Caseload.batch`) in which each request runs as
/// its own savepoint, and commits once. A durable commit (WAL, `synchronous = FULL`) costs an
/// fsync, so requests that arrive while one batch commits share the next one instead of each
/// waiting for its own.
///
/// Each request still gets its own all-or-nothing answer: one that fails rolls back only its
/// savepoint and gets its own error, the others go on; an answer is given only after the
/// COMMIT, and if the COMMIT (or the BEGIN) fails, every request of the batch gets that failure
/// and none of them is saved.
final class GroupCommitWriter: Sendable {
    /// One queued request: `run` does its work inside the batch and returns how to deliver its
    /// answer once the batch has committed; `fail` delivers the batch's failure instead.
    private struct Job: Sendable {
        let run: @Sendable (Caseload) -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var pending: [Job] = []
        var draining = false
    }

    private let caseload: Caseload
    private let queue = Mutex(Queue())
    private let commits = Atomic<Int>(0)
    /// The most requests one transaction takes, so a long queue still commits in steps.
    let maximumBatch: Int

    init(caseload: Caseload, maximumBatch: Int = 256) {
        precondition(maximumBatch >= 1, "a batch holds at least one request")
        self.caseload = caseload
        self.maximumBatch = maximumBatch
    }

    /// How many batches have committed (tests check that queued requests share one).
    var committedBatches: Int { commits.load(ordering: .relaxed) }

    /// How many requests wait for the next batch.
    var queuedRequests: Int { queue.withLock { $0.pending.count } }

    /// Runs `body` in the next batch; returns its result once that batch has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Caseload) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { batch in
                    let result = Result { try batch.savepoint(body) }
                    return { continuation.resume(with: result) }
                },
                fail: { continuation.resume(throwing: $0) })
            let startWorker = queue.withLock { queue in
                queue.pending.append(job)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            // The worker blocks on SQLite, so it runs on a Dispatch thread, never on the
            // threads of the server's event loops and tasks.
            if startWorker { DispatchQueue.global().async { self.drain() } }
        }
    }

    /// Commits batches until the queue is empty, then stops (the next request starts it again).
    private func drain() {
        while true {
            let jobs: [Job] = queue.withLock { queue in
                guard !queue.pending.isEmpty else {
                    queue.draining = false
                    return []
                }
                let taken = Array(queue.pending.prefix(maximumBatch))
                queue.pending.removeFirst(taken.count)
                return taken
            }
            if jobs.isEmpty { return }
            do {
                let deliveries = try caseload.batch { batch in jobs.map { $0.run(batch) } }
                commits.add(1, ordering: .relaxed)
                for deliver in deliveries { deliver() }
            } catch {
                for job in jobs { job.fail(error) }
            }
        }
    }
}
