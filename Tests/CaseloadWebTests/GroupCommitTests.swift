import SupervisionRules
import Dispatch
import Foundation
import Storage
import Synchronization
import Testing
@testable import CaseloadWeb
@testable import Supervision

/// Holds the writer's worker inside a batch until released, so the requests sent meanwhile
/// queue up and are known to share the next batch (no timing involved).
private final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let entered = Atomic<Bool>(false)
    /// Called by the blocking request, inside the worker's batch.
    func enter() {
        entered.store(true, ordering: .sequentiallyConsistent)
        semaphore.wait()
    }
    var hasEntered: Bool { entered.load(ordering: .sequentiallyConsistent) }
    func open() { semaphore.signal() }
}

@Suite("Web: group commit of writes")
struct GroupCommitTests {
    static let people = (1...8).map { "C-\($0)" }

    /// The fixture with eight more supervisees on okafor's caseload.
    static func fixture() throws -> WebFixture {
        let f = try WebFixture()
        let setup = Instant(storage: "2026-03-01T09:00:00Z")!
        for ref in people {
            _ = try f.caseload.register(ReleaseRegistration(caseRef: ref, name: "Person \(ref)", born: "1991-02-03",
                                                            released: "2026-03-02", months: 6, level: "low",
                                                            officer: "okafor"), actorID: "okafor", now: setup)
        }
        return f
    }

    /// Blocks the writer with one request, queues `bodies` behind it, waits until all are queued,
    /// then lets the batch go; returns each request's outcome, in order.
    static func queuedBehindGate<T: Sendable>(_ writer: GroupCommitWriter,
                                              _ bodies: [@Sendable (Caseload) throws -> T]) async throws -> [Result<T, any Error>] {
        let gate = Gate()
        let blocker = Task { try await writer.write { _ in gate.enter() } }
        while !gate.hasEntered { await Task.yield() }
        return try await withThrowingTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            for (index, body) in bodies.enumerated() {
                group.addTask {
                    do { return (index, .success(try await writer.write(body))) } catch { return (index, .failure(error)) }
                }
            }
            while writer.queuedRequests < bodies.count { await Task.yield() }
            gate.open()
            try await blocker.value
            var results: [(Int, Result<T, any Error>)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    static func lifeLogCount(_ f: WebFixture) throws -> Int {
        try f.caseload.database.read { try $0.scalar("SELECT count(*) FROM life_log_entry") } ?? -1
    }

    @Test("concurrent submissions share one commit and each gets its own receipt and audit entry")
    func submissionsShareOneCommit() async throws {
        let f = try Self.fixture()
        let writer = f.services.groupCommit
        let now = f.clock.now
        let before = try Self.lifeLogCount(f)
        let bodies: [@Sendable (Caseload) throws -> LifeLogReceipt] = Self.people.map { ref in
            { try $0.submitLifeLog(LifeLogSubmission(caseRef: ref, wellbeing: 4), actorID: "supervisee:\(ref)", now: now) }
        }
        let results = try await Self.queuedBehindGate(writer, bodies)
        // The blocker's batch, then one batch for all eight.
        #expect(writer.committedBatches == 2)
        let receipts = try results.map { try $0.get() }
        #expect(receipts.map(\.caseRef) == Self.people)
        #expect(Set(receipts.map(\.entryId)).count == Self.people.count)
        #expect(try Self.lifeLogCount(f) == before + Self.people.count)
        let audited: [String] = try f.caseload.database.read {
            try $0.fetchAll("SELECT entity_id FROM audit_log WHERE action = 'lifelog.submit' ORDER BY seq") { try $0.get(0) as String }
        }
        #expect(audited.sorted() == receipts.map { String($0.entryId) }.sorted())
        #expect(try f.caseload.verifyAudit().problem == nil)
    }

    @Test("a refused submission in a batch changes nothing of its own and the others still land")
    func refusedSubmissionLeavesTheOthers() async throws {
        let f = try Self.fixture()
        let writer = f.services.groupCommit
        let now = f.clock.now
        let beforeCount = try Self.lifeLogCount(f)
        // C-4 submits for B-2, someone else's case: refused.
        let bodies: [@Sendable (Caseload) throws -> LifeLogReceipt] = Self.people.map { ref in
            let target = ref == "C-4" ? "B-2" : ref
            return { try $0.submitLifeLog(LifeLogSubmission(caseRef: target, wellbeing: 2), actorID: "supervisee:\(ref)", now: now) }
        }
        let results = try await Self.queuedBehindGate(writer, bodies)
        #expect(writer.committedBatches == 2)
        for (ref, result) in zip(Self.people, results) {
            switch result {
            case .success(let receipt):
                #expect(ref != "C-4")
                #expect(receipt.caseRef == ref)
            case .failure(let error):
                #expect(ref == "C-4")
                #expect((error as? CaseloadError)?.kind == .notPermitted, "\(error)")
            }
        }
        #expect(try Self.lifeLogCount(f) == beforeCount + Self.people.count - 1)
        let forB2: Int? = try f.caseload.database.read {
            try $0.scalar("""
                SELECT count(*) FROM life_log_entry e JOIN supervision_term t ON t.id = e.term_id
                JOIN person p ON p.id = t.person_id WHERE p.case_ref = 'B-2'
                """)
        }
        #expect(forB2 == 0)
        let byC4: Int? = try f.caseload.database.read {
            try $0.scalar("SELECT count(*) FROM audit_log WHERE actor = 'supervisee:C-4'")
        }
        #expect(byC4 == 0)
        #expect(try f.caseload.verifyAudit().problem == nil)
    }

    @Test("a request is all or nothing: when it fails after a use case succeeded, that use case is undone too")
    func requestIsOneSavepoint() async throws {
        let f = try Self.fixture()
        let writer = f.services.groupCommit
        let now = f.clock.now
        let beforeCount = try Self.lifeLogCount(f)
        let bodies: [@Sendable (Caseload) throws -> Int64] = [
            { try $0.submitLifeLog(LifeLogSubmission(caseRef: "C-1"), actorID: "supervisee:C-1", now: now).entryId },
            { caseload in
                _ = try caseload.submitLifeLog(LifeLogSubmission(caseRef: "C-2"), actorID: "supervisee:C-2", now: now)
                throw CaseloadError(.invalidInput, "the second half of this request failed")
            },
            { try $0.submitLifeLog(LifeLogSubmission(caseRef: "C-3"), actorID: "supervisee:C-3", now: now).entryId },
        ]
        let results = try await Self.queuedBehindGate(writer, bodies)
        #expect(writer.committedBatches == 2)
        #expect((try? results[0].get()) != nil)
        #expect((try? results[1].get()) == nil)
        #expect((try? results[2].get()) != nil)
        #expect(try Self.lifeLogCount(f) == beforeCount + 2)
        let refs: [String] = try f.caseload.database.read {
            try $0.fetchAll("""
                SELECT p.case_ref FROM life_log_entry e JOIN supervision_term t ON t.id = e.term_id
                JOIN person p ON p.id = t.person_id ORDER BY e.id
                """) { try $0.get(0) as String }
        }
        #expect(!refs.contains("C-2"))
        #expect(try f.caseload.verifyAudit().problem == nil)
    }
}
