import SupervisionRules
import ArgumentParser

struct HolidayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holiday", abstract: "Manage agency holidays (admins only).", subcommands: [Add.self])
}
