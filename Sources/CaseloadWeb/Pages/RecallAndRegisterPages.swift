import Foundation
import HTTPTypes
import Hummingbird
import Supervision
import SupervisionRules

let levelOptions: [(value: String, label: String)] = [("high", "High"), ("medium", "Medium"), ("low", "Low")]

/// The recall decisions (supervisors) and registering a release.
func addRecallAndRegisterPages(_ router: Router<WebContext>, _ services: WebServices) {
    @Sendable func decisionForm(_ personId: Int64) -> FormSpec {
        FormSpec(id: "decide-form-\(personId)", action: "/recalls/\(personId)",
                 fields: [Field(name: "decision", label: "Decision",
                                kind: .radios([("approve", "Approve the recall"), ("reject", "Reject the recall")])),
                          Field(name: "rationale", label: "Rationale", hint: "Required: why you decided so.",
                                kind: .textarea, required: true)],
                 buttonID: "decide-\(personId)", buttonLabel: "Record the decision", idPrefix: "r\(personId)-")
    }
    @Sendable func recallsPage(_ viewer: Viewer, typed: (personId: Int64, form: FormData, error: APIError)? = nil,
                     notice: String? = nil) async throws -> Response {
        let actor = viewer.actorID, now = services.clock()
        let pending = try await services.read { try $0.pendingRecalls(actorID: actor, now: now) }
        var errors: [PageError] = []
        let recalls = pending.map { recall -> [String: Any] in
            let spec = decisionForm(recall.personId)
            let mine = typed.flatMap { $0.personId == recall.personId ? $0 : nil }
            let form = spec.values(typed: mine?.form, error: mine?.error)
            if let mine { errors.append(spec.pageError(mine.error)) }
            return ["personId": recall.personId, "caseRef": recall.caseRef, "name": recall.name, "officer": recall.officer,
                    "since": Readable.date(recall.since), "reason": recall.reason,
                    "violations": recall.violations.map { violation -> [String: Any] in
                        ["kind": violationLabel(violation.kind), "severity": violation.severity,
                         "occurredOn": Readable.date(violation.occurredOn), "explanation": violation.explanation]
                    },
                    "form": form]
        }
        if let typed, errors.isEmpty {
            errors.append(PageError(anchor: "main-content", message: sentence(typed.error.message)))
        }
        return PageRenderer.render("recalls", title: "Recalls awaiting a decision", viewer: viewer,
                                   page: ["hasRecalls": !recalls.isEmpty, "recalls": recalls],
                                   status: typed?.error.status ?? .ok, errors: errors, notice: notice)
    }
    router.get("/recalls") { request, context in
        try await services.page(request, context, .supervisors) { viewer in
            try await recallsPage(viewer, notice: request.uri.queryParameters.get("done").flatMap { Notices.text[String($0)] })
        }
    }
    router.post("/recalls/:id") { request, context in
        try await services.page(request, context, .supervisors) { viewer in
            let personId = try pathID(context)
            let form = try await FormData.read(request)
            let actor = viewer.actorID, now = services.clock()
            do {
                let person = try await services.read {
                    try $0.caseSummary(personId: personId, doing: "decide a recall", actorID: actor, now: now)
                }
                let decision = form["decision"] ?? ""
                guard decision == "approve" || decision == "reject" else {
                    throw APIError(.unprocessableContent, "invalid", "decision: must be approve or reject.", field: "decision")
                }
                let rationale = form.optional("rationale")
                return redirect(try await services.once(viewer, form) { caseload in
                    _ = try caseload.decideRecall(caseRef: person.caseRef, approve: decision == "approve",
                                                  rationale: rationale, actorID: actor, now: now)
                    return "/recalls?done=decided"
                })
            } catch {
                let refusal = APIError.from(error)
                guard refusal.status == .unprocessableContent || refusal.status == .badRequest else { throw error }
                return try await recallsPage(viewer, typed: (personId, form, refusal))
            }
        }
    }

    let registerForm = FormSpec(
        id: "register-form", action: "/register",
        fields: [Field(name: "caseRef", label: "Case reference", hint: "Letters, digits, -, _ and /; up to 32.", required: true),
                 Field(name: "name", label: "Full name", autocomplete: "off", required: true),
                 Field(name: "born", label: "Date of birth", kind: .date, required: true),
                 Field(name: "released", label: "Release date", kind: .date, required: true),
                 Field(name: "months", label: "Term in months", hint: "6 to 12.", kind: .number, required: true),
                 Field(name: "level", label: "Supervision level", kind: .select(levelOptions), required: true),
                 Field(name: "officer", label: "Officer (staff id)", required: true),
                 Field(name: "home", label: "Home point (optional)", hint: "Latitude and longitude, for example 51.5072,-0.1276.")],
        buttonID: "register", buttonLabel: "Register the release")
    @Sendable func registerPage(_ viewer: Viewer, typed: FormData? = nil, error: APIError? = nil) -> Response {
        let defaults = viewer.role == .officer ? ["officer": viewer.actorID] : [:]
        return PageRenderer.render("form-page", title: "Register a release", viewer: viewer,
                                   page: ["heading": "Register a release",
                                          "form": registerForm.values(typed: typed, error: error, defaults: defaults)],
                                   status: error?.status ?? .ok, errors: error.map { [registerForm.pageError($0)] } ?? [])
    }
    router.get("/register") { request, context in
        try await services.page(request, context, .caseworkers) { registerPage($0) }
    }
    router.post("/register") { request, context in
        try await services.page(request, context, .caseworkers) { viewer in
            let form = try await FormData.read(request)
            let actor = viewer.actorID, now = services.clock()
            do {
                let months = try form.integer("months") ?? 0
                guard form.optional("months") != nil else {
                    throw APIError(.unprocessableContent, "invalid", "--months: is required.", field: "months")
                }
                let registration = ReleaseRegistration(
                    caseRef: form["caseRef"] ?? "", name: form["name"] ?? "", born: form["born"] ?? "",
                    released: form["released"] ?? "", months: months, level: form["level"] ?? "",
                    officer: form["officer"] ?? "", home: form.optional("home"))
                return redirect(try await services.once(viewer, form) { caseload in
                    let receipt = try caseload.register(registration, actorID: actor, now: now)
                    let people = try caseload.caseList(search: receipt.caseRef, actorID: actor, now: now)
                    guard let person = people.first(where: { $0.caseRef == receipt.caseRef }) else {
                        return "/cases?done=registered"
                    }
                    return "/cases/\(person.personId)?done=registered"
                })
            } catch {
                let refusal = APIError.from(error)
                guard refusal.status == .unprocessableContent || refusal.status == .badRequest else { throw error }
                return registerPage(viewer, typed: form, error: refusal)
            }
        }
    }
}
