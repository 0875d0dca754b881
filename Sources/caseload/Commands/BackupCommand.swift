import SupervisionRules
import ArgumentParser
import Supervision

/// `caseload backup --to PATH [--force]` (docs/operations.md §14).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database while others use it (admins).",
        discussion: """
            The copy is one consistent snapshot, written under a temporary name beside PATH, checked \
            (integrity, foreign keys, schema, audit chain) and then renamed to PATH, mode 0600. An existing \
            PATH is refused (exit 73) unless --force is given. The backup is audited; it prints the copy's \
            audit head for 'caseload audit verify --head' after a restore.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Where to write the backup.") var to: String
    @Flag(help: "Replace a file already at --to.") var force = false

    func run() throws {
        try global.record { caseload, actorID, now in
            try caseload.backup(to: to, force: force, actorID: actorID, now: now)
        }
    }
}
