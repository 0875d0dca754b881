import ArgumentParser
import Supervision
import SupervisionRules

extension ViolationCommand {
    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm an open violation.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The violation id.") var id: Int64
        @Option(help: "Why (optional).") var reason: String?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.reviewViolation(id: id, confirm: true, reason: reason, actorID: actorID, now: now)
            }
        }
    }
}
