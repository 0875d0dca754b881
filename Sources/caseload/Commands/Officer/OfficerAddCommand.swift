import ArgumentParser
import Supervision
import SupervisionRules

extension OfficerCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an officer, supervisor or admin account.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The account id.") var id: String
        @Option(help: "The person's name.") var name: String
        @Option(help: "What the account may do.") var role: Role

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.addOfficer(id: id, name: name, role: role, actorID: actorID, now: now)
            }
        }
    }
}
