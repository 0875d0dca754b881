import SupervisionRules
import ArgumentParser
import Supervision

/// `caseload audit head`: the number of entries and the last entry's hash. Kept somewhere the
/// database's users cannot rewrite (a ticket, a signed e-mail), it lets `audit verify --head`
/// prove later that no entry was cut off the end and no older copy was restored in place.
struct AuditHeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head", abstract: "Print the number of audit entries and the last entry's hash (N:HASH).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let caseload = try Caseload.open(path: global.databasePath)
        let head = try caseload.auditHead()
        try global.output().record(head)
    }
}

/// `N:HASH` as `audit head` prints it.
struct AuditHeadArgument: ExpressibleByArgument {
    let seq: Int64
    let hash: String

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 1, parts[1].utf8.count == 64,
              parts[1].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                  || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }) else { return nil }
        self.seq = seq
        self.hash = parts[1].lowercased()
    }
}
