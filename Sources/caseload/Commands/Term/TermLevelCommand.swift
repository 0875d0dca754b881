import ArgumentParser
import Supervision

extension TermCommand {
    struct Level: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the supervision level from the --as-of date.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "The new supervision level.") var level: SupervisionLevel
        @Option(help: "Why.") var reason: String?

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.changeLevel(caseRef: supervisee.caseRef, level: level.rawValue,
                                                                reason: reason, actorID: global.actorID, now: now))
        }
    }
}
