import SupervisionRules
import ArgumentParser

struct TermCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "term", abstract: "Change a supervision term.",
        subcommands: [Extend.self, Discharge.self, Level.self])
}
