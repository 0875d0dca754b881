import ArgumentParser
import Supervision

struct RestrictionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restriction", abstract: "Movement restrictions.", subcommands: [Add.self])

    /// Every `restriction add` subcommand ends the same way: save the request and print the receipt.
    static func add(_ global: GlobalOptions, _ request: RestrictionRequest) throws {
        let (caseload, now) = try global.open()
        try global.output().record(try caseload.addRestriction(request, actorID: global.actorID, now: now))
    }
}
