import Testing
@testable import SupervisionRules

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite struct ContactRulesTests {
    static let start = d("2026-01-05")

    /// No contact at all: the term's age decides (asOf − startsOn ≥ 30).
    @Test(arguments: [(29, false), (30, true), (31, true)])
    func termAgeWithoutContact(_ days: Int, _ flagged: Bool) {
        let found = ContactRules.noContact(startsOn: Self.start, contactDates: [], asOf: Self.start.adding(days: days))
        #expect((found != nil) == flagged)
        if let found {
            #expect(found.kind == .noContact)
            #expect(found.severity == .high)
            #expect(found.cause == "no-contact-since:2026-01-05")
            #expect(found.occurredOn == d("2026-02-04"))
            #expect(found.explanation == "no attended interview, life-log entry or location report in the 30 days after the term started on 2026-01-05")
        }
    }

    /// The last contact 29, 30, 31 days before the as-of date.
    @Test(arguments: [(29, false), (30, true), (31, true)])
    func daysSinceTheLastContact(_ days: Int, _ flagged: Bool) {
        let last = d("2026-02-10")
        let contacts = [d("2026-01-20"), last, d("2026-01-06")]
        let found = ContactRules.noContact(startsOn: Self.start, contactDates: contacts, asOf: last.adding(days: days))
        #expect((found != nil) == flagged)
        if let found {
            #expect(found.cause == "no-contact-since:2026-02-10")
            #expect(found.occurredOn == d("2026-03-12"))
            #expect(found.explanation.hasSuffix("in the 30 days after the last contact on 2026-02-10"))
        }
    }

    @Test func theSameSilenceGivesTheSameViolationOnLaterScans() {
        let contacts = [d("2026-02-10")]
        let first = ContactRules.noContact(startsOn: Self.start, contactDates: contacts, asOf: d("2026-03-12"))
        let later = ContactRules.noContact(startsOn: Self.start, contactDates: contacts, asOf: d("2026-04-30"))
        #expect(first != nil)
        #expect(first == later)
    }

    @Test func aYoungTermIsNeverFlagged() {
        #expect(ContactRules.noContact(startsOn: Self.start, contactDates: [], asOf: Self.start) == nil)
        #expect(ContactRules.noContact(startsOn: Self.start, contactDates: [], asOf: Self.start.adding(days: -5)) == nil)
    }

    @Test func contactsAfterTheAsOfDateOrBeforeTheTermDoNotCount() {
        let asOf = d("2026-03-01")
        // A contact tomorrow (relative to as-of) does not excuse today's silence.
        let future = ContactRules.noContact(startsOn: Self.start, contactDates: [d("2026-03-02")], asOf: asOf)
        #expect(future?.cause == "no-contact-since:2026-01-05")
        // A contact before the term (a previous term) is not contact in this one.
        let before = ContactRules.noContact(startsOn: Self.start, contactDates: [d("2025-12-31")], asOf: d("2026-02-04"))
        #expect(before?.cause == "no-contact-since:2026-01-05")
    }

    @Test func windowIsThirtyDays() {
        #expect(ContactRules.windowDays == 30)
    }
}
