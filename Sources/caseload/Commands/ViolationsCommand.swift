import ArgumentParser
import Supervision
import SupervisionRules

struct ViolationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violations", abstract: "Scan, then list violations with each supervisee's recall recommendation.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Which violations.") var status: ViolationListStatus = .open
    @OptionGroup var filter: OfficerFilterOption

    func run() throws {
        let (caseload, now) = try global.open()
        try printViolations(caseload: caseload, status: status, officer: filter.officer, actorID: global.actorID, now: now,
                            output: global.output())
    }
}

/// The violations listing, streamed.
func printViolations(caseload: Caseload, status: ViolationListStatus, officer: String?, actorID: String?,
                     now: Instant, output: Output) throws {
    try output.list(ViolationRow.self, empty: "no violations") { row in
        try caseload.violations(status: status, officer: officer, actorID: actorID, now: now, row)
    }
}
