import SupervisionRules
import ArgumentParser

/// `--case-ref`, the option every command about one supervisee takes.
struct CaseRefOption: ParsableArguments {
    @Option(name: .customLong("case-ref"),
            help: ArgumentHelp("The supervisee's case reference, as the agency writes it (1–32 letters, digits, - _ /).",
                               valueName: "case-ref"))
    var caseRef: String
}
