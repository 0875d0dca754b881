import ArgumentParser
import Supervision
import SupervisionRules

extension HolidayCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a holiday (not a business day).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "The holiday's name.") var name: String?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.addHoliday(date, name: name, actorID: actorID, now: now)
            }
        }
    }
}
