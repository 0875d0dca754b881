import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SupervisionRules
import Testing
@testable import CaseloadWeb
@testable import Supervision

/// A form as a browser posts it.
func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return ByteBuffer(string: fields.map { key, value in
        key.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + value.addingPercentEncoding(withAllowedCharacters: allowed)!
    }.joined(separator: "&"))
}

func html(_ response: TestResponse) -> String { String(buffer: response.body) }

extension TestClientProtocol {
    /// GET a page as `browser` (or signed out).
    func page(_ uri: String, as browser: Browser? = nil) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: browser.map { [.cookie: $0.cookie] } ?? [:])
    }

    /// POST a page form as `browser`: its CSRF token in the field `csrfToken` (unless `csrf` says
    /// otherwise; nil leaves it out) and a same-origin Origin.
    func postForm(_ uri: String, as browser: Browser?, _ fields: [(String, String)], csrf: String?? = .some(nil))
        async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost"]
        if let browser { headers[.cookie] = browser.cookie }
        var all = fields
        switch csrf {
        case .some(.some(let token)): all.append(("csrfToken", token))
        case .some(.none): if let browser { all.append(("csrfToken", browser.csrf)) }
        case .none: break
        }
        return try await execute(uri: uri, method: .post, headers: headers, body: formBody(all))
    }
}

extension WebFixture {
    func personId(_ caseRef: String) throws -> Int64 {
        try caseload.database.read { try $0.scalar("SELECT id FROM person WHERE case_ref = ?", [caseRef]) ?? 0 }
    }

    func count(_ sql: String) throws -> Int {
        try caseload.database.read { try $0.scalar(sql) ?? -1 }
    }
}

@Suite("Web pages")
struct PageTests {
    /// Signs in every kind of account: officers okafor (A-1's) and lindqvist (B-2's), supervisor
    /// sutherland, admin, and supervisee A-1.
    static func browsers(_ fixture: WebFixture, _ client: some TestClientProtocol) async throws -> [String: Browser] {
        var browsers: [String: Browser] = [:]
        for user in ["okafor", "lindqvist", "sutherland"] {
            browsers[user] = try await client.account(fixture, user, invitedBy: "admin")
        }
        browsers["admin"] = try await client.account(fixture, "admin", invitedBy: "admin")
        browsers["A-1"] = try await client.account(fixture, "A-1", caseRef: "A-1", invitedBy: "okafor")
        return browsers
    }

    @Test("every page × every role: status, or the redirect to sign-in")
    func accessMatrix() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let a1 = try fixture.personId("A-1")
            // signed out, A-1 (supervisee), okafor (A-1's officer), lindqvist (not A-1's), sutherland, admin
            let table: [(String, [Int])] = [
                ("/home", [303, 403, 200, 200, 200, 403]),
                ("/cases", [303, 403, 200, 200, 200, 403]),
                ("/cases/\(a1)", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/interviews", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/outcome", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/restrictions", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/locations", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/level", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/extend", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/discharge", [303, 403, 200, 403, 200, 403]),
                ("/cases/\(a1)/invite", [303, 403, 200, 403, 200, 403]),
                ("/cases/9999", [303, 403, 404, 404, 404, 403]),
                ("/violations", [303, 403, 200, 200, 200, 403]),
                ("/recalls", [303, 403, 403, 403, 200, 403]),
                ("/register", [303, 403, 200, 200, 200, 403]),
                ("/admin", [303, 403, 403, 403, 403, 200]),
                ("/portal", [303, 200, 403, 403, 403, 403]),
            ]
            let who: [Browser?] = [nil, b["A-1"], b["okafor"], b["lindqvist"], b["sutherland"], b["admin"]]
            for (uri, expected) in table {
                for (index, browser) in who.enumerated() {
                    let response = try await client.page(uri, as: browser)
                    #expect(response.status.code == expected[index], "\(uri) as #\(index): \(response.status.code)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                    if expected[index] == 303 { #expect(response.headers[.location] == "/sign-in") }
                    if response.status.code == 200 || response.status.code == 403 {
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    }
                }
            }
            // The other officer is refused without learning whose record the number is, or whose
            // caseload it is on: they typed neither (the command line names both, as its user did).
            let refused = html(try await client.page("/cases/\(a1)", as: b["lindqvist"]))
            #expect(refused.contains("may not see the record: this record is not on their caseload"))
            #expect(!refused.contains("okafor") && !refused.contains("A-1"))
            // The API keeps answering 401 JSON when signed out.
            let api = try await client.page("/api/v1/overdue")
            #expect(api.status == .unauthorized && errorCode(api) == "not-signed-in")
            // `/` sends each to their landing page.
            #expect(try await client.page("/").headers[.location] == "/sign-in")
            #expect(try await client.page("/", as: b["A-1"]).headers[.location] == "/portal")
            #expect(try await client.page("/", as: b["okafor"]).headers[.location] == "/home")
            #expect(try await client.page("/", as: b["admin"]).headers[.location] == "/admin")
        }
    }

    @Test("a signed-out post is sent to sign-in and changes nothing")
    func signedOutPost() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let a1 = try fixture.personId("A-1")
            let before = try fixture.snapshot()
            let response = try await client.postForm("/cases/\(a1)/extend", as: nil, [("months", "2"), ("formId", FormData.newFormID())])
            #expect(response.status == .seeOther && response.headers[.location] == "/sign-in")
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test("sign-in form: each account lands on its page; a refusal keeps the user name, never the password")
    func signInForm() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            for (user, caseRef, landing) in [("okafor", nil, "/home"), ("A-1", "A-1", "/portal"), ("admin", nil, "/admin")] {
                let invitation = caseRef == nil ? try fixture.invite(id: user, by: "admin") : try fixture.invite(caseRef: caseRef, by: "okafor")
                let activated = try await client.postForm("/activate", as: nil, [
                    ("userName", user), ("code", invitation.code), ("password", WebFixture.password(user))])
                #expect(activated.status == .seeOther && activated.headers[.location] == "/sign-in?activated=1")
                let signedIn = try await client.postForm("/sign-in", as: nil, [("userName", user), ("password", WebFixture.password(user))])
                #expect(signedIn.status == .seeOther && signedIn.headers[.location] == landing, "\(user)")
                #expect(signedIn.headers[.setCookie]?.contains("HttpOnly") == true)
            }
            let refused = try await client.postForm("/sign-in", as: nil, [("userName", "okafor"), ("password", "not the password at all")])
            #expect(refused.status == .unauthorized)
            let body = html(refused)
            #expect(body.contains("value=\"okafor\""))
            #expect(!body.contains("not the password at all"))
            #expect(body.contains("id=\"error-summary\"") && body.contains("role=\"alert\""))
            // A refused activation names the field and keeps the user name.
            let weak = try await client.postForm("/activate", as: nil, [("userName", "lindqvist"), ("code", "nonsense"), ("password", "short")])
            #expect(weak.status == .unprocessableContent)
            #expect(html(weak).contains("id=\"f-password-error\"") && html(weak).contains("value=\"lindqvist\""))
        }
    }

    @Test("a refused form re-renders with 422, the typed values, the field named, and changes nothing")
    func refusedForm() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let a1 = try fixture.personId("A-1")
            let before = try fixture.snapshot()
            let extend = try await client.postForm("/cases/\(a1)/extend", as: b["okafor"], [("months", "lots"), ("formId", FormData.newFormID())])
            #expect(extend.status == .unprocessableContent)
            #expect(html(extend).contains("value=\"lots\""))
            #expect(html(extend).contains("id=\"f-months-error\"") && html(extend).contains("aria-describedby=\"f-months-error\""))
            #expect(html(extend).contains("href=\"#f-months\""))
            // The use case's own sentence, as the command line prints it.
            let register = try await client.postForm("/register", as: b["okafor"], [
                ("caseRef", "N-1"), ("name", "Nia Newman"), ("born", "1990-02-30"), ("released", "2026-03-09"),
                ("months", "6"), ("level", "low"), ("officer", "okafor"), ("formId", FormData.newFormID())])
            #expect(register.status == .unprocessableContent)
            let page = html(register)
            #expect(page.contains("id=\"f-born-error\""))
            #expect(page.contains("value=\"Nia Newman\"") && page.contains("value=\"1990-02-30\""))
            #expect(page.contains("<option value=\"low\" selected>"))
            let months = try await client.postForm("/cases/\(a1)/extend", as: b["okafor"], [("months", "1"), ("formId", "short")])
            #expect(months.status == .unprocessableContent)
            // Nothing changed: not even an audit entry.
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test("a form without its CSRF token, or with a wrong one, is refused with 403 and changes nothing")
    func csrf() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let a1 = try fixture.personId("A-1")
            let before = try fixture.snapshot()
            let fields = [("months", "1"), ("formId", FormData.newFormID())]
            let missing = try await client.postForm("/cases/\(a1)/extend", as: b["okafor"], fields, csrf: .none)
            // A page's refusal is a page (a person reads it), with the same sentence as the API's.
            #expect(missing.status == .forbidden && html(missing).contains("This form could not be sent"))
            #expect(html(missing).contains("did not come from a Caseload page of this server"))
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            let wrong = try await client.postForm("/cases/\(a1)/extend", as: b["okafor"], fields, csrf: .some(b["lindqvist"]!.csrf))
            #expect(wrong.status == .forbidden && html(wrong).contains("This form could not be sent"))
            // An unknown address outside the API is a page too; under /api/ it stays JSON.
            let nowhere = try await client.page("/no/such/page", as: b["okafor"])
            #expect(nowhere.status == .notFound && html(nowhere).contains("Page not found"))
            #expect(errorCode(try await client.page("/api/v1/no-such-thing", as: b["okafor"])) == "not-found")
            let signOut = try await client.postForm("/sign-out", as: b["okafor"], [], csrf: .none)
            #expect(signOut.status == .forbidden)
            #expect(try fixture.snapshot() == before)
            // With the token it goes through, and the back button's second post records nothing more.
            let done = try await client.postForm("/cases/\(a1)/extend", as: b["okafor"], fields)
            #expect(done.status == .seeOther && done.headers[.location] == "/cases/\(a1)?done=extend")
        }
    }

    @Test("a double submit records one life-log entry and sends both posts to the same page")
    func doubleSubmit() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let formID = FormData.newFormID()
            let fields = [("residence", "Flat 2"), ("wellbeing", "4"), ("needs", "housing"), ("needs", "money"), ("formId", formID)]
            let first = try await client.postForm("/portal/lifelog", as: b["A-1"], fields)
            let second = try await client.postForm("/portal/lifelog", as: b["A-1"], fields)
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers[.location] == "/portal?done=lifelog" && second.headers[.location] == first.headers[.location])
            #expect(try fixture.count("SELECT count(*) FROM life_log_entry") == 1)
            #expect(try fixture.count("SELECT count(*) FROM life_log_need") == 2)
            #expect(try fixture.count("SELECT count(*) FROM location_report") == 0)
            // A new form (a new id) is a new entry; sharing a location attaches it.
            let shared = try await client.postForm("/portal/lifelog", as: b["A-1"], [
                ("shareLocation", "true"), ("lat", "51.5"), ("lon", "-0.12"), ("accuracy", "20"), ("formId", FormData.newFormID())])
            #expect(shared.status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM life_log_entry") == 2)
            #expect(try fixture.count("SELECT count(*) FROM location_report") == 1)
            // Coordinates without the tick are not sent.
            _ = try await client.postForm("/portal/lifelog", as: b["A-1"], [
                ("lat", "51.5"), ("lon", "-0.12"), ("formId", FormData.newFormID())])
            #expect(try fixture.count("SELECT count(*) FROM location_report") == 1)
            let portal = html(try await client.page("/portal?done=lifelog", as: b["A-1"]))
            #expect(portal.contains("Your entry has been sent"))
            #expect(portal.contains("Flat 2") && portal.contains("Housing, Money"))
        }
    }

    @Test("a series is previewed without saving, then saved once")
    func interviewPreview() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let a1 = try fixture.personId("A-1")
            let fields = [("at", "2026-03-16T10:00"), ("minutes", "45"), ("kind", "office"), ("repeat", "3"), ("every", "7")]
            let before = try fixture.count("SELECT count(*) FROM appointment")
            let preview = try await client.postForm("/cases/\(a1)/interviews", as: b["okafor"], fields + [("action", "preview")])
            #expect(preview.status == .ok)
            let page = html(preview)
            #expect(page.contains("Monday 16 March 2026, 10:00") && page.contains("Monday 30 March 2026, 10:00"))
            #expect(try fixture.count("SELECT count(*) FROM appointment") == before)
            let formID = try #require(page.range(of: "name=\"formId\" value=\"").map { String(page[$0.upperBound...].prefix(64).prefix { $0 != "\"" }) })
            // "Change the details" draws the form again with what was typed; nothing saved.
            let change = try await client.postForm("/cases/\(a1)/interviews", as: b["okafor"], fields + [("action", "edit"), ("formId", formID)])
            #expect(change.status == .ok && html(change).contains("value=\"2026-03-16T10:00\"") && html(change).contains("id=\"preview\""))
            #expect(try fixture.count("SELECT count(*) FROM appointment") == before)
            let save = fields + [("action", "save"), ("formId", formID)]
            let saved = try await client.postForm("/cases/\(a1)/interviews", as: b["okafor"], save)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/cases/\(a1)?done=interviews")
            _ = try await client.postForm("/cases/\(a1)/interviews", as: b["okafor"], save)
            #expect(try fixture.count("SELECT count(*) FROM appointment") == before + 3)
            // The portal shows the next one, readable, in the agency's zone.
            let portal = html(try await client.page("/portal", as: b["A-1"]))
            #expect(portal.contains("Monday 16 March 2026, 10:00") && portal.contains("At the office"))
        }
    }

    /// Left empty on the page or left out of the API's body, length, kind and count are the use
    /// case's standard (docs/interviews.md §4), not a default of the web's own.
    @Test("an interview given only its time is the standard one, from the page and the API alike")
    func interviewStandard() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let a1 = try fixture.personId("A-1")
            let saved = try await client.postForm("/cases/\(a1)/interviews", as: b["okafor"], [
                ("at", "2026-03-16T10:00"), ("minutes", ""), ("kind", ""), ("repeat", ""), ("every", ""),
                ("action", "save"), ("formId", FormData.newFormID())])
            #expect(saved.status == .seeOther)
            let answer = try await client.send(.post, "/api/v1/interviews", as: b["okafor"],
                                               body: ["caseRef": "A-1", "at": "2026-03-17T10:00"])
            #expect(answer.status == .ok)
            let booked = try JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [[String: Any]]
            #expect(booked?.count == 1)
            #expect(booked?.first?["minutes"] as? Int == 60 && booked?.first?["kind"] as? String == "office")
            #expect(try fixture.count("SELECT count(*) FROM appointment WHERE local_date IN ('2026-03-16', '2026-03-17')") == 2)
            #expect(try fixture.count("""
                SELECT count(*) FROM appointment
                WHERE local_date IN ('2026-03-16', '2026-03-17') AND local_time = '10:00' AND minutes = 60 AND kind = 'office'
                """) == 2)
        }
    }

    @Test("names are escaped, control characters shown as escapes, nothing personal in addresses")
    func escaping() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await Self.browsers(fixture, client)
            let registered = try await client.postForm("/register", as: b["okafor"], [
                ("caseRef", "X-1"), ("name", "<script>alert(1)</script>"), ("born", "1990-01-01"), ("released", "2026-03-09"),
                ("months", "6"), ("level", "low"), ("officer", "okafor"), ("formId", FormData.newFormID())])
            #expect(registered.status == .seeOther)
            let location = try #require(registered.headers[.location])
            #expect(location.hasPrefix("/cases/") && !location.contains("X-1"))
            let record = html(try await client.page(String(location.prefix { $0 != "?" }), as: b["okafor"]))
            #expect(record.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!record.contains("<script>alert"))
            // A value stored before input hygiene (or by another tool) with a control character.
            try fixture.caseload.database.write { try $0.execute("UPDATE person SET name = ? WHERE case_ref = 'A-1'", ["Evil\u{202E}Name\u{1B}[2J"]) }
            let list = html(try await client.page("/cases", as: b["okafor"]))
            #expect(list.contains("Evil\\u{202E}Name\\u{1B}[2J"))
            #expect(!list.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
            // A search is posted, and finds by part of the name.
            let found = html(try await client.postForm("/cases", as: b["okafor"], [("q", "evil")]))
            #expect(found.contains("Evil\\u{202E}Name") && !found.contains("X-1"))
        }
    }

    @Test("the static files: long cache, no personal data; pages keep no-store")
    func staticFiles() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let css = try await client.page("/static/caseload.css")
            #expect(css.status == .ok && css.headers[.cacheControl] == "public, max-age=86400")
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let script = try await client.page("/static/location.js")
            #expect(script.status == .ok && html(script).contains("navigator.geolocation"))
            #expect(try await client.page("/static/other.js").status == .notFound)
            let signIn = try await client.page("/sign-in")
            #expect(signIn.headers[.cacheControl] == "no-store" && html(signIn).contains("href=\"#main-content\""))
        }
    }

    @Test("violation review, recall decision with rationale, and the admin forms")
    func reviewAndDecide() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            // Weeks later, A-1's missed life-log entries are violations (sign in then: a session
            // idles out after 30 minutes).
            fixture.clock.advance(seconds: 40 * 86_400)
            let b = try await Self.browsers(fixture, client)
            let list = try await client.page("/violations", as: b["okafor"])
            #expect(list.status == .ok)
            let ids = try fixture.caseload.database.read {
                try $0.fetchAll("SELECT v.id FROM violation v JOIN supervision_term t ON t.id = v.term_id JOIN person p ON p.id = t.person_id WHERE p.case_ref = 'A-1' ORDER BY v.id") { try $0.get(0) as Int64 }
            }
            try #require(ids.count >= 2)
            let before = try fixture.snapshot()
            let noReason = try await client.postForm("/violations/\(ids[0])/dismiss", as: b["okafor"], [("reason", ""), ("formId", FormData.newFormID())])
            #expect(noReason.status == .unprocessableContent)
            #expect(html(noReason).contains("dismiss-\(ids[0])-f-reason-error"))
            #expect(try fixture.snapshot() == before)
            for id in ids.prefix(2) {
                let confirmed = try await client.postForm("/violations/\(id)/confirm", as: b["okafor"], [("reason", ""), ("formId", FormData.newFormID())])
                #expect(confirmed.status == .seeOther && confirmed.headers[.location] == "/violations?done=confirmed")
            }
            let a1 = try fixture.personId("A-1")
            let recalls = html(try await client.page("/recalls", as: b["sutherland"]))
            #expect(recalls.contains("/recalls/\(a1)"))
            let snapshot = try fixture.snapshot()
            let noRationale = try await client.postForm("/recalls/\(a1)", as: b["sutherland"], [("decision", "reject"), ("rationale", " "), ("formId", FormData.newFormID())])
            #expect(noRationale.status == .unprocessableContent && html(noRationale).contains("r\(a1)-f-rationale-error"))
            #expect(try fixture.snapshot() == snapshot)
            let officer = try await client.postForm("/recalls/\(a1)", as: b["okafor"], [("decision", "reject"), ("rationale", "x"), ("formId", FormData.newFormID())])
            #expect(officer.status == .forbidden)
            let rejected = try await client.postForm("/recalls/\(a1)", as: b["sutherland"], [("decision", "reject"), ("rationale", "Engaging well"), ("formId", FormData.newFormID())])
            #expect(rejected.status == .seeOther)
            #expect(try fixture.count("SELECT count(*) FROM recall_decision WHERE decision = 'reject'") == 1)

            // Admin: a holiday, a refused officer, an invitation shown once.
            let holiday = try await client.postForm("/admin/holidays", as: b["admin"], [("date", "2026-12-25"), ("name", "Christmas"), ("formId", FormData.newFormID())])
            #expect(holiday.status == .seeOther)
            #expect(html(try await client.page("/admin", as: b["admin"])).contains("Friday 25 December 2026: Christmas"))
            let bad = try await client.postForm("/admin/officers", as: b["admin"], [("id", "new one"), ("name", "New"), ("role", "officer"), ("formId", FormData.newFormID())])
            #expect(bad.status == .unprocessableContent && html(bad).contains("add-f-id-error"))
            let inviteID = FormData.newFormID()
            let invite = try await client.postForm("/admin/invite", as: b["admin"], [("id", "lindqvist"), ("formId", inviteID)])
            #expect(invite.status == .ok && html(invite).contains("id=\"activation-code\""))
            let again = try await client.postForm("/admin/invite", as: b["admin"], [("id", "lindqvist"), ("formId", inviteID)])
            #expect(again.status == .seeOther && again.headers[.location] == "/admin?done=invited")
        }
    }
}

@Suite("Web pages: posts by the wrong account")
struct PagePostRefusalTests {
    @Test("a post to a page outside the account's rights is 403 and changes nothing")
    func wrongAccountPosts() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let b = try await PageTests.browsers(fixture, client)
            let a1 = try fixture.personId("A-1"), b2 = try fixture.personId("B-2")
            let before = try fixture.snapshot()
            let refusals: [(String, String, [(String, String)])] = [
                ("A-1", "/cases/\(a1)/extend", [("months", "1")]),             // a supervisee on a staff page
                ("A-1", "/register", [("caseRef", "N-1")]),
                ("A-1", "/admin/holidays", [("date", "2026-12-25")]),
                ("okafor", "/cases/\(b2)/extend", [("months", "1")]),          // another officer's case
                ("okafor", "/cases/\(b2)/invite", []),
                ("okafor", "/portal/lifelog", [("residence", "x")]),           // staff on the portal
                ("okafor", "/admin/officers", [("id", "x"), ("name", "X"), ("role", "officer")]),
                ("admin", "/cases/\(a1)/discharge", [("reason", "x")]),        // an admin does no case work
                ("admin", "/recalls/\(a1)", [("decision", "approve"), ("rationale", "x")]),
                ("sutherland", "/admin/deactivate", [("id", "okafor")]),
            ]
            for (user, uri, fields) in refusals {
                let response = try await client.postForm(uri, as: b[user], fields + [("formId", FormData.newFormID())])
                #expect(response.status == .forbidden, "\(user) \(uri): \(response.status)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test("the portal shows the supervisee's own next appointment, never an officer's notes")
    func portalHidesOfficerNotes() async throws {
        let fixture = try WebFixture()
        let now = fixture.clock.now
        let booked = try fixture.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T08:00", kind: "office"),
                                                             actorID: "okafor", now: now)
        _ = try fixture.caseload.logOutcome(OutcomeRequest(appointmentId: booked[0].id!, outcome: "attended",
                                                           notes: "Officer-only remark about the family"),
                                            actorID: "okafor", now: now)
        _ = try fixture.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-17T15:30", minutes: 30, kind: "phone"),
                                                    actorID: "okafor", now: now)
        _ = try fixture.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "B-2", at: "2026-03-13T09:00", kind: "home"),
                                                    actorID: "lindqvist", now: now)
        try await fixture.application().test(.router) { client in
            let a1 = try await client.account(fixture, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let portal = html(try await client.page("/portal", as: a1))
            #expect(portal.contains("Tuesday 17 March 2026, 15:30") && portal.contains("A phone call, 30 minutes"))
            #expect(!portal.contains("Officer-only remark"))
            #expect(!portal.contains("Person B-2") && !portal.contains("Friday 13 March 2026"))
            // The record shows the note to the officer.
            let okafor = try await client.account(fixture, "okafor", invitedBy: "admin")
            let record = html(try await client.page("/cases/\(try fixture.personId("A-1"))", as: okafor))
            #expect(record.contains("Officer-only remark about the family"))
        }
    }

    @Test("the record numbers a person's terms from their first release, not by the database's id")
    func recordNumbersThePersonsOwnTerms() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let lindqvist = try await client.account(fixture, "lindqvist", invitedBy: "admin")
            // B-2's term is the agency's second (A-1 was registered first).
            let record = html(try await client.page("/cases/\(try fixture.personId("B-2"))", as: lindqvist))
            #expect(record.contains("<dt>Term 1</dt>"))
            #expect(!record.contains("<dt>Term 2</dt>"))
            #expect(record.contains("id=\"next-interview-2\""))
        }
    }

    @Test("the record says when the next interview is overdue, from the day after its due date")
    func recordSaysWhenTheNextInterviewIsOverdue() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            var okafor = try await client.account(fixture, "okafor", invitedBy: "admin")
            let path = "/cases/\(try fixture.personId("A-1"))"
            // Released Monday 2 March (medium): first interview due Thursday 5 March; today is Tuesday 10 March.
            #expect(html(try await client.page(path, as: okafor))
                .contains("<dd id=\"next-interview-1\">Thursday 5 March 2026 — <strong>5 days overdue</strong></dd>"))
            // Attended today: next due in 14 days, not overdue, and on the due day itself still in time.
            let booked = try fixture.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T08:00"),
                                                                 actorID: "okafor", now: fixture.clock.now)
            _ = try fixture.caseload.logOutcome(OutcomeRequest(appointmentId: try #require(booked[0].id), outcome: "attended"),
                                                actorID: "okafor", now: fixture.clock.now)
            #expect(html(try await client.page(path, as: okafor)).contains("<dd id=\"next-interview-1\">Tuesday 24 March 2026</dd>"))
            // Days later the session has ended: sign in again each time.
            fixture.clock.advance(seconds: 14 * 86_400)
            okafor = try await client.browser("okafor", WebFixture.password("okafor"))
            #expect(html(try await client.page(path, as: okafor)).contains("<dd id=\"next-interview-1\">Tuesday 24 March 2026</dd>"))
            fixture.clock.advance(seconds: 86_400)
            okafor = try await client.browser("okafor", WebFixture.password("okafor"))
            #expect(html(try await client.page(path, as: okafor))
                .contains("<dd id=\"next-interview-1\">Tuesday 24 March 2026 — <strong>1 day overdue</strong></dd>"))
        }
    }

    /// A-1 (medium, released 2026-03-02): a life-log due Monday 9 March, its window open to
    /// Wednesday 11 March; the clock is Tuesday 10 March. The record says what the portal says.
    @Test("the record shows the next life-log entry as the portal does: an open window, then the next one")
    func recordShowsNextLifeLogAsThePortal() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let okafor = try await client.account(fixture, "okafor", invitedBy: "admin")
            let a1 = try await client.account(fixture, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let path = "/cases/\(try fixture.personId("A-1"))"
            let open = "<dt>Next life-log entry</dt><dd id=\"next-lifelog-1\">due Monday 9 March 2026 — the window is open until Wednesday 11 March 2026, nothing submitted yet</dd>"
            #expect(html(try await client.page(path, as: okafor)).contains(open))
            #expect(html(try await client.page("/portal", as: a1)).contains("Due <strong>Monday 9 March 2026</strong>"))

            // The entry fills 9 March: both move to the next due date, not yet open.
            _ = try fixture.caseload.submitLifeLog(LifeLogSubmission(caseRef: "A-1", residence: "Flat 2"),
                                                   actorID: "supervisee:A-1", now: fixture.clock.now)
            let record = html(try await client.page(path, as: okafor))
            #expect(record.contains("<dt>Next life-log entry</dt><dd id=\"next-lifelog-1\">due Monday 16 March 2026</dd>"))
            #expect(!record.contains("the window is open"))
            #expect(html(try await client.page("/portal", as: a1)).contains("Due <strong>Monday 16 March 2026</strong>"))

            // B-2 sent nothing: on Thursday 12 March 9 March's window has closed (missed), and the
            // next one is shown, not the missed one.
            fixture.clock.advance(seconds: 2 * 86_400)
            let lindqvist = try await client.account(fixture, "lindqvist", invitedBy: "admin")
            let b2 = html(try await client.page("/cases/\(try fixture.personId("B-2"))", as: lindqvist))
            #expect(b2.contains("<dd id=\"next-lifelog-2\">due Monday 16 March 2026</dd>"), "\(b2)")
        }
    }
}

@Suite("Web pages: logging an outcome")
struct OutcomePageTests {
    @Test("the outcome page offers the person's interviews; a refusal keeps the choice; the outcome is logged once")
    func outcome() async throws {
        let fixture = try WebFixture()
        let booked = try fixture.caseload.scheduleInterviews(
            InterviewScheduleRequest(caseRef: "A-1", at: "2026-03-10T08:00", minutes: 30, kind: "office"),
            actorID: "okafor", now: fixture.clock.now)
        _ = try fixture.caseload.scheduleInterviews(InterviewScheduleRequest(caseRef: "B-2", at: "2026-03-10T08:00", kind: "home"),
                                                    actorID: "lindqvist", now: fixture.clock.now)
        let id = try #require(booked[0].id)
        try await fixture.application().test(.router) { client in
            let okafor = try await client.account(fixture, "okafor", invitedBy: "admin")
            let a1 = try fixture.personId("A-1")
            let page = html(try await client.page("/cases/\(a1)/outcome", as: okafor))
            #expect(page.contains("<option value=\"\(id)\">Tuesday 10 March 2026, 08:00: office interview \(id) (no outcome yet)</option>"))
            #expect(!page.contains("home interview"))  // B-2's is not offered
            let before = try fixture.snapshot()
            let refused = try await client.postForm("/cases/\(a1)/outcome", as: okafor,
                                                    [("appointmentId", String(id)), ("formId", FormData.newFormID())])
            #expect(refused.status == .unprocessableContent)
            #expect(html(refused).contains("<option value=\"\(id)\" selected>") && html(refused).contains("id=\"f-outcome-error\""))
            #expect(try fixture.snapshot() == before)
            let fields = [("appointmentId", String(id)), ("outcome", "attended"), ("notes", "On time"), ("formId", FormData.newFormID())]
            let logged = try await client.postForm("/cases/\(a1)/outcome", as: okafor, fields)
            let again = try await client.postForm("/cases/\(a1)/outcome", as: okafor, fields)
            #expect(logged.status == .seeOther && again.headers[.location] == logged.headers[.location])
            #expect(try fixture.count("SELECT count(*) FROM appointment_outcome") == 1)
            #expect(html(try await client.page("/cases/\(a1)/outcome", as: okafor)).contains("office interview \(id) (attended)"))
        }
    }
}
