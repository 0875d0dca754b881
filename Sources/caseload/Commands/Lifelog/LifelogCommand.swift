import SupervisionRules
import ArgumentParser

struct LifelogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifelog", abstract: "Life-log entries (the supervisee's periodic self-report).",
        subcommands: [Submit.self])
}
