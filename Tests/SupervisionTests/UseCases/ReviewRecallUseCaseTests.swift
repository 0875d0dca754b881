import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: violation review and recall decisions")
struct ReviewRecallUseCaseTests {
    /// Open missed-interview violations of A-1, oldest first (scanning first).
    func missedInterviews(_ f: UseCaseFixture, now: String) throws -> [ViolationRow] {
        try f.violations(.open, now: now).filter { $0.caseRef == "A-1" && $0.kind == .missedInterview }
    }

    func recommended(_ f: UseCaseFixture, now: String) throws -> Set<Bool> {
        Set(try f.violations(.all, now: now).filter { $0.caseRef == "A-1" }.map(\.recallRecommended))
    }

    /// A high exclusion-zone violation of A-1 on `local` (its zone added once per fixture).
    func exclusionBreach(_ f: UseCaseFixture, at local: String) throws -> ViolationRow {
        if try f.count("restriction") == 0 {
            _ = try f.caseload.addRestriction(RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200"),
                                              actorID: "ok1", now: try f.at("2026-03-02T10:00"))
        }
        _ = try f.caseload.reportLocation(LocationReportRequest(caseRef: "A-1", at: local, latitude: 51.52, longitude: -0.12),
                                          actorID: "ok1", now: try f.at(local))
        return try #require(try f.violations(.open, now: local).first { $0.kind == .exclusionZone })
    }

    // MARK: Review

    @Test("confirm and dismiss; dismissing needs a reason; a review is final")
    func review() throws {
        let f = try UseCaseFixture()
        try f.register()
        _ = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        _ = try f.unacceptableAbsence(at: "2026-03-11T10:00")
        let open = try missedInterviews(f, now: "2026-03-12T09:00")
        #expect(open.count == 2)
        let confirmed = try f.caseload.reviewViolation(id: open[0].id, confirm: true, reason: nil, actorID: "ok1",
                                                       now: try f.at("2026-03-12T09:00"))
        #expect(confirmed.status == .confirmed)
        #expect(try f.rows("SELECT status, reviewed_by, reviewed_on FROM violation WHERE id = ?", [open[0].id])
            == [[.text("confirmed"), .text("ok1"), .text("2026-03-12")]])
        #expect(try f.auditActions().last == "violation.confirm")

        for blank in [nil, "", "  "] as [String?] {
            try f.expectRefused(.invalidInput) {
                try f.caseload.reviewViolation(id: open[1].id, confirm: false, reason: blank, actorID: "ok1",
                                               now: try f.at("2026-03-12T09:00"))
            }
        }
        try f.expectRefused(.notPermitted) {
            try f.caseload.reviewViolation(id: open[1].id, confirm: false, reason: "bus strike", actorID: "ok2",
                                           now: try f.at("2026-03-12T09:00"))
        }
        try f.expectRefused(.notFound) {
            try f.caseload.reviewViolation(id: 999, confirm: true, reason: nil, actorID: "ok1", now: try f.at("2026-03-12T09:00"))
        }
        let dismissed = try f.caseload.reviewViolation(id: open[1].id, confirm: false, reason: "bus strike that morning",
                                                       actorID: "ok1", now: try f.at("2026-03-12T09:30"))
        #expect(dismissed.status == .dismissed)
        #expect(try f.scalar("SELECT review_reason FROM violation WHERE id = ?", [open[1].id]) == "bus strike that morning")
        #expect(try f.auditActions().last == "violation.dismiss")

        for (id, confirm) in [(open[0].id, false), (open[0].id, true), (open[1].id, true)] {
            try f.expectRefused(.invalidInput) {
                try f.caseload.reviewViolation(id: id, confirm: confirm, reason: "again", actorID: "sup",
                                               now: try f.at("2026-03-13T09:00"))
            }
        }
        // A rescan does not reopen or duplicate reviewed violations.
        #expect(try f.violations(.all, now: "2026-03-13T09:00").filter { $0.kind == .missedInterview }.map(\.status)
            == [ViolationStatus.confirmed, .dismissed])
    }

    // MARK: Recommendation

    @Test("two confirmed mediums recommend a recall; one medium does not")
    func twoMediums() throws {
        let f = try UseCaseFixture()
        try f.register()
        _ = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        _ = try f.unacceptableAbsence(at: "2026-03-11T10:00")
        let open = try missedInterviews(f, now: "2026-03-12T09:00")
        #expect(try recommended(f, now: "2026-03-12T09:00") == [false])
        let one = try f.confirm(open[0].id, now: "2026-03-12T09:00")
        #expect(!one.recallRecommended)
        #expect(try recommended(f, now: "2026-03-12T09:05") == [false])
        let two = try f.confirm(open[1].id, now: "2026-03-12T09:10")
        #expect(two.recallRecommended)
        #expect(two.recallReason?.contains("2 confirmed violations") == true)
        // Every row of the supervisee carries it, whatever its own status.
        #expect(try recommended(f, now: "2026-03-12T09:15") == [true])
    }

    @Test("one confirmed high violation recommends a recall")
    func oneHigh() throws {
        let f = try UseCaseFixture()
        try f.register()
        let breach = try exclusionBreach(f, at: "2026-03-10T12:00")
        #expect(breach.severity == .high)
        #expect(!breach.recallRecommended)
        let receipt = try f.confirm(breach.id, now: "2026-03-10T13:00")
        #expect(receipt.recallRecommended)
        #expect(try f.violations(.confirmed, now: "2026-03-10T13:05").map(\.recallRecommended) == [true])
    }

    @Test("dismissed violations do not count")
    func dismissedDoNotCount() throws {
        let f = try UseCaseFixture()
        try f.register()
        let breach = try exclusionBreach(f, at: "2026-03-10T12:00")
        _ = try f.caseload.reviewViolation(id: breach.id, confirm: false, reason: "GPS fault confirmed by vendor",
                                           actorID: "ok1", now: try f.at("2026-03-10T13:00"))
        #expect(try recommended(f, now: "2026-03-10T13:05") == [false])
    }

    // MARK: Decisions

    /// A-1 with two confirmed mediums (03-10, 03-11), recommended since 03-12.
    func recommendedFixture() throws -> UseCaseFixture {
        let f = try UseCaseFixture()
        try f.register()
        _ = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        _ = try f.unacceptableAbsence(at: "2026-03-11T10:00")
        for violation in try missedInterviews(f, now: "2026-03-12T09:00") {
            _ = try f.confirm(violation.id, now: "2026-03-12T09:00")
        }
        return f
    }

    @Test("only a supervisor decides, and never without a rationale; a refusal changes nothing")
    func whoDecides() throws {
        let f = try recommendedFixture()
        let now = try f.at("2026-03-13T10:00")
        for actor in ["ok1", "ok2", "admin", "supervisee:A-1", "nobody"] {
            try f.expectRefused(.notPermitted) {
                try f.caseload.decideRecall(caseRef: "A-1", approve: true, rationale: "pattern of absences", actorID: actor, now: now)
            }
        }
        for rationale in [nil, "", " \n\t "] as [String?] {
            try f.expectRefused(.invalidInput) {
                try f.caseload.decideRecall(caseRef: "A-1", approve: true, rationale: rationale, actorID: "sup", now: now)
            }
            try f.expectRefused(.invalidInput) {
                try f.caseload.decideRecall(caseRef: "A-1", approve: false, rationale: rationale, actorID: "sup", now: now)
            }
        }
        #expect(try f.count("recall_decision") == 0)
    }

    @Test("deciding when nothing is recommended is refused")
    func nothingToDecide() throws {
        let f = try UseCaseFixture()
        try f.register()
        try f.expectRefused(.invalidInput) {
            try f.caseload.decideRecall(caseRef: "A-1", approve: true, rationale: "pre-emptive", actorID: "sup",
                                        now: try f.at("2026-03-13T10:00"))
        }
    }

    @Test("approve revokes the term, records the recall as requested, and the term leaves the overdue list")
    func approve() throws {
        let f = try recommendedFixture()
        #expect(try f.overdue(now: "2026-03-13T09:00").contains { $0.caseRef == "A-1" && $0.item == .recallDecision })
        let auditBefore = try f.auditCount()
        let receipt = try f.caseload.decideRecall(caseRef: "A-1", approve: true, rationale: "two missed interviews in a week",
                                                  actorID: "sup", now: try f.at("2026-03-13T10:00"))
        #expect(receipt.termStatus == "revoked")
        #expect(receipt.recallRequested)
        #expect(receipt.recommendedSince == "2026-03-12")
        #expect(receipt.violationIds.count == 2)
        #expect(try f.rows("SELECT status, closed_on FROM supervision_term") == [[.text("revoked"), .text("2026-03-13")]])
        #expect(try f.rows("SELECT decision, rationale, decided_by, decided_on FROM recall_decision")
            == [[.text("approve"), .text("two missed interviews in a week"), .text("sup"), .text("2026-03-13")]])
        #expect(try f.auditActions(after: auditBefore) == ["recall.approve", "recall.request"])
        #expect(try f.rows("SELECT DISTINCT actor FROM audit_log WHERE seq > ?", [auditBefore]) == [[.text("sup")]])
        #expect(try f.overdue(now: "2026-03-13T11:00").isEmpty)
        #expect(try f.overdue(now: "2026-04-13T11:00").isEmpty)
        #expect(try recommended(f, now: "2026-03-13T11:00") == [false])
        // No second decision on a revoked term.
        try f.expectRefused(.invalidInput) {
            try f.caseload.decideRecall(caseRef: "A-1", approve: true, rationale: "again", actorID: "sup", now: try f.at("2026-03-14T10:00"))
        }
    }

    @Test("reject keeps the term; counting restarts after the decision")
    func reject() throws {
        let f = try recommendedFixture()
        // An absence on 03-13, before the decision, reviewed only after it.
        _ = try f.unacceptableAbsence(at: "2026-03-13T10:00")
        let receipt = try f.caseload.decideRecall(caseRef: "A-1", approve: false, rationale: "engaging well otherwise",
                                                  actorID: "sup", now: try f.at("2026-03-14T10:00"))
        #expect(receipt.termStatus == "open")
        #expect(!receipt.recallRequested)
        #expect(try f.rows("SELECT status, closed_on FROM supervision_term") == [[.text("open"), .null]])
        #expect(try f.auditActions().last == "recall.reject")
        #expect(try recommended(f, now: "2026-03-14T11:00") == [false])
        #expect(try f.overdue(now: "2026-03-14T11:00").filter { $0.item == .recallDecision }.isEmpty)

        // Dated before the decision: does not count, even confirmed afterwards.
        let beforeDecision = try #require(try missedInterviews(f, now: "2026-03-16T09:00").first)
        #expect(beforeDecision.occurredOn.description == "2026-03-13")
        #expect(try !f.confirm(beforeDecision.id, now: "2026-03-16T09:00").recallRecommended)
        // Dated after: the first does not reach two, the second does.
        _ = try f.unacceptableAbsence(at: "2026-03-16T10:00")
        let third = try #require(try missedInterviews(f, now: "2026-03-17T09:00").first)
        #expect(try !f.confirm(third.id, now: "2026-03-17T09:00").recallRecommended)
        _ = try f.unacceptableAbsence(at: "2026-03-18T10:00")
        let fourth = try #require(try missedInterviews(f, now: "2026-03-19T09:00").first)
        let again = try f.confirm(fourth.id, now: "2026-03-19T09:00")
        #expect(again.recallRecommended)
        #expect(try recommended(f, now: "2026-03-19T09:05") == [true])
        #expect(try f.overdue(now: "2026-03-19T10:00").filter { $0.item == .recallDecision }.map(\.dueOn.description)
            == ["2026-03-19"])
    }

    @Test("a breach later on the day of a decision was not decided, so it counts")
    func sameDayAfterDecision() throws {
        let f = try UseCaseFixture()
        try f.register()
        let first = try exclusionBreach(f, at: "2026-03-10T09:00")
        _ = try f.confirm(first.id, now: "2026-03-10T09:30")
        _ = try f.caseload.decideRecall(caseRef: "A-1", approve: false, rationale: "warned in person",
                                        actorID: "sup", now: try f.at("2026-03-10T10:00"))
        #expect(try recommended(f, now: "2026-03-10T11:00") == [false])
        // 15:00 the same day, confirmed the next morning: not part of the 10:00 decision.
        _ = try f.caseload.reportLocation(LocationReportRequest(caseRef: "A-1", at: "2026-03-10T15:00", latitude: 51.52,
                                                                longitude: -0.12),
                                          actorID: "ok1", now: try f.at("2026-03-10T15:00"))
        let second = try #require(try f.violations(.open, now: "2026-03-11T09:00").first { $0.kind == .exclusionZone })
        #expect(second.occurredOn.description == "2026-03-10")
        #expect(try f.confirm(second.id, now: "2026-03-11T09:00").recallRecommended)
        #expect(try f.overdue(now: "2026-03-11T10:00").filter { $0.item == .recallDecision }.map(\.dueOn.description)
            == ["2026-03-11"])
    }

    @Test("a closed term has nothing to decide: its rows no longer say recall recommended")
    func closedTermNotRecommended() throws {
        let f = try recommendedFixture()
        #expect(try recommended(f, now: "2026-03-13T09:00") == [true])
        _ = try f.caseload.dischargeTerm(caseRef: "A-1", reason: "transferred to another agency", actorID: "sup",
                                         now: try f.at("2026-03-13T10:00"))
        #expect(try recommended(f, now: "2026-03-13T11:00") == [false])
        let record = try f.caseload.show(caseRef: "A-1", actorID: "sup", now: try f.at("2026-03-13T11:00"))
        #expect(!record.timeline.contains { $0.kind == "recall-recommended" })

        // A term that ran to its end (2027-03-01) likewise.
        let g = try recommendedFixture()
        #expect(try recommended(g, now: "2027-03-01T12:00") == [true])
        #expect(try recommended(g, now: "2027-03-02T12:00") == [false])
    }
}
