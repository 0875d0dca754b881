import SupervisionRules
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `caseload account` and `caseload serve`, through the real executable.
@Suite struct ServeAndAccountTests {
    @Test func invitationsFollowTheRolesAndDeactivationStopsTheCommandLineToo() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let asOf = "2026-03-04T12:00"
        let invitation = try sandbox.ok(["account", "invite", "--id", "okafor", "--format", "json"], actor: "root", asOf: asOf).object()
        #expect(invitation.string("userName") == "okafor")
        #expect((invitation.string("code") ?? "").count == 39)  // 32 symbols in groups of four
        // The code is shown once: only its hash is in the database.
        #expect(!(try sandbox.dump()).contains(invitation.string("code")!))
        try sandbox.refused(77, ["account", "invite", "--id", "patel"], actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["account", "invite", "--case-ref", "A-1"], actor: "patel", asOf: asOf)
        try sandbox.refused(77, ["account", "invite", "--case-ref", "A-1"], actor: "root", asOf: asOf)
        try sandbox.refused(64, ["account", "invite"], actor: "root", asOf: asOf)
        try sandbox.refused(64, ["account", "invite", "--id", "okafor", "--case-ref", "A-1"], actor: "root", asOf: asOf)
        try sandbox.refused(66, ["account", "invite", "--id", "nobody"], actor: "root", asOf: asOf)
        try sandbox.ok(["account", "invite", "--case-ref", "A-1"], actor: "okafor", asOf: asOf)

        try sandbox.refused(77, ["account", "deactivate", "--id", "patel"], actor: "sutherland", asOf: asOf)
        try sandbox.ok(["account", "deactivate", "--id", "patel"], actor: "clerk", asOf: asOf)
        // A deactivated account may no longer act on the command line either.
        try sandbox.refused(77, ["overdue"], actor: "patel", asOf: asOf)
        try sandbox.refused(77, ["show", "--case-ref", "B-2"], actor: "patel", asOf: asOf)
        try sandbox.refused(65, ["account", "invite", "--id", "patel"], actor: "root", asOf: asOf)
        let actions = try sandbox.sql("SELECT action FROM audit_log WHERE action LIKE 'account.%' OR action = 'officer.deactivate' ORDER BY seq")
        #expect(actions.split(separator: "\n") == ["account.invite", "account.invite", "officer.deactivate"])
    }

    /// The server on a free loopback port: activation and sign-in over HTTP, the command line
    /// writing to the same file while the server runs, and a clean stop on SIGTERM.
    @Test func serveBesideTheCommandLineAndStopOnSIGTERM() async throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let code = try sandbox.ok(["account", "invite", "--case-ref", "A-1", "--format", "json"], actor: "okafor").object()
            .string("code")!
        let server = Process()
        server.executableURL = Harness.executable
        server.arguments = ["serve", "--db", sandbox.database, "--port", "0"]
        server.environment = Harness.baseEnvironment
        let output = Pipe()
        server.standardOutput = output
        server.standardError = output
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // The first line says where it listens (the port the system chose).
        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "the server stopped before it listened")
            firstLine.append(chunk)
        }
        let line = String(decoding: firstLine, as: UTF8.self)
        let port = try #require(line.split(separator: "\n")[0].split(separator: ":").last.flatMap { Int($0) }, "\(line)")
        let base = "http://127.0.0.1:\(port)"

        func request(_ method: String, _ path: String, json: [String: Any]? = nil,
                     cookie: String? = nil) async throws -> (Int, [String: Any], HTTPURLResponse) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = method
            request.httpShouldHandleCookies = false
            if let json {
                request.httpBody = try JSONSerialization.data(withJSONObject: json)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as! HTTPURLResponse
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (http.statusCode, object, http)
        }

        #expect(try await request("GET", "/healthz").0 == 200)
        let password = "a long enough secret 12"
        #expect(try await request("POST", "/api/v1/activate", json: ["userName": "A-1", "code": code, "password": password]).0 == 200)
        let (status, _, signIn) = try await request("POST", "/api/v1/session", json: ["userName": "A-1", "password": password])
        #expect(status == 200)
        let setCookie = try #require(signIn.value(forHTTPHeaderField: "Set-Cookie"))
        let cookie = String(setCookie.split(separator: ";")[0])

        // The command line writes to the same file while the server holds its connections.
        try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1", "--wellbeing", "4"], actor: "supervisee:A-1")
        let (recordStatus, record, _) = try await request("GET", "/api/v1/cases/A-1", cookie: cookie)
        #expect(recordStatus == 200)
        #expect((record["person"] as? [String: Any])?["caseRef"] as? String == "A-1")
        #expect(try await request("GET", "/api/v1/cases/B-2", cookie: cookie).0 == 403)

        server.terminate()  // SIGTERM
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /api/v1/cases/** 200"))
        #expect(!log.contains("A-1"))
        #expect(!log.contains(code))
    }
}
