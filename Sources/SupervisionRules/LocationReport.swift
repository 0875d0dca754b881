/// Who supplied a location report.
public enum LocationSource: String, Sendable, Codable, CaseIterable {
    case lifeLog = "life-log", checkIn = "check-in", officer
}

/// Where the supervisee was at an instant, as measured, with the measurement's accuracy.
public struct LocationReport: Sendable, Hashable {
    public let id: Int64
    public let at: Instant
    public let point: GeoPoint
    /// The radius, in metres, within which the true position probably lies (≥ 0; 0 = exact).
    public let accuracyMeters: Double
    public let source: LocationSource

    public init(id: Int64, at: Instant, point: GeoPoint, accuracyMeters: Double = 0, source: LocationSource) {
        self.id = id
        self.at = at
        self.point = point
        self.accuracyMeters = accuracyMeters
        self.source = source
    }

    /// Accuracy worse than this never counts as a breach: drift is not a violation (docs/restrictions.md §6).
    public static let lowAccuracyThresholdMeters = 1_000.0

    /// Accuracy above 1,000 m (1,000 m itself is not low). An accuracy that is not a number or
    /// infinite says nothing about where the person was, so it counts as low too.
    public var isLowAccuracy: Bool {
        !(accuracyMeters <= LocationReport.lowAccuracyThresholdMeters)
    }

    /// Parses an accuracy in metres ("--accuracy 25", or the third part of a life-log
    /// `--location LAT,LON,ACCURACY`): a plain number, 0 or more.
    public static func parseAccuracy(_ text: String, field: String) throws(InputError) -> Double {
        guard let value = RuleText.strictDecimal(RuleText.trimmed(text)), value >= 0 else {
            throw InputError("\(field) must be a distance in metres, 0 or more; got \(RuleText.quoted(text)).")
        }
        return value
    }
}
