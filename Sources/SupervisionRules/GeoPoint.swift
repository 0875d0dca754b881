/// A position on the Earth in decimal degrees (WGS 84 as phones report it).
///
/// Only valid points exist: the failable initialiser and the decoder both refuse a latitude
/// outside −90…90, a longitude outside −180…180, and NaN or infinity, so no rule ever has to ask.
public struct GeoPoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// −90…90
    public let latitude: Double
    /// −180…180
    public let longitude: Double

    /// Nil when either coordinate is out of range or not a finite number.
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite,
              (-90.0...90.0).contains(latitude), (-180.0...180.0).contains(longitude)
        else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Parses "LAT,LON" (decimal degrees, Unicode whitespace around the numbers allowed). The
    /// error sentence names `field` (for example "--home") so the person knows which option to fix.
    public static func parse(_ text: String, field: String) throws(InputError) -> GeoPoint {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { RuleText.trimmed($0) }
        guard parts.count == 2,
              let latitude = RuleText.strictDecimal(parts[0]),
              let longitude = RuleText.strictDecimal(parts[1])
        else {
            throw InputError("\(field) must be LAT,LON in decimal degrees (for example 51.5074,-0.1278); got \(RuleText.quoted(text)).")
        }
        guard (-90.0...90.0).contains(latitude) else {
            throw InputError("\(field) latitude must be between -90 and 90; got \(parts[0]).")
        }
        guard (-180.0...180.0).contains(longitude) else {
            throw InputError("\(field) longitude must be between -180 and 180; got \(parts[1]).")
        }
        return GeoPoint(latitude: latitude, longitude: longitude)!
    }

    /// "LAT,LON" with up to 7 decimals (about a centimetre), the form `parse` reads back.
    public var description: String {
        RuleText.decimal(latitude, maxDecimals: 7) + "," + RuleText.decimal(longitude, maxDecimals: 7)
    }

    private enum CodingKeys: String, CodingKey { case latitude, longitude }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let latitude = try container.decode(Double.self, forKey: .latitude)
        let longitude = try container.decode(Double.self, forKey: .longitude)
        guard let point = GeoPoint(latitude: latitude, longitude: longitude) else {
            throw DecodingError.dataCorruptedError(forKey: .latitude, in: container,
                                                   debugDescription: "coordinates out of range")
        }
        self = point
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latitude, forKey: .latitude)
        try container.encode(longitude, forKey: .longitude)
    }
}
