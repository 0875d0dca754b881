import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CaseloadWeb
@testable import Supervision

@Suite("Web: CSRF, origins, headers and the log")
struct ProtectionTests {
    static var lifeLog: [String: Any] { ["caseRef": "A-1", "wellbeing": 4] }

    @Test("a change with a session needs its CSRF token and a same-origin Origin; otherwise 403 and nothing changes")
    func csrf() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let a1 = try await client.account(f, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let other = try await client.account(f, "okafor", invitedBy: "admin")
            // Past the minute after which a use is written down: a refused request must still write nothing.
            f.clock.advance(seconds: 120)
            let before = try f.snapshot()
            var refusals: [(String, TestResponse)] = []
            // No token at all.
            refusals.append(("missing token", try await client.execute(
                uri: "/api/v1/lifelog", method: .post,
                headers: [.cookie: a1.cookie, .origin: "http://localhost", .contentType: "application/json"],
                body: jsonBody(Self.lifeLog))))
            refusals.append(("wrong token", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, csrf: (a1.csrf.first == "0" ? "1" : "0") + a1.csrf.dropFirst())))
            // Another session's token is not this session's.
            refusals.append(("another session's token", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, csrf: other.csrf)))
            refusals.append(("cross origin", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, origin: "https://evil.example")))
            refusals.append(("same host, other port", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, origin: "http://localhost:9999")))
            refusals.append(("no origin", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, origin: nil)))
            refusals.append(("null origin alone", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, origin: "null")))
            refusals.append(("null origin cross-site", try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, origin: "null",
                                                                            extra: [AuthenticationMiddleware.secFetchSite: "cross-site"])))
            refusals.append(("sign-out without token", try await client.execute(
                uri: "/api/v1/session", method: .delete, headers: [.cookie: a1.cookie, .origin: "http://localhost"])))
            for (label, response) in refusals {
                #expect(response.status == .forbidden, "\(label): \(response.status)")
                #expect(errorCode(response) == "csrf", "\(label)")
            }
            #expect(try f.snapshot() == before)
            // The same request done right is accepted, also with Origin: null from a same-origin form.
            #expect(try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog).status == .ok)
            #expect(try await client.send(.post, "/api/v1/lifelog", as: a1, body: Self.lifeLog, origin: "null",
                                          extra: [AuthenticationMiddleware.secFetchSite: "same-origin"]).status == .ok)
            // Signing in again from a browser that still holds a session needs no token: the
            // sign-in acts for no session (a form cannot send the header).
            let again = try await client.execute(
                uri: "/api/v1/session", method: .post,
                headers: [.cookie: a1.cookie, .origin: "http://localhost", .contentType: "application/json"],
                body: jsonBody(["userName": "A-1", "password": WebFixture.password("A-1")]))
            #expect(again.status == .ok)
            // A cross-site sign-in (login CSRF) is refused too.
            let forged = try await client.send(.post, "/api/v1/session", body: ["userName": "A-1", "password": WebFixture.password("A-1")],
                                               origin: "https://evil.example")
            #expect(forged.status == .forbidden)
        }
    }

    @Test("the security headers are on every response, success or refusal, page or API", arguments: [false, true])
    func headersEverywhere(live: Bool) async throws {
        let f = try WebFixture()
        try await f.application().test(live ? .live : .router) { client in
            let okafor = try await client.account(f, "okafor", invitedBy: "admin")
            let responses: [TestResponse] = [
                try await client.execute(uri: "/healthz", method: .get),
                try await client.execute(uri: "/", method: .get),
                try await client.execute(uri: "/no/such/page", method: .get),
                try await client.execute(uri: "/api/v1/overdue", method: .get),
                try await client.send(.get, "/api/v1/overdue", as: okafor),
                try await client.send(.get, "/api/v1/cases/B-2", as: okafor),
                try await client.send(.post, "/api/v1/lifelog", as: okafor, body: ["caseRef": "A-1"], csrf: "wrong"),
                try await client.send(.post, "/api/v1/register", as: okafor, body: ["caseRef": "A-1"]),
                try await client.signIn("okafor", "wrong password 1234"),
            ]
            // `/` signed out is a redirect to the sign-in page (303).
            #expect(Set(responses.map(\.status.code)) == [200, 303, 401, 403, 404, 422])
            for response in responses {
                #expect(response.headers[SecurityHeaders.contentSecurityPolicy] == "default-src 'self'; frame-ancestors 'none'")
                #expect(response.headers[SecurityHeaders.contentTypeOptions] == "nosniff")
                #expect(response.headers[SecurityHeaders.referrerPolicy] == "same-origin")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test("one log line per request, with the route's pattern and no token, password, code or personal value")
    func logLines() async throws {
        let f = try WebFixture()
        try await f.application().test(.live) { client in
            var secrets = [WebFixture.password("A-1"), WebFixture.password("okafor"), "Person A-1", "A-1", "Flat 2, Acacia Road"]
            let invitation = try f.invite(caseRef: "A-1", by: "okafor")
            secrets.append(invitation.code)
            f.logs.lines.withLock { $0.removeAll() }
            var requests = 0
            #expect(try await client.activate("A-1", code: invitation.code, password: WebFixture.password("A-1")).status == .ok)
            let a1 = try await client.browser("A-1", WebFixture.password("A-1"))
            requests += 2
            secrets.append(String(a1.cookie.dropFirst("caseload_session=".count)))
            secrets.append(a1.csrf)
            #expect(try await client.send(.get, "/api/v1/cases/A-1", as: a1).status == .ok)
            #expect(try await client.send(.get, "/api/v1/cases/A-1?note=A-1", as: a1).status == .ok)
            #expect(try await client.send(.post, "/api/v1/lifelog", as: a1,
                                          body: ["caseRef": "A-1", "residence": "Flat 2, Acacia Road"]).status == .ok)
            #expect(try await client.signIn("A-1", "wrong password 1234").status == .unauthorized)
            let okafor = try await client.account(f, "okafor", invitedBy: "admin")
            requests += 6
            let token = try await client.send(.post, "/api/v1/tokens", as: okafor, body: ["name": "script", "days": 30])
            let apiToken = try #require(jsonObject(token)["token"] as? String)
            secrets.append(apiToken)
            #expect(try await client.send(.get, "/api/v1/cases/A-1", bearer: apiToken).status == .ok)
            requests += 2
            let lines = f.logs.all.filter { $0.contains(" ms") }
            #expect(lines.count == requests)
            #expect(lines.contains { $0.contains("GET /api/v1/cases/** 200") })
            let everything = f.logs.all.joined(separator: "\n")
            for secret in secrets {
                #expect(!everything.contains(secret), "the log holds a secret or personal value")
            }
        }
    }

    @Test("reads go to a reader: a listing answers while the writer is held by a long write")
    func readsDoNotWaitForTheWriter() async throws {
        let f = try WebFixture()
        try await f.application().test(.live) { client in
            let okafor = try await client.account(f, "okafor", invitedBy: "admin")
            // Hold the writer's transaction open on another thread until the read has answered.
            let release = DispatchSemaphore(value: 0), holding = DispatchSemaphore(value: 0)
            let pool = f.pool
            Thread.detachNewThread {
                try? pool.writer.write { connection in
                    try connection.execute("UPDATE agency SET name = name WHERE id = 1")
                    holding.signal()
                    release.wait()
                }
            }
            holding.wait()
            let listing = try await client.send(.get, "/api/v1/overdue", as: okafor)
            release.signal()
            #expect(listing.status == .ok)
        }
    }
}
