import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost layer: every error becomes §13's JSON error (under /api/) or an error page,
/// every response gets the security headers, and every request one log line.
///
/// The log line names the route's pattern (`/api/v1/cases/**`), never the path: a path may hold
/// a case reference, which is personal data. No query, no header, no body, no token.
struct ResponseMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let logger: Logger

    func handle(_ request: Request, context: WebContext,
                next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let refusal = APIError.from(error)
            // People read the pages: outside the API a refusal (an unknown address, a form sent
            // with another session's token) is a page in the site's words; the API keeps its JSON.
            response = Self.isAPI(request) ? refusal.response() : errorPage(refusal, viewer: nil)
        }
        let staticCache = response.headers[StaticFile.cacheHeader]
        SecurityHeaders.apply(to: &response.headers)
        if let staticCache {
            // Only the stylesheet and the script (no personal data) may be kept by a browser.
            response.headers[StaticFile.cacheHeader] = nil
            response.headers[.cacheControl] = staticCache
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("\(request.method.rawValue) \(context.endpointPath ?? "(no route)") \(response.status.code) \(String(format: "%.1f", milliseconds)) ms")
        return response
    }

    static func isAPI(_ request: Request) -> Bool {
        request.uri.path == "/api" || request.uri.path.hasPrefix("/api/")
    }
}

/// docs/web.md §13's headers. Every response carries them; `no-store` too, since nearly every answer
/// holds personal data and the rest (`/healthz`) gains nothing from a cache.
enum SecurityHeaders {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    static func apply(to headers: inout HTTPFields) {
        headers[contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'"
        headers[contentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "same-origin"
        headers[frameOptions] = "DENY"
        headers[.cacheControl] = "no-store"
    }
}
