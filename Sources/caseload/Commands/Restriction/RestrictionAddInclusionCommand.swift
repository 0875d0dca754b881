import SupervisionRules
import ArgumentParser

extension RestrictionCommand.Add {
    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "inclusion", abstract: "A permitted area the supervisee must stay inside.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var zone: Zone

        func run() throws { try RestrictionCommand.add(global, zone.request(.inclusion)) }
    }
}
