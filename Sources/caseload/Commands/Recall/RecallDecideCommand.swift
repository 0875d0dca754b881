import ArgumentParser
import Supervision
import SupervisionRules

extension RecallCommand {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve or reject a recall recommendation, with a rationale.",
            discussion: "Give exactly one of --approve or --reject.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Flag var decision: RecallDecision
        @Option(help: "The written rationale (required).") var rationale: String?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.decideRecall(caseRef: supervisee.caseRef, approve: decision == .approve, rationale: rationale,
                                          actorID: actorID, now: now)
            }
        }
    }
}
