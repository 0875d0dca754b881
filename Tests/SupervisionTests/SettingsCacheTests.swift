import Foundation
import Storage
import Testing
@testable import Supervision
import SupervisionRules

/// The agency's settings are kept between commands and read again when they change: in this
/// process, in another connection, or not at all when the change was rolled back.
@Suite struct SettingsCacheTests {
    static func at(_ text: String) -> Instant { AgencyZone.utc.instant(of: LocalDateTime(iso: text)!) }

    static func register(_ caseload: Caseload, _ caseRef: String, released: String = "2026-03-06") throws -> RegistrationReceipt {
        try caseload.register(ReleaseRegistration(caseRef: caseRef, name: "Test Person", born: "1990-01-01",
                                                  released: released, months: 6, level: "medium", officer: "okafor"),
                              actorID: "okafor", now: at("2026-03-06T09:00"))
    }

    static func agency(path: String) throws -> Caseload {
        _ = try Caseload.initialize(path: path, timeZone: "UTC", agencyName: nil, adminID: "admin", now: at("2026-01-01T09:00"))
        let caseload = try Caseload.open(path: path)
        _ = try caseload.addOfficer(id: "okafor", name: "Ngozi Okafor", role: .officer, actorID: "admin", now: at("2026-01-01T09:00"))
        return caseload
    }

    static func temporaryPath() -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("settings-cache-\(UUID().uuidString).sqlite")
    }

    @Test func aHolidayAddedInThisProcessMovesTheNextFirstInterview() throws {
        let caseload = try Caseload.inMemory(now: Self.at("2026-01-01T09:00"))
        _ = try caseload.addOfficer(id: "okafor", name: "Ngozi Okafor", role: .officer, actorID: "admin", now: Self.at("2026-01-01T09:00"))
        // Friday 2026-03-06 + 3 business days → Wednesday 03-11.
        #expect(try Self.register(caseload, "A-1").firstInterviewDueOn == "2026-03-11")
        _ = try caseload.addHoliday("2026-03-10", name: "Test day", actorID: "admin", now: Self.at("2026-03-01T09:00"))
        #expect(try Self.register(caseload, "A-2").firstInterviewDueOn == "2026-03-12")
    }

    @Test func aChangeByAnotherConnectionIsSeenAtTheNextCommand() throws {
        let path = Self.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let caseload = try Self.agency(path: path)
        #expect(try Self.register(caseload, "B-1").firstLifeLogDueOn == "2026-03-13")
        let other = try Database(path: path)
        try other.write { try $0.execute("UPDATE contact_standard SET life_log_interval_days = 10 WHERE level = 'medium'") }
        try other.write { try $0.execute("INSERT INTO holiday (on_date, name, created_at) VALUES ('2026-03-10', 'x', 'y')") }
        let receipt = try Self.register(caseload, "B-2")
        #expect(receipt.firstLifeLogDueOn == "2026-03-16")
        #expect(receipt.firstInterviewDueOn == "2026-03-12")
    }

    @Test func aSettingsChangeThatWasRolledBackIsForgotten() throws {
        let path = Self.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let caseload = try Self.agency(path: path)
        struct Abandon: Error {}
        // A batch adds a holiday, uses it, then fails: the holiday never existed.
        #expect(throws: Abandon.self) {
            try caseload.batch { batch in
                _ = try batch.addHoliday("2026-03-10", name: "Rolled back", actorID: "admin", now: Self.at("2026-03-01T09:00"))
                #expect(try Self.register(batch, "C-1").firstInterviewDueOn == "2026-03-12")
                throw Abandon()
            }
        }
        // Another connection now makes a different change that brings the counter to the same
        // value the rolled-back batch had reached.
        let other = try Database(path: path)
        try other.write { try $0.execute("UPDATE agency SET name = 'Renamed' WHERE id = 1") }
        #expect(try Self.register(caseload, "C-2").firstInterviewDueOn == "2026-03-11")
        #expect(try caseload.agency().name == "Renamed")
    }

    @Test func anAccountDeactivatedByAnotherConnectionMayNoLongerAct() throws {
        let path = Self.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let caseload = try Self.agency(path: path)
        _ = try Self.register(caseload, "D-1")
        _ = try caseload.nextDueDates(caseRef: "D-1", actorID: "okafor", now: Self.at("2026-03-09T09:00"))
        let other = try Database(path: path)
        try other.write { try $0.execute("UPDATE officer SET active = 0 WHERE id = 'okafor'") }
        do {
            _ = try caseload.nextDueDates(caseRef: "D-1", actorID: "okafor", now: Self.at("2026-03-09T09:00"))
            Issue.record("an inactive account must not act")
        } catch let error as CaseloadError {
            #expect(error.kind == .notPermitted)
        }
        try other.write { try $0.execute("UPDATE officer SET active = 1 WHERE id = 'okafor'") }
        _ = try caseload.nextDueDates(caseRef: "D-1", actorID: "okafor", now: Self.at("2026-03-09T09:00"))
    }
}
