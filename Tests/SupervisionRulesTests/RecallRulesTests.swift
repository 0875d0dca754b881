import Testing
@testable import SupervisionRules

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private func fact(_ id: Int64, _ occurred: String, _ severity: Severity, confirmed: String? = nil,
                  kind: ViolationKind? = nil) -> ConfirmedViolationFact {
    ConfirmedViolationFact(violationId: id, occurredOn: d(occurred), severity: severity,
                           confirmedOn: d(confirmed ?? occurred), kind: kind)
}

struct RecallCase: Sendable, CustomTestStringConvertible {
    let name: String
    let facts: [ConfirmedViolationFact]
    var lastDecision: String? = nil
    /// The violations the last decision covered.
    var decided: Set<Int64> = []
    var asOf = "2026-06-15"
    /// nil: no recommendation.
    let since: String?
    var ids: [Int64] = []
    var reason: String? = nil
    var testDescription: String { name }
}

@Suite struct RecallRulesTests {
    static let cases: [RecallCase] = [
        .init(name: "nothing", facts: [], since: nil),
        .init(name: "one medium", facts: [fact(1, "2026-05-01", .medium)], since: nil),
        .init(name: "one low", facts: [fact(1, "2026-05-01", .low)], since: nil),
        .init(name: "two medium", facts: [fact(1, "2026-05-01", .medium, confirmed: "2026-05-03"), fact(2, "2026-05-10", .medium, confirmed: "2026-05-12")],
              since: "2026-05-12", ids: [1, 2], reason: "2 confirmed violations in 12 months"),
        .init(name: "two low count too", facts: [fact(1, "2026-05-01", .low), fact(2, "2026-05-10", .low)],
              since: "2026-05-10", ids: [1, 2], reason: "2 confirmed violations in 12 months"),
        .init(name: "one high", facts: [fact(5, "2026-05-02", .high, confirmed: "2026-05-04", kind: .exclusionZone)],
              since: "2026-05-04", ids: [5], reason: "a high-severity violation (exclusion-zone on 2026-05-02)"),
        .init(name: "one high without its kind", facts: [fact(5, "2026-05-02", .high)],
              since: "2026-05-02", ids: [5], reason: "a high-severity violation (on 2026-05-02)"),
        // 12-month window: occurredOn in (2025-06-15, 2026-06-15]
        .init(name: "12 months + 1 day old is not counted", facts: [fact(1, "2025-06-14", .medium), fact(2, "2026-05-01", .medium)], since: nil),
        .init(name: "exactly 12 months old is not counted", facts: [fact(1, "2025-06-15", .medium), fact(2, "2026-05-01", .medium)], since: nil),
        .init(name: "12 months − 1 day old is counted", facts: [fact(1, "2025-06-16", .medium), fact(2, "2026-05-01", .medium)],
              since: "2026-05-01", ids: [1, 2], reason: "2 confirmed violations in 12 months"),
        .init(name: "an old high is not counted", facts: [fact(1, "2025-06-14", .high, kind: .noContact)], since: nil),
        .init(name: "a high on the as-of date counts", facts: [fact(1, "2026-06-15", .high, kind: .noContact)],
              since: "2026-06-15", ids: [1], reason: "a high-severity violation (no-contact on 2026-06-15)"),
        // after the last decision: after its day, or on its day and not decided by it
        .init(name: "on the day of the last decision and decided by it is not counted",
              facts: [fact(1, "2026-04-01", .medium, confirmed: "2026-04-01"), fact(2, "2026-05-01", .medium)],
              lastDecision: "2026-04-01", decided: [1], since: nil),
        .init(name: "on the day of the last decision but not decided by it is counted",
              facts: [fact(1, "2026-04-01", .medium, confirmed: "2026-04-02"), fact(2, "2026-05-01", .medium)],
              lastDecision: "2026-04-01", decided: [7], since: "2026-05-01", ids: [1, 2],
              reason: "2 confirmed violations in 12 months"),
        .init(name: "the day before the last decision is not counted, decided or not",
              facts: [fact(1, "2026-03-31", .medium, confirmed: "2026-04-02"), fact(2, "2026-05-01", .medium)],
              lastDecision: "2026-04-01", decided: [7], since: nil),
        .init(name: "the day after the last decision is counted",
              facts: [fact(1, "2026-04-02", .medium), fact(2, "2026-05-01", .medium)],
              lastDecision: "2026-04-01", since: "2026-05-01", ids: [1, 2], reason: "2 confirmed violations in 12 months"),
        .init(name: "a high before the last decision is not counted",
              facts: [fact(1, "2026-03-01", .high, confirmed: "2026-03-02"), fact(2, "2026-05-01", .medium)],
              lastDecision: "2026-03-20", since: nil),
        // since
        .init(name: "since: a high confirmed after two mediums → the second medium's confirmation",
              facts: [fact(1, "2026-01-10", .medium, confirmed: "2026-01-12"), fact(2, "2026-02-10", .medium, confirmed: "2026-02-11"),
                      fact(3, "2026-01-20", .high, confirmed: "2026-03-01", kind: .exclusionZone)],
              since: "2026-02-11", ids: [1, 3, 2],
              reason: "3 confirmed violations in 12 months, including a high-severity one (exclusion-zone on 2026-01-20)"),
        .init(name: "since: a high confirmed first → its confirmation",
              facts: [fact(1, "2026-01-10", .medium, confirmed: "2026-02-20"), fact(2, "2026-01-05", .high, confirmed: "2026-01-06", kind: .noContact)],
              since: "2026-01-06", ids: [2, 1],
              reason: "2 confirmed violations in 12 months, including a high-severity one (no-contact on 2026-01-05)"),
        .init(name: "since: confirmations out of occurrence order",
              facts: [fact(1, "2026-01-10", .medium, confirmed: "2026-04-01"), fact(2, "2026-02-10", .medium, confirmed: "2026-02-12"),
                      fact(3, "2026-03-10", .low, confirmed: "2026-03-11")],
              since: "2026-03-11", ids: [1, 2, 3], reason: "3 confirmed violations in 12 months"),
        .init(name: "since: the earliest confirmed high of two",
              facts: [fact(1, "2026-01-10", .high, confirmed: "2026-03-01", kind: .noContact), fact(2, "2026-02-10", .high, confirmed: "2026-02-12", kind: .exclusionZone)],
              since: "2026-02-12", ids: [1, 2],
              reason: "2 confirmed violations in 12 months, including a high-severity one (exclusion-zone on 2026-02-10)"),
        .init(name: "a confirmation after the as-of date is not seen",
              facts: [fact(1, "2026-05-01", .medium), fact(2, "2026-06-01", .medium, confirmed: "2026-06-16")], since: nil),
        // leap years: as of 2028-02-29 the window starts after 2027-02-28
        .init(name: "leap day as-of: 2027-02-28 not counted", facts: [fact(1, "2027-02-28", .high)], asOf: "2028-02-29", since: nil),
        .init(name: "leap day as-of: 2027-03-01 counted", facts: [fact(1, "2027-03-01", .high)], asOf: "2028-02-29",
              since: "2027-03-01", ids: [1], reason: "a high-severity violation (on 2027-03-01)"),
    ]

    @Test(arguments: cases)
    func recommendation(_ c: RecallCase) {
        let result = RecallRules.recommendation(confirmed: c.facts, lastDecisionOn: c.lastDecision.map(d),
                                                decidedViolationIds: c.decided, asOf: d(c.asOf))
        #expect(result?.since == c.since.map(d))
        if let result {
            #expect(result.violationIds == c.ids)
            #expect(result.reason == c.reason)
        }
    }

    @Test func inputOrderDoesNotMatter() {
        let facts = [fact(3, "2026-03-10", .low), fact(1, "2026-01-10", .medium), fact(2, "2026-02-10", .high, kind: .curfew)]
        let asOf = d("2026-06-15")
        let a = RecallRules.recommendation(confirmed: facts, lastDecisionOn: nil, asOf: asOf)
        let b = RecallRules.recommendation(confirmed: facts.reversed(), lastDecisionOn: nil, asOf: asOf)
        #expect(a != nil)
        #expect(a == b)
    }
}
