import SupervisionRules
import ArgumentParser

struct ViolationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violation", abstract: "Review a violation.", subcommands: [Confirm.self, Dismiss.self])
}
