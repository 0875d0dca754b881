import SupervisionRules
import ArgumentParser

extension RestrictionCommand.Add {
    struct Exclusion: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exclusion", abstract: "An exclusion zone the supervisee must not enter.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var zone: Zone

        func run() throws { try RestrictionCommand.add(global, zone.request(.exclusion)) }
    }
}
