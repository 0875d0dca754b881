import ArgumentParser
import Supervision
import SupervisionRules

extension TermCommand {
    struct Level: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the supervision level from the --as-of date.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "The new supervision level.") var level: SupervisionLevel
        @Option(help: "Why.") var reason: String?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.changeLevel(caseRef: supervisee.caseRef, level: level.rawValue, reason: reason,
                                         actorID: actorID, now: now)
            }
        }
    }
}
