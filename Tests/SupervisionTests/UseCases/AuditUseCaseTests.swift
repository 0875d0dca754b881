import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: the audit trail")
struct AuditUseCaseTests {
    @Test("after a full scenario the chain verifies, one entry per change")
    func chainIntactAfterScenario() throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.schedule(at: "2026-03-10T10:00")
        try f.log(id, "attended", now: "2026-03-10T11:00")
        _ = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1", at: "2026-03-09T18:00", locations: ["51.5,-0.12"]),
                                         actorID: "supervisee:A-1", now: try f.at("2026-03-09T18:00"))
        _ = try f.caseload.addRestriction(RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200"),
                                          actorID: "ok1", now: try f.at("2026-03-10T12:00"))
        _ = try f.unacceptableAbsence(at: "2026-03-12T10:00")
        for violation in try f.violations(.open, now: "2026-03-20T09:00") {
            _ = try f.confirm(violation.id, now: "2026-03-20T09:00")
        }
        _ = try f.caseload.decideRecall(caseRef: "A-1", approve: false, rationale: "one more chance", actorID: "sup",
                                        now: try f.at("2026-03-20T10:00"))
        _ = try f.caseload.show(caseRef: "A-1", actorID: "sup", now: try f.at("2026-03-20T11:00"))

        let verification = try f.caseload.verifyAudit()
        #expect(verification.firstBadSeq == nil)
        #expect(verification.problem == nil)
        #expect(verification.entries == (try f.auditCount()))
        #expect(try f.strings("SELECT DISTINCT action FROM audit_log ORDER BY action") == [
            "agency.init", "appointment.outcome", "appointment.schedule", "lifelog.submit", "location.report",
            "officer.add", "person.add", "recall.reject", "record.read", "restriction.add", "term.register",
            "violation.confirm", "violation.detect",
        ])
        // Sequence numbers are 1…n and each entry chains the previous hash.
        let chain = try f.rows("SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq")
        for (index, entry) in chain.enumerated() {
            #expect(entry[0] == .integer(Int64(index + 1)))
            if index > 0 { #expect(entry[1] == chain[index - 1][2]) }
        }
    }

    @Test("show appends record.read naming who read whose record; a refused read appends nothing")
    func showIsAudited() throws {
        let f = try UseCaseFixture()
        try f.register("A-1")
        try f.register("B-2", name: "Bea Example", officer: "ok2")
        let before = try f.auditCount()
        let record = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: try f.at("2026-03-05T10:00"))
        #expect(record.person.caseRef == "A-1")
        #expect(try f.rows("SELECT at, actor, action, entity, entity_id FROM audit_log WHERE seq > ?", [before])
            == [[.text("2026-03-05T10:00:00Z"), .text("ok1"), .text("record.read"), .text("person"), .text("A-1")]])
        _ = try f.caseload.show(caseRef: "A-1", actorID: "supervisee:A-1", now: try f.at("2026-03-05T11:00"))
        #expect(try f.strings("SELECT actor FROM audit_log WHERE action = 'record.read' ORDER BY seq") == ["ok1", "supervisee:A-1"])

        try f.expectRefused(.notPermitted) { try f.caseload.show(caseRef: "B-2", actorID: "ok1", now: try f.at("2026-03-05T12:00")) }
        try f.expectRefused(.notPermitted) {
            try f.caseload.show(caseRef: "B-2", actorID: "supervisee:A-1", now: try f.at("2026-03-05T12:00"))
        }
        try f.expectRefused(.notPermitted) { try f.caseload.show(caseRef: "A-1", actorID: "admin", now: try f.at("2026-03-05T12:00")) }
        try f.expectRefused(.notFound) { try f.caseload.show(caseRef: "Z-9", actorID: "sup", now: try f.at("2026-03-05T12:00")) }
        #expect(try f.caseload.verifyAudit().firstBadSeq == nil)
    }
}

@Suite("Audit entries appended many at once")
struct AuditBatchTests {
    // Rows are compared up to their hashes: each entry's random nonce (migration 0012) makes its
    // digest and hash differ between two logs; both must verify.
    @Test("120 entries at once are the same rows as 120 appended one by one, and both verify")
    func batchEqualsOneByOne() throws {
        let at = Instant(secondsSinceEpoch: 1_780_000_000)
        let entries = (1...120).map {
            AuditLog.Entry(action: "violation.detect", entity: "violation", entityID: String($0),
                           details: ["caseRef": "A-\($0 % 7)", "explanation": "life-log due \($0) \"quoted\"\n"])
        }
        func auditRows(_ connection: Connection) throws -> [String] {
            try connection.fetchAll("SELECT seq, at, actor, action, entity, entity_id, details, prev_hash, hash FROM audit_log ORDER BY seq") {
                row in try String(row.get(0) as Int64) + "|" + (1..<7).map { try row.get($0) as String }.joined(separator: "|")
            }
        }
        let schema = "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, nonce TEXT, digest TEXT) STRICT"
        let batched = try Connection(path: ":memory:")
        let single = try Connection(path: ":memory:")
        for connection in [batched, single] {
            try connection.executeScript(schema)
            try AuditLog.append(connection, at: at, actor: "sup", action: "agency.init", entity: "agency", entityID: "1")
        }
        try batched.write { try AuditLog.append(batched, at: at, actor: "chief", entries: entries) }
        for entry in entries {
            try AuditLog.append(single, at: at, actor: "chief", action: entry.action, entity: entry.entity,
                                entityID: entry.entityID, details: entry.details)
        }
        let batchedRows = try auditRows(batched)
        let singleRows = try auditRows(single)
        #expect(batchedRows.count == 121)
        #expect(batchedRows == singleRows)
        let verification = try AuditLog.verify(batched)
        #expect(verification.firstBadSeq == nil)
        #expect(verification.entries == 121)
        #expect(try AuditLog.verify(single).firstBadSeq == nil)
    }
}
