import Storage
import SupervisionRules

/// What the admin page shows: the staff accounts, the holidays to come and the audit chain.
public struct AdminOverview: Sendable, Equatable {
    public struct StaffAccount: Sendable, Equatable {
        public let id: String
        public let name: String
        public let role: Role
        public let active: Bool
        /// `active` (a password is set), `invited` (a code is waiting to be used), or `none`.
        public let account: String
    }

    public struct Holiday: Sendable, Equatable {
        public let date: LocalDate
        public let name: String?
    }

    public let staff: [StaffAccount]
    /// From today on.
    public let holidays: [Holiday]
    public let auditEntries: Int
    public let auditLastHash: String?
    /// Nil when the chain is intact; otherwise `audit verify`'s problem.
    public let auditProblem: String?
}

extension Caseload {
    /// The admin page's facts (admins only, like `officer add` and `holiday add`). The audit
    /// chain is verified as `audit verify` does.
    public func adminOverview(actorID: String?, now: Instant) throws -> AdminOverview {
        try look(actorID: actorID, now: now) { session in
            _ = try session.requireRole(.admin, "see the accounts")
            let nowSeconds = session.now.secondsSinceEpoch
            let staff = try session.connection.fetchAll("""
                SELECT o.id, o.name, o.role, o.active, a.password_hash IS NOT NULL,
                       a.activation_expires_at IS NOT NULL AND a.activation_expires_at > ?
                FROM officer o LEFT JOIN account a ON a.actor_id = o.id ORDER BY o.id
                """, [nowSeconds]) { row -> AdminOverview.StaffAccount in
                let hasPassword: Bool = try row.get(4) ?? false
                let invited: Bool = try row.get(5) ?? false
                return AdminOverview.StaffAccount(id: try row.get(0), name: try row.get(1),
                                                  role: Role(rawValue: try row.get(2)) ?? .officer, active: try row.get(3),
                                                  account: invited ? "invited" : hasPassword ? "active" : "none")
            }
            let holidays = try session.connection.fetchAll(
                "SELECT on_date, name FROM holiday WHERE on_date >= ? ORDER BY on_date", [session.today.description]) { row in
                AdminOverview.Holiday(date: try row.requiredLocalDate(at: 0), name: try row.get(1))
            }
            let verification = try AuditLog.verify(session.connection)
            let lastHash: String? = try session.connection.scalar("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            return AdminOverview(staff: staff, holidays: holidays, auditEntries: verification.entries,
                                 auditLastHash: lastHash, auditProblem: verification.problem)
        }
    }
}
