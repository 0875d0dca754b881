import Testing
import Supervision
import SupervisionRules

/// The reads the web pages need (caseload list, a record's row by id, the portal, the recalls
/// awaiting a decision, the admin overview) and the once-per-form guard.
@Suite struct PageReadsTests {
    static func at(_ text: String) -> Instant { AgencyZone.utc.instant(of: LocalDateTime(iso: text)!) }

    static func agency() throws -> Caseload {
        let caseload = try Caseload.inMemory(now: at("2026-01-01T09:00"))
        for (id, role) in [("okafor", Role.officer), ("patel", .officer), ("sutherland", .supervisor)] {
            _ = try caseload.addOfficer(id: id, name: "Officer \(id)", role: role, actorID: "admin", now: at("2026-01-01T09:00"))
        }
        for (ref, name, officer) in [("M-1", "Amira Okoye", "okafor"), ("M-2", "Ben 100%_Sure", "okafor"), ("P-1", "Cara Diaz", "patel")] {
            _ = try caseload.register(ReleaseRegistration(caseRef: ref, name: name, born: "1990-05-01", released: "2026-03-02",
                                                          months: 6, level: "medium", officer: officer),
                                      actorID: officer, now: at("2026-03-02T09:00"))
        }
        return caseload
    }

    static func kind(_ body: () throws -> Void) -> CaseloadError.Kind? {
        do { try body(); return nil } catch let error as CaseloadError { return error.kind } catch { return nil }
    }

    @Test func caseListIsTheOfficersOwnAndSearches() throws {
        let caseload = try Self.agency()
        let now = Self.at("2026-03-03T12:00")
        #expect(try caseload.caseList(search: nil, actorID: "okafor", now: now).map(\.caseRef) == ["M-1", "M-2"])
        #expect(try caseload.caseList(search: nil, actorID: "sutherland", now: now).map(\.caseRef) == ["M-1", "M-2", "P-1"])
        // By part of the name or reference, any case; LIKE's wildcards match only themselves.
        #expect(try caseload.caseList(search: "okoye", actorID: "sutherland", now: now).map(\.caseRef) == ["M-1"])
        #expect(try caseload.caseList(search: "p-", actorID: "sutherland", now: now).map(\.caseRef) == ["P-1"])
        #expect(try caseload.caseList(search: "100%_", actorID: "sutherland", now: now).map(\.caseRef) == ["M-2"])
        #expect(try caseload.caseList(search: "%", actorID: "sutherland", now: now).map(\.caseRef) == ["M-2"])
        #expect(try caseload.caseList(search: "cara", actorID: "okafor", now: now).isEmpty)
        #expect(try caseload.caseList(search: "  ", actorID: "okafor", now: now).count == 2)
        #expect(Self.kind { _ = try caseload.caseList(search: String(repeating: "a", count: 201), actorID: "okafor", now: now) } == .invalidInput)
        #expect(Self.kind { _ = try caseload.caseList(search: nil, actorID: "admin", now: now) } == .notPermitted)
        #expect(Self.kind { _ = try caseload.caseList(search: nil, actorID: "supervisee:M-1", now: now) } == .notPermitted)
    }

    @Test func caseSummaryChecksRightsLikeTheUseCases() throws {
        let caseload = try Self.agency()
        let now = Self.at("2026-03-03T12:00")
        let id = try caseload.caseList(search: "M-1", actorID: "okafor", now: now)[0].personId
        _ = try caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "M-1", at: "2026-03-04T10:00"), actorID: "okafor", now: now)
        let audit = try caseload.verifyAudit().entries
        #expect(try caseload.caseSummary(personId: id, doing: "see the record", actorID: "okafor", now: now).caseRef == "M-1")
        #expect(try caseload.caseSummary(personId: id, doing: "see the record", actorID: "sutherland", now: now).name == "Amira Okoye")
        #expect(Self.kind { _ = try caseload.caseSummary(personId: id, doing: "see the record", actorID: "patel", now: now) } == .notPermitted)
        #expect(Self.kind { _ = try caseload.caseSummary(personId: id, doing: "see the record", actorID: "supervisee:M-1", now: now) } == .notPermitted)
        #expect(Self.kind { _ = try caseload.caseSummary(personId: 999, doing: "see the record", actorID: "okafor", now: now) } == .notFound)
        // The outcome page's choices: the same rights.
        let choices = try caseload.appointmentChoices(personId: id, actorID: "okafor", now: now)
        #expect(choices.count == 1 && choices[0].kind == "office" && choices[0].outcome == nil)
        #expect(choices[0].startsAt == LocalDateTime(iso: "2026-03-04T10:00"))
        #expect(Self.kind { _ = try caseload.appointmentChoices(personId: id, actorID: "patel", now: now) } == .notPermitted)
        #expect(Self.kind { _ = try caseload.appointmentChoices(personId: 999, actorID: "okafor", now: now) } == .notFound)
        // Neither is the record: not audited.
        #expect(try caseload.verifyAudit().entries == audit)
    }

    @Test func portalShowsOnlyTheSuperviseesOwnNextThings() throws {
        let caseload = try Self.agency()
        let now = Self.at("2026-03-03T12:00")
        var view = try caseload.portal(actorID: "supervisee:M-1", now: now)
        #expect(view.caseRef == "M-1" && view.nextAppointment == nil && view.entries.isEmpty)
        // Medium: life-log every 7 days from 2026-03-09, grace 3 days (the window ends on the 11th).
        #expect(view.nextLifeLog?.dueOn.description == "2026-03-09")
        #expect(view.nextLifeLog?.windowLastDay.description == "2026-03-11")
        #expect(view.nextLifeLog?.isOpen == false)
        _ = try caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "M-1", at: "2026-03-04T10:00", minutes: 30, kind: "phone"),
                                            actorID: "okafor", now: now)
        // The day before the window opens: due, not yet open.
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-08T20:00"))
        #expect(view.nextLifeLog?.dueOn.description == "2026-03-09" && view.nextLifeLog?.isOpen == false)
        // The day the window opens, and its last day: that due date, open.
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-09T08:00"))
        #expect(view.nextLifeLog?.dueOn.description == "2026-03-09" && view.nextLifeLog?.isOpen == true)
        // (last day)
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-11T08:00"))
        #expect(view.nextLifeLog?.dueOn.description == "2026-03-09" && view.nextLifeLog?.isOpen == true)
        // The day after: the next one.
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-12T08:00"))
        #expect(view.nextLifeLog?.dueOn.description == "2026-03-16" && view.nextLifeLog?.isOpen == false)
        // The appointment before it starts, and not after it has ended.
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-04T10:15"))
        #expect(view.nextAppointment?.kind == "phone" && view.nextAppointment?.minutes == 30)
        #expect(view.nextAppointment?.startsAt == LocalDateTime(iso: "2026-03-04T10:00"))
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-04T10:30"))
        #expect(view.nextAppointment == nil)
        // An entry fills its due date; the next one moves on.
        _ = try caseload.submitLifeLog(LifeLogSubmission(caseRef: "M-1", residence: "Flat 2", wellbeing: 4, needs: ["money", "housing"],
                                                         locations: ["51.5,-0.12,20"]),
                                       actorID: "supervisee:M-1", now: Self.at("2026-03-09T09:00"))
        view = try caseload.portal(actorID: "supervisee:M-1", now: Self.at("2026-03-09T10:00"))
        #expect(view.nextLifeLog?.dueOn.description == "2026-03-16")
        #expect(view.entries.count == 1 && view.entries[0].needs == ["housing", "money"] && view.entries[0].sharedLocation)
        #expect(view.entries[0].filledDueOn?.description == "2026-03-09")
        // Staff have no portal; a supervisee sees only their own.
        #expect(Self.kind { _ = try caseload.portal(actorID: "okafor", now: now) } == .notPermitted)
        #expect(try caseload.portal(actorID: "supervisee:P-1", now: now).entries.isEmpty)
    }

    @Test func pendingRecallsAreTheRecallRulesAndForSupervisors() throws {
        let caseload = try Self.agency()
        let late = Self.at("2026-04-20T12:00")
        // Weeks without entries: missed life-logs, detected and confirmed.
        let rows = try caseload.violationList(status: .open, officer: nil, actorID: "sutherland", now: late)
        #expect(try caseload.pendingRecalls(actorID: "sutherland", now: late).isEmpty)
        for row in rows.filter({ $0.caseRef == "M-1" }).prefix(2) {
            _ = try caseload.reviewViolation(id: row.id, confirm: true, reason: nil, actorID: "okafor", now: late)
        }
        let pending = try caseload.pendingRecalls(actorID: "sutherland", now: late)
        #expect(pending.map(\.caseRef) == ["M-1"])
        #expect(pending[0].violations.count == 2)
        #expect(Self.kind { _ = try caseload.pendingRecalls(actorID: "okafor", now: late) } == .notPermitted)
        _ = try caseload.decideRecall(caseRef: "M-1", approve: false, rationale: "Engaging", actorID: "sutherland", now: late)
        #expect(try caseload.pendingRecalls(actorID: "sutherland", now: late).isEmpty)
    }

    @Test func adminOverviewListsStaffHolidaysAndTheChain() throws {
        let caseload = try Self.agency()
        let now = Self.at("2026-03-03T12:00")
        _ = try caseload.addHoliday("2026-03-02", name: "Past", actorID: "admin", now: now)
        _ = try caseload.addHoliday("2026-12-25", name: "Christmas", actorID: "admin", now: now)
        _ = try caseload.inviteAccount(staffID: "patel", caseRef: nil, actorID: "admin", now: now)
        let overview = try caseload.adminOverview(actorID: "admin", now: now)
        #expect(overview.staff.map(\.id) == ["admin", "okafor", "patel", "sutherland"])
        #expect(overview.staff.first { $0.id == "patel" }?.account == "invited")
        #expect(overview.staff.first { $0.id == "okafor" }?.account == "none")
        #expect(overview.holidays.map(\.date.description) == ["2026-12-25"])
        let entries = try caseload.verifyAudit().entries
        #expect(overview.auditProblem == nil && overview.auditEntries == entries)
        #expect(Self.kind { _ = try caseload.adminOverview(actorID: "sutherland", now: now) } == .notPermitted)
    }

    @Test func submitOnceRunsAFormOnceAndARefusalNotAtAll() throws {
        let caseload = try Self.agency()
        let now = Self.at("2026-03-09T09:00")
        let formID = "abcdefabcdefabcdef0123456789"
        func submit() throws -> (path: String, repeated: Bool) {
            try caseload.submitOnce(formID: formID, actorID: "supervisee:M-1", now: now) { caseload in
                _ = try caseload.submitLifeLog(LifeLogSubmission(caseRef: "M-1", residence: "Flat 2"), actorID: "supervisee:M-1", now: now)
                return "/portal?done=lifelog"
            }
        }
        #expect(try submit() == ("/portal?done=lifelog", false))
        #expect(try submit() == ("/portal?done=lifelog", true))
        #expect(try caseload.portal(actorID: "supervisee:M-1", now: now).entries.count == 1)
        // A refused first post leaves its id free: the corrected form goes through.
        let other = "0123456789abcdef0123456789"
        #expect(Self.kind {
            _ = try caseload.submitOnce(formID: other, actorID: "okafor", now: now) { caseload in
                _ = try caseload.extendTerm(caseRef: "M-1", byMonths: 99, actorID: "okafor", now: now)
                return "/cases/1"
            }
        } == .invalidInput)
        let corrected = try caseload.submitOnce(formID: other, actorID: "okafor", now: now) { caseload in
            _ = try caseload.extendTerm(caseRef: "M-1", byMonths: 1, actorID: "okafor", now: now)
            return "/cases/1"
        }
        #expect(corrected == ("/cases/1", false))
        // The same id of another account is another form; a malformed id is refused.
        #expect(try caseload.submitOnce(formID: other, actorID: "patel", now: now) { _ in "/x" }.repeated == false)
        #expect(Self.kind { _ = try caseload.submitOnce(formID: "short", actorID: "okafor", now: now) { _ in "/x" } } == .invalidInput)
        // Remembered for a day.
        let nextDay = now.adding(seconds: 86_401)
        _ = try caseload.submitOnce(formID: "zzzzzzzzzzzzzzzzzzzz", actorID: "okafor", now: nextDay) { _ in "/y" }
        #expect(try caseload.submitOnce(formID: formID, actorID: "supervisee:M-1", now: nextDay) { _ in "/again" } == ("/again", false))
    }
}
