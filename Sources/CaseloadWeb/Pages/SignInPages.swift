import Foundation
import HTTPTypes
import Hummingbird
import Supervision

/// Sign-in, activation, sign-out, the landing redirect and the two static files.
func addSignInPages(_ router: Router<WebContext>, _ services: WebServices) {
    let signInForm = FormSpec(
        id: "sign-in-form", action: "/sign-in",
        fields: [Field(name: "userName", label: "User name", hint: "Staff: your staff id. Supervisees: your case reference.",
                       autocomplete: "username", required: true),
                 Field(name: "password", label: "Password", kind: .password, autocomplete: "current-password", required: true)],
        buttonID: "sign-in", buttonLabel: "Sign in", once: false)
    let activateForm = FormSpec(
        id: "activate-form", action: "/activate",
        fields: [Field(name: "userName", label: "User name", hint: "Staff: your staff id. Supervisees: your case reference.",
                       autocomplete: "username", required: true),
                 Field(name: "code", label: "Activation code", hint: "The code you were given, with or without its dashes.",
                       autocomplete: "off", required: true),
                 Field(name: "password", label: "New password",
                       hint: "12 to 128 characters. It must not contain your user name.",
                       kind: .password, autocomplete: "new-password", required: true)],
        buttonID: "activate", buttonLabel: "Activate my account", once: false)

    @Sendable func signInPage(typed: FormData? = nil, error: APIError? = nil, notice: String? = nil) -> Response {
        PageRenderer.render("form-page", title: "Sign in", viewer: nil,
                            page: ["heading": "Sign in to Caseload", "form": signInForm.values(typed: typed, error: error),
                                   "after": ["href": "/activate", "id": "activate-link",
                                             "label": "First time here? Activate your account with the code you were given"]],
                            status: error?.status ?? .ok, errors: error.map { [signInForm.pageError($0)] } ?? [],
                            notice: notice)
    }
    @Sendable func activatePage(typed: FormData? = nil, error: APIError? = nil) -> Response {
        PageRenderer.render("form-page", title: "Activate your account", viewer: nil,
                            page: ["heading": "Activate your account", "form": activateForm.values(typed: typed, error: error),
                                   "back": ["href": "/sign-in", "label": "Back to sign in"]],
                            status: error?.status ?? .ok, errors: error.map { [activateForm.pageError($0)] } ?? [])
    }

    router.get("/") { request, context in
        guard let viewer = try? await services.viewer(request, context) else { return redirect("/sign-in") }
        return redirect(viewer.landing)
    }
    router.get("/sign-in") { request, context in
        if let viewer = try? await services.viewer(request, context) { return redirect(viewer.landing) }
        let activated = request.uri.queryParameters.get("activated") != nil
        return signInPage(notice: activated ? "Your account is active. Sign in with your new password." : nil)
    }
    router.post("/sign-in") { request, _ in
        let form = try await FormData.read(request)
        do {
            let (token, actorID) = try await signIn(userName: form["userName"] ?? "", password: form["password"] ?? "",
                                                    services: services)
            let now = services.clock()
            let actor = try await services.read { try $0.actor(actorID, now: now) }
            var response = redirect(Viewer(actorID: actorID, actor: actor, csrfToken: "").landing)
            response.headers[.setCookie] = sessionCookie(token, services: services)
            return response
        } catch {
            // The one sign-in sentence names no field: it must not say which of the two was wrong.
            let refusal = APIError.from(error)
            return signInPage(typed: form, error: APIError(refusal.status, refusal.code, refusal.message, field: "userName"))
        }
    }
    router.get("/activate") { _, _ in activatePage() }
    router.post("/activate") { request, _ in
        let form = try await FormData.read(request)
        do {
            try await activate(userName: form["userName"] ?? "", code: form["code"] ?? "", password: form["password"] ?? "",
                               services: services)
            return redirect("/sign-in?activated=1")
        } catch {
            return activatePage(typed: form, error: APIError.from(error))
        }
    }
    router.post("/sign-out") { _, context in
        if let credential = context.credential, case .session(let hash, _) = credential.kind {
            let now = services.clock()
            try await services.write { try $0.endSession(tokenHash: hash, now: now) }
        }
        var response = redirect("/sign-in")
        response.headers[.setCookie] = clearedSessionCookie(services: services)
        return response
    }
    router.get("/static/:file") { _, context in
        guard let name = context.parameters.get("file"), let text = embeddedStaticFiles[name] else {
            throw APIError.notFoundRoute
        }
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        return Response(status: .ok, headers: [.contentType: type, StaticFile.cacheHeader: "public, max-age=86400"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The two static files carry no personal data, so they may be cached; the response layer
/// keeps their `Cache-Control` (docs/web.md) and sets `no-store` on everything else.
enum StaticFile {
    /// Set by the route, moved into `Cache-Control` by `ResponseMiddleware`.
    static let cacheHeader = HTTPField.Name("X-Caseload-Static-Cache")!
}
