import ArgumentParser
import Supervision
import SupervisionRules

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Register a release: the person (if new) and a supervision term.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var supervisee: CaseRefOption
    @Option(help: "The person's full name.") var name: String
    @Option(help: "Date of birth, YYYY-MM-DD.") var born: String
    @Option(help: "Release date (the first supervised day), YYYY-MM-DD.") var released: String
    @Option(help: "Term length in whole months, 6 to 12.") var months: Int
    @Option(help: "Supervision level.") var level: SupervisionLevel
    @Option(help: "The officer whose caseload it joins.") var officer: String
    @Option(parsing: .unconditional, help: "Home point, LAT,LON.") var home: String?

    func run() throws {
        try global.record { caseload, actorID, now in
            try caseload.register(
                ReleaseRegistration(caseRef: supervisee.caseRef, name: name, born: born, released: released, months: months,
                                    level: level.rawValue, officer: officer, home: home),
                actorID: actorID, now: now)
        }
    }
}
