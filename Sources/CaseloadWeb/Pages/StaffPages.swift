import Foundation
import HTTPTypes
import Hummingbird
import Supervision
import SupervisionRules

/// The staff pages that are not about one person: home, the caseload list, violation review,
/// recall decisions and registering a release.
func addStaffPages(_ router: Router<WebContext>, _ services: WebServices) {
    router.get("/home") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let actor = viewer.actorID, now = services.clock()
            let isSupervisor = viewer.role == .supervisor
            let (overdue, people, pending, today) = try await services.read { caseload in
                let pending = isSupervisor ? try caseload.pendingRecalls(actorID: actor, now: now).count : 0
                return (try caseload.overdueList(officer: nil, actorID: actor, now: now),
                        try caseload.caseList(search: nil, actorID: actor, now: now),
                        pending, try caseload.agency().zone.date(of: now))
            }
            // The count of open violations scans first (it records what it finds), like the list.
            let violations = try await services.write {
                try $0.violationList(status: .open, officer: nil, actorID: actor, now: now).count
            }
            let ids = Dictionary(people.map { ($0.caseRef, $0.personId) }, uniquingKeysWith: { first, _ in first })
            var page: [String: Any] = [
                "today": Readable.date(today), "isSupervisor": isSupervisor, "hasOverdue": !overdue.isEmpty,
                "overdue": overdue.map { item -> [String: Any] in
                    ["personId": ids[item.caseRef].map(String.init) ?? "", "caseRef": item.caseRef, "name": item.name,
                     "item": overdueLabel(item.item), "due": Readable.date(item.dueOn), "days": item.daysOverdue,
                     "officer": item.officer]
                },
            ]
            if violations > 0 { page["violationCount"] = violations }
            if pending > 0 { page["recallCount"] = pending }
            return PageRenderer.render("home", title: "Home", viewer: viewer, page: page)
        }
    }

    @Sendable func caseListPage(_ viewer: Viewer, search: String?) async throws -> Response {
        let actor = viewer.actorID, now = services.clock()
        var page: [String: Any] = ["heading": viewer.role == .supervisor ? "Every caseload" : "Your caseload",
                                   "q": search ?? ""]
        var status: HTTPResponse.Status = .ok
        var errors: [PageError] = []
        do {
            let rows = try await services.read { try $0.caseList(search: search, actorID: actor, now: now) }
            page["hasRows"] = !rows.isEmpty
            page["rows"] = rows.map { row -> [String: Any] in
                ["personId": row.personId, "caseRef": row.caseRef, "name": row.name, "level": row.level.rawValue,
                 "status": row.status.rawValue, "endsOn": Readable.date(row.endsOn), "officer": row.officer]
            }
        } catch {
            let refusal = APIError.from(error)
            guard refusal.status == .unprocessableContent else { throw error }
            page["searchError"] = sentence(refusal.message)
            status = refusal.status
            errors = [PageError(anchor: "f-q", message: sentence(refusal.message))]
        }
        return PageRenderer.render("cases", title: page["heading"] as? String ?? "Caseload", viewer: viewer, page: page,
                                   status: status, errors: errors)
    }
    router.get("/cases") { request, context in
        try await services.page(request, context, .caseworkers) { try await caseListPage($0, search: nil) }
    }
    // A search is posted, so what was typed (a name) never appears in an address or a log.
    router.post("/cases") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            try await caseListPage(viewer, search: try await FormData.read(request)["q"])
        }
    }

    @Sendable func reviewSpecs(_ id: Int64) -> (confirm: FormSpec, dismiss: FormSpec) {
        (FormSpec(id: "confirm-form-\(id)", action: "/violations/\(id)/confirm",
                  fields: [Field(name: "reason", label: "Note (optional)", kind: .textarea)],
                  buttonID: "confirm-\(id)", buttonLabel: "Confirm violation", idPrefix: "confirm-\(id)-"),
         FormSpec(id: "dismiss-form-\(id)", action: "/violations/\(id)/dismiss",
                  fields: [Field(name: "reason", label: "Reason for dismissing", hint: "Required: say why this is not a violation.",
                                 kind: .textarea, required: true)],
                  buttonID: "dismiss-\(id)", buttonLabel: "Dismiss violation", warning: true, idPrefix: "dismiss-\(id)-"))
    }

    @Sendable func violationsPage(_ viewer: Viewer, typed: (id: Int64, confirm: Bool, form: FormData, error: APIError)? = nil,
                        notice: String? = nil) async throws -> Response {
        let actor = viewer.actorID, now = services.clock()
        let rows = try await services.write { try $0.violationList(status: .open, officer: nil, actorID: actor, now: now) }
        let people = try await services.read { try $0.caseList(search: nil, actorID: actor, now: now) }
        let ids = Dictionary(people.map { ($0.caseRef, $0.personId) }, uniquingKeysWith: { first, _ in first })
        let page: [String: Any] = [
            "hasViolations": !rows.isEmpty,
            "violations": rows.map { row -> [String: Any] in
                let specs = reviewSpecs(row.id)
                let mine = typed.flatMap { $0.id == row.id ? $0 : nil }
                return ["id": row.id, "personId": ids[row.caseRef].map(String.init) ?? "", "caseRef": row.caseRef,
                        "name": row.name, "kindLabel": violationLabel(row.kind.rawValue),
                        "occurredOn": Readable.date(row.occurredOn), "severity": row.severity.rawValue,
                        "explanation": row.explanation, "officer": row.officer,
                        "confirmForm": specs.confirm.values(typed: mine?.confirm == true ? mine?.form : nil,
                                                            error: mine?.confirm == true ? mine?.error : nil),
                        "dismissForm": specs.dismiss.values(typed: mine?.confirm == false ? mine?.form : nil,
                                                            error: mine?.confirm == false ? mine?.error : nil)]
            },
        ]
        let errors: [PageError] = typed.map { typed -> [PageError] in
            let specs = reviewSpecs(typed.id)
            return [(typed.confirm ? specs.confirm : specs.dismiss).pageError(typed.error)]
        } ?? []
        return PageRenderer.render("violations", title: "Violations to review", viewer: viewer, page: page,
                                   status: typed?.error.status ?? .ok, errors: errors, notice: notice)
    }
    router.get("/violations") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let notice = request.uri.queryParameters.get("done").flatMap { Notices.text[String($0)] }
            return try await violationsPage(viewer, notice: notice)
        }
    }
    for confirm in [true, false] {
        router.post("/violations/:id/\(confirm ? "confirm" : "dismiss")") { request, context in
            try await services.page(request, context, .caseworkers) { viewer in
                let id = try pathID(context)
                let form = try await FormData.read(request)
                let actor = viewer.actorID, now = services.clock(), reason = form.optional("reason")
                do {
                    return redirect(try await services.once(viewer, form) { caseload in
                        _ = try caseload.reviewViolation(id: id, confirm: confirm, reason: reason, actorID: actor, now: now)
                        return "/violations?done=\(confirm ? "confirmed" : "dismissed")"
                    })
                } catch {
                    let refusal = APIError.from(error)
                    guard refusal.status == .unprocessableContent || refusal.status == .badRequest else { throw error }
                    return try await violationsPage(viewer, typed: (id, confirm, form, refusal))
                }
            }
        }
    }
    addRecallAndRegisterPages(router, services)
}

/// Short notices after a successful post (Post/Redirect/Get): `?done=KEY` names one of these,
/// so the address carries nothing about the person. A case action's key is its slug.
enum Notices {
    static let text: [String: String] = [
        "confirmed": "The violation is confirmed.",
        "dismissed": "The violation is dismissed.",
        "decided": "The recall decision is recorded.",
        "registered": "The release is registered.",
        "interviews": "The interviews are booked.",
        "outcome": "The outcome is recorded.",
        "restrictions": "The restriction is added.",
        "locations": "The location report is recorded.",
        "level": "The supervision level is changed.",
        "extend": "The term is extended.",
        "discharge": "The term is discharged.",
        "invited": "An activation code was already issued from this form; it is shown only once.",
        "officer": "The staff member is added.",
        "holiday": "The holiday is added.",
        "deactivated": "The account is deactivated.",
        "lifelog": "Thank you. Your entry has been sent.",
    ]
}

func overdueLabel(_ kind: OverdueItemKind) -> String {
    switch kind {
    case .interviewDue: "Interview due"
    case .interviewOutcome: "Interview outcome not recorded"
    case .lifeLog: "Life-log entry missed"
    case .recallDecision: "Recall decision needed"
    }
}

func violationLabel(_ kind: String) -> String {
    switch kind {
    case "missed-interview": "Missed interview"
    case "missed-life-log": "Missed life-log entry"
    case "curfew": "Curfew breach"
    case "exclusion-zone": "Inside an exclusion zone"
    case "outside-permitted-area": "Outside the permitted area"
    case "no-contact": "No contact"
    default: kind
    }
}

extension WebServices {
    /// Runs a page form's change once (docs/web.md, Forms): `body` returns the address to go to
    /// after success; a repeat of the same form goes to the first one's address.
    func once(_ viewer: Viewer, _ form: FormData,
              _ body: @escaping @Sendable (Caseload) throws -> String) async throws -> String {
        let formID = form["formId"] ?? "", actor = viewer.actorID, now = clock()
        return try await write { try $0.submitOnce(formID: formID, actorID: actor, now: now, body).path }
    }

    /// Issues an activation code once for the form (a staff account by `staffID`, a supervisee by
    /// `caseRef`): the invitation to show, or nil when the same form was posted before — its code
    /// was shown then and is never shown again — with the address to go to.
    func inviteOnce(_ viewer: Viewer, _ form: FormData, staffID: String?, caseRef: String?,
                    then path: String) async throws -> (invitation: AccountInvitation?, path: String) {
        let formID = form["formId"] ?? "", actor = viewer.actorID, now = clock()
        return try await write { caseload in
            var invitation: AccountInvitation?
            let result = try caseload.submitOnce(formID: formID, actorID: actor, now: now) { caseload in
                invitation = try caseload.inviteAccount(staffID: staffID, caseRef: caseRef, actorID: actor, now: now)
                return path
            }
            return (invitation, result.path)
        }
    }
}
