import SupervisionRules
import ArgumentParser
import Foundation
import Supervision

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from a file.", subcommands: [Releases.self])

    struct Releases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import releases from a CSV file, all or nothing (see docs/sample-releases.csv).",
            discussion: """
                The header names the columns, in any order: caseRef,name,born,released,months,level,officer \
                and optionally home (LAT,LON, quoted) and firstInterviewAt (a first office interview). \
                A refusal names the line a record starts on, as an editor numbers it.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file (UTF-8, with or without a byte-order mark).") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check every record and write nothing.") var dryRun = false

        func run() throws {
            let (caseload, now) = try global.open()
            let reader = try ReleaseCSVReader(path: file)
            let meter = ProgressMeter(totalBytes: reader.totalBytes)
            let receipt: ImportReceipt
            do {
                receipt = try caseload.importReleases(from: reader, dryRun: dryRun, actorID: global.actorID, now: now,
                                                      progress: meter.map { meter in { meter.update(records: $0, bytes: $1) } })
            } catch {
                meter?.finish()
                throw error
            }
            meter?.finish()
            try global.output().record(receipt)
        }
    }
}

/// Progress on standard error, only when it is a terminal (a log file or a pipe gets none), at
/// most four updates a second: rows read and the percentage of the file.
final class ProgressMeter {
    private let totalBytes: Int
    private var lastShown: ContinuousClock.Instant?
    private var shown = false

    init?(totalBytes: Int) {
        guard isatty(2) == 1 else { return nil }
        self.totalBytes = totalBytes
    }

    func update(records: Int, bytes: Int) {
        let now = ContinuousClock.now
        if let lastShown, now - lastShown < .milliseconds(250) { return }
        lastShown = now
        let percent = totalBytes > 0 ? Swift.min(99, bytes * 100 / totalBytes) : 0
        write("\r\(records) rows read, \(percent)%")
        shown = true
    }

    func finish() {
        if shown { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
