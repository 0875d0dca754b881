import ArgumentParser
import Foundation
import Supervision
import SupervisionRules

/// The `caseload` command. Every failure prints one sentence on standard error and exits with
/// the docs/cli.md §9 code (`exitCode(for:)`); the use cases guarantee that a failed command changed nothing.
struct CaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload",
        abstract: "Case management for post-release community supervision.",
        version: "0.1.0",
        subcommands: commandList
    )
}

func fail(_ message: String, _ code: Int32) -> Int32 {
    FileHandle.standardError.write(Data(("caseload: " + Output.escapingUnsafeCharacters(message, json: false) + "\n").utf8))
    return code
}

/// Runs one command line and returns its exit code.
func runCaseload(_ arguments: [String]) -> Int32 {
    var command: any ParsableCommand
    do {
        command = try CaseloadCommand.parseAsRoot(reorderGlobalOptions(arguments))
    } catch {
        let code = CaseloadCommand.exitCode(for: error)
        if code == .success {
            // --help, --version: print as the parser would.
            CaseloadCommand.exit(withError: error)
        }
        // A usage error (exit 64): the parser's one-line message, not the whole help text.
        return fail(usageSentence(CaseloadCommand.message(for: error)), code.rawValue)
    }
    do {
        try command.run()
        return 0
    } catch let error as ExitCode {
        return error.rawValue
    } catch let error as ValidationError {
        return fail(error.message, ExitCode.validationFailure.rawValue)
    } catch {
        if CaseloadCommand.exitCode(for: error) == .success {
            // --help parses to the parser's help command, whose run() throws the request to
            // print help: print it as the parser would (exit 0), not as an unexpected error.
            CaseloadCommand.exit(withError: error)
        }
        let mapped = CaseloadError.from(error)
        return fail(mapped.message, exitCode(for: mapped.kind))
    }
}

exit(runCaseload(Array(CommandLine.arguments.dropFirst())))
