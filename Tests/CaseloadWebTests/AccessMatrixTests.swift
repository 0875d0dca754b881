import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CaseloadWeb
@testable import Supervision

/// Every role against every route of the API: who may, who may not, and that a refusal
/// changes nothing (a snapshot of every table, audit log included, before and after).
@Suite("Web: the role × route matrix")
struct AccessMatrixTests {
    static let principals = ["okafor", "lindqvist", "sutherland", "admin", "A-1", "B-2", "retired", "signed-out", "expired"]

    struct Route {
        let label: String
        let method: HTTPRequest.Method
        let uri: String
        let body: (Int) -> [String: Any]?
        /// Allowed statuses per principal.
        let expected: [String: Set<Int>]
    }

    /// okafor, lindqvist, sutherland, admin, A-1, B-2; the last three are always 401.
    static func row(_ codes: [Set<Int>]) -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        for (index, name) in principals.enumerated() {
            result[name] = index < codes.count ? codes[index] : [401]
        }
        return result
    }

    static let ok: Set<Int> = [200], forbidden: Set<Int> = [403]

    static var routes: [Route] { [
        Route(label: "overdue list", method: .get, uri: "/api/v1/overdue", body: { _ in nil },
              expected: row([ok, ok, ok, forbidden, forbidden, forbidden])),
        Route(label: "another officer's overdue list", method: .get, uri: "/api/v1/overdue?officer=lindqvist", body: { _ in nil },
              expected: row([forbidden, ok, ok, forbidden, forbidden, forbidden])),
        Route(label: "violations list", method: .get, uri: "/api/v1/violations?status=all", body: { _ in nil },
              expected: row([ok, ok, ok, forbidden, forbidden, forbidden])),
        Route(label: "A-1's record", method: .get, uri: "/api/v1/cases/A-1", body: { _ in nil },
              expected: row([ok, forbidden, ok, forbidden, ok, forbidden])),
        // Staff learn that a reference does not exist (as on the command line); a supervisee
        // is refused either way, so cannot probe which references the agency holds.
        Route(label: "an unknown record", method: .get, uri: "/api/v1/cases/Z-9", body: { _ in nil },
              expected: row([[404], [404], [404], [404], forbidden, forbidden])),
        Route(label: "life-log entry for A-1", method: .post, uri: "/api/v1/lifelog",
              body: { _ in ["caseRef": "A-1", "residence": "Flat 2", "wellbeing": 4, "needs": ["housing"]] },
              expected: row([ok, forbidden, ok, forbidden, ok, forbidden])),
        Route(label: "location report for A-1", method: .post, uri: "/api/v1/locations",
              body: { _ in ["caseRef": "A-1", "at": "2026-03-10T09:00", "lat": 51.5, "lon": -0.12, "source": "check-in"] },
              expected: row([ok, forbidden, ok, forbidden, ok, forbidden])),
        Route(label: "register a release onto okafor's caseload", method: .post, uri: "/api/v1/register",
              body: { index in ["caseRef": "N-\(index)", "name": "New Person", "born": "1980-05-05", "released": "2026-03-09",
                                "months": 6, "level": "low", "officer": "okafor"] },
              expected: row([ok, forbidden, ok, forbidden, forbidden, forbidden])),
        Route(label: "schedule an interview for A-1", method: .post, uri: "/api/v1/interviews",
              body: { index in ["caseRef": "A-1", "at": "2026-03-12T\(10 + index):00", "kind": "office"] },
              expected: row([ok, forbidden, ok, forbidden, forbidden, forbidden])),
        Route(label: "log an outcome of a missing appointment", method: .post, uri: "/api/v1/interviews/999999/outcome",
              body: { _ in ["outcome": "attended"] },
              expected: row([[404], [404], [404], forbidden, forbidden, forbidden])),
        Route(label: "exclusion zone for A-1", method: .post, uri: "/api/v1/restrictions",
              body: { _ in ["kind": "exclusion", "caseRef": "A-1", "circle": "51.52,-0.12,200", "name": "Zone"] },
              expected: row([ok, forbidden, ok, forbidden, forbidden, forbidden])),
        Route(label: "scan", method: .post, uri: "/api/v1/scan", body: { _ in [:] },
              expected: row([ok, ok, ok, forbidden, forbidden, forbidden])),
        Route(label: "confirm a missing violation", method: .post, uri: "/api/v1/violations/999999/confirm", body: { _ in [:] },
              expected: row([[404], [404], [404], forbidden, forbidden, forbidden])),
        Route(label: "dismiss a missing violation", method: .post, uri: "/api/v1/violations/999999/dismiss",
              body: { _ in ["reason": "not a breach"] },
              expected: row([[404], [404], [404], forbidden, forbidden, forbidden])),
        // Nothing recommended yet: the supervisor is refused for the data, the others for their role.
        Route(label: "recall decision for A-1", method: .post, uri: "/api/v1/recall-decisions",
              body: { _ in ["caseRef": "A-1", "decision": "approve", "rationale": "repeated breaches"] },
              expected: row([forbidden, forbidden, [422], forbidden, forbidden, forbidden])),
        Route(label: "change A-1's level", method: .post, uri: "/api/v1/terms/level",
              body: { index in ["caseRef": "A-1", "level": ["high", "medium", "low"][index % 3], "reason": "review"] },
              expected: row([ok, forbidden, ok, forbidden, forbidden, forbidden])),
        Route(label: "extend A-1's term beyond 12 months", method: .post, uri: "/api/v1/terms/extend",
              body: { _ in ["caseRef": "A-1", "months": 7] },
              expected: row([[422], forbidden, [422], forbidden, forbidden, forbidden])),
        Route(label: "add an officer", method: .post, uri: "/api/v1/officers",
              body: { index in ["id": "new\(index)", "name": "New Officer", "role": "officer"] },
              expected: row([forbidden, forbidden, forbidden, ok, forbidden, forbidden])),
        Route(label: "add a holiday", method: .post, uri: "/api/v1/holidays",
              body: { index in ["date": "2026-12-\(10 + index)", "name": "Closure"] },
              expected: row([forbidden, forbidden, forbidden, ok, forbidden, forbidden])),
        Route(label: "invite C-3 (lindqvist's)", method: .post, uri: "/api/v1/accounts/invite",
              body: { _ in ["caseRef": "C-3"] },
              expected: row([forbidden, ok, ok, forbidden, forbidden, forbidden])),
    ] }

    @Test("each principal gets what docs/roles.md §1 allows on each route, and a refusal changes nothing")
    func matrix() async throws {
        let f = try WebFixture()
        _ = try f.caseload.register(ReleaseRegistration(caseRef: "C-3", name: "Person C-3", born: "1991-02-02",
                                                        released: "2026-03-02", months: 6, level: "low", officer: "lindqvist"),
                                    actorID: "lindqvist", now: f.clock.now)
        try await f.application().test(.router) { client in
            var invitations: [String: AccountInvitation] = [:]
            for staff in ["okafor", "lindqvist", "sutherland", "admin", "retired"] {
                invitations[staff] = try f.invite(id: staff, by: "admin")
            }
            invitations["A-1"] = try f.invite(caseRef: "A-1", by: "okafor")
            invitations["B-2"] = try f.invite(caseRef: "B-2", by: "lindqvist")
            for (name, invitation) in invitations {
                let response = try await client.activate(name, code: invitation.code, password: WebFixture.password(name))
                #expect(response.status == .ok, "\(name): \(String(buffer: response.body))")
            }
            // A session that will be idle for more than 30 minutes by the time it is used.
            let stale = try await client.browser("okafor", WebFixture.password("okafor"))
            f.clock.advance(seconds: 31 * 60)
            var browsers: [String: Browser] = ["expired": stale]
            for name in ["okafor", "lindqvist", "sutherland", "admin", "A-1", "B-2", "retired"] {
                browsers[name] = try await client.browser(name, WebFixture.password(name))
            }
            _ = try f.caseload.deactivateAccount(id: "retired", actorID: "admin", now: f.clock.now)

            for route in Self.routes {
                for (index, principal) in Self.principals.enumerated() {
                    let browser = browsers[principal]
                    let before = try f.snapshot()
                    let response = try await client.send(route.method, route.uri, as: browser, body: route.body(index))
                    let expected = route.expected[principal]!
                    let status = Int(response.status.code)
                    #expect(expected.contains(status),
                            "\(route.label) as \(principal): \(status) \(String(buffer: response.body))")
                    if status >= 400 {
                        #expect(try f.snapshot() == before, "\(route.label) as \(principal) was refused but changed the database")
                        #expect(errorCode(response) != nil, "\(route.label) as \(principal): no error object")
                    }
                }
            }
        }
    }

    @Test("deactivation from the web: admins only, and it ends the account's sessions")
    func deactivateFromTheWeb() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let admin = try await client.account(f, "admin", invitedBy: "admin")
            let supervisor = try await client.account(f, "sutherland", invitedBy: "admin")
            let retired = try await client.account(f, "retired", invitedBy: "admin")
            let before = try f.snapshot()
            #expect(try await client.send(.post, "/api/v1/accounts/deactivate", as: supervisor, body: ["id": "retired"]).status == .forbidden)
            #expect(try f.snapshot() == before)
            let done = try await client.send(.post, "/api/v1/accounts/deactivate", as: admin, body: ["id": "retired"])
            #expect(done.status == .ok)
            #expect(jsonObject(done)["active"] as? Bool == false)
            #expect(try await client.send(.get, "/api/v1/overdue", as: retired).status == .unauthorized)
        }
    }

    @Test("a supervisee's session reaches only their own case, whether or not the other exists")
    func superviseeOnlyOwnCase() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let a1 = try await client.account(f, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let own = try await client.send(.get, "/api/v1/cases/A-1", as: a1)
            #expect(own.status == .ok)
            #expect((jsonObject(own)["person"] as? [String: Any])?["caseRef"] as? String == "A-1")
            let other = try await client.send(.get, "/api/v1/cases/B-2", as: a1)
            let missing = try await client.send(.get, "/api/v1/cases/Q-7", as: a1)
            #expect(other.status == .forbidden)
            #expect(missing.status == .forbidden)
            let before = try f.snapshot()
            let submit = try await client.send(.post, "/api/v1/lifelog", as: a1, body: ["caseRef": "B-2", "wellbeing": 3])
            #expect(submit.status == .forbidden)
            #expect(try f.snapshot() == before)
        }
    }

    @Test("the actor is the signed-in account: a request cannot name another")
    func noRequestChoosesItsActor() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let a1 = try await client.account(f, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let response = try await client.send(.post, "/api/v1/lifelog", as: a1,
                                                 body: ["caseRef": "A-1", "actor": "okafor", "wellbeing": 5],
                                                 extra: [.init("X-Caseload-Actor")!: "okafor"])
            #expect(response.status == .ok)
        }
        let actor: String? = try f.caseload.database.read {
            try $0.scalar("SELECT actor FROM audit_log WHERE action = 'lifelog.submit' ORDER BY seq DESC LIMIT 1")
        }
        #expect(actor == "supervisee:A-1")
    }

    @Test("errors carry code, message and field with the statuses of docs/web.md §13")
    func errorShape() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let okafor = try await client.account(f, "okafor", invitedBy: "admin")
            let invalid = try await client.send(.post, "/api/v1/register", as: okafor,
                                                body: ["caseRef": "N-1", "name": "New Person", "born": "1980-02-30",
                                                       "released": "2026-03-09", "months": 6, "level": "low", "officer": "okafor"])
            #expect(invalid.status == .unprocessableContent)
            let error = try #require(jsonObject(invalid)["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid")
            #expect(error["field"] as? String == "born")
            #expect((error["message"] as? String)?.isEmpty == false)
            let missing = try await client.send(.post, "/api/v1/register", as: okafor, body: ["caseRef": "N-1"])
            #expect(missing.status == .unprocessableContent)
            let notJSON = try await client.execute(uri: "/api/v1/scan", method: .post,
                                                   headers: [.cookie: okafor.cookie, AuthenticationMiddleware.csrfHeader: okafor.csrf,
                                                             .origin: "http://localhost"],
                                                   body: ByteBuffer(string: "not json"))
            #expect(notJSON.status == .badRequest)
            #expect(errorCode(notJSON) == "usage")
            let nowhere = try await client.send(.get, "/api/v1/nowhere", as: okafor)
            #expect(nowhere.status == .notFound)
            #expect(errorCode(nowhere) == "not-found")
        }
    }
}
