import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Supervision

/// Finds who a request comes from (an API token in `Authorization: Bearer`, or the session
/// cookie) and guards every request that changes data against cross-site forgery.
///
/// A request that changes data with a session must carry the session's CSRF token (header
/// `X-CSRF-Token`, or a page form's field `csrfToken`) and a same-origin `Origin`; `Origin: null` (a form posted under a strict
/// referrer policy) passes only with `Sec-Fetch-Site: same-origin`. Without a session (sign-in,
/// activation, API tokens, which browsers never attach on their own) an `Origin`, if present,
/// must still be this server's: a forged sign-in would sign a victim into the forger's account.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let services: WebServices

    static let sessionCookie = "caseload_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    /// A session's last use is written at most this often, so most reads stay on the readers;
    /// the idle limit is therefore kept to within this many seconds.
    static let touchInterval: Int64 = 60

    func handle(_ request: Request, context: WebContext,
                next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let now = services.clock()
        // What to record once the request has passed the checks below, so a refused request
        // writes nothing: the use of an API token, or a session's last use.
        var afterChecks: (@Sendable (Caseload) throws -> Void)?
        if let bearer = Self.bearerToken(request) {
            let hash = SecretToken.hash(bearer)
            guard let (id, actorID) = try await services.read({ try $0.apiToken(tokenHash: hash, now: now) }) else {
                throw APIError(.unauthorized, "bad-token", "This API token is not valid: it is unknown, revoked or expired.")
            }
            let method = request.method.rawValue, route = context.endpointPath ?? "(no route)"
            afterChecks = { try $0.recordAPITokenUse(id: id, actorID: actorID, method: method, route: route, now: now) }
            context.credential = Credential(actorID: actorID, kind: .apiToken(id: id))
        } else if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            let hash = SecretToken.hash(token)
            if let info = try await services.read({ try $0.webSession(tokenHash: hash, now: now) }) {
                if now.secondsSinceEpoch - info.lastSeenAt >= Self.touchInterval {
                    afterChecks = { try $0.touchSession(tokenHash: hash, now: now) }
                }
                context.credential = Credential(actorID: info.actorID,
                                                kind: .session(tokenHash: hash, csrfToken: Self.csrfToken(forSession: token)))
            }
            // An unknown or expired session is no session: routes that need one answer 401.
        }
        if Self.changesData(request.method) {
            let hasSession: Bool
            if request.method == .post, let route = context.endpointPath, Self.signInRoutes.contains(route) {
                // Signing in or activating acts for no session, so one the browser still holds
                // is beside the point (and a sign-in form cannot send its token): only the
                // Origin is checked.
                hasSession = false
            } else if case .session(_, let expected) = context.credential?.kind {
                var sent = request.headers[Self.csrfHeader]
                if sent == nil, Self.isForm(request) {
                    // A page's form cannot set a header: it sends the token as the field
                    // `csrfToken` (docs/web.md, Forms). The body is kept for the route.
                    let body = try await request.collectBody(upTo: 256 * 1024)
                    sent = FormData.parse(body)["csrfToken"]
                }
                guard let sent, Self.equal(sent, expected) else { throw APIError.csrf }
                hasSession = true
            } else {
                hasSession = false
            }
            guard Self.originAllowed(request, required: hasSession) else { throw APIError.csrf }
        }
        if let afterChecks { try await services.write(afterChecks) }
        return try await next(request, context)
    }

    /// The routes that start a session rather than use one.
    static let signInRoutes: Set<String> = ["/sign-in", "/activate", "/api/v1/session", "/api/v1/activate"]

    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType].map { $0.lowercased().hasPrefix("application/x-www-form-urlencoded") } ?? false
    }

    static func changesData(_ method: HTTPRequest.Method) -> Bool {
        !(method == .get || method == .head || method == .options)
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// The CSRF token of a session: derived from its token, so it is bound to that session and
    /// needs no storage; the database holds only a different hash of the token, from which
    /// this cannot be computed.
    static func csrfToken(forSession token: String) -> String {
        SecretToken.hash("csrf:" + token)
    }

    static func originAllowed(_ request: Request, required: Bool) -> Bool {
        if request.headers[secFetchSite].map({ $0 == "cross-site" || $0 == "same-site" }) == true { return false }
        guard let origin = request.headers[.origin] else { return !required }
        if origin == "null" { return request.headers[secFetchSite] == "same-origin" }
        guard let host = request.head.authority?.lowercased(), let separator = origin.range(of: "://") else { return false }
        return origin[separator.upperBound...].lowercased() == host
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the token.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
