import SupervisionRules
import ArgumentParser

struct OfficerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "Manage accounts (admins only).", subcommands: [Add.self])
}
