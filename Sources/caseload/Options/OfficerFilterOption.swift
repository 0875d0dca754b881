import SupervisionRules
import ArgumentParser

/// `--officer`, narrowing a listing or a scan to one officer's caseload.
struct OfficerFilterOption: ParsableArguments {
    @Option(help: "Only this officer's caseload.") var officer: String?
}
