import ArgumentParser
import Supervision
import SupervisionRules

extension InterviewCommand {
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Schedule an appointment, or a series with --repeat N --every DAYS.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "Local date and time, YYYY-MM-DDTHH:MM.") var at: String
        @Option(help: "Duration in minutes, 5–480.") var minutes: Int = 60
        @Option(help: "Where or how it takes place.") var kind: AppointmentKind = .office
        @Option(name: .customLong("repeat"), help: "How many appointments in the series.") var repeatCount: Int?
        @Option(help: "Days between appointments of the series.") var every: Int?
        @Flag(name: .customLong("dry-run"), help: "Show the dates and save nothing.") var dryRun = false

        func validate() throws {
            if (repeatCount ?? 1) > 1, every == nil {
                throw ValidationError("--repeat needs --every DAYS")
            }
            if every != nil, repeatCount == nil {
                throw ValidationError("--every goes with --repeat N")
            }
        }

        func run() throws {
            let (caseload, now) = try global.open()
            let scheduled = try caseload.scheduleInterviews(
                InterviewScheduleRequest(caseRef: supervisee.caseRef, at: at, minutes: minutes, kind: kind.rawValue,
                                         repeatCount: repeatCount, everyDays: every, dryRun: dryRun),
                actorID: global.actorID, now: now)
            try global.output().list(ScheduledAppointment.self, empty: "nothing scheduled") { row in
                try scheduled.forEach(row)
            }
        }
    }
}
