import ArgumentParser
import Supervision
import SupervisionRules

extension LifelogCommand {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a life-log entry; prints its id and the due date it filled.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "When it was made (default: the --as-of clock).") var at: String?
        @Option(help: "Where they live.") var residence: String?
        @Option(help: "Work status.") var employment: String?
        @Option(help: "Activities.") var activities: String?
        @Option(help: "Wellbeing, 1–5.") var wellbeing: Int?
        @Option(help: "A support need (repeatable).") var need: [SupportNeed] = []
        @Flag(name: .customLong("call-back"), help: "The supervisee wants a call back.") var callBack = false
        @Option(parsing: .unconditionalSingleValue, help: "A location point (repeatable): LAT,LON[,ACCURACY][@DATETIME].") var location: [String] = []
        @Option(help: "The id of the entry this one corrects.") var corrects: Int64?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.submitLifeLog(
                    LifeLogSubmission(caseRef: supervisee.caseRef, at: at, residence: residence, employment: employment,
                                      activities: activities, wellbeing: wellbeing, needs: need.map(\.rawValue),
                                      wantsCallBack: callBack, locations: location, corrects: corrects),
                    actorID: actorID, now: now)
            }
        }
    }
}
