/// An area on the map: an exclusion zone, a permitted area, a travel permit's destination.
public enum GeoZone: Sendable, Hashable, Codable {
    case circle(center: GeoPoint, radiusMeters: Double)
    case polygon([GeoPoint])

    /// The largest circle radius accepted: a zone is a street, a district or a town, not a country.
    public static let maxRadiusMeters = 100_000.0

    /// Negative inside (minus the distance to the boundary), positive outside (the distance to the
    /// boundary), in metres. Within `Geometry.boundaryToleranceMeters` of the boundary it is 0, so a
    /// point on the boundary is neither "inside by more than" nor "outside by more than" anything.
    public func signedDistanceMeters(to p: GeoPoint) -> Double {
        let signed: Double
        switch self {
        case let .circle(center, radius):
            signed = Geometry.distanceMeters(center, p) - radius
        case let .polygon(points):
            guard points.count >= 3 else { return .infinity }
            let (inside, edgeDistance) = Geometry.measure(points, p)
            signed = inside ? -edgeDistance : edgeDistance
        }
        return abs(signed) <= Geometry.boundaryToleranceMeters ? 0 : signed
    }

    /// Whether `p` is inside or on the boundary.
    public func contains(_ p: GeoPoint) -> Bool {
        signedDistanceMeters(to: p) <= 0
    }

    /// Parses the value of `--circle`: "LAT,LON,RADIUS_M", radius more than 0 and at most 100 km.
    public static func parseCircle(_ text: String) throws(InputError) -> GeoZone {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { RuleText.trimmed($0) }
        guard parts.count == 3, RuleText.strictDecimal(parts[0]) != nil, RuleText.strictDecimal(parts[1]) != nil,
              let radius = RuleText.strictDecimal(parts[2])
        else {
            throw InputError("--circle must be LAT,LON,RADIUS_M (for example 51.5074,-0.1278,500); got \(RuleText.quoted(text)).")
        }
        let center = try GeoPoint.parse(parts[0] + "," + parts[1], field: "--circle")
        let zone = GeoZone.circle(center: center, radiusMeters: radius)
        try zone.validate()
        return zone
    }

    /// Parses the value of `--polygon`: "LAT,LON;LAT,LON;…", at least 3 points, validated by
    /// `Geometry.validatePolygon`. Repeating the first point at the end to close the ring (as
    /// GeoJSON does) is accepted and the repeat dropped.
    public static func parsePolygon(_ text: String) throws(InputError) -> GeoZone {
        let pieces = text.split(separator: ";", omittingEmptySubsequences: false)
        var points: [GeoPoint] = []
        for (i, piece) in pieces.enumerated() {
            points.append(try GeoPoint.parse(String(piece), field: "--polygon point \(i + 1)"))
        }
        if points.count >= 4, points.first == points.last { points.removeLast() }
        let zone = GeoZone.polygon(points)
        try zone.validate()
        return zone
    }

    /// The checks the parsers make, for a zone built some other way (read back, decoded).
    public func validate() throws(InputError) {
        switch self {
        case let .circle(_, radius):
            guard radius.isFinite, radius > 0, radius <= GeoZone.maxRadiusMeters else {
                throw InputError("A circle's radius must be more than 0 and at most 100000 m; got \(RuleText.metres(radius)).")
            }
        case let .polygon(points):
            try Geometry.validatePolygon(points)
        }
    }

    /// "circle 51.5074,-0.1278 r=500 m" / "polygon of 5 points"
    public var summary: String {
        switch self {
        case let .circle(center, radius): "circle \(center) r=\(RuleText.metres(radius)) m"
        case let .polygon(points): "polygon of \(points.count) points"
        }
    }

    // Stored as {"type":"circle","center":{…},"radiusMeters":500} or
    // {"type":"polygon","points":[{…},…]}; decoding validates like the parsers.
    private enum CodingKeys: String, CodingKey { case type, center, radiusMeters, points }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zone: GeoZone
        switch try container.decode(String.self, forKey: .type) {
        case "circle":
            zone = .circle(center: try container.decode(GeoPoint.self, forKey: .center),
                           radiusMeters: try container.decode(Double.self, forKey: .radiusMeters))
        case "polygon":
            zone = .polygon(try container.decode([GeoPoint].self, forKey: .points))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container,
                                                   debugDescription: "unknown zone type \(other)")
        }
        do {
            try zone.validate()
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: error.message)
        }
        self = zone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .circle(center, radius):
            try container.encode("circle", forKey: .type)
            try container.encode(center, forKey: .center)
            try container.encode(radius, forKey: .radiusMeters)
        case let .polygon(points):
            try container.encode("polygon", forKey: .type)
            try container.encode(points, forKey: .points)
        }
    }
}
