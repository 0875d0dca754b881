import Storage
import Testing
@testable import Supervision

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
