import Storage
import Testing
@testable import Supervision
import SupervisionRules

@Suite("Use cases: interview scheduling and outcomes")
struct InterviewUseCaseTests {
    // MARK: Scheduling

    @Test("a series: repeatCount appointments every N days; a dry run writes nothing")
    func seriesAndDryRun() throws {
        let f = try UseCaseFixture()
        try f.register()
        var request = InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00", minutes: 45, kind: "phone",
                                               repeatCount: 4, everyDays: 7, dryRun: true)
        let before = try f.snapshot()
        let preview = try f.caseload.scheduleInterviews(request, actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        #expect(try f.snapshot() == before, "a dry run wrote to the database")
        #expect(preview.map(\.id) == [nil, nil, nil, nil])
        #expect(preview.map(\.at) == ["2026-03-10T10:00", "2026-03-17T10:00", "2026-03-24T10:00", "2026-03-31T10:00"])
        #expect(preview.map(\.endsAt) == ["2026-03-10T10:45", "2026-03-17T10:45", "2026-03-24T10:45", "2026-03-31T10:45"])

        request.dryRun = false
        let auditBefore = try f.auditCount()
        let made = try f.caseload.scheduleInterviews(request, actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        // The real run schedules what the dry run showed.
        #expect(made.map(\.at) == preview.map(\.at))
        #expect(made.map(\.endsAt) == preview.map(\.endsAt))
        #expect(made.allSatisfy { $0.id != nil })
        #expect(try f.strings("SELECT local_date || ' ' || local_time || ' ' || kind || ' ' || minutes FROM appointment ORDER BY id")
            == ["2026-03-10 10:00 phone 45", "2026-03-17 10:00 phone 45", "2026-03-24 10:00 phone 45", "2026-03-31 10:00 phone 45"])
        #expect(try f.auditActions(after: auditBefore) == Array(repeating: "appointment.schedule", count: 4))
    }

    @Test("bad series and durations are refused and change nothing")
    func badRequests() throws {
        let f = try UseCaseFixture()
        try f.register()
        let now = try f.at("2026-03-02T09:00")
        for request in [
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00", minutes: 4),
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00", minutes: 481),
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00", kind: "pub"),
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00", repeatCount: 3, everyDays: nil),
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00", repeatCount: 0),
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-02-30T10:00"),
        ] {
            try f.expectRefused(.invalidInput) { try f.caseload.scheduleInterviews(request, actorID: "ok1", now: now) }
        }
        try f.expectRefused(.notFound) {
            try f.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "Z-9", at: "2026-03-10T10:00"), actorID: "ok1", now: now)
        }
        try f.expectRefused(.notPermitted) {
            try f.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T10:00"), actorID: "ok2", now: now)
        }
    }

    @Test("an appointment outside the term is refused; a series reaching past the end saves nothing")
    func outsideTheTerm() throws {
        let f = try UseCaseFixture()
        try f.register(released: "2026-03-02", months: 6)   // to 2026-09-01
        let now = try f.at("2026-03-02T09:00")
        try f.expectRefused(.invalidInput) {
            try f.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-01T10:00"), actorID: "ok1", now: now)
        }
        try f.expectRefused(.invalidInput) {
            try f.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-08-25T10:00", repeatCount: 3,
                                                                       everyDays: 7), actorID: "ok1", now: now)
        }
        // The last supervised day itself is inside.
        _ = try f.schedule(at: "2026-09-01T10:00")
    }

    @Test("an appointment overlapping a live one is refused; touching, or over a rescheduled one, is fine")
    func overlap() throws {
        let f = try UseCaseFixture()
        try f.register()
        let first = try f.schedule(at: "2026-03-10T10:00")
        for clash in ["2026-03-10T10:30", "2026-03-10T09:30", "2026-03-10T10:00"] {
            let refusal = try f.expectRefused(.invalidInput) { try f.schedule(at: clash) }
            #expect(refusal?.message.contains("overlaps appointment \(first)") == true)
        }
        _ = try f.schedule(at: "2026-03-10T11:00")
        _ = try f.schedule(at: "2026-03-10T09:00")
        // A series whose second date clashes saves none of its dates.
        try f.expectRefused(.invalidInput) {
            try f.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-03T10:15", repeatCount: 2,
                                                                       everyDays: 7), actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        }
        // Another person's appointment at the same time is no clash.
        try f.register("B-2", name: "Bea Example")
        _ = try f.schedule("B-2", at: "2026-03-10T10:00")
        // Once the first is rescheduled away, its slot is free.
        _ = try f.caseload.logOutcome(OutcomeRequest(appointmentId: first, outcome: "rescheduled", requestedBy: "agency",
                                                     newAt: "2026-03-12T10:00"), actorID: "ok1", now: try f.at("2026-03-05T09:00"))
        _ = try f.schedule(at: "2026-03-10T10:00", now: "2026-03-05T09:00")
    }

    // MARK: Daylight saving

    /// (zone, the Thursday a week before the change, the Thursday after, UTC starts, UTC ends)
    static let weeklyAcrossChanges: [(String, String, String, [String], [String])] = [
        ("Europe/London", "2026-03-26", "2026-04-02",
         ["2026-03-26T10:00:00Z", "2026-04-02T09:00:00Z"], ["2026-03-26T11:00:00Z", "2026-04-02T10:00:00Z"]),
        ("Europe/London", "2026-10-22", "2026-10-29",
         ["2026-10-22T09:00:00Z", "2026-10-29T10:00:00Z"], ["2026-10-22T10:00:00Z", "2026-10-29T11:00:00Z"]),
        ("America/New_York", "2026-03-05", "2026-03-12",
         ["2026-03-05T15:00:00Z", "2026-03-12T14:00:00Z"], ["2026-03-05T16:00:00Z", "2026-03-12T15:00:00Z"]),
        ("America/New_York", "2026-10-29", "2026-11-05",
         ["2026-10-29T14:00:00Z", "2026-11-05T15:00:00Z"], ["2026-10-29T15:00:00Z", "2026-11-05T16:00:00Z"]),
    ]

    @Test("a weekly 10:00 series across a clock change stays at 10:00 local; its UTC instants move by the change",
          arguments: weeklyAcrossChanges)
    func weeklyAcrossChange(zone: String, first: String, second: String, starts: [String], ends: [String]) throws {
        let f = try UseCaseFixture(zone: zone)
        try f.register(released: "2026-03-02", months: 12)
        let made = try f.caseload.scheduleInterviews(
            InterviewScheduleRequest(caseRef: "A-1", at: first + "T10:00", repeatCount: 2, everyDays: 7),
            actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        #expect(made.map(\.at) == [first + "T10:00", second + "T10:00"])
        #expect(made.map(\.endsAt) == [first + "T11:00", second + "T11:00"])
        #expect(try f.strings("SELECT local_time FROM appointment ORDER BY id") == ["10:00", "10:00"])
        #expect(try f.strings("SELECT starts_at FROM appointment ORDER BY id") == starts)
        #expect(try f.strings("SELECT ends_at FROM appointment ORDER BY id") == ends)
        // A week of wall-clock time is a week plus or minus the hour the clocks moved.
        let stored = try ends.map { try #require(Instant(storage: $0)) }
        let offsetChange = f.zone.offsetSeconds(at: stored[0]) - f.zone.offsetSeconds(at: stored[1])
        #expect(abs(offsetChange) == 3600)
        #expect(stored[1].secondsSinceEpoch - stored[0].secondsSinceEpoch == Int64(7 * 86_400 + offsetChange))
    }

    @Test("01:30 on the autumn night happens twice: the first occurrence is booked", arguments: [
        ("Europe/London", "2026-10-25", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"),
        ("America/New_York", "2026-11-01", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"),
    ])
    func autumnOverlap(zone: String, night: String, startsAt: String, endsAt: String) throws {
        let f = try UseCaseFixture(zone: zone)
        try f.register(released: "2026-03-02", months: 12)
        _ = try f.schedule(at: night + "T01:30")
        #expect(try f.rows("SELECT starts_at, ends_at, local_date, local_time FROM appointment")
            == [[.text(startsAt), .text(endsAt), .text(night), .text("01:30")]])
    }

    @Test("01:30 on the London spring night does not exist: it is read as 02:30 BST, and shown as booked")
    func springGap() throws {
        let f = try UseCaseFixture(zone: "Europe/London")
        try f.register(released: "2026-03-02", months: 12)
        var request = InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-29T01:30", dryRun: true)
        let preview = try f.caseload.scheduleInterviews(request, actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        request.dryRun = false
        let made = try f.caseload.scheduleInterviews(request, actorID: "ok1", now: try f.at("2026-03-02T09:00"))
        #expect(try f.rows("SELECT starts_at, ends_at, local_date, local_time FROM appointment")
            == [[.text("2026-03-29T01:30:00Z"), .text("2026-03-29T02:30:00Z"), .text("2026-03-29"), .text("02:30")]])
        // What is shown (and previewed) is what was stored: 02:30–03:30 local, never a time that does not exist.
        #expect(made.map(\.at) == ["2026-03-29T02:30"])
        #expect(made.map(\.endsAt) == ["2026-03-29T03:30"])
        #expect(preview.map(\.at) == made.map(\.at))
        // Rescheduling into the gap says the same.
        let short = try f.schedule(at: "2026-03-20T10:00", minutes: 10)
        let moved = try f.caseload.logOutcome(OutcomeRequest(appointmentId: short, outcome: "rescheduled", requestedBy: "agency",
                                                             newAt: "2026-03-29T01:15"), actorID: "ok1", now: try f.at("2026-03-19T10:00"))
        #expect(moved.newAppointment?.at == "2026-03-29T02:15")
        #expect(moved.newAppointment?.endsAt == "2026-03-29T02:25")
    }

    // MARK: Outcomes

    @Test("attended cannot be recorded before the start; an acceptable absence can")
    func outcomesBeforeStart() throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.schedule(at: "2026-03-10T10:00")
        for early in ["attended", "failed-to-attend", "unacceptable-absence"] {
            try f.expectRefused(.invalidInput) { try f.log(id, early, now: "2026-03-10T09:59") }
        }
        try f.expectRefused(.invalidInput) { try f.log(id, "acceptable-absence", now: "2026-03-09T12:00") }   // no reason
        try f.expectRefused(.invalidInput) { try f.log(id, "acceptable-absence", reason: "hangover", now: "2026-03-09T12:00") }
        try f.expectRefused(.invalidInput) { try f.log(id, "absconded", now: "2026-03-10T12:00") }
        try f.expectRefused(.notFound) { try f.log(999, "attended", now: "2026-03-10T12:00") }
        try f.expectRefused(.notPermitted) { try f.log(id, "attended", actor: "ok2", now: "2026-03-10T12:00") }
        let excused = try f.log(id, "acceptable-absence", reason: "court", now: "2026-03-09T12:00")
        #expect(excused.outcome == "acceptable-absence")
        #expect(excused.reason == "court")
        #expect(try f.rows("SELECT outcome, reason, recorded_by FROM appointment_outcome")
            == [[.text("acceptable-absence"), .text("court"), .text("ok1")]])
        #expect(try f.scalar("SELECT outcome FROM appointment WHERE id = ?", [id]) == "acceptable-absence")
        // Attended at the start instant is allowed.
        let other = try f.schedule(at: "2026-03-11T10:00")
        #expect(try f.log(other, "attended", now: "2026-03-11T10:00").outcome == "attended")
    }

    @Test("a failed-to-attend is resolved within 5 business days (across a weekend and holidays), not after")
    func evidenceWindow() throws {
        let f = try UseCaseFixture()
        try f.register()
        let now = try f.at("2026-03-02T09:00")
        _ = try f.caseload.addHoliday("2026-04-03", name: "Good Friday", actorID: "admin", now: now)
        _ = try f.caseload.addHoliday("2026-04-06", name: "Easter Monday", actorID: "admin", now: now)
        // Thursday 2026-04-02: business days Tue 7, Wed 8, Thu 9, Fri 10, Mon 13 → the window ends 04-13.
        let inTime = try f.schedule(at: "2026-04-02T10:00")
        let late = try f.schedule(at: "2026-04-02T14:00")
        let held = try f.log(inTime, "failed-to-attend", now: "2026-04-02T12:00")
        #expect(held.evidenceWindowEndsOn == "2026-04-13")
        try f.log(late, "failed-to-attend", now: "2026-04-02T16:00")

        let resolved = try f.log(inTime, "acceptable-absence", reason: "medical", now: "2026-04-13T17:00")
        #expect(resolved.previousOutcome == "failed-to-attend")
        #expect(try f.auditActions().last == "appointment.outcome")

        let refusal = try f.expectRefused(.invalidInput) {
            try f.log(late, "acceptable-absence", reason: "medical", now: "2026-04-14T09:00")
        }
        #expect(refusal?.message.contains("2026-04-13") == true)
        // A correction, with a reason, may still override once the window has closed.
        let corrected = try f.log(late, "acceptable-absence", reason: "medical: hospital letter seen late", correct: true,
                                  now: "2026-04-14T09:00")
        #expect(corrected.reason == "medical")
        // Resolving to unacceptable needs no correction, even after the window.
        let third = try f.schedule(at: "2026-04-02T16:00")
        try f.log(third, "failed-to-attend", now: "2026-04-02T18:00")
        #expect(try f.log(third, "unacceptable-absence", now: "2026-04-20T09:00").outcome == "unacceptable-absence")
    }

    @Test("changing a recorded outcome needs --correct and a reason; the old value stays in the history and the audit")
    func correction() throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.schedule(at: "2026-03-10T10:00")
        try f.log(id, "attended", now: "2026-03-10T11:00")
        try f.expectRefused(.invalidInput) { try f.log(id, "unacceptable-absence", now: "2026-03-11T09:00") }
        try f.expectRefused(.invalidInput) { try f.log(id, "unacceptable-absence", correct: true, now: "2026-03-11T09:00") }
        try f.expectRefused(.invalidInput) { try f.log(id, "unacceptable-absence", reason: "  ", correct: true, now: "2026-03-11T09:00") }
        try f.expectRefused(.invalidInput) { try f.log(id, "attended", reason: "same", correct: true, now: "2026-03-11T09:00") }
        try f.expectRefused(.invalidInput) {
            try f.log(id, "acceptable-absence", reason: "no code here", correct: true, now: "2026-03-11T09:00")
        }
        let unrecorded = try f.schedule(at: "2026-03-12T10:00")
        try f.expectRefused(.invalidInput) { try f.log(unrecorded, "attended", reason: "typo", correct: true, now: "2026-03-12T11:00") }

        let receipt = try f.log(id, "unacceptable-absence", reason: "recorded against the wrong person", correct: true,
                                now: "2026-03-11T09:00")
        #expect(receipt.previousOutcome == "attended")
        let history = try f.rows("""
            SELECT id, outcome, corrects_outcome_id, correction_reason FROM appointment_outcome
            WHERE appointment_id = ? ORDER BY id
            """, [id])
        #expect(history.count == 2)
        #expect(history.first?[1] == .text("attended"))
        #expect(history.last?[1] == .text("unacceptable-absence"))
        #expect(history.last?[2] == history.first?[0])
        #expect(history.last?[3] == .text("recorded against the wrong person"))
        #expect(try f.scalar("SELECT outcome FROM appointment WHERE id = ?", [id]) == "unacceptable-absence")
        let audit = try f.rows("SELECT action, entity_id, details FROM audit_log ORDER BY seq DESC LIMIT 1").first
        #expect(audit?[0] == .text("appointment.correct"))
        #expect(audit?[1] == .text(String(id)))
        guard case .text(let details)? = audit?[2] else { Issue.record("no audit details"); return }
        #expect(details.contains("\"previous\":\"attended\""))
        #expect(details.contains("\"outcome\":\"unacceptable-absence\""))
        #expect(details.contains("recorded against the wrong person"))
    }

    @Test("rescheduled records who asked and creates the new appointment pointing back at the old one")
    func rescheduled() throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.schedule(at: "2026-03-10T10:00", minutes: 30)
        let now = try f.at("2026-03-09T15:00")
        try f.expectRefused(.invalidInput) {
            try f.caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "rescheduled", newAt: "2026-03-12T10:00"),
                                      actorID: "ok1", now: now)
        }
        try f.expectRefused(.invalidInput) {
            try f.caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "rescheduled", requestedBy: "supervisee"),
                                      actorID: "ok1", now: now)
        }
        try f.expectRefused(.invalidInput) {
            try f.caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "rescheduled", requestedBy: "supervisee",
                                                     newAt: "2027-06-01T10:00"), actorID: "ok1", now: now)
        }
        let receipt = try f.caseload.logOutcome(
            OutcomeRequest(appointmentId: id, outcome: "rescheduled", requestedBy: "supervisee", newAt: "2026-03-12T14:00"),
            actorID: "ok1", now: now)
        let new = try #require(receipt.newAppointment?.id)
        #expect(receipt.newAppointment?.at == "2026-03-12T14:00")
        #expect(receipt.newAppointment?.endsAt == "2026-03-12T14:30")
        #expect(try f.rows("SELECT local_date, local_time, minutes, kind, rescheduled_from, outcome FROM appointment WHERE id = ?", [new])
            == [[.text("2026-03-12"), .text("14:00"), .integer(30), .text("office"), .integer(id), .null]])
        #expect(try f.rows("SELECT outcome, requested_by, new_appointment_id FROM appointment_outcome WHERE appointment_id = ?", [id])
            == [[.text("rescheduled"), .text("supervisee"), .integer(new)]])
        #expect(try f.auditActions().suffix(2) == ["appointment.schedule", "appointment.outcome"])
    }

    @Test("rescheduling into a slot that overlaps another live appointment is refused")
    func rescheduleIntoClash() throws {
        let f = try UseCaseFixture()
        try f.register()
        let id = try f.schedule(at: "2026-03-10T10:00")
        _ = try f.schedule(at: "2026-03-12T10:00")
        try f.expectRefused(.invalidInput) {
            try f.caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "rescheduled", requestedBy: "agency",
                                                     newAt: "2026-03-12T10:30"), actorID: "ok1", now: try f.at("2026-03-09T15:00"))
        }
        // Half an hour later the same day overlaps only the appointment being moved: allowed.
        let moved = try f.caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "rescheduled", requestedBy: "agency",
                                                             newAt: "2026-03-10T10:30"), actorID: "ok1", now: try f.at("2026-03-09T15:00"))
        #expect(moved.newAppointment?.at == "2026-03-10T10:30")
    }
}
