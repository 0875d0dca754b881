import ArgumentParser
import Supervision
import SupervisionRules

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create or migrate the database (and, the first time, the agency and its admin).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The agency's IANA time zone (default UTC).") var timezone: String?
    @Option(help: "The agency's name.") var agency: String?
    @Option(help: "The first admin account's id (default admin).") var admin: String?

    func run() throws {
        let zone = timezone.flatMap(AgencyZone.init(identifier:)) ?? .utc
        let receipt = try Caseload.initialize(path: global.databasePath, timeZone: timezone, agencyName: agency,
                                              adminID: admin, now: try global.now(in: zone))
        try global.output().record(receipt)
    }
}
