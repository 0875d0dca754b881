import ArgumentParser
import Supervision

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Detect violations as of --as-of (deterministic; a second scan adds nothing).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this officer's caseload.") var officer: String?

    func run() throws {
        let (caseload, now) = try global.open()
        try global.output().record(try caseload.scan(officer: officer, actorID: global.actorID, now: now))
    }
}
