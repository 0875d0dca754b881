import ArgumentParser
import Supervision
import SupervisionRules

extension AuditCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the audit chain and name the first entry that does not match.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Also require entry N with this hash (from 'caseload audit head'): detects a truncated chain or an older copy restored in place.")
        var head: AuditHeadArgument?

        struct Report: TableRow {
            let entries: Int
            let intact: Bool
            let firstBadEntry: Int64?
            let problem: String?

            static var fields: [Field<Report>] {
                [.init("entries", \.entries), .init("intact", \.intact), .init("firstBadEntry", \.firstBadEntry),
                 .init("problem", \.problem)]
            }
        }

        func run() throws {
            let caseload = try Caseload.open(path: global.databasePath)
            let result = try caseload.verifyAudit()
            try global.output().record(Report(entries: result.entries, intact: result.firstBadSeq == nil,
                                              firstBadEntry: result.firstBadSeq, problem: result.problem))
            if let problem = result.problem {
                throw CaseloadError.invalid("the audit chain is broken: \(problem)")
            }
            if let head, let problem = try caseload.auditHeadProblem(seq: head.seq, hash: head.hash) {
                throw CaseloadError.invalid("the audit chain does not reach the recorded head: \(problem)")
            }
        }
    }
}
