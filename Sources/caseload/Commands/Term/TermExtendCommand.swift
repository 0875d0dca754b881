import ArgumentParser
import Supervision

extension TermCommand {
    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend the open term by whole months (the total stays at most 12).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "Months to add.") var months: Int

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.extendTerm(caseRef: supervisee.caseRef, byMonths: months,
                                                               actorID: global.actorID, now: now))
        }
    }
}
