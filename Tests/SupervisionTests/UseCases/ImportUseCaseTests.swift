import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: importing many releases at once, all or nothing")
struct ImportUseCaseTests {
    static func release(_ caseRef: String, released: String = "2026-03-02", months: Int = 12,
                        officer: String = "ok1", born: String = "1990-05-01") -> ReleaseRegistration {
        ReleaseRegistration(caseRef: caseRef, name: "Person \(caseRef)", born: born, released: released,
                            months: months, level: "medium", officer: officer, home: UseCaseFixture.home)
    }

    @Test("every release is registered as `register` would, with its audit entries, in order")
    func importsAll() throws {
        let f = try UseCaseFixture()
        let before = try f.auditCount()
        let releases = [Self.release("A-1"), Self.release("B-2", officer: "ok2"), Self.release("C-3", months: 6)]
        let receipts = try f.caseload.registerReleases(releases, actorID: "sup", now: try f.at("2026-03-02T09:00"))
        #expect(receipts.map(\.caseRef) == ["A-1", "B-2", "C-3"])
        #expect(receipts.map(\.endsOn) == ["2027-03-01", "2027-03-01", "2026-09-01"])
        #expect(try f.count("supervision_term") == 3)
        let officers = try f.rows("SELECT officer_id FROM supervision_term ORDER BY id")
        #expect(officers == [[.text("ok1")], [.text("ok2")], [.text("ok1")]])
        let actions = try f.rows("SELECT actor, action FROM audit_log WHERE seq > ? ORDER BY seq", [before])
        #expect(actions == [[.text("sup"), .text("person.add")], [.text("sup"), .text("term.register")],
                            [.text("sup"), .text("person.add")], [.text("sup"), .text("term.register")],
                            [.text("sup"), .text("person.add")], [.text("sup"), .text("term.register")]])
        // Same receipt as a single registration of the same release would give.
        let single = try UseCaseFixture()
        let alone = try single.caseload.register(Self.release("C-3", months: 6), actorID: "sup",
                                                 now: try single.at("2026-03-02T09:00"))
        #expect(receipts[2].firstInterviewDueOn == alone.firstInterviewDueOn)
        #expect(receipts[2].firstLifeLogDueOn == alone.firstLifeLogDueOn)
    }

    @Test("one bad release refuses the whole import, naming it, and nothing is recorded", arguments: [
        (ImportUseCaseTests.release("B-2", months: 13), CaseloadError.Kind.invalidInput, "6 to 12"),
        (ImportUseCaseTests.release("B-2", born: "2026-02-30"), .invalidInput, "--born"),
        (ImportUseCaseTests.release("B-2", officer: "ghost"), .notFound, "ghost"),
        (ImportUseCaseTests.release("A-1", released: "2026-06-01"), .invalidInput, "overlaps"),   // A-1 is earlier in the same import
    ])
    func oneBadReleaseRefusesAll(bad: ReleaseRegistration, kind: CaseloadError.Kind, mentions: String) throws {
        let f = try UseCaseFixture()
        let releases = [Self.release("A-1"), Self.release("Z-9"), bad, Self.release("C-3")]
        let refusal = try f.expectRefused(kind) {
            try f.caseload.registerReleases(releases, actorID: "sup", now: try f.at("2026-03-02T09:00"))
        }
        let message = refusal?.message ?? ""
        #expect(message.hasPrefix("release 3 of 4 (\(bad.caseRef)): "), "\(message)")
        #expect(message.contains(mentions), "\(message)")
        #expect(message.hasSuffix("nothing was registered"), "\(message)")
        #expect(try f.count("person") == 0)
    }

    @Test("an officer imports onto their own caseload only: one release for another officer refuses all")
    func officerImportsOwnCaseloadOnly() throws {
        let f = try UseCaseFixture()
        let refusal = try f.expectRefused(.notPermitted) {
            try f.caseload.registerReleases([Self.release("A-1"), Self.release("B-2", officer: "ok2")],
                                            actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        }
        #expect(refusal?.message.hasPrefix("release 2 of 2 (B-2)") == true)
        let mine = try f.caseload.registerReleases([Self.release("A-1"), Self.release("B-2")], actorID: "ok1",
                                                   now: try f.at("2026-03-02T09:00"))
        #expect(mine.count == 2)
    }

    @Test("an empty import records nothing")
    func emptyImport() throws {
        let f = try UseCaseFixture()
        let before = try f.snapshot()
        #expect(try f.caseload.registerReleases([], actorID: "sup", now: try f.at("2026-03-02T09:00")).isEmpty)
        #expect(try f.snapshot() == before)
    }
}
