import SupervisionRules
import Foundation
import Testing

/// Databases built once (lazily) and copied by the tests that start from them.
enum Fixtures {
    /// A UTC agency and its staff: admins `root` and `clerk`, officers `okafor` and `patel`,
    /// supervisor `sutherland`.
    static let staffCommands: [[String]] = [
        ["init", "--agency", "Test agency", "--admin", "root", "--as-of", "2025-12-01"],
        officer("okafor", "Ngozi Okafor", "officer"),
        officer("patel", "Priya Patel", "officer"),
        officer("sutherland", "Fiona Sutherland", "supervisor"),
        officer("clerk", "Office Clerk", "admin"),
    ]

    static let staff = Template(staffCommands)

    /// `staff` plus two open terms released on Monday 2026-03-02: A-1 "Amira Okoye" on okafor's
    /// caseload (medium, 12 months) and B-2 "Connor Walsh" on patel's (high, 6 months).
    static let caseload = Template(staffCommands + [
        register("A-1", name: "Amira Okoye", released: "2026-03-02", months: 12, level: "medium", officer: "okafor")
            + ["--actor", "okafor", "--as-of", "2026-03-02"],
        register("B-2", name: "Connor Walsh", released: "2026-03-02", months: 6, level: "high", officer: "patel")
            + ["--actor", "patel", "--as-of", "2026-03-02"],
    ])

    /// An agency in `zone` with officer `okafor` and case Z-1 (medium, 12 months from `released`).
    static func zoned(_ zone: String, released: String) -> [[String]] {
        [
            ["init", "--timezone", zone, "--admin", "root", "--as-of", "2025-12-01"],
            officer("okafor", "Ngozi Okafor", "officer"),
            register("Z-1", name: "Zofia Nowak", released: released, months: 12, level: "medium", officer: "okafor")
                + ["--actor", "okafor", "--as-of", released],
        ]
    }

    static let london = Template(zoned("Europe/London", released: "2026-03-02"))
    static let newYork = Template(zoned("America/New_York", released: "2026-03-01"))

    static func officer(_ id: String, _ name: String, _ role: String) -> [String] {
        ["officer", "add", "--id", id, "--name", name, "--role", role, "--actor", "root", "--as-of", "2025-12-01"]
    }

    /// `register` arguments (without actor or clock).
    static func register(_ caseRef: String, name: String = "Test Person", born: String = "1990-01-01",
                         released: String, months: Int = 12, level: String = "medium",
                         officer: String = "okafor") -> [String] {
        ["register", "--case-ref", caseRef, "--name", name, "--born", born, "--released", released,
         "--months", String(months), "--level", level, "--officer", officer]
    }
}

extension Sandbox {
    /// The overdue list as JSON rows.
    func overdue(actor: String, asOf: String, officer: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        var arguments = ["overdue", "--format", "json"]
        if let officer { arguments += ["--officer", officer] }
        return try ok(arguments, actor: actor, asOf: asOf, sourceLocation: sourceLocation).objects()
    }

    /// Schedules one appointment and returns its id.
    func schedule(_ caseRef: String, at: String, minutes: Int = 60, actor: String = "okafor", asOf: String,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let rows = try ok(["interview", "schedule", "--case-ref", caseRef, "--at", at, "--minutes", String(minutes),
                           "--format", "json"], actor: actor, asOf: asOf, sourceLocation: sourceLocation).objects()
        return try #require(rows.first?.int("id"), "no appointment id in \(rows)", sourceLocation: sourceLocation)
    }
}

extension [[String: Any]] {
    /// The rows whose `item` is `kind`.
    func items(_ kind: String) -> [[String: Any]] { filter { $0.string("item") == kind } }
}
