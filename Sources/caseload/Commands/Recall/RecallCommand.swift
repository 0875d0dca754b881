import SupervisionRules
import ArgumentParser

struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Recall decisions (supervisors only).", subcommands: [Decide.self])
}
