import ArgumentParser
import Foundation
import Supervision
import SupervisionRules

extension OutputFormat: ExpressibleByArgument {}

/// The options every command takes (docs/cli.md §9).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $CASELOAD_DB, else ./caseload.sqlite).")
    var db: String?

    @Option(name: .long, help: "Who is acting: an account id or supervisee:CASE-REF (default: $CASELOAD_ACTOR).")
    var actor: String?

    @Option(name: .customLong("as-of"),
            help: "The clock: DATE or DATETIME, local to the agency unless it has an offset or Z (default: now). A bare date means the end of that day.")
    var asOf: String?

    @Option(name: .long, help: "How results are written.")
    var format: OutputFormat = .table

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["CASELOAD_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "./caseload.sqlite"
    }

    var actorID: String? {
        actor ?? ProcessInfo.processInfo.environment["CASELOAD_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The clock in `zone`.
    func now(in zone: AgencyZone) throws -> Instant {
        guard let asOf else {
            return Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
        }
        guard let input = TimeInput.parse(asOf) else {
            throw CaseloadError(.usage, "--as-of: '\(asOf)' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")
        }
        return input.instant(in: zone)
    }

    /// Opens the existing database and reads the clock in the agency's zone.
    func open() throws -> (Caseload, Instant) {
        let caseload = try Caseload.open(path: databasePath)
        return (caseload, try now(in: try caseload.agency().zone))
    }

    func output() -> Output { Output(format: format) }

    /// What most commands do: open the database, act as the actor at the clock, print the result.
    func record<T: TableRow>(_ action: (_ caseload: Caseload, _ actorID: String?, _ now: Instant) throws -> T) throws {
        let (caseload, now) = try open()
        try output().record(try action(caseload, actorID, now))
    }
}

/// The global options may also come before the command name (`caseload --db x.sqlite overdue`):
/// move them after it, where the parser looks for them.
func reorderGlobalOptions(_ arguments: [String]) -> [String] {
    let valued: Set<String> = ["--db", "--actor", "--as-of", "--format"]
    var leading: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        guard valued.contains(name) else { break }
        leading.append(argument)
        if !argument.contains("="), index + 1 < arguments.count {
            leading.append(arguments[index + 1])
            index += 1
        }
        index += 1
    }
    guard !leading.isEmpty else { return arguments }
    // Options may stand anywhere after the command name, so put them last.
    return Array(arguments[index...]) + leading
}
