import Foundation
import Storage
import SupervisionRules

/// What `caseload restriction add …` is asked to record (raw text as typed).
public struct RestrictionRequest: Sendable {
    public var kind: RestrictionKind
    public var caseRef: String
    /// Curfew: HH:MM local times, the days on which a window starts, home and tolerance.
    public var from: String?
    public var to: String?
    public var days: String?
    public var home: String?
    public var tolerance: Double?
    /// Exclusion, inclusion, travel-permit destination.
    public var circle: String?
    public var polygon: String?
    public var name: String?
    /// Effective dates (curfew, exclusion, inclusion); a travel permit uses `from`/`to` dates.
    public var starts: String?
    public var ends: String?
    public var reason: String?

    public init(kind: RestrictionKind, caseRef: String, from: String? = nil, to: String? = nil, days: String? = nil,
                home: String? = nil, tolerance: Double? = nil, circle: String? = nil, polygon: String? = nil,
                name: String? = nil, starts: String? = nil, ends: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.caseRef = caseRef
        self.from = from
        self.to = to
        self.days = days
        self.home = home
        self.tolerance = tolerance
        self.circle = circle
        self.polygon = polygon
        self.name = name
        self.starts = starts
        self.ends = ends
        self.reason = reason
    }
}

public struct RestrictionReceipt: Sendable, Equatable, Codable {
    public let restrictionId: Int64
    public let caseRef: String
    public let kind: String
    public let startsOn: String
    public let endsOn: String
    public let summary: String
}

public struct LocationReportRequest: Sendable {
    public var caseRef: String
    public var at: String
    public var latitude: Double
    public var longitude: Double
    public var accuracy: Double
    public var source: String?

    public init(caseRef: String, at: String, latitude: Double, longitude: Double, accuracy: Double = 0, source: String? = nil) {
        self.caseRef = caseRef
        self.at = at
        self.latitude = latitude
        self.longitude = longitude
        self.accuracy = accuracy
        self.source = source
    }
}

public struct LocationReceipt: Sendable, Equatable, Codable {
    public let reportId: Int64
    public let caseRef: String
    public let at: String
    public let source: String
    /// Worse than 1,000 m: kept, never a breach.
    public let lowAccuracy: Bool
}

extension Caseload {
    /// `caseload restriction add`: a restriction on the open term, effective from `starts`
    /// (default: today, or the term's start if later) to `ends` (default: the term's end), both
    /// inside the term. A curfew's home defaults to the person's registered home point.
    public func addRestriction(_ request: RestrictionRequest, actorID: String?, now: Instant) throws -> RestrictionReceipt {
        try change(actorID: actorID, now: now) { session in try session.addRestriction(request) }
    }

    /// `caseload location report`: a check-in by the supervisee or a sighting by an officer.
    /// The source defaults to `check-in` for a supervisee and `officer` for staff. Reports worse
    /// than 1,000 m are kept and marked low-accuracy.
    public func reportLocation(_ request: LocationReportRequest, actorID: String?, now: Instant) throws -> LocationReceipt {
        try change(actorID: actorID, now: now) { session in
            let actor = try session.requireActor()
            if case .staff = actor { _ = try session.requireCaseworker("report locations") }
            let term = try session.latestTerm(caseRef: request.caseRef)
            try session.requireAccess(to: term, "report locations")
            let source: LocationSource
            if let raw = request.source {
                guard let parsed = LocationSource(rawValue: raw), parsed != .lifeLog else {
                    throw CaseloadError.invalid("--source: '\(raw)' is not a report source (check-in or officer; life-log points come with an entry)")
                }
                source = parsed
            } else {
                if case .supervisee = actor { source = .checkIn } else { source = .officer }
            }
            if case .supervisee = actor, source != .checkIn {
                throw CaseloadError.notPermitted("\(actor) may only check in (--source check-in)")
            }
            guard let point = GeoPoint(latitude: request.latitude, longitude: request.longitude) else {
                throw CaseloadError.invalid("--lat/--lon: \(request.latitude),\(request.longitude) is not a point (latitude −90…90, longitude −180…180)")
            }
            guard request.accuracy.isFinite, request.accuracy >= 0 else {
                throw CaseloadError.invalid("--accuracy: an accuracy is a number of metres ≥ 0")
            }
            let at = try session.instant(request.at, field: "--at")
            guard at <= now else {
                throw CaseloadError.invalid("--at: \(session.agency.zone.local(at).isoMinutes) is in the future")
            }
            let date = session.agency.zone.date(of: at)
            guard term.covers(date) else {
                throw CaseloadError.invalid("\(term.caseRef) has no open supervision term on \(date) (term \(term.startsOn) to \(term.lastSupervisedDay)); the report was not recorded")
            }
            let id = try session.insertLocationReport(term: term, at: at, point: point, accuracy: request.accuracy,
                                                      source: source, lifeLogEntryId: nil)
            return LocationReceipt(reportId: id, caseRef: term.caseRef, at: session.agency.zone.local(at).isoMinutes,
                                   source: source.rawValue,
                                   lowAccuracy: request.accuracy > LocationReport.lowAccuracyThresholdMeters)
        }
    }
}

extension Session {
    func addRestriction(_ request: RestrictionRequest) throws -> RestrictionReceipt {
            let (actor, _) = try requireCaseworker("add restrictions")
            let term = try openTerm(caseRef: request.caseRef, doing: "add restrictions")
            let name = try request.name.map { try InputHygiene.name($0, field: "--name") }
            let reason = try request.reason.flatMap { try InputHygiene.freeText($0, field: "--reason") }
            var curfew: CurfewRule?
            var area: GeoZone?
            var startsOn: LocalDate
            var endsOn: LocalDate
            let defaultStart = Swift.max(today, term.startsOn)
            switch request.kind {
            case .curfew:
                guard let from = request.from, let to = request.to else {
                    throw CaseloadError(.usage, "a curfew needs --from HH:MM and --to HH:MM")
                }
                guard request.circle == nil, request.polygon == nil else {
                    throw CaseloadError(.usage, "a curfew takes no --circle or --polygon")
                }
                let fromMinutes = try CurfewRule.parseTime(from, field: "--from")
                let toMinutes = try CurfewRule.parseTime(to, field: "--to")
                guard fromMinutes != toMinutes else {
                    throw CaseloadError.invalid("--to: a curfew window cannot start and end at the same time")
                }
                let days = try request.days.map { try CurfewRule.parseDays($0) } ?? CurfewRule.allDays
                let home: GeoPoint
                if let raw = request.home {
                    home = try GeoPoint.parse(raw, field: "--home")
                } else if let registered = try homePoint(personId: term.personId) {
                    home = registered
                } else {
                    throw CaseloadError.invalid("--home: \(term.caseRef) has no registered home point; give --home LAT,LON")
                }
                let tolerance = request.tolerance ?? CurfewRule.defaultToleranceMeters
                guard tolerance.isFinite, tolerance >= 0, tolerance <= CurfewRule.maxToleranceMeters else {
                    throw CaseloadError.invalid("--tolerance: a tolerance is 0 to \(Int(CurfewRule.maxToleranceMeters)) metres")
                }
                curfew = try CurfewRule(from: fromMinutes, to: toMinutes, days: days, home: home, toleranceMeters: tolerance)
                startsOn = try request.starts.map { try InputHygiene.date($0, field: "--starts") } ?? defaultStart
                endsOn = try request.ends.map { try InputHygiene.date($0, field: "--ends") } ?? term.lastSupervisedDay
            case .exclusion, .inclusion:
                area = try zone(circle: request.circle, polygon: request.polygon, required: true)
                startsOn = try request.starts.map { try InputHygiene.date($0, field: "--starts") } ?? defaultStart
                endsOn = try request.ends.map { try InputHygiene.date($0, field: "--ends") } ?? term.lastSupervisedDay
            case .travelPermit:
                guard let from = request.from, let to = request.to else {
                    throw CaseloadError(.usage, "a travel permit needs --from DATE and --to DATE")
                }
                area = try zone(circle: request.circle, polygon: request.polygon, required: false)
                startsOn = try InputHygiene.date(from, field: "--from")
                endsOn = try InputHygiene.date(to, field: "--to")
            }
            guard startsOn <= endsOn else {
                throw CaseloadError.invalid("the restriction would end (\(endsOn)) before it starts (\(startsOn))")
            }
            guard term.covers(startsOn), term.covers(endsOn) else {
                throw CaseloadError.invalid("the restriction's dates \(startsOn) to \(endsOn) must lie inside \(term.caseRef)'s term (\(term.startsOn) to \(term.lastSupervisedDay))")
            }
            let restriction = Restriction(id: 0, kind: request.kind, startsOn: startsOn, endsOn: endsOn, name: name,
                                          curfew: curfew, zone: area)
            try restriction.validate()
            let zoneJSON: String? = try area.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            let days: String? = curfew.map { $0.days.sorted().map { String($0) }.joined(separator: ",") }
            let restrictionRow: StatementArguments = [
                term.id, request.kind.rawValue, startsOn.description, endsOn.description, name, reason,
                curfew?.from, curfew?.to, days, curfew?.home.latitude, curfew?.home.longitude,
                curfew?.toleranceMeters, zoneJSON, actor, now.description,
            ]
            try connection.execute("""
                INSERT INTO restriction (term_id, kind, starts_on, ends_on, name, reason, curfew_from, curfew_to,
                    curfew_days, home_latitude, home_longitude, tolerance_m, zone, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, restrictionRow)
            let id = connection.lastInsertRowID
            let stored = Restriction(id: id, kind: request.kind, startsOn: startsOn, endsOn: endsOn, name: name,
                                     curfew: curfew, zone: area)
            try audit("restriction.add", entity: "restriction", id: String(id), details: [
                "caseRef": term.caseRef, "kind": request.kind.rawValue, "summary": stored.summary,
                "startsOn": startsOn.description, "endsOn": endsOn.description, "reason": reason ?? ""])
            return RestrictionReceipt(restrictionId: id, caseRef: term.caseRef, kind: request.kind.rawValue,
                                      startsOn: startsOn.description, endsOn: endsOn.description, summary: stored.summary)
    }

    func homePoint(personId: Int64) throws -> GeoPoint? {
        let point = try connection.fetchOne("SELECT home_latitude, home_longitude FROM person WHERE id = ?", [personId]) { row -> GeoPoint? in
            guard let lat: Double = try row.get(0), let lon: Double = try row.get(1) else { return nil }
            return GeoPoint(latitude: lat, longitude: lon)
        }
        return point ?? nil
    }

    func zone(circle: String?, polygon: String?, required: Bool) throws -> GeoZone? {
        switch (circle, polygon) {
        case (let circle?, nil): return try GeoZone.parseCircle(circle)
        case (nil, let polygon?): return try GeoZone.parsePolygon(polygon)
        case (nil, nil):
            if required { throw CaseloadError(.usage, "give the zone with --circle LAT,LON,RADIUS_M or --polygon \"LAT,LON;…\"") }
            return nil
        default:
            throw CaseloadError(.usage, "give either --circle or --polygon, not both")
        }
    }

    /// The restrictions of a term, as the rules see them.
    static let restrictionColumns = """
        r.id, r.kind, r.starts_on, r.ends_on, r.name, r.curfew_from, r.curfew_to, r.curfew_days,
        r.home_latitude, r.home_longitude, r.tolerance_m, r.zone
        """

    static func restriction(from row: Row, offset: Int = 0) throws -> Restriction? {
        let o = offset
        guard let kind = RestrictionKind(rawValue: try row.get(o + 1)),
              let startsOn = LocalDate(iso: try row.get(o + 2)), let endsOn = LocalDate(iso: try row.get(o + 3))
        else { return nil }
        var curfew: CurfewRule?
        if kind == .curfew, let from: Int = try row.get(o + 5), let to: Int = try row.get(o + 6),
           let days: String = try row.get(o + 7), let lat: Double = try row.get(o + 8),
           let lon: Double = try row.get(o + 9), let home = GeoPoint(latitude: lat, longitude: lon) {
            curfew = try? CurfewRule(from: from, to: to, days: Set(days.split(separator: ",").compactMap { Int($0) }),
                                home: home, toleranceMeters: try row.get(o + 10) ?? CurfewRule.defaultToleranceMeters)
        }
        let zone = try (row.get(o + 11) as String?).flatMap(GeoZone.init(storedJSON:))
        return Restriction(id: try row.get(o), kind: kind, startsOn: startsOn, endsOn: endsOn, name: try row.get(o + 4),
                           curfew: curfew, zone: zone)
    }
}
