import SupervisionRules
import ArgumentParser
import Foundation
import Supervision

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "How long finished records are kept, and erasing those past it (admin).",
        subcommands: [Set.self, Purge.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the retention period: a person is purged once all their terms ended more than N years ago.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Whole years, 1 to 100.") var years: Int

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.setRetention(years: years, actorID: actorID, now: now)
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the personal data of everyone past the retention period, as of --as-of (nothing while no period is set).")
        @OptionGroup var global: GlobalOptions
        @Flag(name: .customLong("dry-run"), help: "List who would be erased and change nothing.") var dryRun = false

        func run() throws {
            let (caseload, now) = try global.open()
            let receipt = try caseload.purgeRetention(dryRun: dryRun, actorID: global.actorID, now: now)
            if !receipt.fileScrubbed {
                FileHandle.standardError.write(Data("caseload: the purge is done, but other connections kept the write-ahead log from being emptied, so erased values may remain on disk until 'caseload retention purge' runs again after they close\n".utf8))
            }
            try global.output().record(receipt)
        }
    }
}
