import Storage
import Testing
@testable import Supervision
import SupervisionRules

/// A scan is a function of the records and the as-of instant: scanning along the way (which
/// records how far each term's life-log due dates are settled, `life_log_settled`) must end with
/// the same violations as one scan at the end.
@Suite("Use cases: repeated scans settle history without changing the result")
struct ScanHistoryUseCaseTests {
    /// The same life of two supervisees, with or without scans along the way.
    func live(_ f: UseCaseFixture, scanAlong: Bool) throws {
        try f.register("A-1", released: "2026-01-05", level: "medium")
        try f.register("B-2", released: "2026-01-05", level: "low", officer: "ok2")
        // A-1 submits on some due dates (7-day interval from 01-12), B-2 (14 days from 01-19) rarely.
        let submissions = [("A-1", "2026-01-12"), ("A-1", "2026-01-27"), ("B-2", "2026-01-20"), ("A-1", "2026-02-10"),
                           ("A-1", "2026-02-24"), ("B-2", "2026-03-02"), ("A-1", "2026-03-10")]
        let scans = ["2026-01-23", "2026-02-05", "2026-02-20", "2026-03-04", "2026-03-12"]
        var events: [(day: String, action: () throws -> Void)] = submissions.map { submission in
            (submission.1, {
                _ = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: submission.0), actorID: "supervisee:" + submission.0,
                                                 now: try f.at(submission.1 + "T18:00"))
            })
        }
        // A level change part-way: A-1 becomes low (14 days) from 02-12.
        events.append(("2026-02-12", {
            _ = try f.caseload.changeLevel(caseRef: "A-1", level: "low", reason: nil, actorID: "ok1",
                                           now: try f.at("2026-02-12T10:00"))
        }))
        if scanAlong {
            for day in scans {
                events.append((day, { _ = try f.scan(now: day + "T20:00") }))
            }
        }
        for event in events.sorted(by: { $0.day < $1.day }) { try event.action() }
        _ = try f.scan(now: "2026-03-20T20:00")
    }

    /// Missed life-log violations: the kind the settled dates concern. (No-contact is judged on
    /// the 30 days before each scan's as-of date, so scans along the way can see a gap that a
    /// single late scan does not: that is the documented rule, not history being skipped.)
    func violations(_ f: UseCaseFixture) throws -> [String] {
        try f.strings("""
            SELECT p.case_ref || ' ' || v.kind || ' ' || v.cause || ' ' || v.occurred_on
            FROM violation v JOIN supervision_term t ON t.id = v.term_id JOIN person p ON p.id = t.person_id
            WHERE v.kind = 'missed-life-log'
            ORDER BY 1
            """)
    }

    @Test func scanningAlongEndsWithTheSameViolations() throws {
        let along = try UseCaseFixture()
        try live(along, scanAlong: true)
        let once = try UseCaseFixture()
        try live(once, scanAlong: false)
        let result = try violations(along)
        #expect(result == (try violations(once)))
        #expect(result.count == 8)
        #expect(result.contains { $0.hasPrefix("A-1 missed-life-log due:2026-01-19") })
        // After the change to low on 02-12, A-1's due dates are 02-16, 03-02, 03-16: 02-23 and
        // 03-09 were never due.
        #expect(!result.contains { $0.contains("due:2026-02-23") || $0.contains("due:2026-03-09") })
        #expect(result.contains { $0.hasPrefix("B-2 missed-life-log due:2026-02-02") })
        // Scanning along settled history: the watermark sits at each term's latest closed due date.
        #expect(try along.strings("SELECT settled_through FROM life_log_settled ORDER BY term_id") == ["2026-03-16", "2026-03-16"])
    }

    @Test func aSecondScanReadsNothingNewAndAddsNothing() throws {
        let f = try UseCaseFixture()
        try live(f, scanAlong: true)
        let before = try f.strings("SELECT id || ' ' || kind || ' ' || cause FROM violation ORDER BY id")
        let audit = try f.auditCount()
        let again = try f.scan(now: "2026-03-20T20:00")
        #expect(again.detected == 0)
        #expect(try f.strings("SELECT id || ' ' || kind || ' ' || cause FROM violation ORDER BY id") == before)
        #expect(try f.auditCount() == audit)
    }

    /// A term with no settled date (flagged by a scan before migration 0007, or its row
    /// deleted) has its flagged due dates read in full: the next scan adds nothing (without
    /// that read it would flag them again, which the unique index refuses) and settles it again.
    @Test func aTermWithoutASettledDateIsReadInFull() throws {
        let f = try UseCaseFixture()
        try live(f, scanAlong: true)
        let settled = try f.strings("SELECT term_id || ' ' || settled_through FROM life_log_settled ORDER BY term_id")
        let before = try f.strings("SELECT id || ' ' || kind || ' ' || cause FROM violation ORDER BY id")
        #expect(settled.count == 2)
        try f.caseload.database.write { try $0.execute("DELETE FROM life_log_settled") }
        let again = try f.scan(now: "2026-03-20T20:00")
        #expect(again.detected == 0)
        #expect(try f.strings("SELECT id || ' ' || kind || ' ' || cause FROM violation ORDER BY id") == before)
        #expect(try f.strings("SELECT term_id || ' ' || settled_through FROM life_log_settled ORDER BY term_id") == settled)
    }
}
