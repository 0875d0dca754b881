import Supervision
import SupervisionRules

/// The exit code of each kind of failure (the sysexits.h numbers scripts already know). The
/// domain names the kind; only the command line turns it into a number, so the switch is
/// exhaustive: a new kind does not compile until it has a code.
func exitCode(for kind: CaseloadError.Kind) -> Int32 {
    switch kind {
    case .usage: 64          // EX_USAGE
    case .invalidInput: 65   // EX_DATAERR
    case .notFound: 66       // EX_NOINPUT
    case .cannotOpen: 73     // EX_CANTCREAT
    case .busy: 75           // EX_TEMPFAIL
    case .notPermitted: 77   // EX_NOPERM
    case .other: 1
    }
}

/// The parser's message for a usage error as one line: its first line, and when it lists the
/// accepted values one per line (it does from six values on), those values joined into it.
func usageSentence(_ message: String) -> String {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard var sentence = lines.first else { return "invalid command line" }
    let bullets = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { "'" + $0.dropFirst(4) + "'" }
    if sentence.hasSuffix(":"), !bullets.isEmpty {
        sentence = String(sentence.dropLast(" of the following:".count)) + " of "
            + bullets.dropLast().joined(separator: ", ") + " or " + bullets.last! + "."
    }
    return sentence.replacingOccurrences(of: "Error: ", with: "")
}
