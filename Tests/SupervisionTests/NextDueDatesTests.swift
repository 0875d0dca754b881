import Testing
import Supervision
import SupervisionRules

@Suite struct NextDueDatesTests {
    static func at(_ text: String) -> Instant {
        AgencyZone.utc.instant(of: LocalDateTime(iso: text)!)
    }

    static func agency() throws -> Caseload {
        let caseload = try Caseload.inMemory(now: at("2026-01-01T09:00"))
        _ = try caseload.addOfficer(id: "okafor", name: "Ngozi Okafor", role: .officer, actorID: "admin", now: at("2026-01-01T09:00"))
        _ = try caseload.addOfficer(id: "patel", name: "Priya Patel", role: .officer, actorID: "admin", now: at("2026-01-01T09:00"))
        _ = try caseload.register(ReleaseRegistration(caseRef: "M-1", name: "Amira Okoye", born: "1990-05-01",
                                                      released: "2026-03-02", months: 6, level: "medium", officer: "okafor"),
                                  actorID: "okafor", now: at("2026-03-02T09:00"))
        return caseload
    }

    /// docs/interviews.md §4 example (medium, start Monday 2026-03-02): first interview due 03-05; attended on
    /// 03-04 → next due 03-18. Life-log every 7 days from 03-09.
    @Test func followsTheSpecExample() throws {
        let caseload = try Self.agency()
        var due = try caseload.nextDueDates(caseRef: "M-1", actorID: "okafor", now: Self.at("2026-03-03T12:00"))
        #expect(due.status == "open")
        #expect(due.nextInterviewDueOn?.description == "2026-03-05")
        #expect(due.nextLifeLogDueOn?.description == "2026-03-09")

        let appointment = try caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "M-1", at: "2026-03-04T10:00"),
                                                          actorID: "okafor", now: Self.at("2026-03-03T12:00"))
        _ = try caseload.logOutcome(OutcomeRequest(appointmentId: appointment[0].id!, outcome: "attended"),
                                    actorID: "okafor", now: Self.at("2026-03-04T11:30"))
        due = try caseload.nextDueDates(caseRef: "M-1", actorID: "okafor", now: Self.at("2026-03-10T12:00"))
        #expect(due.nextInterviewDueOn?.description == "2026-03-18")
        // 03-09's window is open until 03-11 and nothing has been sent: that is the entry due
        // (docs/lifelog.md §5, "The next entry due"), as the record and the portal say.
        #expect(due.nextLifeLogDueOn?.description == "2026-03-09")
        _ = try caseload.submitLifeLog(LifeLogSubmission(caseRef: "M-1"), actorID: "supervisee:M-1",
                                       now: Self.at("2026-03-10T12:30"))
        due = try caseload.nextDueDates(caseRef: "M-1", actorID: "okafor", now: Self.at("2026-03-10T13:00"))
        #expect(due.nextLifeLogDueOn?.description == "2026-03-16")
        // On a due date, that date is the next one.
        due = try caseload.nextDueDates(caseRef: "M-1", actorID: "okafor", now: Self.at("2026-03-16T08:00"))
        #expect(due.nextLifeLogDueOn?.description == "2026-03-16")
    }

    @Test func isAccessCheckedAndNotAudited() throws {
        let caseload = try Self.agency()
        let entries = try caseload.verifyAudit().entries
        #expect(throws: CaseloadError.self) {
            try caseload.nextDueDates(caseRef: "M-1", actorID: "patel", now: Self.at("2026-03-03T12:00"))
        }
        do {
            _ = try caseload.nextDueDates(caseRef: "M-1", actorID: "patel", now: Self.at("2026-03-03T12:00"))
        } catch let error as CaseloadError {
            #expect(error.kind == .notPermitted)
        }
        _ = try caseload.nextDueDates(caseRef: "M-1", actorID: "supervisee:M-1", now: Self.at("2026-03-03T12:00"))
        #expect(try caseload.verifyAudit().entries == entries)
        do {
            _ = try caseload.nextDueDates(caseRef: "NOBODY", actorID: "okafor", now: Self.at("2026-03-03T12:00"))
            Issue.record("an unknown case reference must fail")
        } catch let error as CaseloadError {
            #expect(error.kind == .notFound)
        }
    }

    @Test func aCompletedTermHasNothingDue() throws {
        let caseload = try Self.agency()
        let due = try caseload.nextDueDates(caseRef: "M-1", actorID: "okafor", now: Self.at("2026-09-02T12:00"))
        #expect(due.status == "completed")
        #expect(due.nextInterviewDueOn == nil && due.nextLifeLogDueOn == nil)
    }
}
