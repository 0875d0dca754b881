import SupervisionRules
import Foundation
import Hummingbird
import Supervision

// Minimal pages: sign-in and activation forms that work without JavaScript. The real pages
// come later; these let a person activate an account and sign in from a browser.

func addPageRoutes(_ router: Router<WebContext>, _ services: WebServices) {
    router.get("/") { _, context in
        html(page(signedInAs: context.credential?.actorID, message: nil))
    }
    router.post("/sign-in") { request, _ in
        let form = try await formFields(request)
        do {
            let (token, _) = try await signIn(userName: form["userName"] ?? "", password: form["password"] ?? "",
                                              services: services)
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.headers[.setCookie] = sessionCookie(token, services: services)
            return response
        } catch let error as APIError {
            return html(page(signedInAs: nil, message: error.message), status: error.status)
        }
    }
    router.post("/activate") { request, _ in
        let form = try await formFields(request)
        do {
            try await activate(userName: form["userName"] ?? "", code: form["code"] ?? "",
                               password: form["password"] ?? "", services: services)
            return html(page(signedInAs: nil, message: "Your account is active: sign in with your new password."))
        } catch let error as APIError {
            return html(page(signedInAs: nil, message: error.message), status: error.status)
        }
    }
}

private func formFields(_ request: Request) async throws -> [String: String] {
    let buffer = try await request.body.collect(upTo: 64 * 1024)
    var fields: [String: String] = [:]
    for pair in String(buffer: buffer).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map {
            String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
        }
        if parts.count == 2 { fields[parts[0]] = parts[1] }
    }
    return fields
}

private func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
             body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}

func escapeHTML(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}

private func page(signedInAs actor: String?, message: String?) -> String {
    let notice = message.map { "<p role=\"status\">\(escapeHTML($0))</p>" } ?? ""
    let main: String
    if let actor {
        main = "<p>Signed in as \(escapeHTML(actor)).</p>"
    } else {
        main = """
        <h2>Sign in</h2>
        <form method="post" action="/sign-in">
        <p><label for="si-user">User name</label> <input id="si-user" name="userName" autocomplete="username" required></p>
        <p><label for="si-password">Password</label> <input id="si-password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <h2>Activate your account</h2>
        <form method="post" action="/activate">
        <p><label for="ac-user">User name (staff id or case reference)</label> <input id="ac-user" name="userName" autocomplete="username" required></p>
        <p><label for="ac-code">Activation code</label> <input id="ac-code" name="code" autocomplete="one-time-code" required></p>
        <p><label for="ac-password">New password (12 to 128 characters, not containing your user name)</label> <input id="ac-password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required></p>
        <p><button type="submit">Activate</button></p>
        </form>
        """
    }
    return """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Caseload</title></head>
    <body><main><h1>Caseload</h1>\(notice)\(main)</main></body></html>
    """
}
