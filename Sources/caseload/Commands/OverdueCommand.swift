import ArgumentParser
import Supervision
import SupervisionRules

struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "Overdue items as of --as-of: one row per supervisee and item.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: OfficerFilterOption

    func run() throws {
        let (caseload, now) = try global.open()
        try printOverdue(caseload: caseload, officer: filter.officer, actorID: global.actorID, now: now,
                         output: global.output())
    }
}

/// The overdue listing, streamed as it is computed.
func printOverdue(caseload: Caseload, officer: String?, actorID: String?, now: Instant, output: Output) throws {
    try output.list(OverdueItem.self, empty: "nothing overdue") { row in
        try caseload.overdue(officer: officer, actorID: actorID, now: now, row)
    }
}
