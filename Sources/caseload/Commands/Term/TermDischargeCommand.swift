import ArgumentParser
import Supervision
import SupervisionRules

extension TermCommand {
    struct Discharge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Discharge the open term early, as of the --as-of date.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "Why the term ends early.") var reason: String

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.dischargeTerm(caseRef: supervisee.caseRef, reason: reason, actorID: actorID, now: now)
            }
        }
    }
}
