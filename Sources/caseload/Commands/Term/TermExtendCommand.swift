import ArgumentParser
import Supervision
import SupervisionRules

extension TermCommand {
    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend the open term by whole months (the total stays at most 12).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "Months to add.") var months: Int

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.extendTerm(caseRef: supervisee.caseRef, byMonths: months, actorID: actorID, now: now)
            }
        }
    }
}
