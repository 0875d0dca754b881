import Testing
@testable import SupervisionRules

// Test tables are written as ISO strings, the way docs/ writes its worked examples; these turn them
// into values and fail the test (not crash it) on a typo.

extension LocalDate {
    static func iso(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalDate {
        try #require(LocalDate(iso: text), "test date \(text) does not parse", sourceLocation: sourceLocation)
    }

    static func isoSet(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<LocalDate> {
        Set(try texts.map { try LocalDate.iso($0, sourceLocation: sourceLocation) })
    }
}

extension LocalDateTime {
    static func iso(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalDateTime {
        try #require(LocalDateTime(iso: text), "test date-time \(text) does not parse", sourceLocation: sourceLocation)
    }
}

extension Instant {
    /// `YYYY-MM-DDTHH:MM:SSZ`
    static func stored(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Instant {
        try #require(Instant(storage: text), "test instant \(text) does not parse", sourceLocation: sourceLocation)
    }
}

extension AgencyZone {
    static func named(_ identifier: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> AgencyZone {
        try #require(AgencyZone(identifier: identifier), "zone \(identifier) unknown here", sourceLocation: sourceLocation)
    }
}
