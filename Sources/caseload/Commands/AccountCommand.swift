import SupervisionRules
import ArgumentParser
import Foundation
import Supervision

/// `caseload account invite|deactivate` (docs/accounts.md §12).
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Activation codes and deactivation of web accounts.",
        subcommands: [Invite.self, Deactivate.self])

    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a one-time activation code (valid 72 hours); a new code resets the account.",
            discussion: """
                Staff accounts (--id) are invited by an admin; a supervisee (--case-ref) by their officer or \
                a supervisor. The code is printed once and only its hash is kept. Issuing a new code resets \
                the account: the old password stops working and its sessions and API tokens end.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "A staff account's id.") var id: String?
        @Option(name: .customLong("case-ref"), help: "A supervisee's case reference.") var caseRef: String?

        func validate() throws {
            guard (id == nil) != (caseRef == nil) else {
                throw ValidationError("name the account with either --id ID or --case-ref REF")
            }
        }

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.inviteAccount(staffID: id, caseRef: caseRef, actorID: actorID, now: now)
            }
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a staff account (admins only): it can no longer sign in or act; its history stays.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The staff account's id.") var id: String

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.deactivateAccount(id: id, actorID: actorID, now: now)
            }
        }
    }
}
