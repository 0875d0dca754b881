import ArgumentParser
import Foundation
import Supervision

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create or migrate the database (and, the first time, the agency and its admin).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The agency's IANA time zone (default UTC).") var timezone: String?
    @Option(help: "The agency's name.") var agency: String?
    @Option(help: "The first admin account's id (default admin).") var admin: String?

    func run() throws {
        let zone = timezone.flatMap(AgencyZone.init(identifier:)) ?? .utc
        let receipt = try Caseload.initialize(path: global.databasePath, timeZone: timezone, agencyName: agency,
                                              adminID: admin, now: try global.now(in: zone))
        try global.output().record(receipt)
    }
}

struct OfficerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "Manage accounts (admins only).", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an officer, supervisor or admin account.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The account id.") var id: String
        @Option(help: "The person's name.") var name: String
        @Option(help: "officer, supervisor or admin.") var role: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role: '\(role)' is not a role (officer, supervisor or admin)")
            }
        }

        func run() throws {
            let (caseload, now) = try global.open()
            let officer = try caseload.addOfficer(id: id, name: name, role: Role(rawValue: role)!,
                                                  actorID: global.actorID, now: now)
            try global.output().record(officer)
        }
    }
}

struct HolidayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holiday", abstract: "Manage agency holidays (admins only).", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a holiday (not a business day).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "The holiday's name.") var name: String?

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.addHoliday(date, name: name, actorID: global.actorID, now: now))
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail.", subcommands: [Verify.self, AuditHeadCommand.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the audit chain and name the first entry that does not match.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Also require entry N with this hash (from 'caseload audit head'): detects a truncated chain or an older copy restored in place.")
        var head: AuditHeadArgument?

        struct Report: Encodable {
            let entries: Int
            let intact: Bool
            let firstBadEntry: Int64?
            let problem: String?
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
