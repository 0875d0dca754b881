import SupervisionRules
import ArgumentParser
import Supervision

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records.", subcommands: [SubjectAccess.self])

    struct SubjectAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-access",
            abstract: "Everything held about one person, and who consulted or changed it, as record.json and record.html (supervisor; audited).")

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref"), help: "The person's case reference.") var caseRef: String
        @Option(help: "The folder to write into (created if missing); existing files are never overwritten.") var out: String

        func validate() throws {
            if out.isEmpty { throw ValidationError("--out: name a folder") }
        }

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.exportSubjectAccess(caseRef: caseRef, to: out, actorID: actorID, now: now)
            }
        }
    }
}
