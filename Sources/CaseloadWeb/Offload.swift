import Dispatch

/// Runs blocking work (SQLite, bcrypt) on a Dispatch worker thread, so it never holds one of
/// the few threads that run the server's async tasks and event loops.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}
