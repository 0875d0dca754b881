import SupervisionRules
import ArgumentParser

extension RestrictionCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a restriction to the open term.",
            subcommands: [Curfew.self, Exclusion.self, Inclusion.self, TravelPermit.self])
    }
}
