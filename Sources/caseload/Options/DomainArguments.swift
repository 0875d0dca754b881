import ArgumentParser
import Supervision
import SupervisionRules

// The closed sets of values the command line takes are the domain's own enums: their raw values
// are the words on the command line, so the parser refuses any other word before a command runs
// (exit 64) and its help lists the choices.

extension SupervisionLevel: ExpressibleByArgument {
    /// Any case ("High"), as registration has always accepted.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

extension SupportNeed: ExpressibleByArgument {
    /// Any case ("Money"), as the life-log has always accepted.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

extension AppointmentKind: ExpressibleByArgument {}
extension AppointmentOutcome: ExpressibleByArgument {}
extension RescheduleRequester: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension ViolationListStatus: ExpressibleByArgument {}

extension LocationSource: ExpressibleByArgument {
    /// `life-log` is not offered: life-log points arrive with an entry (`lifelog submit --location`).
    public init?(argument: String) {
        guard let source = LocationSource(rawValue: argument), source != .lifeLog else { return nil }
        self = source
    }

    public static var allValueStrings: [String] {
        allCases.filter { $0 != .lifeLog }.map(\.rawValue)
    }
}

/// The recall decision: exactly one of `--approve` or `--reject` (neither or both is a usage
/// error, exit 64).
enum RecallDecision: String, EnumerableFlag {
    case approve, reject

    static func help(for value: RecallDecision) -> ArgumentHelp? {
        switch value {
        case .approve: "Approve: the term is revoked and a recall requested."
        case .reject: "Reject: the term continues; counting starts again."
        }
    }
}
