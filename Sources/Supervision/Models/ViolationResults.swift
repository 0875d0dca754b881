import SupervisionRules

/// What `caseload scan` reports.
public struct ScanReport: Sendable, Equatable, Codable {
    /// The as-of instant, local to the agency (`YYYY-MM-DDTHH:MM`).
    public let asOf: String
    public let termsScanned: Int
    /// Violations this scan added (a second scan as of the same instant adds none).
    public let detected: Int
    public let detectedByKind: [String: Int]
}

/// Which violations a listing shows.
public enum ViolationListStatus: String, Sendable, CaseIterable {
    case open, confirmed, dismissed, all
}

/// One row of `caseload violations`.
public struct ViolationRow: Sendable, Equatable, Codable {
    public let id: Int64
    public let caseRef: String
    public let name: String
    public let officer: String
    public let kind: ViolationKind
    public let severity: Severity
    public let occurredOn: LocalDate
    public let status: ViolationStatus
    public let explanation: String
    public let reviewReason: String?
    public let recallRecommended: Bool
}

/// What a review (confirm or dismiss) recorded, and where it leaves the recall rule.
public struct ReviewReceipt: Sendable, Equatable, Codable {
    public let violationId: Int64
    public let caseRef: String
    public let kind: ViolationKind
    public let status: ViolationStatus
    public let reason: String?
    public let recallRecommended: Bool
    public let recallReason: String?
}
