import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: the overdue list")
struct OverdueUseCaseTests {
    func items(_ f: UseCaseFixture, _ kind: OverdueItemKind, officer: String? = nil, actor: String = "sup",
               now: String) throws -> [String] {
        try f.overdue(officer: officer, actor: actor, now: now).filter { $0.item == kind }
            .map { "\($0.caseRef) \($0.dueOn) \($0.daysOverdue)" }
    }

    @Test("interview-due: the first due date, then the docs/interviews.md §4 example (attended 03-04 → due 03-18)")
    func interviewDue() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", level: "medium")   // first due 03-05
        #expect(try items(f, .interviewDue, now: "2026-03-05T23:00") == [])
        #expect(try items(f, .interviewDue, now: "2026-03-06T08:00") == ["A-1 2026-03-05 1"])
        _ = try f.attended(at: "2026-03-04T10:00")
        #expect(try items(f, .interviewDue, now: "2026-03-18T23:00") == [])
        #expect(try items(f, .interviewDue, now: "2026-03-19T08:00") == ["A-1 2026-03-18 1"])
        #expect(try items(f, .interviewDue, now: "2026-03-25T08:00") == ["A-1 2026-03-18 7"])
        // Rows carry the person and the officer.
        let row = try #require(try f.overdue(now: "2026-03-19T08:00").first { $0.item == .interviewDue })
        #expect(row.name == "Alex Example")
        #expect(row.officer == "ok1")
    }

    @Test("interview-outcome: not at exactly the end instant, listed one second later, one row per appointment")
    func interviewOutcome() throws {
        let f = try UseCaseFixture()
        try f.register()
        _ = try f.schedule(at: "2026-03-10T10:00", minutes: 60)
        let end = try f.at("2026-03-10T11:00")
        func outcomeItems(_ now: Instant) throws -> [OverdueItem] {
            try f.caseload.overdueList(officer: nil, actorID: "ok1", now: now).filter { $0.item == .interviewOutcome }
        }
        // From the kept due state (the listing's own way), which compares the stored end's text.
        #expect(try f.caseload.dueStateAnswers(now: end))
        #expect(try outcomeItems(end).isEmpty)
        let late = try outcomeItems(end.adding(seconds: 1))
        #expect(late.map(\.dueOn.description) == ["2026-03-10"])
        #expect(late.map(\.daysOverdue) == [0])
        let second = try f.schedule(at: "2026-03-11T10:00")
        #expect(try items(f, .interviewOutcome, now: "2026-03-13T09:00") == ["A-1 2026-03-10 3", "A-1 2026-03-11 2"])
        try f.log(second, "attended", now: "2026-03-13T09:00")
        #expect(try items(f, .interviewOutcome, now: "2026-03-13T09:00") == ["A-1 2026-03-10 3"])
    }

    @Test("the kept row's appointments: only those whose stored end is before now, malformed pairs skipped")
    func endedAwaitingOutcome() throws {
        func ended(_ stored: String, now: String = "2026-03-10T11:00:00Z") -> [String] {
            var stored = stored, now = now
            return stored.withUTF8 { bytes in
                now.withUTF8 { Session.endedAwaitingOutcome(bytes: bytes, before: $0).map(\.description) }
            }
        }
        #expect(ended("") == [])
        #expect(ended("2026-03-10 2026-03-10T10:59:59Z") == ["2026-03-10"])     // a second before
        #expect(ended("2026-03-10 2026-03-10T11:00:00Z") == [])                 // exactly now
        #expect(ended("2026-03-10 2026-03-10T11:00:01Z") == [])                 // a second after
        #expect(ended("2026-03-09 2026-03-09T10:00:00Z,2026-03-12 2026-03-12T10:00:00Z,2026-03-08 2026-03-08T10:00:00Z")
                == ["2026-03-09", "2026-03-08"])
        // Not a pair the refresh writes: skipped, as the former parser skipped it.
        #expect(ended("2026-03-09 2026-03-09T10:00Z,2026-02-30 2026-03-01T10:00:00Z,2026-03-09T2026-03-09T10:00:00Z,"
                      + "2026-03-07 2026-03-07T10:00:00Z") == ["2026-03-07"])
        // Agrees with parsing each instant and comparing.
        var text = "2026-03-09 2026-03-09T10:00:00Z,2026-03-11 2026-03-11T10:00:00Z"
        let parsed = text.withUTF8 { Session.awaitingOutcome(bytes: $0) }
        let now = try #require(Instant(storage: "2026-03-10T11:00:00Z"))
        #expect(parsed.filter { $0.endsAt < now }.map(\.on.description) == ended(text))
    }

    @Test("life-log: the latest closed due date without an entry, days counted from its window's last day")
    func lifeLog() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-05")   // due 01-12, 01-19, 01-26 …
        #expect(try items(f, .lifeLog, now: "2026-01-14T12:00") == [])
        #expect(try items(f, .lifeLog, now: "2026-01-15T12:00") == ["A-1 2026-01-12 1"])
        #expect(try items(f, .lifeLog, now: "2026-01-18T12:00") == ["A-1 2026-01-12 4"])
        // From 01-22 the latest closed due date is 01-19; the older miss is a violation, not a second row.
        #expect(try items(f, .lifeLog, now: "2026-01-25T12:00") == ["A-1 2026-01-19 4"])
        _ = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1", at: "2026-01-20T10:00"),
                                         actorID: "supervisee:A-1", now: try f.at("2026-01-20T10:00"))
        #expect(try items(f, .lifeLog, now: "2026-01-25T12:00") == [])
    }

    @Test("recall-decision: listed from the day a recall became recommended until decided")
    func recallDecision() throws {
        let f = try UseCaseFixture()
        try f.register()
        _ = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        _ = try f.unacceptableAbsence(at: "2026-03-12T10:00")
        let found = try f.violations(.open, now: "2026-03-13T09:00").filter { $0.kind == .missedInterview }
        #expect(found.count == 2)
        _ = try f.confirm(found[0].id, now: "2026-03-13T09:00")
        #expect(try items(f, .recallDecision, now: "2026-03-14T09:00") == [])
        _ = try f.confirm(found[1].id, now: "2026-03-14T09:00")
        #expect(try items(f, .recallDecision, now: "2026-03-14T10:00") == ["A-1 2026-03-14 0"])
        #expect(try items(f, .recallDecision, now: "2026-03-17T10:00") == ["A-1 2026-03-14 3"])
        _ = try f.caseload.decideRecall(caseRef: "A-1", approve: false, rationale: "stable housing now; warn",
                                        actorID: "sup", now: try f.at("2026-03-17T11:00"))
        #expect(try items(f, .recallDecision, now: "2026-03-17T12:00") == [])
    }

    @Test("an officer sees only their own caseload; asking for another's is refused with 77")
    func caseloads() throws {
        let f = try UseCaseFixture()
        try f.register("A-1", officer: "ok1")
        try f.register("B-2", name: "Bea Example", officer: "ok2")
        let now = "2026-03-20T10:00"
        #expect(Set(try f.overdue(actor: "ok1", now: now).map(\.caseRef)) == ["A-1"])
        #expect(Set(try f.overdue(officer: "ok1", actor: "ok1", now: now).map(\.caseRef)) == ["A-1"])
        #expect(Set(try f.overdue(actor: "ok2", now: now).map(\.caseRef)) == ["B-2"])
        #expect(Set(try f.overdue(actor: "sup", now: now).map(\.caseRef)) == ["A-1", "B-2"])
        #expect(Set(try f.overdue(officer: "ok2", actor: "sup", now: now).map(\.caseRef)) == ["B-2"])
        let refusal = try f.expectRefused(.notPermitted) { try f.overdue(officer: "ok2", actor: "ok1", now: now) }
        #expect(refusal?.message.contains("ok2") == true)
        try f.expectRefused(.notPermitted) { try f.overdue(actor: "admin", now: now) }
        try f.expectRefused(.notPermitted) { try f.overdue(actor: "supervisee:A-1", now: now) }
    }

    @Test("a completed term leaves the list the day after its last day; an upcoming one is not on it yet")
    func completedAndUpcoming() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", months: 6)   // to 2026-09-01
        #expect(try f.overdue(now: "2026-09-01T12:00").isEmpty == false)
        #expect(try f.overdue(now: "2026-09-02T00:00").isEmpty)
        try f.register("B-2", name: "Bea Example", released: "2026-10-01", now: "2026-09-20T10:00")
        #expect(try f.overdue(now: "2026-09-20T12:00").isEmpty)
        #expect(try f.overdue(now: "2026-10-07T12:00").map(\.caseRef).contains("B-2"))
    }
}
