import SupervisionRules
import Foundation
import Testing

/// docs/recall.md §8 end to end: confirmed violations lead to a recall recommendation, shown by
/// `violations` and `overdue`; only a supervisor decides, always with a rationale; approving
/// revokes the term, rejecting starts the count again after the decision.
@Suite struct RecallTests {
    /// Two confirmed medium violations → recommended from the day the second was confirmed.
    @Test func twoConfirmedMediumViolationsAndAnApproval() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1(home: "51.5074,-0.1278")
        try sandbox.ok(Fixtures.register("C-3", released: "2026-03-02"), actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "curfew", "--case-ref", "A-1", "--from", "22:00", "--to", "05:00"],
                       actor: "okafor", asOf: "2026-03-02")
        try sandbox.report(at: "2026-03-03T23:30", "51.5164", "-0.1278")
        try sandbox.report(at: "2026-03-04T23:30", "51.5164", "-0.1278")
        let detected = try sandbox.violations(asOf: "2026-03-05T09:00")
        #expect(summary(detected) == ["curfew medium 2026-03-03 open", "curfew medium 2026-03-04 open"])
        #expect(recommended(detected) == [false, false])
        let first = try #require(detected.first?.int("id")), second = try #require(detected.last?.int("id"))

        let one = try sandbox.ok(["violation", "confirm", String(first), "--format", "json"], actor: "okafor",
                                 asOf: "2026-03-05T10:00").object()
        #expect(one["recallRecommended"] as? Bool == false)
        #expect(recommended(try sandbox.violations(asOf: "2026-03-05T11:00")) == [false, false])
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-03-05T11:00").items("recall-decision").isEmpty)

        let two = try sandbox.ok(["violation", "confirm", String(second), "--format", "json"], actor: "okafor",
                                 asOf: "2026-03-06T10:00").object()
        #expect(two["recallRecommended"] as? Bool == true)
        #expect(recommended(try sandbox.violations(asOf: "2026-03-08T09:00")) == [true, true])
        for actor in ["okafor", "sutherland"] {
            let items = try sandbox.overdue(actor: actor, asOf: "2026-03-08T09:00").items("recall-decision")
            #expect(items.count == 1, "\(actor): \(items)")
            #expect(items.first?.string("caseRef") == "A-1")
            #expect(items.first?.string("dueOn") == "2026-03-06")
            #expect(items.first?.int("daysOverdue") == 2)
        }

        // Only a supervisor decides, and never without a rationale.
        let asOf = "2026-03-08T10:00"
        let officer = try sandbox.refused(77, ["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale",
                                               "two curfew breaches"], actor: "okafor", asOf: asOf)
        #expect(officer.stderr.contains("supervisor"), "\(officer)")
        try sandbox.refused(77, ["recall", "decide", "--case-ref", "A-1", "--reject", "--rationale", "x"],
                            actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale", "x"],
                            actor: "root", asOf: asOf)
        try sandbox.refused(77, ["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale", "x"],
                            actor: "supervisee:A-1", asOf: asOf)
        let bare = try sandbox.refused(65, ["recall", "decide", "--case-ref", "A-1", "--approve"],
                                       actor: "sutherland", asOf: asOf)
        #expect(bare.stderr.contains("--rationale"), "\(bare)")
        try sandbox.refused(65, ["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale", "  "],
                            actor: "sutherland", asOf: asOf)
        try sandbox.refused(64, ["recall", "decide", "--case-ref", "A-1", "--approve", "--reject", "--rationale", "x"],
                            actor: "sutherland", asOf: asOf)
        try sandbox.refused(64, ["recall", "decide", "--case-ref", "A-1", "--rationale", "x"],
                            actor: "sutherland", asOf: asOf)
        // Nothing is recommended for C-3: nothing to decide.
        try sandbox.refused(65, ["recall", "decide", "--case-ref", "C-3", "--reject", "--rationale", "x"],
                            actor: "sutherland", asOf: asOf)

        let decision = try sandbox.ok(["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale",
                                       "two curfew breaches in two nights", "--format", "json"],
                                      actor: "sutherland", asOf: asOf).object()
        #expect(decision.string("decision") == "approve")
        #expect(decision.string("termStatus") == "revoked")
        #expect(decision["recallRequested"] as? Bool == true)
        #expect(decision.string("recommendedSince") == "2026-03-06")
        #expect((decision["violationIds"] as? [Any])?.count == 2)
        #expect(try sandbox.sql("SELECT status, closed_on FROM supervision_term WHERE id = 1") == "revoked|2026-03-08")
        #expect(try sandbox.sql("SELECT action FROM audit_log WHERE action LIKE 'recall.%' ORDER BY seq")
                == "recall.approve\nrecall.request")

        let record = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor",
                                    asOf: "2026-03-09").object()
        let terms = record["terms"] as? [[String: Any]] ?? []
        #expect(terms.first?.string("status") == "revoked", "\(terms)")
        let texts = (record["timeline"] as? [[String: Any]] ?? []).filter { $0.string("kind") == "recall-decision" }
            .compactMap { $0.string("text") }
        #expect(texts.count == 1)
        #expect(texts.first?.contains("two curfew breaches in two nights") == true, "\(texts)")
        #expect(try sandbox.ok(["show", "--case-ref", "A-1"], actor: "okafor", asOf: "2026-03-09").stdout.contains("revoked"))

        // The person leaves the overdue list (C-3 is still on it), and no case work follows.
        let overdue = try sandbox.overdue(actor: "okafor", asOf: "2026-03-09")
        let refs = Set(overdue.compactMap { $0.string("caseRef") })
        #expect(refs == ["C-3"], "\(overdue)")
        try sandbox.refused(65, ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-10T10:00"],
                            actor: "okafor", asOf: "2026-03-09")
        try sandbox.refused(65, ["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale", "again"],
                            actor: "sutherland", asOf: "2026-03-09")
        #expect(recommended(try sandbox.violations(asOf: "2026-03-09", status: "confirmed")) == [false, false])
        #expect(try sandbox.ok(["audit", "verify", "--format", "json"]).object()["intact"] as? Bool == true)
    }

    /// One confirmed high violation → recommended. A rejection ends it; a violation dated on or
    /// before the decision (confirmed later) does not bring it back; after the decision the
    /// count starts again: one new medium is not enough, a new high is.
    @Test func oneHighViolationAndARejection() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        try sandbox.registerA1(home: "51.5074,-0.1278")
        try sandbox.ok(["restriction", "add", "exclusion", "--case-ref", "A-1", "--circle", "51.52,-0.10,200",
                        "--name", "Victim's street"], actor: "okafor", asOf: "2026-03-02")
        try sandbox.ok(["restriction", "add", "curfew", "--case-ref", "A-1", "--from", "22:00", "--to", "05:00"],
                       actor: "okafor", asOf: "2026-03-02")
        try sandbox.report(at: "2026-03-03T10:00", "51.52", "-0.10")
        try sandbox.report(at: "2026-03-03T11:00", "51.52", "-0.10")
        let detected = try sandbox.violations(asOf: "2026-03-04T09:00")
        #expect(summary(detected) == ["exclusion-zone high 2026-03-03 open", "exclusion-zone high 2026-03-03 open"])
        let first = try #require(detected.first?.int("id")), second = try #require(detected.last?.int("id"))
        try sandbox.ok(["violation", "confirm", String(first)], actor: "okafor", asOf: "2026-03-04T10:00")
        #expect(recommended(try sandbox.violations(asOf: "2026-03-05T09:00")) == [true, true])
        let item = try sandbox.overdue(actor: "sutherland", asOf: "2026-03-05T09:00").items("recall-decision")
        #expect(item.count == 1 && item.first?.string("dueOn") == "2026-03-04" && item.first?.int("daysOverdue") == 1,
                "\(item)")

        let rejected = try sandbox.ok(["recall", "decide", "--case-ref", "A-1", "--reject", "--rationale",
                                       "one visit, explained: a hospital appointment", "--format", "json"],
                                      actor: "sutherland", asOf: "2026-03-05T10:00").object()
        #expect(rejected.string("decision") == "reject")
        #expect(rejected.string("termStatus") == "open")
        #expect(rejected["recallRequested"] as? Bool == false)
        #expect(try sandbox.sql("SELECT status FROM supervision_term") == "open")
        #expect(recommended(try sandbox.violations(asOf: "2026-03-05T11:00")) == [false, false])
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-03-05T11:00").items("recall-decision").isEmpty)
        try sandbox.refused(65, ["recall", "decide", "--case-ref", "A-1", "--approve", "--rationale", "x"],
                            actor: "sutherland", asOf: "2026-03-05T11:00")
        let shown = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor",
                                   asOf: "2026-03-05T11:00").object()
        let decisions = (shown["timeline"] as? [[String: Any]] ?? []).filter { $0.string("kind") == "recall-decision" }
            .compactMap { $0.string("text") }
        #expect(decisions.count == 1 && decisions.first?.contains("rejected by sutherland") == true, "\(decisions)")
        #expect(decisions.first?.contains("a hospital appointment") == true, "\(decisions)")

        // The other visit of 03-03, dated before the decision, confirmed after it: not counted.
        try sandbox.ok(["violation", "confirm", String(second)], actor: "okafor", asOf: "2026-03-05T12:00")
        #expect(recommended(try sandbox.violations(asOf: "2026-03-05T13:00")) == [false, false])

        // A new medium violation after the decision: one counted, not enough.
        try sandbox.report(at: "2026-03-06T23:30", "51.5164", "-0.1278")
        let curfew = try sandbox.violations(asOf: "2026-03-07T09:00", status: "open")
        #expect(summary(curfew) == ["curfew medium 2026-03-06 open"])
        try sandbox.ok(["violation", "confirm", String(try #require(curfew.first?.int("id")))], actor: "okafor",
                       asOf: "2026-03-07T10:00")
        #expect(recommended(try sandbox.violations(asOf: "2026-03-07T11:00")) == [false, false, false])
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-03-07T11:00").items("recall-decision").isEmpty)

        // A new high one: recommended again, from the day it is confirmed.
        try sandbox.report(at: "2026-03-08T10:00", "51.52", "-0.10")
        let high = try sandbox.violations(asOf: "2026-03-08T11:00", status: "open")
        #expect(summary(high) == ["exclusion-zone high 2026-03-08 open"])
        try sandbox.ok(["violation", "confirm", String(try #require(high.first?.int("id")))], actor: "okafor",
                       asOf: "2026-03-09T10:00")
        #expect(recommended(try sandbox.violations(asOf: "2026-03-10T09:00")) == [true, true, true, true])
        let again = try sandbox.overdue(actor: "okafor", asOf: "2026-03-10T09:00").items("recall-decision")
        #expect(again.count == 1 && again.first?.string("dueOn") == "2026-03-09" && again.first?.int("daysOverdue") == 1,
                "\(again)")
    }
}

/// Each row's `recallRecommended`.
func recommended(_ rows: [[String: Any]]) -> [Bool?] {
    rows.map { $0["recallRecommended"] as? Bool }
}
