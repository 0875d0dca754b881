import SupervisionRules
import Foundation
import Synchronization
import Testing

/// The reliability suite (docs/operations.md §14, issue #10): real `caseload` processes killed with SIGKILL at
/// random moments (some while they hold the write lock), several writers at once, and a backup
/// taken while writers run. Sized for CI: a few dozen short processes in all.
///
/// `CASELOAD_TEST_PAUSE_AFTER_LOCK_MS` makes a debug build sleep inside every write transaction,
/// after `BEGIN IMMEDIATE`, so a kill can land while the process holds the lock.
@Suite("Reliability: kills, concurrent writers, backup under load")
struct ReliabilityTests {
    static let asOf = "2025-12-02"

    static func addOfficer(_ id: String, db: String) -> [String] {
        ["officer", "add", "--id", id, "--name", "Officer \(id)", "--role", "officer", "--actor", "root",
         "--as-of", asOf, "--db", db]
    }

    /// Officer ids with `prefix`, and the ids of their `officer.add` audit entries.
    static func recorded(_ sandbox: Sandbox, prefix: String, file: String? = nil) throws -> (officers: Set<String>, audited: Set<String>) {
        let officers = try sandbox.sql("SELECT id FROM officer WHERE id LIKE '\(prefix)%';", file: file)
        let audited = try sandbox.sql("SELECT entity_id FROM audit_log WHERE action = 'officer.add' AND entity_id LIKE '\(prefix)%';", file: file)
        let split = { (text: String) in Set(text.split(separator: "\n").map(String.init)) }
        return (split(officers), split(audited))
    }

    @Test func killedWritersLeaveNothingHalfApplied() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        var acknowledged: Set<String> = []
        var killedPaused = 0
        for round in 0..<16 {
            let id = "k\(round)"
            // Every other writer sleeps inside its transaction: the kill then finds it holding the lock.
            let pause = round % 2 == 0 ? Int.random(in: 200...600) : 0
            let writer = try Running(Self.addOfficer(id, db: sandbox.database), in: sandbox.directory,
                                     environment: ["CASELOAD_TEST_PAUSE_AFTER_LOCK_MS": String(pause)])
            usleep(UInt32(Int.random(in: 0...(pause > 0 ? 500 : 400))) * 1_000)
            writer.kill()
            let (status, _) = writer.wait()
            if status == 0 { acknowledged.insert(id) } else if pause > 0 { killedPaused += 1 }
            // The next command is never blocked by a dead writer's lock.
        }
        // One kill surely inside the lock: the SQLite shell (no busy timeout) is refused the
        // write lock, so the writer holds it, paused in its transaction.
        let held = try Running(Self.addOfficer("k-held", db: sandbox.database), in: sandbox.directory,
                               environment: ["CASELOAD_TEST_PAUSE_AFTER_LOCK_MS": "8000"])
        var holdsLock = false
        for _ in 0..<400 where !holdsLock {
            let probe = try Harness.sqlite(sandbox.database, ["BEGIN IMMEDIATE; ROLLBACK;"], in: sandbox.directory)
            holdsLock = probe.status != 0 && probe.stderr.contains("locked")
            if !holdsLock { usleep(20_000) }
        }
        held.kill()
        #expect(holdsLock, "the writer never took the write lock")
        #expect(held.wait().status == -1)

        let check = try sandbox.run(["check"])
        #expect(check.status == 0, "\(check)")
        let (officers, audited) = try Self.recorded(sandbox, prefix: "k")
        #expect(acknowledged.isSubset(of: officers), "acknowledged \(acknowledged), present \(officers)")
        #expect(officers == audited, "an officer without its audit entry, or the reverse")
        #expect(!officers.contains("k-held"))
        // Writing goes on as before.
        try sandbox.ok(Self.addOfficer("after", db: sandbox.database).dropLast(2).map { $0 })
        print("reliability: \(acknowledged.count) of 16 writers finished before their kill, \(killedPaused) of the 8 pausing ones killed before they finished, one killed while it surely held the lock")
    }

    @Test func severalWritersAtOnceAllSucceed() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        var failures: [String] = []
        for round in 0..<6 {
            let writers = try (0..<4).map { writer in
                try Running(Self.addOfficer("cw\(writer)-\(round)", db: sandbox.database), in: sandbox.directory)
            }
            for (writer, process) in writers.enumerated() {
                let (status, output) = process.wait()
                if status != 0 { failures.append("cw\(writer)-\(round): exit \(status) \(output)") }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        let (officers, audited) = try Self.recorded(sandbox, prefix: "cw")
        #expect(officers.count == 24 && audited == officers)
        try sandbox.ok(["check"])
        try sandbox.ok(["audit", "verify"])
    }

    @Test func aBackupTakenWhileWritersRunHoldsEveryEarlierWrite() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let done = Mutex<[(id: String, at: ContinuousClock.Instant)]>([])
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        let database = sandbox.database, directory = sandbox.directory
        for writer in 0..<3 {
            DispatchQueue.global().async(group: group) {
                for index in 0..<10 {
                    let id = "b\(writer)-\(index)"
                    do {
                        let result = try Harness.run(Harness.executable, Self.addOfficer(id, db: database), in: directory)
                        let finished = ContinuousClock.now
                        if result.status == 0 {
                            done.withLock { $0.append((id, finished)) }
                        } else {
                            failures.withLock { $0.append("\(id): \(result)") }
                        }
                    } catch {
                        failures.withLock { $0.append("\(id): \(error)") }
                    }
                }
            }
        }
        // Let the writers get going, then back up in the middle of them.
        while done.withLock({ $0.count }) < 6 { usleep(20_000) }
        let started = ContinuousClock.now
        let target = sandbox.path("backup.sqlite")
        let backup = try sandbox.run(["backup", "--to", target], actor: "root", asOf: Self.asOf)
        group.wait()
        #expect(backup.status == 0, "\(backup)")
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let before = Set(done.withLock { $0 }.filter { $0.at < started }.map(\.id))

        // Restore: the backup file is a database of its own.
        let restored = sandbox.path("restored.sqlite")
        try FileManager.default.copyItem(atPath: target, toPath: restored)
        let check = try sandbox.run(["check"], db: .some(restored))
        #expect(check.status == 0, "\(check)")
        let (officers, audited) = try Self.recorded(sandbox, prefix: "b", file: restored)
        #expect(before.isSubset(of: officers), "missing from the backup: \(before.subtracting(officers))")
        #expect(officers == audited)
        try sandbox.ok(["check"])
        let (all, _) = try Self.recorded(sandbox, prefix: "b")
        #expect(all.count == 30)
        print("reliability: the backup holds \(officers.count) of 30 concurrent writes (\(before.count) acknowledged before it started)")
    }
}
