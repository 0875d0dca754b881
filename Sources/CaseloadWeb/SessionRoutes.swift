import SupervisionRules
import Foundation
import Hummingbird
import Supervision

/// Sign-in (docs/accounts.md §12): an unknown user name, a wrong password and a locked account get the same
/// answer after the same work (one bcrypt check, one audit write).
func signIn(userName: String, password: String, services: WebServices) async throws -> (token: String, actorID: String) {
    let now = services.clock()
    let account = try await services.read { try $0.signInAccount(userName: userName) }
    let usable = account.flatMap { $0.active && !$0.isLocked(at: now) ? $0.passwordHash : nil }
    // NFC, as at activation; not the length rules: a sign-in only compares.
    let typed = password.precomposedStringWithCanonicalMapping
    let matches = try await services.hasher.verify(typed, hash: usable ?? services.hasher.dummyHash)
    guard matches, usable != nil, let account else {
        _ = try await services.write { try $0.recordSignInFailure(actorID: account?.actorID, now: now) }
        throw APIError.signInFailed
    }
    // A new token at every sign-in: a token planted before sign-in is never promoted.
    let token = SecretToken.token()
    let hash = SecretToken.hash(token)
    try await services.write { try $0.startSession(actorID: account.actorID, tokenHash: hash, now: now) }
    return (token, account.actorID)
}

/// Activation: the code is checked before the (slow) hash, and again when the password is set.
func activate(userName: String, code: String, password: String, services: WebServices) async throws {
    let now = services.clock()
    let nfc: String
    do {
        nfc = try PasswordRules.check(password, userName: userName)
    } catch {
        throw APIError(.unprocessableContent, "invalid", error.message, field: "password")
    }
    guard let actorID = try await services.read({ try $0.activationAccount(userName: userName, code: code, now: now) }) else {
        throw APIError(.unprocessableContent, "invalid", "code: this activation code is not valid for this user name, or it has expired or been used; ask for a new one.", field: "code")
    }
    let hash = try await services.hasher.hash(nfc)
    try await services.write { try $0.activateAccount(actorID: actorID, code: code, passwordHash: hash, now: now) }
}

func sessionCookie(_ token: String, services: WebServices) -> String {
    "\(AuthenticationMiddleware.sessionCookie)=\(token); Path=/; HttpOnly; SameSite=Strict" + (services.secureCookies ? "; Secure" : "")
}

func clearedSessionCookie(services: WebServices) -> String {
    "\(AuthenticationMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (services.secureCookies ? "; Secure" : "")
}

struct SessionAnswer: Encodable {
    let actor: String
    /// Send it back as `X-CSRF-Token` on every request that changes data.
    let csrfToken: String
}

func addSessionRoutes(_ router: Router<WebContext>, _ services: WebServices) {
    let api = router.group("/api/v1")

    api.post("/session") { request, _ in
        let body = try await decodeBody(SignInBody.self, request)
        let (token, actorID) = try await signIn(userName: body.userName, password: body.password, services: services)
        var response = json(SessionAnswer(actor: actorID, csrfToken: AuthenticationMiddleware.csrfToken(forSession: token)))
        response.headers[.setCookie] = sessionCookie(token, services: services)
        return response
    }
    api.get("/session") { request, context in
        guard let credential = context.credential, case .session = credential.kind,
              let token = request.cookies[AuthenticationMiddleware.sessionCookie]?.value else {
            throw APIError.notSignedIn
        }
        return json(SessionAnswer(actor: credential.actorID, csrfToken: AuthenticationMiddleware.csrfToken(forSession: token)))
    }
    api.delete("/session") { _, context in
        guard let credential = context.credential, case .session(let hash, _) = credential.kind else {
            throw APIError.notSignedIn
        }
        let now = services.clock()
        try await services.write { try $0.endSession(tokenHash: hash, now: now) }
        var response = Response(status: .noContent)
        response.headers[.setCookie] = clearedSessionCookie(services: services)
        return response
    }
    api.post("/activate") { request, _ in
        let body = try await decodeBody(ActivationBody.self, request)
        try await activate(userName: body.userName, code: body.code, password: body.password, services: services)
        struct Answer: Encodable { let userName: String; let activated: Bool }
        return json(Answer(userName: body.userName, activated: true))
    }
    // API tokens are made and revoked from a signed-in session, never with another token.
    api.post("/tokens") { request, context in
        guard let credential = context.credential, case .session = credential.kind else { throw APIError.notSignedIn }
        let body = try await decodeBody(APITokenBody.self, request)
        let now = services.clock(), actor = credential.actorID
        return json(try await services.write {
            try $0.createAPIToken(name: body.name, days: body.days ?? 90, actorID: actor, now: now)
        })
    }
    api.get("/tokens") { _, context in
        guard let credential = context.credential, case .session = credential.kind else { throw APIError.notSignedIn }
        let now = services.clock(), actor = credential.actorID
        return json(try await services.read { try $0.apiTokens(actorID: actor, now: now) })
    }
    api.delete("/tokens/:id") { _, context in
        guard let credential = context.credential, case .session = credential.kind else { throw APIError.notSignedIn }
        let id = try pathID(context)
        let now = services.clock(), actor = credential.actorID
        return json(try await services.write { try $0.revokeAPIToken(id: id, actorID: actor, now: now) })
    }
}
