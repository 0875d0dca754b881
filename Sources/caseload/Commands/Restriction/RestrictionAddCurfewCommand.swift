import ArgumentParser
import Supervision
import SupervisionRules

extension RestrictionCommand.Add {
    struct Curfew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "curfew", abstract: "A curfew: local from/to times (may cross midnight), on the days the window starts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "Start of the window, HH:MM local.") var from: String
        @Option(help: "End of the window, HH:MM local (earlier than --from: crosses midnight).") var to: String
        @Option(help: "Days on which the window starts: mon,tue,… (default every day).") var days: String?
        @Option(parsing: .unconditional, help: "Home point LAT,LON (default: the registered home).") var home: String?
        @Option(help: "Tolerance in metres (default 100).") var tolerance: Double?
        @OptionGroup var period: Period

        func run() throws {
            try RestrictionCommand.add(global, RestrictionRequest(
                kind: .curfew, caseRef: supervisee.caseRef, from: from, to: to, days: days, home: home,
                tolerance: tolerance, starts: period.starts, ends: period.ends))
        }
    }
}
