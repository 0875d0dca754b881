import SupervisionRules
import ArgumentParser

struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview", abstract: "Schedule interviews and record their outcomes.",
        subcommands: [Schedule.self, Log.self])
}
