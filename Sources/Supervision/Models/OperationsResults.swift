/// What `caseload backup` made.
public struct BackupReceipt: Sendable, Equatable, Codable {
    public let path: String
    /// The audit entries in the copy, and the hash of its last one: `audit verify --head` with
    /// them later proves a restored copy is this one, whole.
    public let auditEntries: Int
    public let auditHeadHash: String
}

/// What `caseload check` found. `problems` is empty when the database is sound.
public struct CheckReport: Sendable, Equatable, Codable {
    public let path: String
    public let schemaVersion: Int
    public let auditEntries: Int
    public let problems: [String]
}

/// The end of the audit chain (`caseload audit head`).
public struct AuditHead: Sendable, Equatable, Codable {
    public let entries: Int
    /// `N:HASH`, the argument of `audit verify --head`; empty when there is no entry.
    public let head: String
    public let lastHash: String?
}
