import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CaseloadWeb
@testable import Supervision

@Suite("Web: API tokens")
struct APITokenTests {
    @Test("a token is shown once, stored hashed, acts with its account's rights, and each use is audited")
    func tokenLifecycle() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let a1 = try await client.account(f, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let created = try await client.send(.post, "/api/v1/tokens", as: a1, body: ["name": "phone app", "days": 365])
            #expect(created.status == .ok)
            let object = jsonObject(created)
            let token = try #require(object["token"] as? String)
            let id = try #require(object["id"] as? Int)
            let stored: [String] = try f.caseload.database.read { try $0.fetchAll("SELECT token_hash FROM api_token") { try $0.get(0) } }
            #expect(stored == [SecretToken.hash(token)])

            // No cookie, no CSRF token, no Origin: a bearer token is not sent by browsers on their own.
            let own = try await client.send(.get, "/api/v1/cases/A-1", origin: nil, bearer: token)
            #expect(own.status == .ok)
            #expect(try await client.send(.post, "/api/v1/lifelog", body: ["caseRef": "A-1", "wellbeing": 2], origin: nil,
                                          bearer: token).status == .ok)
            // Never more than the account may.
            #expect(try await client.send(.get, "/api/v1/cases/B-2", bearer: token).status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/overdue", bearer: token).status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/lifelog", body: ["caseRef": "B-2"], origin: nil, bearer: token).status == .forbidden)
            // A token cannot make tokens.
            #expect(try await client.send(.post, "/api/v1/tokens", body: ["name": "more"], origin: nil, bearer: token).status == .unauthorized)
            let uses = try f.auditActions().filter { $0 == "api-token.use" }.count
            #expect(uses == 6)

            let listed = try await client.send(.get, "/api/v1/tokens", as: a1)
            let list = try #require((try? JSONSerialization.jsonObject(with: Data(listed.body.readableBytesView))) as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["name"] as? String == "phone app")
            #expect(list.first?["token"] == nil || list.first?["token"] is NSNull)
            let revoked = try await client.send(.delete, "/api/v1/tokens/\(id)", as: a1)
            #expect(revoked.status == .ok)
            #expect(jsonObject(revoked)["token"] is NSNull || jsonObject(revoked)["token"] == nil)
            let after = try await client.send(.get, "/api/v1/cases/A-1", bearer: token)
            #expect(after.status == .unauthorized)
            #expect(errorCode(after) == "bad-token")
        }
        let actions = try f.auditActions()
        #expect(actions.contains("api-token.create"))
        #expect(actions.contains("api-token.revoke"))
    }

    @Test("a token expires after its days (at most 365), and another account's token cannot be revoked")
    func tokenExpiryAndOwnership() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let okafor = try await client.account(f, "okafor", invitedBy: "admin")
            let lindqvist = try await client.account(f, "lindqvist", invitedBy: "admin")
            #expect(try await client.send(.post, "/api/v1/tokens", as: okafor, body: ["name": "too long", "days": 366]).status == .unprocessableContent)
            #expect(try await client.send(.post, "/api/v1/tokens", as: okafor, body: ["name": "none", "days": 0]).status == .unprocessableContent)
            let created = jsonObject(try await client.send(.post, "/api/v1/tokens", as: okafor, body: ["name": "nightly", "days": 1]))
            let token = try #require(created["token"] as? String)
            let id = try #require(created["id"] as? Int)
            #expect(try await client.send(.delete, "/api/v1/tokens/\(id)", as: lindqvist).status == .notFound)
            f.clock.advance(seconds: 86_400 - 1)
            #expect(try await client.send(.get, "/api/v1/overdue", bearer: token).status == .ok)
            f.clock.advance(seconds: 1)
            #expect(try await client.send(.get, "/api/v1/overdue", bearer: token).status == .unauthorized)
        }
    }

    @Test("a reset or a deactivation revokes the account's tokens")
    func resetRevokesTokens() async throws {
        let f = try WebFixture()
        try await f.application().test(.router) { client in
            let retired = try await client.account(f, "retired", invitedBy: "admin")
            let token = try #require(jsonObject(try await client.send(.post, "/api/v1/tokens", as: retired,
                                                                       body: ["name": "x"]))["token"] as? String)
            #expect(try await client.send(.get, "/api/v1/overdue", bearer: token).status == .ok)
            _ = try f.caseload.deactivateAccount(id: "retired", actorID: "admin", now: f.clock.now)
            #expect(try await client.send(.get, "/api/v1/overdue", bearer: token).status == .unauthorized)
        }
    }
}
