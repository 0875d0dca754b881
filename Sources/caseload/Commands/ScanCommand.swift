import ArgumentParser
import Supervision
import SupervisionRules

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Detect violations as of --as-of (deterministic; a second scan adds nothing).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: OfficerFilterOption

    func run() throws {
        try global.record { caseload, actorID, now in
            try caseload.scan(officer: filter.officer, actorID: actorID, now: now)
        }
    }
}
