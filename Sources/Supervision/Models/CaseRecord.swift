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
        /// The person's own count of their terms, 1 for the first release: how the record, its
        /// timeline and the pages name a term (`termId`, the database's id, means nothing to a reader).
        public let number: Int
        public let termId: Int64
        public let officer: String
        public let status: TermStatus
        public let level: SupervisionLevel
        public let months: Int
        public let startsOn: LocalDate
        public let endsOn: LocalDate
        public let closedOn: LocalDate?
        public let closeReason: String?
        /// For a term running (or about to): the next interview due date (`InterviewDue.next`).
        public let nextInterviewDueOn: LocalDate?
        /// For a term running (or about to): the next life-log entry due, by
        /// `LifeLogSchedule.nextDue` as the portal shows it (docs/lifelog.md §5): a due date whose
        /// window is still open and nothing filled it comes before the next one to come.
        public let nextLifeLogDueOn: LocalDate?
        /// The last day of `nextLifeLogDueOn`'s window.
        public let nextLifeLogWindowLastDay: LocalDate?
        /// Whether that window is open as of the record's date (an entry made that day fills it).
        public let nextLifeLogWindowIsOpen: Bool?
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
