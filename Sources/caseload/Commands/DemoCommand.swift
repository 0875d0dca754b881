import ArgumentParser
import Foundation
import Supervision
import SupervisionRules

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic sample agency in the database and print its overdue list.",
        discussion: """
            With --format json it prints one object: summary, overdue and violations; with --format csv, \
            the overdue list. A missing database file is created. A file that already holds the demo is rebuilt from \
            scratch as of --as-of (default now). A file that holds any other agency is refused and left \
            untouched.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many supervisees (default 200).") var supervisees: Int = 200

    func validate() throws {
        guard (1...100_000).contains(supervisees) else {
            throw ValidationError("--supervisees: 1 to 100000")
        }
    }

    func run() throws {
        let zone = AgencyZone(identifier: DemoAgency.timeZone)!
        let now = try global.now(in: zone)
        let (caseload, summary) = try DemoAgency.build(path: global.databasePath, now: now, supervisees: supervisees)
        let output = global.output()
        switch global.format {
        case .table:
            output.line("Built \(DemoAgency.agencyName) in \(global.databasePath) as of \(summary.asOf) (\(DemoAgency.timeZone)):")
            output.line("\(summary.supervisees) supervisees, \(summary.openTerms) open terms, \(summary.appointments) appointments, \(summary.lifeLogEntries) life-log entries, \(summary.restricted) under movement restrictions.")
            output.line("Try: caseload show --case-ref LDN-0001 --actor \(DemoAgency.supervisor) --as-of \"\(summary.asOf)\"")
            // No password is made or printed: each account is activated with its own one-time code.
            output.line("Web accounts: caseload account invite --id \(DemoAgency.supervisor) --actor admin (staff), or --case-ref LDN-0001 --actor \(DemoAgency.supervisor) (a supervisee); then caseload serve (README).")
            output.line()
            output.line("Overdue as of \(summary.asOf)")
            try printOverdue(caseload: caseload, officer: nil, actorID: DemoAgency.supervisor, now: now, output: output)
            output.line()
            output.line("Violations at every stage (open, confirmed, dismissed) as of \(summary.asOf)")
            try printViolations(caseload: caseload, status: .all, officer: nil, actorID: DemoAgency.supervisor,
                                now: now, output: output)
        case .json:
            // One JSON document: the summary and both lists.
            output.write("{\n\"summary\": " + (try Output.json(summary)) + ",\n\"overdue\": ")
            try printOverdue(caseload: caseload, officer: nil, actorID: DemoAgency.supervisor, now: now, output: output)
            output.write(",\n\"violations\": ")
            try printViolations(caseload: caseload, status: .all, officer: nil, actorID: DemoAgency.supervisor,
                                now: now, output: output)
            output.line("}")
            output.flush()
        case .csv:
            // One CSV table: the overdue list (`caseload violations --format csv` gives the other).
            try printOverdue(caseload: caseload, officer: nil, actorID: DemoAgency.supervisor, now: now, output: output)
        }
    }
}
