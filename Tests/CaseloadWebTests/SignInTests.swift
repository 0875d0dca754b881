import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CaseloadWeb
@testable import Supervision

@Suite("Web: activation, sign-in, lock-out and sessions")
struct SignInTests {
    @Test("activation sets a password once; the session cookie is HttpOnly, SameSite=Strict, Path=/ (no Secure on loopback)")
    func activationAndSignIn() async throws {
        let f = try WebFixture()
        let invitation = try f.invite(id: "okafor", by: "admin")
        #expect(invitation.userName == "okafor")
        #expect(invitation.reset == false)
        // At least 128 random bits: 32 base32 symbols (160 bits), grouped by four.
        #expect(SecretToken.normalizedCode(invitation.code).count == 32)
        let stored: String? = try f.caseload.database.read { try $0.scalar("SELECT activation_hash FROM account") }
        #expect(stored == SecretToken.hash(SecretToken.normalizedCode(invitation.code)))
        #expect(stored != invitation.code)
        try await f.application().test(.router) { client in
            // Before activation there is no password to sign in with.
            #expect(try await client.signIn("okafor", WebFixture.password("okafor")).status == .unauthorized)
            let activated = try await client.activate("okafor", code: invitation.code, password: WebFixture.password("okafor"))
            #expect(activated.status == .ok)
            // Single use.
            let again = try await client.activate("okafor", code: invitation.code, password: WebFixture.password("okafor") + "x")
            #expect(again.status == .unprocessableContent)
            #expect(errorCode(again) == "invalid")

            let response = try await client.signIn("okafor", WebFixture.password("okafor"))
            #expect(response.status == .ok)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("caseload_session="))
            #expect(cookie.contains("; HttpOnly"))
            #expect(cookie.contains("; SameSite=Strict"))
            #expect(cookie.contains("; Path=/"))
            #expect(!cookie.contains("Secure"))
            // 256 random bits, base64url: 43 characters.
            let token = String(cookie.split(separator: ";")[0].dropFirst("caseload_session=".count))
            #expect(token.count == 43)
            // Only the token's hash is stored.
            let hashes: [String] = try f.caseload.database.read { try $0.fetchAll("SELECT token_hash FROM web_session") { try $0.get(0) } }
            #expect(hashes == [SecretToken.hash(token)])
            let browser = Browser(cookie: String(cookie.split(separator: ";")[0]), csrf: jsonObject(response)["csrfToken"] as! String)
            let me = try await client.send(.get, "/api/v1/session", as: browser)
            #expect(jsonObject(me)["actor"] as? String == "okafor")
            // Sign-out ends the session.
            #expect(try await client.send(.delete, "/api/v1/session", as: browser).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/overdue", as: browser).status == .unauthorized)
        }
        let actions = try f.auditActions()
        for action in ["account.invite", "account.activate", "sign-in", "sign-out"] {
            #expect(actions.contains(action), "missing \(action)")
        }
        // Nothing in the audit log holds the password.
        let details: [String] = try f.caseload.database.read { try $0.fetchAll("SELECT details FROM audit_log") { try $0.get(0) } }
        #expect(!details.joined().contains(WebFixture.password("okafor")))
    }

    @Test("the cookie is Secure when the server is not plain HTTP on loopback")
    func secureCookieOffLoopback() throws {
        #expect(WebConfiguration(host: "127.0.0.1").isLoopback)
        #expect(WebConfiguration(host: "::1").isLoopback)
        #expect(!WebConfiguration(host: "0.0.0.0").isLoopback)
        let f = try WebFixture()
        let services = WebServices(pool: f.pool, configuration: WebConfiguration(host: "10.0.0.5", bcryptCost: 4))
        #expect(sessionCookie("t", services: services).hasSuffix("; Secure"))
        #expect(!sessionCookie("t", services: f.services).contains("Secure"))
    }

    @Test("an expired activation code (72 hours) is refused; a code for another user name too")
    func activationExpiry() async throws {
        let f = try WebFixture()
        let invitation = try f.invite(id: "okafor", by: "admin")
        try await f.application().test(.router) { client in
            #expect(try await client.activate("lindqvist", code: invitation.code, password: WebFixture.password("okafor")).status == .unprocessableContent)
            f.clock.advance(seconds: AccountPolicy.activationSeconds)
            let late = try await client.activate("okafor", code: invitation.code, password: WebFixture.password("okafor"))
            #expect(late.status == .unprocessableContent)
            #expect((jsonObject(late)["error"] as? [String: Any])?["field"] as? String == "code")
        }
    }

    @Test("unknown user, wrong password and locked account: the same answer; five failures lock for 15 minutes")
    func lockOut() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            _ = try await client.account(f, "okafor", invitedBy: "admin")
            let unknown = try await client.signIn("nobody", "whatever password 1")
            let wrong = try await client.signIn("okafor", "wrong password 1234")
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: unknown.body) == String(buffer: wrong.body))
            for _ in 2...4 { _ = try await client.signIn("okafor", "wrong password 1234") }
            // The fifth failure in a row locks the account.
            let fifth = try await client.signIn("okafor", "wrong password 1234")
            #expect(String(buffer: fifth.body) == String(buffer: wrong.body))
            let locked = try await client.signIn("okafor", WebFixture.password("okafor"))
            #expect(locked.status == .unauthorized)
            #expect(String(buffer: locked.body) == String(buffer: wrong.body))
            f.clock.advance(seconds: AccountPolicy.lockOutSeconds - 1)
            #expect(try await client.signIn("okafor", WebFixture.password("okafor")).status == .unauthorized)
            f.clock.advance(seconds: 1)
            #expect(try await client.signIn("okafor", WebFixture.password("okafor")).status == .ok)
        }
        let actions = try f.auditActions()
        #expect(actions.filter { $0 == "sign-in.lock-out" }.count == 1)
        // One unknown user, five counted, two while locked.
        #expect(actions.filter { $0 == "sign-in.failure" }.count == 8)
    }

    @Test("four failures, then a success, start the count again")
    func successResetsTheCount() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            _ = try await client.account(f, "okafor", invitedBy: "admin")
            for _ in 1...4 { _ = try await client.signIn("okafor", "wrong password 1234") }
            _ = try await client.browser("okafor", WebFixture.password("okafor"))
            for _ in 1...4 { _ = try await client.signIn("okafor", "wrong password 1234") }
            #expect(try await client.signIn("okafor", WebFixture.password("okafor")).status == .ok)
        }
    }

    @Test("a session ends after 30 minutes idle")
    func idleExpiry() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let browser = try await client.account(f, "okafor", invitedBy: "admin")
            f.clock.advance(seconds: 29 * 60)
            #expect(try await client.send(.get, "/api/v1/overdue", as: browser).status == .ok)
            // Idle counts from the last use.
            f.clock.advance(seconds: 30 * 60 - 1)
            #expect(try await client.send(.get, "/api/v1/overdue", as: browser).status == .ok)
            f.clock.advance(seconds: 30 * 60)
            let expired = try await client.send(.get, "/api/v1/overdue", as: browser)
            #expect(expired.status == .unauthorized)
            #expect(errorCode(expired) == "not-signed-in")
        }
    }

    @Test("a session ends 12 hours after sign-in however busy")
    func absoluteExpiry() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let browser = try await client.account(f, "okafor", invitedBy: "admin")
            for _ in 1..<36 {
                f.clock.advance(seconds: 20 * 60)
                #expect(try await client.send(.get, "/api/v1/overdue", as: browser).status == .ok)
            }
            // 11 h 40 min so far; at 12 h it is over.
            f.clock.advance(seconds: 20 * 60)
            #expect(try await client.send(.get, "/api/v1/overdue", as: browser).status == .unauthorized)
        }
    }

    @Test("a new invitation resets the account: the old password stops working and its sessions end")
    func inviteResets() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let browser = try await client.account(f, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let reset = try f.invite(caseRef: "A-1", by: "okafor")
            #expect(reset.reset)
            #expect(try await client.send(.get, "/api/v1/cases/A-1", as: browser).status == .unauthorized)
            #expect(try await client.signIn("A-1", WebFixture.password("A-1")).status == .unauthorized)
            #expect(try await client.activate("A-1", code: reset.code, password: "a brand new secret 99").status == .ok)
            #expect(try await client.signIn("A-1", "a brand new secret 99").status == .ok)
        }
        #expect(try f.auditActions().contains("account.reset"))
    }

    @Test("a password longer than 72 bytes counts to its last character")
    func longPassword() async throws {
        let f = try WebFixture()
        let base = String(repeating: "é", count: 40)  // 80 bytes in UTF-8, 40 characters
        let password = base + "-one-end"
        let differsAfter72 = base + "-two-end"
        #expect(Array(password.utf8).prefix(72) == Array(differsAfter72.utf8).prefix(72))
        #expect(password.utf8.count > 72)
        try await f.application().test(.router) { client in
            let invitation = try f.invite(id: "okafor", by: "admin")
            #expect(try await client.activate("okafor", code: invitation.code, password: password).status == .ok)
            #expect(try await client.signIn("okafor", differsAfter72).status == .unauthorized)
            // The same password typed decomposed (e + combining accent) is the same after NFC.
            let decomposed = password.decomposedStringWithCanonicalMapping
            #expect(Array(decomposed.utf8) != Array(password.utf8))
            #expect(try await client.signIn("okafor", decomposed).status == .ok)
        }
        let hasher = PasswordHasher(cost: 4)
        let hash = try await hasher.hash(password)
        #expect(try await hasher.verify(password, hash: hash))
        #expect(try await hasher.verify(differsAfter72, hash: hash) == false)
    }

    @Test("password rules: 12 to 128 characters after NFC, not containing the user name")
    func passwordRules() async throws {
        #expect(throws: InputError.self) { try PasswordRules.check("elevenchars", userName: "okafor") }
        #expect(try PasswordRules.check("twelve chars", userName: "okafor") == "twelve chars")
        #expect(try PasswordRules.check(String(repeating: "x", count: 128), userName: "okafor").count == 128)
        #expect(throws: InputError.self) { try PasswordRules.check(String(repeating: "x", count: 129), userName: "okafor") }
        // 12 characters decomposed (24 scalars) are 12 after NFC.
        #expect(try PasswordRules.check(String(repeating: "e\u{301}", count: 12), userName: "okafor").unicodeScalars.count == 12)
        #expect(throws: InputError.self) { try PasswordRules.check("my name is OKAFOR!", userName: "okafor") }
        #expect(throws: InputError.self) { try PasswordRules.check("secret for a-1 please", userName: "supervisee:A-1") }
        let f = try WebFixture()
        let invitation = try f.invite(id: "okafor", by: "admin")
        try await f.application().test(.router) { client in
            let refused = try await client.activate("okafor", code: invitation.code, password: "okafor okafor okafor")
            #expect(refused.status == .unprocessableContent)
            #expect((jsonObject(refused)["error"] as? [String: Any])?["field"] as? String == "password")
            // The code still works after a refused password.
            #expect(try await client.activate("okafor", code: invitation.code, password: WebFixture.password("okafor")).status == .ok)
        }
    }

    @Test("invitations: staff by an admin only, a supervisee by their officer or a supervisor")
    func invitationRights() throws {
        let f = try WebFixture()
        #expect(throws: CaseloadError.self) { try f.invite(id: "okafor", by: "sutherland") }
        #expect(throws: CaseloadError.self) { try f.invite(caseRef: "A-1", by: "lindqvist") }
        #expect(throws: CaseloadError.self) { try f.invite(caseRef: "A-1", by: "admin") }
        #expect(throws: CaseloadError.self) { try f.invite(caseRef: "A-1", by: "supervisee:A-1") }
        #expect(try f.invite(caseRef: "A-1", by: "okafor").userName == "A-1")
        #expect(try f.invite(caseRef: "B-2", by: "sutherland").userName == "B-2")
        let before = try f.snapshot()
        #expect(throws: CaseloadError.self) { try f.invite(id: "nobody", by: "admin") }
        #expect(try f.snapshot() == before)
    }

    @Test("a deactivated staff account can neither sign in nor act on the command line's use cases")
    func deactivation() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let browser = try await client.account(f, "retired", invitedBy: "admin")
            _ = try f.caseload.deactivateAccount(id: "retired", actorID: "admin", now: f.clock.now)
            #expect(try await client.send(.get, "/api/v1/overdue", as: browser).status == .unauthorized)
            #expect(try await client.signIn("retired", WebFixture.password("retired")).status == .unauthorized)
        }
        let refusal = try #require(throws: CaseloadError.self) {
            try f.caseload.overdueList(officer: nil, actorID: "retired", now: f.clock.now)
        }
        #expect(refusal.kind == .notPermitted)
        #expect(throws: CaseloadError.self) { try f.caseload.deactivateAccount(id: "retired", actorID: "sutherland", now: f.clock.now) }
        #expect(throws: CaseloadError.self) { try f.caseload.deactivateAccount(id: "admin", actorID: "admin", now: f.clock.now) }
    }
}
