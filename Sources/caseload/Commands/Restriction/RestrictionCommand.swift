import ArgumentParser
import Supervision
import SupervisionRules

struct RestrictionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restriction", abstract: "Movement restrictions.", subcommands: [Add.self])

    /// Every `restriction add` subcommand ends the same way: save the request and print the receipt.
    static func add(_ global: GlobalOptions, _ request: RestrictionRequest) throws {
        try global.record { caseload, actorID, now in
            try caseload.addRestriction(request, actorID: actorID, now: now)
        }
    }
}
