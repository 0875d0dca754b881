import Foundation
import HTTPTypes
import Hummingbird
import Supervision
import SupervisionRules

/// The admin page (accounts, holidays, the audit chain) and the supervisee portal.
func addAdminAndPortalPages(_ router: Router<WebContext>, _ services: WebServices) {
    let addForm = FormSpec(id: "add-officer-form", action: "/admin/officers", heading: "Add a staff member",
                           fields: [Field(name: "id", label: "Staff id", hint: "Their user name: letters, digits, '.', '-', '_'.", required: true),
                                    Field(name: "name", label: "Full name", required: true),
                                    Field(name: "role", label: "Role", kind: .radios([("officer", "Officer"), ("supervisor", "Supervisor"),
                                                                                       ("admin", "Admin")]))],
                           buttonID: "add-officer", buttonLabel: "Add the staff member", idPrefix: "add-")
    let inviteForm = FormSpec(id: "invite-staff-form", action: "/admin/invite", heading: "Invite or reset a staff account",
                              intro: "Issues a one-time activation code. An account that has a password is reset: the old password stops working and its sessions end.",
                              fields: [Field(name: "id", label: "Staff id", required: true)],
                              buttonID: "invite-staff", buttonLabel: "Issue an activation code", idPrefix: "invite-")
    let deactivateForm = FormSpec(id: "deactivate-form", action: "/admin/deactivate", heading: "Deactivate a staff account",
                                  intro: "They can no longer sign in or act. Their history stays.",
                                  fields: [Field(name: "id", label: "Staff id", required: true)],
                                  buttonID: "deactivate", buttonLabel: "Deactivate the account", warning: true, idPrefix: "deactivate-")
    let holidayForm = FormSpec(id: "holiday-form", action: "/admin/holidays", heading: "Add a holiday",
                               fields: [Field(name: "date", label: "Date", kind: .date, required: true),
                                        Field(name: "name", label: "Name (optional)")],
                               buttonID: "add-holiday", buttonLabel: "Add the holiday", idPrefix: "holiday-")
    let forms = ["addForm": addForm, "inviteForm": inviteForm, "deactivateForm": deactivateForm, "holidayForm": holidayForm]

    @Sendable func adminPage(_ viewer: Viewer, failed: (key: String, form: FormData, error: APIError)? = nil,
                   notice: String? = nil) async throws -> Response {
        let actor = viewer.actorID, now = services.clock()
        let overview = try await services.read { try $0.adminOverview(actorID: actor, now: now) }
        var page: [String: Any] = [
            "staff": overview.staff.map { staff -> [String: Any] in
                ["id": staff.id, "name": staff.name, "role": staff.role.rawValue,
                 "status": staff.active ? "active" : "deactivated",
                 "account": staff.account == "active" ? "password set" : staff.account == "invited" ? "code issued" : "not invited"]
            },
            "hasHolidays": !overview.holidays.isEmpty,
            "holidays": overview.holidays.map { ["date": Readable.date($0.date), "name": $0.name ?? ""] },
            "auditEntries": overview.auditEntries, "auditLastHash": overview.auditLastHash ?? "none",
            "auditVerdict": overview.auditProblem.map { "Broken: " + $0 } ?? "Intact: every entry checks.",
        ]
        var errors: [PageError] = []
        for (key, spec) in forms {
            if let failed, failed.key == key {
                page[key] = spec.values(typed: failed.form, error: failed.error)
                errors.append(spec.pageError(failed.error))
            } else {
                page[key] = spec.values()
            }
        }
        return PageRenderer.render("admin", title: "Accounts and holidays", viewer: viewer, page: page,
                                   status: failed?.error.status ?? .ok, errors: errors, notice: notice)
    }
    router.get("/admin") { request, context in
        try await services.page(request, context, .admins) { viewer in
            try await adminPage(viewer, notice: request.uri.queryParameters.get("done").flatMap { Notices.text[String($0)] })
        }
    }

    func adminPost(_ path: String, key: String,
                   _ perform: @escaping @Sendable (Caseload, FormData, String, Instant) throws -> String) {
        router.post(RouterPath(stringLiteral: path)) { request, context in
            try await services.page(request, context, .admins) { viewer in
                let form = try await FormData.read(request)
                let actor = viewer.actorID, now = services.clock()
                do {
                    return redirect(try await services.once(viewer, form) { try perform($0, form, actor, now) })
                } catch {
                    let refusal = APIError.from(error)
                    guard refusal.status == .unprocessableContent || refusal.status == .badRequest
                            || refusal.status == .notFound else { throw error }
                    return try await adminPage(viewer, failed: (key, form, refusal))
                }
            }
        }
    }
    adminPost("/admin/officers", key: "addForm") { caseload, form, actor, now in
        guard let role = form.optional("role").flatMap(Role.init(rawValue:)) else {
            throw APIError(.unprocessableContent, "invalid", "role: must be officer, supervisor or admin.", field: "role")
        }
        _ = try caseload.addOfficer(id: form["id"] ?? "", name: form["name"] ?? "", role: role, actorID: actor, now: now)
        return "/admin?done=officer"
    }
    adminPost("/admin/deactivate", key: "deactivateForm") { caseload, form, actor, now in
        _ = try caseload.deactivateAccount(id: form["id"] ?? "", actorID: actor, now: now)
        return "/admin?done=deactivated"
    }
    adminPost("/admin/holidays", key: "holidayForm") { caseload, form, actor, now in
        _ = try caseload.addHoliday(form["date"] ?? "", name: form.optional("name"), actorID: actor, now: now)
        return "/admin?done=holiday"
    }
    router.post("/admin/invite") { request, context in
        try await services.page(request, context, .admins) { viewer in
            let form = try await FormData.read(request)
            do {
                let outcome = try await services.inviteOnce(viewer, form, staffID: form["id"] ?? "", caseRef: nil,
                                                            then: "/admin?done=invited")
                guard let invitation = outcome.invitation else { return redirect(outcome.path) }
                return codePage(viewer, invitation, heading: "Activation code for \(invitation.userName)",
                                back: ("/admin", "Back to accounts"), zone: try await services.read { try $0.agency().zone })
            } catch {
                let refusal = APIError.from(error)
                guard refusal.status == .unprocessableContent || refusal.status == .badRequest
                        || refusal.status == .notFound else { throw error }
                return try await adminPage(viewer, failed: ("inviteForm", form, refusal))
            }
        }
    }

    // MARK: The supervisee portal

    let needOptions: [(value: String, label: String)] = [
        ("housing", "Housing"), ("employment", "Work"), ("health", "Health"), ("substance", "Drugs or alcohol"),
        ("money", "Money"), ("relationships", "Relationships")]
    let lifeLogForm = FormSpec(
        id: "lifelog-form", action: "/portal/lifelog", heading: "Send your life-log entry",
        intro: "Tell your officer how things are. Every question is optional.",
        fields: [Field(name: "residence", label: "Where are you living?", kind: .textarea),
                 Field(name: "employment", label: "Are you working or studying?", kind: .textarea),
                 Field(name: "activities", label: "What have you been doing?", kind: .textarea),
                 Field(name: "wellbeing", label: "How are you feeling?", hint: "1 is very bad, 5 is very good.",
                       kind: .radios([("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")])),
                 Field(name: "needs", label: "Do you need help with any of these?", kind: .checkboxes(needOptions)),
                 Field(name: "wantsCallBack", label: "I would like my officer to call me back", kind: .checkbox),
                 Field(name: "shareLocation", label: "Share my location with this entry",
                       hint: "Only if you tick this. Your phone will ask you first. Without it the entry is sent without a location.",
                       kind: .checkbox),
                 Field(name: "lat", label: "Latitude", kind: .hidden),
                 Field(name: "lon", label: "Longitude", kind: .hidden),
                 Field(name: "accuracy", label: "Accuracy", kind: .hidden)],
        buttonID: "submit-entry", buttonLabel: "Send my entry")

    @Sendable func portalPage(_ viewer: Viewer, typed: FormData? = nil, error: APIError? = nil, notice: String? = nil) async throws -> Response {
        let actor = viewer.actorID, now = services.clock()
        let view = try await services.read { try $0.portal(actorID: actor, now: now) }
        let kinds = ["office": "At the office", "home": "A home visit", "phone": "A phone call", "video": "A video call"]
        let needLabels = Dictionary(uniqueKeysWithValues: needOptions.map { ($0.value, $0.label) })
        var page: [String: Any] = [
            "name": view.name,
            "form": lifeLogForm.values(typed: typed, error: error),
            "hasRestrictions": !view.restrictions.isEmpty,
            "restrictions": view.restrictions.map { ["text": plainRestriction($0)] },
            "hasEntries": !view.entries.isEmpty,
            "entries": view.entries.map { entry -> [String: Any] in
                var values: [String: Any] = [
                    "id": entry.id, "when": Readable.dateTime(entry.submittedAt),
                    "due": entry.filledDueOn.map(Readable.date) ?? "",
                    "residence": entry.residence ?? "", "employment": entry.employment ?? "",
                    "activities": entry.activities ?? "",
                    "needs": entry.needs.map { needLabels[$0] ?? $0 }.joined(separator: ", "),
                    "callBack": entry.wantsCallBack ? "Yes, you asked to be called back" : "No",
                    "location": entry.sharedLocation ? "Shared" : "Not shared",
                ]
                if let wellbeing = entry.wellbeing { values["wellbeing"] = String(wellbeing) }
                return values
            },
        ]
        if let next = view.nextAppointment {
            page["appointment"] = ["when": Readable.dateTime(next.startsAt), "kind": kinds[next.kind] ?? next.kind,
                                   "minutes": next.minutes] as [String: Any]
        }
        if let due = view.nextLifeLog {
            page["lifeLog"] = ["due": Readable.date(due.dueOn), "windowEnds": Readable.date(due.windowLastDay),
                               "openToday": due.isOpen] as [String: Any]
        }
        return PageRenderer.render("portal", title: "Your page", viewer: viewer, page: page, status: error?.status ?? .ok,
                                   errors: error.map { [lifeLogForm.pageError($0)] } ?? [], notice: notice)
    }
    router.get("/portal") { request, context in
        try await services.page(request, context, .supervisees) { viewer in
            try await portalPage(viewer, notice: request.uri.queryParameters.get("done").flatMap { Notices.text[String($0)] })
        }
    }
    router.post("/portal/lifelog") { request, context in
        try await services.page(request, context, .supervisees) { viewer in
            let form = try await FormData.read(request)
            let actor = viewer.actorID, now = services.clock()
            guard case .supervisee(let caseRef, _) = viewer.actor else { throw APIError.notSignedIn }
            do {
                var locations: [String] = []
                // The location goes only when the person ticked to share it and the phone gave one.
                if form.ticked("shareLocation"), let lat = form.optional("lat"), let lon = form.optional("lon") {
                    locations = [[lat, lon, form.optional("accuracy")].compactMap { $0 }.joined(separator: ",")]
                }
                let submission = LifeLogSubmission(
                    caseRef: caseRef, residence: form.optional("residence"), employment: form.optional("employment"),
                    activities: form.optional("activities"), wellbeing: try form.integer("wellbeing"),
                    needs: form.all("needs"), wantsCallBack: form.ticked("wantsCallBack"), locations: locations)
                return redirect(try await services.once(viewer, form) { caseload in
                    _ = try caseload.submitLifeLog(submission, actorID: actor, now: now)
                    return "/portal?done=lifelog"
                })
            } catch {
                let refusal = APIError.from(error)
                guard refusal.status == .unprocessableContent || refusal.status == .badRequest else { throw error }
                return try await portalPage(viewer, typed: form, error: refusal)
            }
        }
    }
}

/// A restriction as its subject reads it.
func plainRestriction(_ line: PortalView.RestrictionLine) -> String {
    let period = "from \(Readable.date(line.startsOn)) to \(Readable.date(line.endsOn))"
    switch line.kind {
    case .curfew: return "Curfew \(period): be at home during these hours: \(line.summary)."
    case .exclusion: return "Do not enter this area \(period): \(line.summary)."
    case .inclusion: return "Stay inside this area \(period): \(line.summary)."
    case .travelPermit: return "You may travel \(period): \(line.summary)."
    }
}
