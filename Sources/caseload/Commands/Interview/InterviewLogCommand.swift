import ArgumentParser
import Supervision
import SupervisionRules

extension InterviewCommand {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record (or with --correct, correct) an appointment's outcome.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The appointment id.") var id: Int64
        @Option(help: "What happened.") var outcome: AppointmentOutcome
        // Free text, not a closed set: with --correct it is the correction's reason, which only
        // starts with an absence reason ("medical: hospital letter seen").
        @Option(help: "The absence reason (\(AbsenceReason.allCases.map(\.rawValue).joined(separator: ", "))); with --correct, why (starting with the absence reason when correcting to acceptable-absence).") var reason: String?
        @Option(name: .customLong("requested-by"), help: "For rescheduled: who asked.") var requestedBy: RescheduleRequester?
        @Option(name: .customLong("new-at"), help: "For rescheduled: the new local date and time.") var newAt: String?
        @Flag(help: "Correct a recorded outcome (needs --reason).") var correct = false
        @Option(help: "Notes.") var notes: String?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.logOutcome(
                    OutcomeRequest(appointmentId: id, outcome: outcome.rawValue, reason: reason,
                                   requestedBy: requestedBy?.rawValue, newAt: newAt, correct: correct, notes: notes),
                    actorID: actorID, now: now)
            }
        }
    }
}
