public enum AppointmentKind: String, Sendable, Codable, CaseIterable {
    case office, home, phone, video
}

/// docs/interviews.md §4 outcomes.
public enum AppointmentOutcome: String, Sendable, Codable, CaseIterable {
    case attended
    case failedToAttend = "failed-to-attend"
    case acceptableAbsence = "acceptable-absence"
    case unacceptableAbsence = "unacceptable-absence"
    case rescheduled

    /// Only these may be recorded before the appointment starts.
    public var mayPrecedeStart: Bool { self == .acceptableAbsence || self == .rescheduled }
}

public enum AbsenceReason: String, Sendable, Codable, CaseIterable {
    case illness, medical, employment
    case familyEmergency = "family-emergency"
    case court, transport, other
}

public enum RescheduleRequester: String, Sendable, Codable, CaseIterable {
    case supervisee, agency
}
