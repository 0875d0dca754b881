/// How a term stands on a given day.
public enum TermStatus: String, Sendable, Codable {
    /// Running: started and not past its end.
    case open
    /// Registered with a release date still ahead.
    case upcoming
    /// Ran to its end (derived: an open term whose `endsOn` has passed).
    case completed
    case discharged
    case revoked
}

/// A supervision term as stored, with its person.
public struct SupervisionTerm: Sendable, Equatable {
    public let id: Int64
    public let personId: Int64
    public let caseRef: String
    public let personName: String
    public let officerId: String
    public let startsOn: LocalDate
    public let endsOn: LocalDate
    public let months: Int
    public let level: SupervisionLevel
    /// 'open', 'discharged' or 'revoked' as stored; see `status(on:)`.
    public let storedStatus: String
    public let closedOn: LocalDate?
    public let firstInterviewDueOn: LocalDate
    public let firstLifeLogDueOn: LocalDate

    public init(id: Int64, personId: Int64, caseRef: String, personName: String, officerId: String,
                startsOn: LocalDate, endsOn: LocalDate, months: Int, level: SupervisionLevel, storedStatus: String,
                closedOn: LocalDate?, firstInterviewDueOn: LocalDate, firstLifeLogDueOn: LocalDate) {
        self.id = id
        self.personId = personId
        self.caseRef = caseRef
        self.personName = personName
        self.officerId = officerId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.months = months
        self.level = level
        self.storedStatus = storedStatus
        self.closedOn = closedOn
        self.firstInterviewDueOn = firstInterviewDueOn
        self.firstLifeLogDueOn = firstLifeLogDueOn
    }

    /// The status as of `date`.
    public func status(on date: LocalDate) -> TermStatus {
        switch storedStatus {
        case "discharged": return .discharged
        case "revoked": return .revoked
        default:
            if date < startsOn { return .upcoming }
            return date > endsOn ? .completed : .open
        }
    }

    /// The last day the person is supervised: `endsOn`, or the day the term was closed.
    public var lastSupervisedDay: LocalDate { closedOn.map { Swift.min($0, endsOn) } ?? endsOn }

    /// True when `date` falls inside the supervised period.
    public func covers(_ date: LocalDate) -> Bool {
        date >= startsOn && date <= lastSupervisedDay
    }
}
