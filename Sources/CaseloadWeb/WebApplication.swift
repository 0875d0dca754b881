import SupervisionRules
import Foundation
import Hummingbird
import Logging
import Storage
import Supervision

/// `caseload serve`: the application over the database at `databasePath`.
///
/// The database must exist and be current (`caseload init`); the server creates and migrates
/// nothing, like every command but `init`.
public func makeWebApplication(databasePath: String, configuration: WebConfiguration,
                               logger: Logger) throws -> some ApplicationProtocol {
    _ = try Caseload.open(path: databasePath)
    let pool = try DatabasePool(path: databasePath, readerCount: configuration.readers)
    let services = WebServices(pool: pool, configuration: configuration)
    let router = makeRouter(services: services, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        logger: logger)
}

func makeRouter(services: WebServices, logger: Logger) -> Router<WebContext> {
    let router = Router(context: WebContext.self)
    // Order matters: the response layer wraps everything (so even a refused request gets its
    // headers and log line), then who is asking, then the routes.
    router.add(middleware: ResponseMiddleware(logger: logger))
    router.add(middleware: AuthenticationMiddleware(services: services))

    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
    }
    addSessionRoutes(router, services)
    addSignInPages(router, services)
    addStaffPages(router, services)
    addCasePages(router, services)
    addAdminAndPortalPages(router, services)
    addCaseRoutes(router, services)
    return router
}

// MARK: - Request helpers

/// Decodes a JSON body; a missing or mistyped key is a 422 naming it, anything else a 400.
func decodeBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
    let buffer = try await request.body.collect(upTo: 256 * 1024)
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch DecodingError.keyNotFound(let key, _) {
        throw APIError(.unprocessableContent, "invalid", "\(key.stringValue): is required.", field: key.stringValue)
    } catch DecodingError.valueNotFound(_, let context) {
        let key = context.codingPath.last?.stringValue ?? "body"
        throw APIError(.unprocessableContent, "invalid", "\(key): is required.", field: key)
    } catch DecodingError.typeMismatch(_, let context) {
        let key = context.codingPath.last?.stringValue ?? "body"
        throw APIError(.unprocessableContent, "invalid", "\(key): has the wrong type.", field: key)
    } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
        let key = context.codingPath.last?.stringValue ?? "body"
        throw APIError(.unprocessableContent, "invalid", "\(key): is not one of the accepted values.", field: key)
    } catch {
        throw APIError(.badRequest, "usage", "The request body must be a JSON object.")
    }
}

func pathID(_ context: WebContext, _ name: String = "id") throws -> Int64 {
    guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
        throw APIError(.badRequest, "usage", "The id in the address must be a positive whole number.", field: name)
    }
    return id
}

func json<T: Encodable>(_ value: T) -> Response { JSONResponse.make(value) }

private func review(_ request: Request, _ context: WebContext, _ services: WebServices,
                    confirm: Bool) async throws -> Response {
    let actor = try context.actorID(), now = services.clock()
    let id = try pathID(context)
    let body = try await decodeBody(ReviewBody.self, request)
    return json(try await services.write {
        try $0.reviewViolation(id: id, confirm: confirm, reason: body.reason, actorID: actor, now: now)
    })
}

/// What most of the API's actions do, as `record` does on the command line: the signed-in actor
/// (else 401), the clock, the JSON body (else 422 or 400), then one use case on the writer, its
/// result answered as JSON. A route that reads the address or checks a value first does these
/// steps itself.
private func act<Body: Decodable & Sendable, Result: Encodable & Sendable>(
    _ request: Request, _ context: WebContext, _ services: WebServices, _: Body.Type,
    _ useCase: @escaping @Sendable (Caseload, Body, _ actorID: String, _ now: Instant) throws -> Result
) async throws -> Response {
    let actor = try context.actorID(), now = services.clock()
    let body = try await decodeBody(Body.self, request)
    return json(try await services.write { try useCase($0, body, actor, now) })
}

// MARK: - The case work API (docs/web.md §13), the same use cases as the command line

func addCaseRoutes(_ router: Router<WebContext>, _ services: WebServices) {
    let api = router.group("/api/v1")

    api.get("/overdue") { request, context in
        let actor = try context.actorID(), now = services.clock()
        let officer = request.uri.queryParameters.get("officer")
        return json(try await services.read { try $0.overdueList(officer: officer, actorID: actor, now: now) })
    }
    api.get("/violations") { request, context in
        let actor = try context.actorID(), now = services.clock()
        let officer = request.uri.queryParameters.get("officer")
        let rawStatus = request.uri.queryParameters.get("status") ?? "open"
        guard let status = ViolationListStatus(rawValue: rawStatus) else {
            throw APIError(.unprocessableContent, "invalid", "status: must be open, confirmed, dismissed or all.", field: "status")
        }
        // The listing scans first (it records what it finds), so it runs on the writer.
        return json(try await services.write {
            try $0.violationList(status: status, officer: officer, actorID: actor, now: now)
        })
    }
    // A case reference may contain "/", so the record's address takes the rest of the path.
    api.get("/cases/**") { _, context in
        let actor = try context.actorID(), now = services.clock()
        let caseRef = context.parameters.getCatchAll().joined(separator: "/")
        // Reading a record is audited, so it runs on the writer.
        return json(try await services.write { try $0.show(caseRef: caseRef, actorID: actor, now: now) })
    }
    api.post("/register") { request, context in
        try await act(request, context, services, RegisterBody.self) { caseload, body, actor, now in
            try caseload.register(body.request, actorID: actor, now: now)
        }
    }
    api.post("/interviews") { request, context in
        try await act(request, context, services, ScheduleBody.self) { caseload, body, actor, now in
            try caseload.scheduleInterviews(body.request, actorID: actor, now: now)
        }
    }
    api.post("/interviews/:id/outcome") { request, context in
        let actor = try context.actorID(), now = services.clock()
        let id = try pathID(context)
        let body = try await decodeBody(OutcomeBody.self, request)
        return json(try await services.write { try $0.logOutcome(body.request(appointmentId: id), actorID: actor, now: now) })
    }
    api.post("/lifelog") { request, context in
        try await act(request, context, services, LifeLogBody.self) { caseload, body, actor, now in
            try caseload.submitLifeLog(body.request, actorID: actor, now: now)
        }
    }
    api.post("/locations") { request, context in
        try await act(request, context, services, LocationBody.self) { caseload, body, actor, now in
            try caseload.reportLocation(body.request, actorID: actor, now: now)
        }
    }
    api.post("/restrictions") { request, context in
        try await act(request, context, services, RestrictionBody.self) { caseload, body, actor, now in
            try caseload.addRestriction(body.request, actorID: actor, now: now)
        }
    }
    api.post("/violations/:id/confirm") { request, context in
        try await review(request, context, services, confirm: true)
    }
    api.post("/violations/:id/dismiss") { request, context in
        try await review(request, context, services, confirm: false)
    }
    api.post("/recall-decisions") { request, context in
        let actor = try context.actorID(), now = services.clock()
        let body = try await decodeBody(RecallBody.self, request)
        guard body.decision == "approve" || body.decision == "reject" else {
            throw APIError(.unprocessableContent, "invalid", "decision: must be approve or reject.", field: "decision")
        }
        return json(try await services.write {
            try $0.decideRecall(caseRef: body.caseRef, approve: body.decision == "approve", rationale: body.rationale,
                                actorID: actor, now: now)
        })
    }
    api.post("/scan") { request, context in
        try await act(request, context, services, ScanBody.self) { caseload, body, actor, now in
            try caseload.scan(officer: body.officer, actorID: actor, now: now)
        }
    }
    api.post("/terms/extend") { request, context in
        try await act(request, context, services, TermExtendBody.self) { caseload, body, actor, now in
            try caseload.extendTerm(caseRef: body.caseRef, byMonths: body.months, actorID: actor, now: now)
        }
    }
    api.post("/terms/discharge") { request, context in
        try await act(request, context, services, TermDischargeBody.self) { caseload, body, actor, now in
            try caseload.dischargeTerm(caseRef: body.caseRef, reason: body.reason, actorID: actor, now: now)
        }
    }
    api.post("/terms/level") { request, context in
        try await act(request, context, services, TermLevelBody.self) { caseload, body, actor, now in
            try caseload.changeLevel(caseRef: body.caseRef, level: body.level, reason: body.reason, actorID: actor, now: now)
        }
    }
    api.post("/officers") { request, context in
        let actor = try context.actorID(), now = services.clock()
        let body = try await decodeBody(OfficerBody.self, request)
        guard let role = Role(rawValue: body.role) else {
            throw APIError(.unprocessableContent, "invalid", "role: must be officer, supervisor or admin.", field: "role")
        }
        return json(try await services.write { try $0.addOfficer(id: body.id, name: body.name, role: role, actorID: actor, now: now) })
    }
    api.post("/holidays") { request, context in
        try await act(request, context, services, HolidayBody.self) { caseload, body, actor, now in
            try caseload.addHoliday(body.date, name: body.name, actorID: actor, now: now)
        }
    }
    api.post("/accounts/deactivate") { request, context in
        let actor = try context.actorID(), now = services.clock()
        let body = try await decodeBody(InviteBody.self, request)
        guard let id = body.id else {
            throw APIError(.unprocessableContent, "invalid", "id: is required.", field: "id")
        }
        return json(try await services.write { try $0.deactivateAccount(id: id, actorID: actor, now: now) })
    }
    api.post("/accounts/invite") { request, context in
        try await act(request, context, services, InviteBody.self) { caseload, body, actor, now in
            try caseload.inviteAccount(staffID: body.id, caseRef: body.caseRef, actorID: actor, now: now)
        }
    }
}

/// Runs the server until SIGINT or SIGTERM, then lets requests in flight finish.
public func runWebServer(databasePath: String, configuration: WebConfiguration, logger: Logger) async throws {
    let application = try makeWebApplication(databasePath: databasePath, configuration: configuration, logger: logger)
    try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
