import SupervisionRules
import ArgumentParser
import CaseloadWeb
import Dispatch
import Foundation
import Logging
import Supervision
import Synchronization

/// `caseload serve`: the web application and JSON API over `--db` (docs/web.md §13). Stops cleanly on
/// SIGINT or SIGTERM: requests in flight finish first.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the agency's web pages and JSON API.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on (default 127.0.0.1).") var host: String = "127.0.0.1"
    @Option(help: "The port (default 8080).") var port: Int = 8080

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port: 0 to 65535") }
    }

    func run() throws {
        blockStopSignals()
        var logger = Logger(label: "caseload.web")
        logger.logLevel = .info
        let configuration = WebConfiguration(host: host, port: port)
        let path = global.databasePath
        // The command line is synchronous; the server runs as a task until a signal stops it.
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await runWebServer(databasePath: path, configuration: configuration, logger: logger)
            } catch {
                outcome.failure.withLock { $0 = CaseloadError.from(error) }
            }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure.withLock({ $0 }) { throw failure }
    }
}

/// How the server's task ended, read by the waiting command.
private final class ServeOutcome: Sendable {
    let failure = Mutex<CaseloadError?>(nil)
}

/// Blocks SIGINT and SIGTERM in this thread before any other thread exists, so every thread
/// made later inherits the mask. On Linux, Dispatch's signal sources (which the server's
/// lifecycle listens to for a graceful stop) read signals through a signalfd, which only sees
/// a signal that no thread would take: unblocked, SIGTERM would kill the process mid-request.
private func blockStopSignals() {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &signals, nil)
}
