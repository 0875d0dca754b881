import Foundation
import HTTPTypes
import Hummingbird
import Supervision
import SupervisionRules

/// The signed-in person a page is drawn for.
struct Viewer: Sendable {
    let actorID: String
    let actor: Actor
    let csrfToken: String

    var isSupervisee: Bool { if case .supervisee = actor { true } else { false } }

    /// Who the header says is signed in: the user name the person typed (a staff id, or a
    /// supervisee's case reference), not the audit's `supervisee:REF`.
    var userName: String {
        switch actor {
        case .staff(let id, _): id
        case .supervisee(let caseRef, _): caseRef
        }
    }
    var role: Role? { actor.role }

    /// Where signing in leads: the portal, the admin page, or the staff home.
    var landing: String {
        switch actor {
        case .supervisee: "/portal"
        case .staff(_, .admin): "/admin"
        case .staff: "/home"
        }
    }

    var navigation: [(href: String, label: String)] {
        switch actor {
        case .supervisee: [("/portal", "Your page")]
        case .staff(_, .admin): [("/admin", "Accounts and holidays")]
        case .staff(_, let role):
            [("/home", "Home"), ("/cases", "Caseload"), ("/violations", "Violations")]
                + (role == .supervisor ? [("/recalls", "Recalls")] : []) + [("/register", "Register a release")]
        }
    }
}

/// Who may open a page. The use case behind the page checks again, in its own words; this only
/// keeps a supervisee out of staff pages and staff out of the portal before any work is done.
enum Audience {
    case staff, caseworkers, supervisors, admins, supervisees

    func admits(_ viewer: Viewer) -> Bool {
        switch (self, viewer.actor) {
        case (.supervisees, .supervisee): true
        case (.supervisees, _), (_, .supervisee): false
        case (.staff, _): true
        case (.caseworkers, let actor): actor.doesCaseWork
        case (.supervisors, let actor): actor.role == .supervisor
        case (.admins, let actor): actor.role == .admin
        }
    }

    var refusal: String {
        switch self {
        case .supervisees: "This page is for supervisees: it shows a person their own appointments and entries."
        case .staff, .caseworkers: "This page is for officers and supervisors."
        case .supervisors: "Only a supervisor may open this page."
        case .admins: "Only an admin may open this page."
        }
    }
}

/// A posted form: `application/x-www-form-urlencoded` fields, repeated keys kept in order.
struct FormData: Sendable {
    var fields: [String: [String]] = [:]

    subscript(_ name: String) -> String? { fields[name]?.last }

    /// The value, or nil when absent or blank (a blank optional field means "not given").
    func optional(_ name: String) -> String? {
        guard let value = self[name], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }

    func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// A ticked checkbox sends its value; an unticked one sends nothing.
    func ticked(_ name: String) -> Bool { self[name] != nil }

    /// A whole number the use case needs; refused in the command line's way when it is not one.
    func integer(_ name: String) throws -> Int? {
        guard let text = optional(name) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unprocessableContent, "invalid", "--\(FormData.option(name)): '\(text)' is not a whole number.", field: name)
        }
        return value
    }

    func number(_ name: String) throws -> Double? {
        guard let text = optional(name) else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw APIError(.unprocessableContent, "invalid", "--\(FormData.option(name)): '\(text)' is not a number.", field: name)
        }
        return value
    }

    func required(_ name: String) throws -> String {
        guard let value = optional(name) else {
            throw APIError(.unprocessableContent, "invalid", "--\(FormData.option(name)): is required.", field: name)
        }
        return value
    }

    /// `requestedBy` → `requested-by`: the command line's name for a field, for its sentences.
    static func option(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
        }
        return out
    }

    static func parse(_ buffer: ByteBuffer) -> FormData {
        var form = FormData()
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let key = parts.first, !key.isEmpty else { continue }
            form.fields[key, default: []].append(parts.count == 2 ? parts[1] : "")
        }
        return form
    }

    static func read(_ request: Request) async throws -> FormData {
        parse(try await request.body.collect(upTo: 256 * 1024))
    }

    /// A fresh one-time id for a form that changes data (docs/web.md, Forms).
    static func newFormID() -> String { SecretToken.token().prefix(32).description }
}

func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}

extension WebServices {
    /// The viewer of a page, or nil when nobody usable is signed in with a session (pages are
    /// for browsers; scripts use the API with a token).
    func viewer(_ request: Request, _ context: WebContext) async throws -> Viewer? {
        guard let credential = context.credential, case .session(_, let csrf) = credential.kind else { return nil }
        let now = clock(), id = credential.actorID
        let actor = try await read { try $0.actor(id, now: now) }
        return Viewer(actorID: id, actor: actor, csrfToken: csrf)
    }

    /// Runs a page for `audience`: signed out → 303 to sign-in; the wrong kind of account → 403;
    /// a refusal from the use case → its status and sentence as a page.
    func page(_ request: Request, _ context: WebContext, _ audience: Audience,
              _ body: (Viewer) async throws -> Response) async throws -> Response {
        let viewer: Viewer
        do {
            guard let found = try await self.viewer(request, context) else { return redirect("/sign-in") }
            viewer = found
        } catch {
            // An account deactivated while signed in: it may not act; sign in again says so.
            return errorPage(APIError.from(error), viewer: nil)
        }
        guard audience.admits(viewer) else {
            return errorPage(APIError(.forbidden, "not-permitted", audience.refusal), viewer: viewer)
        }
        do {
            return try await body(viewer)
        } catch {
            return errorPage(APIError.from(error), viewer: viewer)
        }
    }
}

/// A refusal as a page: its status and the use case's sentence.
func errorPage(_ error: APIError, viewer: Viewer?) -> Response {
    let title: String
    switch error.status {
    case .forbidden where error.code == APIError.csrf.code: title = "This form could not be sent"
    case .forbidden: title = "You cannot open this page"
    case .notFound: title = "Page not found"
    case .serviceUnavailable: title = "Try again in a moment"
    default: title = "Something is wrong"
    }
    return PageRenderer.render("message", title: title, viewer: viewer,
                               page: ["heading": title, "message": sentence(error.message)], status: error.status)
}

/// A use case's sentence as a page shows it: capitalised, ending with a full stop.
func sentence(_ message: String, label: String? = nil) -> String {
    var text = message
    // The use case names the field as the command line does ("--case-ref: …", "DATE: …"); a
    // page names it as its label says ("Case reference: …"), the rest of the sentence the same.
    if let label, APIError.fieldName(in: text) != nil, let colon = text.firstIndex(of: ":") {
        let name = label.replacingOccurrences(of: #"\s*\(.*\)$"#, with: "", options: .regularExpression)
        text = name + text[colon...]
    }
    if let first = text.first, first.isLowercase { text = first.uppercased() + text.dropFirst() }
    if let last = text.last, !".!?".contains(last) { text += "." }
    return text
}
