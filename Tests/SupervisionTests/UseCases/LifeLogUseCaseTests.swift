import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: life-log submissions")
struct LifeLogUseCaseTests {
    func submit(_ f: UseCaseFixture, _ caseRef: String = "A-1", at local: String, actor: String = "supervisee:A-1",
                now: String? = nil, corrects: Int64? = nil, locations: [String] = []) throws -> LifeLogReceipt {
        try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: caseRef, at: local, wellbeing: 4, locations: locations,
                                                       corrects: corrects),
                                     actorID: actor, now: try f.at(now ?? local))
    }

    @Test("docs/lifelog.md §5: submitted 01-14 fills 01-12; nothing by 01-21 → 01-19 missed as of 01-22, not 01-21")
    func specExample() throws {
        let f = try UseCaseFixture()
        let term = try f.register(released: "2026-01-05", level: "medium")
        #expect(term.firstLifeLogDueOn == "2026-01-12")
        let receipt = try submit(f, at: "2026-01-14T18:00")
        #expect(receipt.filledDueOn == "2026-01-12")
        #expect(try f.rows("SELECT local_date, filled_due_on, submitted_by FROM life_log_entry")
            == [[.text("2026-01-14"), .text("2026-01-12"), .text("supervisee:A-1")]])
        #expect(try f.auditActions().last == "lifelog.submit")

        func lifeLogItems(_ now: String) throws -> [OverdueItem] {
            try f.overdue(now: now).filter { $0.item == .lifeLog }
        }
        #expect(try lifeLogItems("2026-01-21T23:59").isEmpty)
        let items = try lifeLogItems("2026-01-22T00:00")
        #expect(items.map(\.dueOn.description) == ["2026-01-19"])
        #expect(items.map(\.daysOverdue) == [1])

        #expect(try f.scan(now: "2026-01-21T23:59").detected == 0)
        #expect(try f.scan(now: "2026-01-22T00:00").detectedByKind == ["missed-life-log": 1])
        #expect(try f.strings("SELECT occurred_on FROM violation WHERE kind = 'missed-life-log'") == ["2026-01-19"])
    }

    @Test("a supervisee submits only their own entries; officers only on their caseload")
    func whoMaySubmit() throws {
        let f = try UseCaseFixture()
        try f.register("A-1", released: "2026-01-05")
        try f.register("B-2", name: "Bea Example", released: "2026-01-05", officer: "ok2")
        try f.expectRefused(.notPermitted) { try submit(f, "A-1", at: "2026-01-12T10:00", actor: "supervisee:B-2") }
        try f.expectRefused(.notPermitted) { try submit(f, "A-1", at: "2026-01-12T10:00", actor: "supervisee:Z-9") }
        try f.expectRefused(.notPermitted) { try submit(f, "A-1", at: "2026-01-12T10:00", actor: "ok2") }
        try f.expectRefused(.notPermitted) { try submit(f, "A-1", at: "2026-01-12T10:00", actor: "admin") }
        try f.expectRefused(.notPermitted) {
            try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1"), actorID: nil, now: try f.at("2026-01-12T10:00"))
        }
        #expect(try submit(f, "B-2", at: "2026-01-12T10:00", actor: "supervisee:B-2").filledDueOn == "2026-01-12")
        #expect(try submit(f, "A-1", at: "2026-01-12T10:00", actor: "ok1").filledDueOn == "2026-01-12")
        #expect(try f.strings("SELECT submitted_by FROM life_log_entry ORDER BY id") == ["supervisee:B-2", "ok1"])
    }

    @Test("an entry dated after the clock is refused; one dated by the clock itself is not")
    func future() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-05")
        try f.expectRefused(.invalidInput) { try submit(f, at: "2026-01-12T10:01", now: "2026-01-12T10:00") }
        try f.expectRefused(.invalidInput) {
            try submit(f, at: "2026-01-12T10:00", now: "2026-01-12T10:00", locations: ["51.5,-0.12@2026-01-12T10:05"])
        }
        // Without --at the clock is the submission time.
        let receipt = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1"), actorID: "supervisee:A-1",
                                                   now: try f.at("2026-01-12T10:00"))
        #expect(receipt.submittedAt == "2026-01-12T10:00")
        #expect(receipt.filledDueOn == "2026-01-12")
    }

    @Test("submissions outside the supervised period are refused")
    func outsideTheTerm() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-05", months: 6)   // to 2026-07-04
        try f.expectRefused(.invalidInput) { try submit(f, at: "2026-01-04T23:59", now: "2026-01-06T10:00") }
        try f.expectRefused(.invalidInput) { try submit(f, at: "2026-07-05T00:00") }
        _ = try submit(f, at: "2026-07-04T23:59")
        // After an early discharge, nothing more.
        let g = try UseCaseFixture()
        try g.register(released: "2026-01-05", months: 6)
        _ = try g.caseload.dischargeTerm(caseRef: "A-1", reason: "deported", actorID: "ok1", now: try g.at("2026-02-02T10:00"))
        try g.expectRefused(.invalidInput) { try submit(g, at: "2026-02-03T10:00") }
    }

    @Test("a correction points at the entry it corrects and fills no due date")
    func correction() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-05")
        let early = try submit(f, at: "2026-01-10T10:00")
        #expect(early.filledDueOn == nil)   // before the first due date: unscheduled
        let correction = try submit(f, at: "2026-01-12T10:00", corrects: early.entryId)
        #expect(correction.filledDueOn == nil, "a correction filled the open due date 2026-01-12")
        #expect(try f.rows("SELECT corrects_entry_id, filled_due_on FROM life_log_entry WHERE id = ?", [correction.entryId])
            == [[.integer(early.entryId), .null]])
        // The due date is still there for a real entry.
        #expect(try submit(f, at: "2026-01-12T11:00").filledDueOn == "2026-01-12")
        // Only an entry of this term can be corrected.
        try f.expectRefused(.notFound) { try submit(f, at: "2026-01-12T12:00", corrects: 999) }
    }

    @Test("location points become location reports with source life-log")
    func locationPoints() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-01-05")
        let receipt = try submit(f, at: "2026-01-12T10:00",
                                 locations: ["51.5,-0.12", "51.51,-0.13,25@2026-01-12T08:00", "51.6,-0.2,1500"])
        #expect(receipt.locationReportIds.count == 3)
        #expect(try f.rows("""
            SELECT at, latitude, longitude, accuracy_m, low_accuracy, source, life_log_entry_id
            FROM location_report ORDER BY id
            """) == [
            [.text("2026-01-12T10:00:00Z"), .real(51.5), .real(-0.12), .real(0), .integer(0), .text("life-log"), .integer(receipt.entryId)],
            [.text("2026-01-12T08:00:00Z"), .real(51.51), .real(-0.13), .real(25), .integer(0), .text("life-log"), .integer(receipt.entryId)],
            [.text("2026-01-12T10:00:00Z"), .real(51.6), .real(-0.2), .real(1500), .integer(1), .text("life-log"), .integer(receipt.entryId)],
        ])
        #expect(try f.auditActions().suffix(4) == ["location.report", "location.report", "location.report", "lifelog.submit"])
        for bad in ["91,0", "51.5", "51.5,-0.12,-3", "51.5,-0.12@yesterday"] {
            try f.expectRefused(.invalidInput) { try submit(f, at: "2026-01-13T10:00", locations: [bad]) }
        }
    }

    @Test("the agency-local date decides the window: 23:30 in Los Angeles is already the next day in UTC")
    func localDateDecides() throws {
        let f = try UseCaseFixture(zone: "America/Los_Angeles")
        try f.register(released: "2026-01-05")   // due 01-12, window 01-12 … 01-14
        // 2026-01-11T23:30 PST is 2026-01-12T07:30Z: still the 11th locally, so before the window.
        let early = try submit(f, at: "2026-01-11T23:30")
        #expect(early.filledDueOn == nil)
        // 2026-01-14T23:30 PST is 2026-01-15T07:30Z: still the 14th locally, the last day of the window.
        let late = try submit(f, at: "2026-01-14T23:30")
        #expect(late.filledDueOn == "2026-01-12")
        #expect(try f.rows("SELECT submitted_at, local_date FROM life_log_entry ORDER BY id") == [
            [.text("2026-01-12T07:30:00Z"), .text("2026-01-11")],
            [.text("2026-01-15T07:30:00Z"), .text("2026-01-14")],
        ])
        // And 00:30 local on the 15th is too late for 01-12.
        #expect(try submit(f, at: "2026-01-15T00:30").filledDueOn == nil)
    }
}
