import Hummingbird

/// Who a request comes from, once `AuthenticationMiddleware` has looked: nobody, a browser
/// session, or an API token.
struct Credential: Sendable {
    enum Kind: Sendable {
        case session(tokenHash: String, csrfToken: String)
        case apiToken(id: Int64)
    }
    /// The account's audit id: the officer id or `supervisee:REF`. Every use case gets this as
    /// its actor; nothing in a request can name another.
    let actorID: String
    let kind: Kind
}

public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var credential: Credential?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.credential = nil
    }

    /// The signed-in account's id, or 401.
    func actorID() throws -> String {
        guard let credential else { throw APIError.notSignedIn }
        return credential.actorID
    }
}
