import SupervisionRules
import ArgumentParser

extension RestrictionCommand.Add {
    /// When a curfew or a zone applies.
    struct Period: ParsableArguments {
        @Option(help: "First day, YYYY-MM-DD (default today).") var starts: String?
        @Option(help: "Last day, YYYY-MM-DD (default the term's end).") var ends: String?
    }
}
