import SupervisionRules

/// A person's record as `caseload show` prints it: the person, their terms, the restrictions
/// that apply and one dated timeline of everything recorded.
public struct CaseRecord: Sendable, Equatable, Codable {
    public struct Person: Sendable, Equatable, Codable {
        public let caseRef: String
        public let name: String
        public let born: LocalDate
        /// The registered home point, `LAT,LON`.
        public let home: String?
    }

    public struct Term: Sendable, Equatable, Codable {
        public let termId: Int64
        public let officer: String
        public let status: TermStatus
        public let level: SupervisionLevel
        public let months: Int
        public let startsOn: LocalDate
        public let endsOn: LocalDate
        public let closedOn: LocalDate?
        public let closeReason: String?
        /// For a term running (or about to): the next interview and life-log due dates.
        public let nextInterviewDueOn: LocalDate?
        public let nextLifeLogDueOn: LocalDate?
    }

    /// One dated line of the timeline. `at` is the local wall time (`HH:MM`) when there is one.
    public struct Event: Sendable, Equatable, Codable {
        public let date: LocalDate
        public let at: String?
        public let kind: String
        public let text: String
    }

    public let person: Person
    public let terms: [Term]
    public var restrictions: [String]
    public var timeline: [Event]
}
