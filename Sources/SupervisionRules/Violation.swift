/// The kinds of violation a scan detects (docs/violations.md §7); raw values are the listed names.
public enum ViolationKind: String, Sendable, Codable, CaseIterable {
    case missedInterview = "missed-interview"
    case missedLifeLog = "missed-life-log"
    case curfew
    case exclusionZone = "exclusion-zone"
    case outsidePermittedArea = "outside-permitted-area"
    case noContact = "no-contact"

    /// docs/violations.md §7: a breach of an exclusion zone and a month without contact are high; a missed
    /// life-log is low; everything else medium.
    public var severity: Severity {
        switch self {
        case .missedInterview: .medium
        case .missedLifeLog: .low
        case .curfew: .medium
        case .exclusionZone: .high
        case .outsidePermittedArea: .medium
        case .noContact: .high
        }
    }
}

/// Ordered low < medium < high (not alphabetically).
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A violation is open until an officer confirms or dismisses it.
public enum ViolationStatus: String, Sendable, Codable, CaseIterable {
    case open, confirmed, dismissed
}

/// What a scan found. `cause` identifies the cause within the term so a second scan adds nothing:
/// the database keeps one violation per (term, kind, cause).
public struct DetectedViolation: Sendable, Hashable {
    public let kind: ViolationKind
    /// The local date on which it happened (a report's local date, the day a gap reached 30 days).
    public let occurredOn: LocalDate
    /// Deterministic: "report:42:restriction:7", "appointment:9", "due:2026-01-19",
    /// "no-contact-since:2026-02-01".
    public let cause: String
    /// The facts that caused the flag in plain words, for the person who reviews it.
    public let explanation: String

    public var severity: Severity { kind.severity }

    public init(kind: ViolationKind, occurredOn: LocalDate, cause: String, explanation: String) {
        self.kind = kind
        self.occurredOn = occurredOn
        self.cause = cause
        self.explanation = explanation
    }
}
