import ArgumentParser
import Supervision
import SupervisionRules

extension ViolationCommand {
    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dismiss an open violation (needs --reason).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The violation id.") var id: Int64
        @Option(help: "Why it is dismissed.") var reason: String?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.reviewViolation(id: id, confirm: false, reason: reason, actorID: actorID, now: now)
            }
        }
    }
}
