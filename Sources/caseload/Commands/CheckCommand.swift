import SupervisionRules
import ArgumentParser
import Supervision

/// `caseload check` (docs/operations.md §14): reads only, so it works on a read-only copy too.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: integrity, foreign keys, schema version, audit chain, file modes.",
        discussion: "Exit 0 when all is well; 65 when anything is wrong, each problem listed.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let report = try Caseload.check(path: global.databasePath)
        try global.output().record(report)
        if !report.problems.isEmpty {
            let count = report.problems.count
            throw CaseloadError.invalid("the check found \(count) problem\(count == 1 ? "" : "s"): \(report.problems.joined(separator: "; "))")
        }
    }
}
