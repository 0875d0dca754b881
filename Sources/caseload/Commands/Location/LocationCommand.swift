import SupervisionRules
import ArgumentParser

struct LocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "location", abstract: "Location reports.", subcommands: [Report.self])
}
