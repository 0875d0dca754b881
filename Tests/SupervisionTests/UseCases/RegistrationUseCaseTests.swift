import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: registration, extension, discharge, level change")
struct RegistrationUseCaseTests {
    @Test("docs/terms.md §3 end dates, stored as printed", arguments: [
        ("2026-03-15", 12, "2027-03-14"),
        ("2026-01-31", 6, "2026-07-30"),
        ("2027-08-31", 6, "2028-02-28"),
    ])
    func specEndDates(released: String, months: Int, endsOn: String) throws {
        let f = try UseCaseFixture()
        let receipt = try f.register(released: released, months: months)
        #expect(receipt.caseRef == "A-1")
        #expect(receipt.startsOn == released)
        #expect(receipt.endsOn == endsOn)
        let stored = try f.rows("SELECT starts_on, ends_on, months, status, officer_id, level FROM supervision_term WHERE id = ?",
                                [receipt.termId])
        #expect(stored == [[.text(released), .text(endsOn), .integer(Int64(months)), .text("open"), .text("ok1"), .text("medium")]])
    }

    @Test("first interview 3 business days after release, first life-log one interval after")
    func firstDueDates() throws {
        let f = try UseCaseFixture()
        // Friday 2026-03-06: + 3 business days → Wednesday 2026-03-11; medium life-log every 7 days.
        let medium = try f.register("A-1", released: "2026-03-06", level: "medium")
        #expect(medium.firstInterviewDueOn == "2026-03-11")
        #expect(medium.firstLifeLogDueOn == "2026-03-13")
        let low = try f.register("B-2", released: "2026-03-06", level: "low")
        #expect(low.firstLifeLogDueOn == "2026-03-20")
    }

    @Test("a term of 5 or 13 months is refused with 65 and changes nothing", arguments: [5, 13, 0, -6])
    func monthsOutOfRange(months: Int) throws {
        let f = try UseCaseFixture()
        let refusal = try f.expectRefused(.invalidInput) { try f.register(months: months) }
        #expect(refusal?.message.contains("6 to 12") == true)
    }

    @Test("6 and 12 months are accepted", arguments: [6, 12])
    func monthsAtTheLimits(months: Int) throws {
        let f = try UseCaseFixture()
        let receipt = try f.register(months: months)
        #expect(try f.scalar("SELECT months FROM supervision_term WHERE id = ?", [receipt.termId]) == months)
    }

    @Test("registering an overlapping release is refused; the person keeps one term")
    func overlappingTerm() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", months: 6)   // to 2026-09-01
        try f.expectRefused(.invalidInput) { try f.register(released: "2026-09-01", months: 6, now: "2026-04-01T09:00") }
        try f.expectRefused(.invalidInput) { try f.register(released: "2026-01-02", months: 6, now: "2026-04-01T09:00") }
        #expect(try f.count("supervision_term") == 1)
        // The day after the last supervised day is free.
        let next = try f.register(released: "2026-09-02", months: 6, now: "2026-09-02T09:00")
        #expect(next.startsOn == "2026-09-02")
        #expect(try f.count("supervision_term") == 2)
        #expect(try f.count("person") == 1)
    }

    @Test("after a discharge, a later release of the same person opens a second term")
    func secondTermAfterDischarge() throws {
        let f = try UseCaseFixture()
        let first = try f.register(released: "2026-03-02", months: 12)
        _ = try f.caseload.dischargeTerm(caseRef: "A-1", reason: "licence conditions met early", actorID: "ok1",
                                         now: try f.at("2026-05-04T12:00"))
        let auditBefore = try f.auditCount()
        let second = try f.register(released: "2026-06-01", months: 6, now: "2026-06-01T09:00")
        #expect(second.termId != first.termId)
        #expect(try f.strings("SELECT status FROM supervision_term ORDER BY id") == ["discharged", "open"])
        // The person exists already: only the term is added and audited.
        #expect(try f.auditActions(after: auditBefore) == ["term.register"])
        #expect(try f.count("person") == 1)
    }

    @Test("the record numbers a person's own terms from their first release, in its lines and its timeline")
    func recordNumbersThePersonsTerms() throws {
        let f = try UseCaseFixture()
        try f.register("B-9", name: "Blair Other", released: "2026-02-02", months: 6)
        let first = try f.register(released: "2026-03-02", months: 12)
        _ = try f.caseload.dischargeTerm(caseRef: "A-1", reason: "licence conditions met early", actorID: "ok1",
                                         now: try f.at("2026-05-04T12:00"))
        let second = try f.register(released: "2026-06-01", months: 6, now: "2026-06-01T09:00")
        let record = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: try f.at("2026-06-02T09:00"))
        #expect(record.terms.map(\.number) == [1, 2])
        #expect(record.terms.map(\.termId) == [first.termId, second.termId])
        #expect(first.termId == 2)   // the database's ids are the agency's count, not the person's
        let texts = record.timeline.filter { $0.kind.hasPrefix("release") || $0.kind.hasPrefix("term-") }.map(\.text)
        #expect(texts == ["released; term 1 of 12 months to 2027-03-01, level medium, officer ok1",
                          "term 1 discharged: licence conditions met early",
                          "released; term 2 of 6 months to 2026-11-30, level medium, officer ok1"])
    }

    @Test("with the next release already registered, case work goes to the running term, which cannot be extended into the next")
    func runningTermBeforeAnUpcomingOne() throws {
        let f = try UseCaseFixture()
        let running = try f.register(released: "2026-03-02", months: 6)   // to 2026-09-01
        let upcoming = try f.register(released: "2026-09-02", months: 6, now: "2026-05-01T09:00")
        #expect(upcoming.termId != running.termId)

        let entry = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1", at: "2026-05-04T10:00"),
                                                 actorID: "supervisee:A-1", now: try f.at("2026-05-04T10:00"))
        #expect(entry.filledDueOn == "2026-05-04")
        _ = try f.schedule(at: "2026-05-06T10:00", now: "2026-05-04T10:00")
        _ = try f.caseload.reportLocation(LocationReportRequest(caseRef: "A-1", at: "2026-05-04T11:00", latitude: 51.5,
                                                                longitude: -0.12),
                                          actorID: "ok1", now: try f.at("2026-05-04T11:00"))
        _ = try f.caseload.addRestriction(RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.12,200"),
                                          actorID: "ok1", now: try f.at("2026-05-04T12:00"))
        for table in ["life_log_entry", "appointment", "location_report", "restriction"] {
            #expect(try f.scalar("SELECT DISTINCT term_id FROM \(table)") == running.termId, "\(table)")
        }
        try f.expectRefused(.invalidInput) {
            try f.caseload.extendTerm(caseRef: "A-1", byMonths: 1, actorID: "ok1", now: try f.at("2026-05-04T12:00"))
        }
        // Discharging ends the running term, not the next one.
        let discharged = try f.caseload.dischargeTerm(caseRef: "A-1", reason: "early completion", actorID: "ok1",
                                                      now: try f.at("2026-05-05T12:00"))
        #expect(discharged.termId == running.termId)
        #expect(try f.strings("SELECT status FROM supervision_term ORDER BY starts_on") == ["discharged", "open"])
    }

    @Test("a new home point on a later release replaces the old one and is audited; the same point is no change")
    func homeMoves() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", months: 6, home: "51.5,-0.12")
        let before = try f.auditCount()
        try f.register(released: "2026-10-01", months: 6, home: "51.45,-0.1", now: "2026-10-01T09:00")
        #expect(try f.auditActions(after: before) == ["person.home", "term.register"])
        #expect(try f.rows("SELECT home_latitude, home_longitude FROM person") == [[.real(51.45), .real(-0.1)]])
        // Without --home the registered home stays.
        try f.register(released: "2027-05-01", months: 6, home: nil, now: "2027-05-01T09:00")
        #expect(try f.rows("SELECT home_latitude, home_longitude FROM person") == [[.real(51.45), .real(-0.1)]])
    }

    @Test("an existing case reference with another name or birth date is refused")
    func caseRefNamesOnePerson() throws {
        let f = try UseCaseFixture()
        try f.register(name: "José Díaz", released: "2026-03-02", months: 6)
        try f.expectRefused(.invalidInput) {
            try f.register(name: "Josh Diaz", released: "2026-10-01", months: 6, now: "2026-10-01T09:00")
        }
        try f.expectRefused(.invalidInput) {
            try f.register(name: "José Díaz", born: "1991-05-01", released: "2026-10-01", months: 6, now: "2026-10-01T09:00")
        }
        // The same name spelled with combining accents (NFD) is the same person.
        let decomposed = "Jose\u{301} Di\u{301}az"
        let again = try f.register(name: decomposed, released: "2026-10-01", months: 6, now: "2026-10-01T09:00")
        #expect(again.caseRef == "A-1")
        #expect(try f.count("person") == 1)
    }

    @Test("an officer registers only onto their own caseload; a supervisor onto any; an admin onto none")
    func whoMayRegister() throws {
        let f = try UseCaseFixture()
        let refusal = try f.expectRefused(.notPermitted) { try f.register(officer: "ok2", actor: "ok1") }
        #expect(refusal?.message.contains("ok2") == true)
        try f.expectRefused(.notPermitted) { try f.register(officer: "ok1", actor: "admin") }
        try f.expectRefused(.notPermitted) { try f.register(officer: "ok1", actor: "nobody") }
        try f.expectRefused(.notPermitted) { try f.register(officer: "ok1", actor: "supervisee:A-1") }
        let bySupervisor = try f.register(officer: "ok2", actor: "sup")
        #expect(try f.scalar("SELECT officer_id FROM supervision_term WHERE id = ?", [bySupervisor.termId]) == "ok2")
        // The caseload must belong to an officer or supervisor.
        try f.expectRefused(.invalidInput) { try f.register("B-2", officer: "admin", actor: "sup") }
        try f.expectRefused(.notFound) { try f.register("B-2", officer: "ghost", actor: "sup") }
    }

    @Test("registration appends person.add and term.register, by the actor, in one transaction")
    func registrationAudit() throws {
        let f = try UseCaseFixture()
        let before = try f.auditCount()
        let receipt = try f.register()
        let entries = try f.rows("SELECT actor, action, entity, entity_id FROM audit_log WHERE seq > ? ORDER BY seq", [before])
        #expect(entries == [
            [.text("ok1"), .text("person.add"), .text("person"), .text("A-1")],
            [.text("ok1"), .text("term.register"), .text("term"), .text(String(receipt.termId))],
        ])
        #expect(try f.count("term_level_change", where: "term_id = ? AND level = 'medium'", [receipt.termId]) == 1)
    }

    @Test("a term is extended while the total stays at most 12 months")
    func extend() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", months: 6)
        let extended = try f.caseload.extendTerm(caseRef: "A-1", byMonths: 6, actorID: "ok1", now: try f.at("2026-04-01T10:00"))
        #expect(extended.months == 12)
        #expect(extended.endsOn == "2027-03-01")
        #expect(try f.rows("SELECT months, ends_on FROM supervision_term") == [[.integer(12), .text("2027-03-01")]])
        #expect(try f.auditActions().last == "term.extend")
        try f.expectRefused(.invalidInput) {
            try f.caseload.extendTerm(caseRef: "A-1", byMonths: 1, actorID: "ok1", now: try f.at("2026-04-02T10:00"))
        }
        try f.expectRefused(.notPermitted) {
            try f.caseload.extendTerm(caseRef: "A-1", byMonths: 1, actorID: "ok2", now: try f.at("2026-04-02T10:00"))
        }
    }

    @Test("7 months + 5 = 12 is allowed, + 6 = 13 is refused")
    func extendToTheLimit() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-31", months: 7)
        try f.expectRefused(.invalidInput) {
            try f.caseload.extendTerm(caseRef: "A-1", byMonths: 6, actorID: "ok1", now: try f.at("2026-03-01T10:00"))
        }
        let extended = try f.caseload.extendTerm(caseRef: "A-1", byMonths: 5, actorID: "ok1", now: try f.at("2026-03-01T10:00"))
        #expect(extended.endsOn == "2027-01-30")
    }

    @Test("an early discharge needs a reason and closes the term as of today")
    func discharge() throws {
        let f = try UseCaseFixture()
        try f.register()
        for blank in ["", "   \n "] {
            try f.expectRefused(.invalidInput) {
                try f.caseload.dischargeTerm(caseRef: "A-1", reason: blank, actorID: "ok1", now: try f.at("2026-05-04T10:00"))
            }
        }
        let receipt = try f.caseload.dischargeTerm(caseRef: "A-1", reason: " moved abroad with consent ", actorID: "ok1",
                                                   now: try f.at("2026-05-04T10:00"))
        #expect(receipt.status == "discharged")
        #expect(try f.rows("SELECT status, closed_on, close_reason FROM supervision_term")
            == [[.text("discharged"), .text("2026-05-04"), .text("moved abroad with consent")]])
        #expect(try f.auditActions().last == "term.discharge")
        // Closed: no more case work on it, and it leaves the overdue list.
        try f.expectRefused(.invalidInput) {
            try f.caseload.dischargeTerm(caseRef: "A-1", reason: "again", actorID: "ok1", now: try f.at("2026-05-05T10:00"))
        }
        #expect(try f.overdue(now: "2026-06-01T10:00").isEmpty)
    }

    @Test("a level change keeps a history row and the next interview uses the new interval")
    func levelChange() throws {
        let f = try UseCaseFixture()
        let term = try f.register(released: "2026-03-02", level: "medium")
        _ = try f.attended(at: "2026-03-04T10:00")
        // Medium: next due 03-18, so nothing overdue on 03-12.
        #expect(try f.overdue(now: "2026-03-12T10:00").filter { $0.item == .interviewDue }.isEmpty)
        try f.expectRefused(.invalidInput) {
            try f.caseload.changeLevel(caseRef: "A-1", level: "medium", reason: nil, actorID: "ok1", now: try f.at("2026-03-06T10:00"))
        }
        try f.expectRefused(.invalidInput) {
            try f.caseload.changeLevel(caseRef: "A-1", level: "extreme", reason: nil, actorID: "ok1", now: try f.at("2026-03-06T10:00"))
        }
        let changed = try f.caseload.changeLevel(caseRef: "A-1", level: "high", reason: "new intelligence", actorID: "ok1",
                                                 now: try f.at("2026-03-06T10:00"))
        #expect(changed.level == "high")
        #expect(try f.rows("SELECT level, effective_on, changed_by, reason FROM term_level_change WHERE term_id = ? ORDER BY id",
                           [term.termId]) == [
            [.text("medium"), .text("2026-03-02"), .text("ok1"), .text("registered")],
            [.text("high"), .text("2026-03-06"), .text("ok1"), .text("new intelligence")],
        ])
        // High: 03-04 + 7 = 03-11; overdue from 03-12.
        #expect(try f.overdue(now: "2026-03-11T10:00").filter { $0.item == .interviewDue }.isEmpty)
        let items = try f.overdue(now: "2026-03-12T10:00").filter { $0.item == .interviewDue }
        #expect(items.map(\.dueOn.description) == ["2026-03-11"])
        #expect(items.map(\.daysOverdue) == [1])
        let record = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: try f.at("2026-03-06T11:00"))
        #expect(record.terms.first?.nextInterviewDueOn?.description == "2026-03-11")
        #expect(try f.auditActions().suffix(2) == ["term.level", "record.read"])
    }

    @Test("a level change continues the life-log schedule from the next due date, inventing no past due dates")
    func levelChangeKeepsLifeLogHistory() throws {
        let f = try UseCaseFixture()
        // Low: life-log every 14 days from 2026-01-19 (start 2026-01-05).
        _ = try f.register(released: "2026-01-05", level: "low")
        for day in ["2026-01-19", "2026-02-02"] {
            let receipt = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1"), actorID: "supervisee:A-1",
                                                       now: try f.at(day + "T18:00"))
            #expect(receipt.filledDueOn == day)
        }
        // Medium (7 days) from 02-10: 02-16 is kept, then 02-23, 03-02 …
        _ = try f.caseload.changeLevel(caseRef: "A-1", level: "medium", reason: nil, actorID: "ok1",
                                       now: try f.at("2026-02-10T10:00"))
        // Nothing was due on 01-26 or 02-09 under the old level: no missed entry invented.
        #expect(try f.overdue(now: "2026-02-18T10:00").filter { $0.item == .lifeLog }.isEmpty)
        _ = try f.scan(now: "2026-02-18T10:00")
        #expect(try f.violations(now: "2026-02-18T10:00").isEmpty)
        // 02-16 missed: flagged the day its window has closed.
        let items = try f.overdue(now: "2026-02-19T10:00").filter { $0.item == .lifeLog }
        #expect(items.map(\.dueOn.description) == ["2026-02-16"])
        let receipt = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1"), actorID: "supervisee:A-1",
                                                   now: try f.at("2026-02-24T18:00"))
        #expect(receipt.filledDueOn == "2026-02-23")
        let missed = try f.violations(now: "2026-02-27T10:00").filter { $0.kind == .missedLifeLog }
        #expect(missed.map(\.occurredOn.description) == ["2026-02-16"])
    }
}
