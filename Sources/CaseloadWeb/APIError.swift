import SupervisionRules
import Foundation
import Hummingbird
import Storage
import Supervision

/// An error answered as docs/web.md §13's `{"error": {"code", "message", "field"}}` with its status:
/// 400 usage, 422 invalid data, 404 no such record, 401 not signed in, 403 not permitted,
/// 409 conflict, 503 busy.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    let field: String?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    static let notSignedIn = APIError(.unauthorized, "not-signed-in", "Sign in first: this needs a signed-in account.")
    /// The one sentence for an unknown user name, a wrong password and a locked account.
    static let signInFailed = APIError(.unauthorized, "sign-in-failed",
                                       "The user name or password is not right, or the account is locked for a while; check them and try again later.")
    static let csrf = APIError(.forbidden, "csrf",
                               "This request did not come from a Caseload page of this server (its origin or form token is missing or wrong); nothing was changed.")
    static let notFoundRoute = APIError(.notFound, "not-found", "There is no such page or action.")

    /// Maps what a use case threw to its status and code; the message is the use case's sentence.
    static func from(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? HTTPError {
            return error.status == .notFound ? .notFoundRoute
                : APIError(error.status, "http", error.body ?? "The request could not be handled.")
        }
        if let error = error as? SQLiteError, error.isConstraintViolation {
            return APIError(.conflict, "conflict", "The change conflicts with another one made at the same time; nothing was changed.")
        }
        let mapped = CaseloadError.from(error)
        let field = fieldName(in: mapped.message)
        switch mapped.kind {
        case .usage: return APIError(.badRequest, "usage", mapped.message, field: field)
        case .invalidInput: return APIError(.unprocessableContent, "invalid", mapped.message, field: field)
        case .notFound: return APIError(.notFound, "not-found", mapped.message, field: field)
        case .notPermitted: return APIError(.forbidden, "not-permitted", mapped.message)
        case .busy, .cannotOpen: return APIError(.serviceUnavailable, "busy", mapped.message)
        case .other: return APIError(.internalServerError, "error", mapped.message)
        }
    }

    /// The use cases name the field first, as the command line's option ("--case-ref: …") or
    /// positional argument ("DATE: …"); the API names it as its JSON key (`caseRef`, `date`).
    static func fieldName(in message: String) -> String? {
        guard let colon = message.firstIndex(of: ":") else { return nil }
        let head = message[..<colon]
        guard !head.isEmpty, head.count <= 30, head.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        if head.allSatisfy(\.isUppercase) { return head.lowercased() }
        let parts = head.drop(while: { $0 == "-" }).split(separator: "-")
        guard let first = parts.first else { return nil }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func response() -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                let code: String
                let message: String
                let field: String?
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(code, forKey: .code)
                    try container.encode(message, forKey: .message)
                    try container.encode(field, forKey: .field)  // null when none, so the key is always there
                }
                enum CodingKeys: String, CodingKey { case code, message, field }
            }
            let error: Detail
        }
        return JSONResponse.make(Body(error: .init(code: code, message: message, field: field)), status: status)
    }
}

enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"error","message":"The answer could not be encoded.","field":null}}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
