import Foundation
import HTTPTypes
import Hummingbird
import Supervision
import SupervisionRules

/// One action on a person's record: its own page (`GET /cases/ID/SLUG`, one thing per page)
/// and its post, which runs the command's use case once.
struct CaseAction: Sendable {
    let slug: String
    let title: String
    let doing: String
    let buttonLabel: String
    let warning: Bool
    /// The form's fields; `appointments` are the person's interviews as choices (the outcome
    /// page's only need of them).
    let fields: @Sendable (_ appointments: [(value: String, label: String)]) -> [Field]
    /// Runs the use case for the person `caseRef`; what was posted is `form`.
    let perform: @Sendable (Caseload, String, FormData, String, Instant) throws -> Void

    func spec(personId: Int64, appointments: [(value: String, label: String)] = []) -> FormSpec {
        FormSpec(id: slug + "-form", action: "/cases/\(personId)/\(slug)", fields: fields(appointments), buttonID: buttonID,
                 buttonLabel: buttonLabel, warning: warning)
    }

    var buttonID: String {
        switch slug {
        case "outcome": "log-outcome"
        case "restrictions": "add-restriction"
        case "locations": "report-location"
        case "level": "change-level"
        default: slug
        }
    }
}

let caseActions: [CaseAction] = [
    CaseAction(slug: "outcome", title: "Log or correct an interview outcome", doing: "log an outcome",
               buttonLabel: "Record the outcome", warning: false,
               fields: { appointments in
                   [Field(name: "appointmentId", label: "Interview", hint: "Latest first; the number is the one in the record's timeline.",
                          kind: .select(appointments), required: true),
                    Field(name: "outcome", label: "Outcome", kind: .radios([
                        ("attended", "Attended"), ("failed-to-attend", "Failed to attend"),
                        ("acceptable-absence", "Acceptable absence"), ("unacceptable-absence", "Unacceptable absence"),
                        ("rescheduled", "Rescheduled")])),
                    Field(name: "reason", label: "Reason (optional)",
                          hint: "For an acceptable absence: illness, medical, employment, family-emergency, court, transport or other. For a correction: why it is corrected."),
                    Field(name: "requestedBy", label: "Rescheduled at whose request (only when rescheduled)",
                          kind: .select([("supervisee", "The supervisee"), ("agency", "The agency")])),
                    Field(name: "newAt", label: "New date and time (only when rescheduled)", kind: .dateTime),
                    Field(name: "correct", label: "This corrects an outcome already recorded", kind: .checkbox),
                    Field(name: "notes", label: "Notes (optional)", kind: .textarea)]
               },
               perform: { caseload, _, form, actor, now in
                   guard let id = try form.integer("appointmentId"), id > 0 else {
                       throw APIError(.unprocessableContent, "invalid", "--appointment-id: choose the interview.", field: "appointmentId")
                   }
                   guard let outcome = form.optional("outcome") else {
                       throw APIError(.unprocessableContent, "invalid", "--outcome: choose an outcome.", field: "outcome")
                   }
                   _ = try caseload.logOutcome(OutcomeRequest(appointmentId: Int64(id), outcome: outcome, reason: form.optional("reason"),
                                                              requestedBy: form.optional("requestedBy"), newAt: form.optional("newAt"),
                                                              correct: form.ticked("correct"), notes: form.optional("notes")),
                                               actorID: actor, now: now)
               }),
    CaseAction(slug: "restrictions", title: "Add a restriction", doing: "add a restriction",
               buttonLabel: "Add the restriction", warning: false,
               fields: { _ in
                   [Field(name: "kind", label: "Kind of restriction", kind: .radios([
                        ("curfew", "Curfew (stay at home between two times)"), ("exclusion", "Exclusion zone (must not enter)"),
                        ("inclusion", "Permitted area (must stay inside)"), ("travel-permit", "Travel permit")])),
                    Field(name: "from", label: "From", hint: "Curfew: a time such as 21:00. Travel permit: a date such as 2026-04-01."),
                    Field(name: "to", label: "To", hint: "Curfew: a time such as 06:00. Travel permit: a date."),
                    Field(name: "days", label: "Curfew days (optional)", hint: "The days a curfew starts, for example mon,tue,wed,thu,fri. Empty: every day."),
                    Field(name: "home", label: "Curfew home point (optional)", hint: "LAT,LON. Empty: the registered home."),
                    Field(name: "tolerance", label: "Curfew tolerance in metres (optional)", kind: .number, inputMode: "decimal"),
                    Field(name: "circle", label: "Zone as a circle (optional)", hint: "LAT,LON,RADIUS in metres, for example 51.5,-0.12,300."),
                    Field(name: "polygon", label: "Zone as a polygon (optional)", hint: "LAT,LON;LAT,LON;… at least three points."),
                    Field(name: "name", label: "Zone name (optional)"),
                    Field(name: "starts", label: "Starts (optional)", hint: "Empty: today.", kind: .date),
                    Field(name: "ends", label: "Ends (optional)", hint: "Empty: the end of the term.", kind: .date),
                    Field(name: "reason", label: "Reason for a travel permit (optional)")]
               },
               perform: { caseload, caseRef, form, actor, now in
                   guard let kind = form.optional("kind").flatMap(RestrictionKind.init(rawValue:)) else {
                       throw APIError(.unprocessableContent, "invalid", "kind: choose curfew, exclusion, inclusion or travel-permit.", field: "kind")
                   }
                   _ = try caseload.addRestriction(RestrictionRequest(
                       kind: kind, caseRef: caseRef, from: form.optional("from"), to: form.optional("to"), days: form.optional("days"),
                       home: form.optional("home"), tolerance: try form.number("tolerance"), circle: form.optional("circle"),
                       polygon: form.optional("polygon"), name: form.optional("name"), starts: form.optional("starts"),
                       ends: form.optional("ends"), reason: form.optional("reason")), actorID: actor, now: now)
               }),
    CaseAction(slug: "locations", title: "Record a sighting or location report", doing: "report a location",
               buttonLabel: "Record the location", warning: false,
               fields: { _ in
                   [Field(name: "at", label: "When", kind: .dateTime, required: true),
                    Field(name: "lat", label: "Latitude", hint: "For example 51.5072.", kind: .number, required: true, inputMode: "decimal"),
                    Field(name: "lon", label: "Longitude", hint: "For example -0.1276.", kind: .number, required: true, inputMode: "decimal"),
                    Field(name: "accuracy", label: "Accuracy in metres (optional)", kind: .number, inputMode: "decimal"),
                    Field(name: "source", label: "Source", kind: .select([("officer", "Seen by an officer"), ("check-in", "Check-in")]))]
               },
               perform: { caseload, caseRef, form, actor, now in
                   guard let lat = try form.number("lat") else {
                       throw APIError(.unprocessableContent, "invalid", "--lat: is required.", field: "lat")
                   }
                   guard let lon = try form.number("lon") else {
                       throw APIError(.unprocessableContent, "invalid", "--lon: is required.", field: "lon")
                   }
                   _ = try caseload.reportLocation(LocationReportRequest(
                       caseRef: caseRef, at: try form.required("at"), latitude: lat, longitude: lon,
                       accuracy: try form.number("accuracy") ?? 0, source: form.optional("source")), actorID: actor, now: now)
               }),
    CaseAction(slug: "level", title: "Change the supervision level", doing: "change the level",
               buttonLabel: "Change the level", warning: false,
               fields: { _ in
                   [Field(name: "level", label: "New level", kind: .radios(levelOptions)),
                    Field(name: "reason", label: "Reason (optional)", kind: .textarea)]
               },
               perform: { caseload, caseRef, form, actor, now in
                   _ = try caseload.changeLevel(caseRef: caseRef, level: form["level"] ?? "", reason: form.optional("reason"),
                                                actorID: actor, now: now)
               }),
    CaseAction(slug: "extend", title: "Extend the term", doing: "extend the term",
               buttonLabel: "Extend the term", warning: false,
               fields: { _ in [Field(name: "months", label: "Months to add", kind: .number, required: true)] },
               perform: { caseload, caseRef, form, actor, now in
                   guard let months = try form.integer("months") else {
                       throw APIError(.unprocessableContent, "invalid", "--months: is required.", field: "months")
                   }
                   _ = try caseload.extendTerm(caseRef: caseRef, byMonths: months, actorID: actor, now: now)
               }),
    CaseAction(slug: "discharge", title: "Discharge the term early", doing: "discharge the term",
               buttonLabel: "Discharge the term", warning: true,
               fields: { _ in [Field(name: "reason", label: "Reason", hint: "Required.", kind: .textarea, required: true)] },
               perform: { caseload, caseRef, form, actor, now in
                   _ = try caseload.dischargeTerm(caseRef: caseRef, reason: form["reason"] ?? "", actorID: actor, now: now)
               }),
]

func addCasePages(_ router: Router<WebContext>, _ services: WebServices) {
    router.get("/cases/:id") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let personId = try pathID(context)
            let actor = viewer.actorID, now = services.clock()
            // The agency's zone too: the record's dates are local days, and "overdue" counts from today.
            let (person, zone) = try await services.read {
                (try $0.caseSummary(personId: personId, doing: "see the record", actorID: actor, now: now), try $0.agency().zone)
            }
            // The read is audited (record.read), as `caseload show`.
            let record = try await services.write { try $0.show(caseRef: person.caseRef, actorID: actor, now: now) }
            let today = zone.date(of: now)
            var actions: [[String: String]] = [["href": "/cases/\(personId)/interviews", "id": "action-interviews",
                                                "label": "Schedule interviews"]]
            actions += caseActions.map { ["href": "/cases/\(personId)/\($0.slug)", "id": "action-\($0.slug)", "label": $0.title] }
            actions.append(["href": "/cases/\(personId)/invite", "id": "action-invite",
                            "label": "Invite the supervisee (issue an activation code)"])
            let page: [String: Any] = [
                "caseRef": record.person.caseRef, "name": record.person.name, "born": Readable.date(record.person.born),
                "home": record.person.home ?? "",
                "terms": record.terms.map { term -> [String: Any] in
                    var values: [String: Any] = [
                        "termId": term.termId, "number": term.number, "status": term.status.rawValue, "level": term.level.rawValue, "months": term.months,
                        "startsOn": Readable.date(term.startsOn), "endsOn": Readable.date(term.endsOn), "officer": term.officer,
                        "closeReason": term.closeReason ?? "",
                        "nextInterview": term.nextInterviewDueOn.map(Readable.date) ?? ""]
                    // Past its due date the line says so, as the overdue list counts it (docs/interviews.md §4).
                    if let due = term.nextInterviewDueOn, let days = InterviewDue.daysOverdue(due: due, asOf: today) {
                        values["interviewOverdue"] = Readable.overdue(days: days)
                    }
                    // The portal's date (docs/lifelog.md §5), and whether the person can send it now.
                    if let due = term.nextLifeLogDueOn, let last = term.nextLifeLogWindowLastDay {
                        values["nextLifeLog"] = ["due": Readable.date(due), "windowEnds": Readable.date(last),
                                                 "open": term.nextLifeLogWindowIsOpen == true] as [String: Any]
                    }
                    return values
                },
                "actions": actions,
                "hasRestrictions": !record.restrictions.isEmpty, "restrictions": record.restrictions,
                "timeline": record.timeline.map { event -> [String: String] in
                    ["when": Readable.date(event.date) + (event.at.map { ", " + $0 } ?? ""), "kind": event.kind, "text": event.text]
                },
            ]
            let notice = request.uri.queryParameters.get("done").flatMap { Notices.text[String($0)] }
            return PageRenderer.render("record", title: record.person.name, viewer: viewer, page: page, notice: notice)
        }
    }

    /// An action's page: the person's name as caption, one form. Reading who the person is
    /// here is not the record (not audited); the action's use case checks the rights again.
    @Sendable func actionPage(_ viewer: Viewer, person: CaseListRow, heading: String, spec: FormSpec, typed: FormData? = nil,
                    error: APIError? = nil, lead: String? = nil) -> Response {
        var page: [String: Any] = ["caption": "\(person.name) (\(person.caseRef))", "heading": heading,
                                   "form": spec.values(typed: typed, error: error),
                                   "back": ["href": "/cases/\(person.personId)", "label": "Back to the record"]]
        if let lead { page["lead"] = lead }
        return PageRenderer.render("form-page", title: heading, viewer: viewer, page: page, status: error?.status ?? .ok,
                                   errors: error.map { [spec.pageError($0)] } ?? [])
    }

    @Sendable func person(_ context: WebContext, _ viewer: Viewer, doing: String) async throws -> CaseListRow {
        let personId = try pathID(context)
        let actor = viewer.actorID, now = services.clock()
        return try await services.read { try $0.caseSummary(personId: personId, doing: doing, actorID: actor, now: now) }
    }

    /// Refusals of what was typed re-draw the form (422, 400); others (403, 404, 503) are pages.
    @Sendable func isFormRefusal(_ error: APIError) -> Bool {
        error.status == .unprocessableContent || error.status == .badRequest
    }

    /// The person's interviews as choices for the outcome page; nothing for the other actions.
    @Sendable func appointments(_ action: CaseAction, _ person: CaseListRow, _ viewer: Viewer) async throws
        -> [(value: String, label: String)] {
        guard action.slug == "outcome" else { return [] }
        let actor = viewer.actorID, now = services.clock(), personId = person.personId
        let rows = try await services.read { try $0.appointmentChoices(personId: personId, actorID: actor, now: now) }
        return rows.map { row in
            (String(row.id), "\(Readable.dateTime(row.startsAt)): \(row.kind) interview \(row.id) (\(row.outcome ?? "no outcome yet"))")
        }
    }

    for action in caseActions {
        router.get("/cases/:id/\(action.slug)") { request, context in
            try await services.page(request, context, .caseworkers) { viewer in
                let person = try await person(context, viewer, doing: action.doing)
                let spec = action.spec(personId: person.personId, appointments: try await appointments(action, person, viewer))
                return actionPage(viewer, person: person, heading: action.title, spec: spec)
            }
        }
        router.post("/cases/:id/\(action.slug)") { request, context in
            try await services.page(request, context, .caseworkers) { viewer in
                let person = try await person(context, viewer, doing: action.doing)
                let form = try await FormData.read(request)
                let actor = viewer.actorID, now = services.clock(), caseRef = person.caseRef, personId = person.personId
                do {
                    return redirect(try await services.once(viewer, form) { caseload in
                        try action.perform(caseload, caseRef, form, actor, now)
                        return "/cases/\(personId)?done=\(action.slug)"
                    })
                } catch {
                    let refusal = APIError.from(error)
                    guard isFormRefusal(refusal) else { throw error }
                    let spec = action.spec(personId: personId, appointments: try await appointments(action, person, viewer))
                    return actionPage(viewer, person: person, heading: action.title, spec: spec, typed: form, error: refusal)
                }
            }
        }
    }

    // Interviews: a series is previewed (nothing saved) before it is saved.
    @Sendable func interviewSpec(_ personId: Int64, hidden: Bool = false) -> FormSpec {
        let fields = [Field(name: "at", label: "First interview: date and time", hint: "In the agency's time zone.", kind: .dateTime, required: true),
                      Field(name: "minutes", label: "Length in minutes", hint: "5 to 480. Empty: 60.", kind: .number),
                      Field(name: "kind", label: "Kind", kind: .select([("office", "At the office"), ("home", "Home visit"),
                                                                        ("phone", "Phone call"), ("video", "Video call")])),
                      Field(name: "repeat", label: "How many interviews", hint: "Empty or 1 for one interview; up to 52 for a series.", kind: .number),
                      Field(name: "every", label: "Days between interviews (for a series)",
                            hint: "1 to 90. Needed for a series, and only for a series.", kind: .number)]
        // The preview's form carries the typed values hidden: "save" books them, "change" draws
        // the form again with them.
        return FormSpec(id: "interviews-form", action: "/cases/\(personId)/interviews",
                        fields: hidden ? fields.map { Field(name: $0.name, label: $0.label, kind: .hidden) } : fields,
                        buttonID: hidden ? "save" : "preview", buttonLabel: hidden ? "Save these interviews" : "Preview the interviews",
                        buttonName: "action", buttonValue: hidden ? "save" : "preview",
                        secondButton: hidden ? (id: "change", label: "Change the details", name: "action", value: "edit") : nil)
    }
    @Sendable func interviewRequest(_ form: FormData, caseRef: String, dryRun: Bool) throws -> InterviewScheduleRequest {
        InterviewScheduleRequest(caseRef: caseRef, at: form["at"] ?? "", minutes: try form.integer("minutes"),
                                 kind: form.optional("kind"), repeatCount: try form.integer("repeat"),
                                 everyDays: try form.integer("every"), dryRun: dryRun)
    }
    router.get("/cases/:id/interviews") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let person = try await person(context, viewer, doing: "schedule interviews")
            return actionPage(viewer, person: person, heading: "Schedule interviews", spec: interviewSpec(person.personId),
                              lead: "You will see the interviews before they are saved.")
        }
    }
    router.post("/cases/:id/interviews") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let person = try await person(context, viewer, doing: "schedule interviews")
            let form = try await FormData.read(request)
            let actor = viewer.actorID, now = services.clock(), personId = person.personId
            do {
                if form["action"] == "edit" {
                    return actionPage(viewer, person: person, heading: "Schedule interviews", spec: interviewSpec(personId),
                                      typed: form, lead: "You will see the interviews before they are saved.")
                }
                if form["action"] == "save" {
                    let request = try interviewRequest(form, caseRef: person.caseRef, dryRun: false)
                    return redirect(try await services.once(viewer, form) { caseload in
                        _ = try caseload.scheduleInterviews(request, actorID: actor, now: now)
                        return "/cases/\(personId)?done=interviews"
                    })
                }
                // The preview is the use case's dry run: the same checks, nothing saved.
                let request = try interviewRequest(form, caseRef: person.caseRef, dryRun: true)
                let planned = try await services.read { try $0.scheduleInterviews(request, actorID: actor, now: now) }
                var saveForm = interviewSpec(personId, hidden: true).values(typed: form)
                saveForm["formId"] = FormData.newFormID()
                let page: [String: Any] = [
                    "personId": personId, "caseRef": person.caseRef, "name": person.name, "count": planned.count,
                    "appointments": planned.map { ["when": Readable.text($0.at), "minutes": $0.minutes, "kind": $0.kind] as [String: Any] },
                    "form": saveForm,
                ]
                return PageRenderer.render("preview", title: "Check the interviews", viewer: viewer, page: page)
            } catch {
                let refusal = APIError.from(error)
                guard isFormRefusal(refusal) else { throw error }
                return actionPage(viewer, person: person, heading: "Schedule interviews", spec: interviewSpec(personId),
                                  typed: form, error: refusal)
            }
        }
    }

    // Inviting the supervisee: the code is shown on the answer to the post, once.
    @Sendable func inviteSpec(_ personId: Int64) -> FormSpec {
        FormSpec(id: "invite-form", action: "/cases/\(personId)/invite", fields: [], buttonID: "invite",
                 buttonLabel: "Issue an activation code")
    }
    router.get("/cases/:id/invite") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let person = try await person(context, viewer, doing: "invite the supervisee")
            return actionPage(viewer, person: person, heading: "Invite the supervisee", spec: inviteSpec(person.personId),
                              lead: "This issues a one-time activation code, valid for 72 hours. If the person already has an account, it is reset: their password stops working.")
        }
    }
    router.post("/cases/:id/invite") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let person = try await person(context, viewer, doing: "invite the supervisee")
            let form = try await FormData.read(request)
            let personId = person.personId
            let outcome = try await services.inviteOnce(viewer, form, staffID: nil, caseRef: person.caseRef,
                                                        then: "/cases/\(personId)?done=invited")
            guard let invitation = outcome.invitation else { return redirect(outcome.path) }
            return codePage(viewer, invitation, heading: "Activation code for \(person.name)",
                            back: ("/cases/\(personId)", "Back to the record"), zone: try await services.read { try $0.agency().zone })
        }
    }
}

/// The page that shows an activation code, the one time it is shown.
func codePage(_ viewer: Viewer, _ invitation: AccountInvitation, heading: String, back: (String, String),
              zone: AgencyZone) -> Response {
    let expires = Instant(storage: invitation.expiresAt).map { Readable.dateTime(zone.local($0)) } ?? Readable.text(invitation.expiresAt)
    return PageRenderer.render("code", title: "Activation code", viewer: viewer,
                               page: ["heading": heading, "userName": invitation.userName, "code": invitation.code,
                                      "expires": expires, "reset": invitation.reset, "backHref": back.0, "backLabel": back.1])
}
