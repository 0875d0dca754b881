import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Synchronization
import Testing
@testable import CaseloadWeb
@testable import Supervision

/// The clock every request of a test runs at; tests move it by hand (no sleeping).
final class TestClock: Sendable {
    private let seconds: Mutex<Int64>
    init(_ start: Instant) { seconds = Mutex(start.secondsSinceEpoch) }
    var now: Instant { Instant(secondsSinceEpoch: seconds.withLock { $0 }) }
    func advance(seconds delta: Int64) { seconds.withLock { $0 += delta } }
}

/// Everything the server logged, one string per line (message and metadata).
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let error = event.error.map { " error: \($0)" } ?? ""
        capture.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)\(error)") }
    }
}

/// A signed-in browser: its session cookie and the CSRF token it sends back.
struct Browser: Sendable {
    let cookie: String
    let csrf: String
}

/// A fresh agency in a temporary database file (WAL, a real writer and readers): officers
/// okafor and lindqvist, supervisor sutherland, admin, an officer to deactivate (retired), and
/// two supervisees: A-1 on okafor's caseload, B-2 on lindqvist's.
/// A temporary folder removed when the last fixture holding it goes.
final class TemporaryFolder: Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

struct WebFixture {
    static let start = Instant(storage: "2026-03-10T10:00:00Z")!
    let folder: TemporaryFolder
    let path: String
    let caseload: Caseload
    let clock: TestClock
    let logs = LogCapture()
    let pool: DatabasePool
    let services: WebServices
    let logger: Logger

    init() throws {
        folder = try TemporaryFolder()
        path = folder.url.appendingPathComponent("agency.sqlite").path
        let setup = Instant(storage: "2026-03-01T09:00:00Z")!
        _ = try Caseload.initialize(path: path, timeZone: "UTC", agencyName: nil, adminID: "admin", now: setup)
        caseload = try Caseload.open(path: path)
        for (id, role) in [("okafor", Role.officer), ("lindqvist", .officer), ("sutherland", .supervisor), ("retired", .officer)] {
            _ = try caseload.addOfficer(id: id, name: "Officer \(id)", role: role, actorID: "admin", now: setup)
        }
        for (ref, officer) in [("A-1", "okafor"), ("B-2", "lindqvist")] {
            _ = try caseload.register(ReleaseRegistration(caseRef: ref, name: "Person \(ref)", born: "1990-01-01",
                                                          released: "2026-03-02", months: 6, level: "medium",
                                                          officer: officer), actorID: officer, now: setup)
        }
        clock = TestClock(WebFixture.start)
        pool = try DatabasePool(path: path, readerCount: 2)
        let clock = self.clock
        services = WebServices(pool: pool, configuration: WebConfiguration(bcryptCost: 4, readers: 2, clock: { clock.now }))
        let capture = logs
        logger = Logger(label: "test") { _ in CapturingLogHandler(capture: capture) }
    }

    func application() -> some ApplicationProtocol {
        Application(router: makeRouter(services: services, logger: logger),
                    configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    }

    /// Every row of every table: equal snapshots mean nothing changed.
    func snapshot() throws -> String {
        try caseload.database.read { connection in
            let tables = try connection.fetchAll(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { try $0.get(0) as String }
            var text = ""
            for table in tables {
                var lines: [String] = []
                try connection.forEachRow("SELECT * FROM \"\(table)\"") { row in
                    lines.append((0..<row.columnCount).map { "\(row.value(at: $0))" }.joined(separator: " | "))
                }
                text += "== \(table) (\(lines.count))\n" + lines.sorted().joined(separator: "\n") + "\n"
            }
            return text
        }
    }

    func auditActions() throws -> [String] {
        try caseload.database.read { try $0.fetchAll("SELECT action FROM audit_log ORDER BY seq") { try $0.get(0) as String } }
    }

    func invite(id: String? = nil, caseRef: String? = nil, by actor: String) throws -> AccountInvitation {
        try caseload.inviteAccount(staffID: id, caseRef: caseRef, actorID: actor, now: clock.now)
    }

    static func password(_ user: String) -> String { "a long enough secret #\(user.count)-\(user.unicodeScalars.first!.value)" }
}

// MARK: - HTTP helpers

func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

func jsonObject(_ response: TestResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
}

func errorCode(_ response: TestResponse) -> String? {
    (jsonObject(response)["error"] as? [String: Any])?["code"] as? String
}

extension TestClientProtocol {
    /// A request as a browser on this server's page would send it: same Origin, the session's
    /// cookie and CSRF token.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as browser: Browser? = nil, body: [String: Any]? = nil,
              origin: String? = "http://localhost", csrf: String? = nil, bearer: String? = nil,
              extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let browser {
            headers[.cookie] = browser.cookie
            headers[AuthenticationMiddleware.csrfHeader] = csrf ?? browser.csrf
        } else if let csrf {
            headers[AuthenticationMiddleware.csrfHeader] = csrf
        }
        if let origin, method != .get { headers[.origin] = origin }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map(jsonBody))
    }

    func signIn(_ user: String, _ password: String) async throws -> TestResponse {
        try await send(.post, "/api/v1/session", body: ["userName": user, "password": password])
    }

    /// Signs in and returns the browser, failing the test if sign-in is refused.
    func browser(_ user: String, _ password: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Browser {
        let response = try await signIn(user, password)
        #expect(response.status == .ok, "sign-in of \(user): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        let setCookie = try #require(response.headers[.setCookie], sourceLocation: sourceLocation)
        let cookie = String(setCookie.split(separator: ";")[0])
        let csrf = try #require(jsonObject(response)["csrfToken"] as? String, sourceLocation: sourceLocation)
        return Browser(cookie: cookie, csrf: csrf)
    }

    func activate(_ user: String, code: String, password: String) async throws -> TestResponse {
        try await send(.post, "/api/v1/activate", body: ["userName": user, "code": code, "password": password])
    }

    /// Invites (as `inviter`), activates with the fixture's password and signs in.
    func account(_ fixture: WebFixture, _ user: String, caseRef: String? = nil, invitedBy inviter: String,
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> Browser {
        let invitation = caseRef == nil ? try fixture.invite(id: user, by: inviter)
                                        : try fixture.invite(caseRef: caseRef, by: inviter)
        let name = caseRef ?? user
        let activation = try await activate(name, code: invitation.code, password: WebFixture.password(name))
        #expect(activation.status == .ok, "activation of \(name): \(String(buffer: activation.body))",
                sourceLocation: sourceLocation)
        return try await browser(name, WebFixture.password(name), sourceLocation: sourceLocation)
    }
}
