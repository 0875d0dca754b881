import Storage
import Testing
@testable import Supervision
import SupervisionRules

// Use-case tests: every test opens its own in-memory agency through `UseCaseFixture`, acts
// through the public use cases with an explicit clock, and reads the database back with SQL.

/// The instant at which the wall clock of `zone` shows `text` (`YYYY-MM-DDTHH:MM[:SS]`).
func instant(_ text: String, _ zone: AgencyZone, sourceLocation: SourceLocation = #_sourceLocation) throws -> Instant {
    let local = try #require(LocalDateTime(iso: text), "test date-time \(text) does not parse", sourceLocation: sourceLocation)
    return zone.instant(of: local)
}

/// An agency in one zone with officers `ok1` and `ok2`, supervisor `sup` and admin `admin`.
struct UseCaseFixture {
    let caseload: Caseload
    let zone: AgencyZone

    static let home = "51.5,-0.12"

    init(zone identifier: String = "Europe/London", setUpAt: String = "2026-01-01T09:00") throws {
        zone = try #require(AgencyZone(identifier: identifier), "zone \(identifier) unknown here")
        let now = try instant(setUpAt, zone)
        caseload = try Caseload.inMemory(timeZone: identifier, admin: "admin", now: now)
        _ = try caseload.addOfficer(id: "ok1", name: "Olive Officer", role: .officer, actorID: "admin", now: now)
        _ = try caseload.addOfficer(id: "ok2", name: "Owen Officer", role: .officer, actorID: "admin", now: now)
        _ = try caseload.addOfficer(id: "sup", name: "Sue Supervisor", role: .supervisor, actorID: "admin", now: now)
    }

    /// A fresh agency copied from `template` (a property test starts thousands from one).
    init(copying template: UseCaseFixture) throws {
        zone = template.zone
        caseload = Caseload(database: try template.caseload.database.inMemoryCopy())
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` local to the agency.
    func at(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Instant {
        try instant(text, zone, sourceLocation: sourceLocation)
    }

    /// Registers a release, by default A-1 released 2026-03-02 (a Monday) for 12 months at
    /// medium level on ok1's caseload, with a home point; the clock is 09:00 on the release day.
    @discardableResult
    func register(_ caseRef: String = "A-1", name: String = "Alex Example", born: String = "1990-05-01",
                  released: String = "2026-03-02", months: Int = 12, level: String = "medium",
                  officer: String = "ok1", home: String? = UseCaseFixture.home, actor: String? = nil,
                  now: String? = nil) throws -> RegistrationReceipt {
        try caseload.register(
            ReleaseRegistration(caseRef: caseRef, name: name, born: born, released: released, months: months,
                                level: level, officer: officer, home: home),
            actorID: actor ?? officer, now: try at(now ?? released + "T09:00"))
    }

    /// One appointment at a local time; returns its id.
    func schedule(_ caseRef: String = "A-1", at local: String, minutes: Int = 60, actor: String = "ok1",
                  now: String = "2026-03-02T09:00") throws -> Int64 {
        let made = try caseload.scheduleInterviews(
            InterviewScheduleRequest(caseRef: caseRef, at: local, minutes: minutes), actorID: actor, now: try at(now))
        return try #require(made.first?.id)
    }

    /// Records an outcome at `now`.
    @discardableResult
    func log(_ id: Int64, _ outcome: String, reason: String? = nil, correct: Bool = false, actor: String = "ok1",
             now: String) throws -> OutcomeReceipt {
        try caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: outcome, reason: reason, correct: correct),
                                actorID: actor, now: try at(now))
    }

    /// An appointment at `local` (60 minutes) recorded as attended at its end.
    func attended(_ caseRef: String = "A-1", at local: String, actor: String = "ok1") throws -> Int64 {
        let id = try schedule(caseRef, at: local, actor: actor)
        try log(id, "attended", actor: actor, now: String(local.prefix(10)) + "T23:00")
        return id
    }

    /// An appointment at `local` recorded as an unacceptable absence the same evening: after a
    /// scan, a medium `missed-interview` dated that day.
    func unacceptableAbsence(_ caseRef: String = "A-1", at local: String, actor: String = "ok1") throws -> Int64 {
        let id = try schedule(caseRef, at: local, actor: actor)
        try log(id, "unacceptable-absence", actor: actor, now: String(local.prefix(10)) + "T23:00")
        return id
    }

    func scan(actor: String = "sup", now: String) throws -> ScanReport {
        try caseload.scan(officer: nil, actorID: actor, now: try at(now))
    }

    func violations(_ status: ViolationListStatus = .all, actor: String = "sup", now: String) throws -> [ViolationRow] {
        try caseload.violationList(status: status, officer: nil, actorID: actor, now: try at(now))
    }

    func confirm(_ id: Int64, actor: String = "ok1", now: String) throws -> ReviewReceipt {
        try caseload.reviewViolation(id: id, confirm: true, reason: nil, actorID: actor, now: try at(now))
    }

    func overdue(officer: String? = nil, actor: String = "sup", now: String) throws -> [OverdueItem] {
        try caseload.overdueList(officer: officer, actorID: actor, now: try at(now))
    }

    // MARK: Reading the database back

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [[SQLiteValue]] {
        try caseload.database.read { connection in
            try connection.fetchAll(sql, arguments) { row in (0..<row.columnCount).map { row.value(at: $0) } }
        }
    }

    func scalar<T: SQLiteColumnDecodable>(_ sql: String, _ arguments: StatementArguments = [],
                                          as type: T.Type = T.self) throws -> T? {
        try caseload.database.read { try $0.scalar(sql, arguments, as: T.self) }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try caseload.database.read { connection in try connection.fetchAll(sql, arguments) { try $0.get(0) as String } }
    }

    func count(_ table: String, where condition: String = "1", _ arguments: StatementArguments = []) throws -> Int {
        try scalar("SELECT count(*) FROM \(table) WHERE \(condition)", arguments) ?? -1
    }

    /// The actions of the audit entries after `seq`, in order.
    func auditActions(after seq: Int = 0) throws -> [String] {
        try strings("SELECT action FROM audit_log WHERE seq > ? ORDER BY seq", [seq])
    }

    func auditCount() throws -> Int { try count("audit_log") }

    /// Every row of every table, as text: equal snapshots mean nothing changed.
    func snapshot() throws -> String { try UseCaseFixture.snapshot(caseload) }

    static func snapshot(_ caseload: Caseload) throws -> String {
        try caseload.database.read { connection in
            let tables = try connection.fetchAll(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { try $0.get(0) as String }
            var text = ""
            for table in tables {
                var lines: [String] = []
                try connection.forEachRow("SELECT * FROM \"\(table)\"") { row in
                    lines.append((0..<row.columnCount).map { "\(row.value(at: $0))" }.joined(separator: " | "))
                }
                text += "== \(table) (\(lines.count))\n" + lines.sorted().joined(separator: "\n") + "\n"
            }
            return text
        }
    }

    /// Runs `body`, which must be refused with `kind`, and proves the refusal changed nothing.
    @discardableResult
    func expectRefused<T>(_ kind: CaseloadError.Kind, sourceLocation: SourceLocation = #_sourceLocation,
                          _ body: () throws -> T) throws -> CaseloadError? {
        let before = try snapshot()
        var refusal: CaseloadError?
        do {
            let result = try body()
            Issue.record("expected a refusal (\(kind)) but got \(result)",
                         sourceLocation: sourceLocation)
        } catch {
            refusal = CaseloadError.from(error)
        }
        if let refusal {
            #expect(refusal.kind == kind, "refused with \(refusal.kind): \(refusal.message)",
                    sourceLocation: sourceLocation)
            #expect(!refusal.message.isEmpty, sourceLocation: sourceLocation)
        }
        #expect(try snapshot() == before, "a refused use case changed the database", sourceLocation: sourceLocation)
        return refusal
    }
}
