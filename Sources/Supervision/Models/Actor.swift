import SupervisionRules
/// The roles of docs/roles.md §1.
public enum Role: String, Sendable, Codable, CaseIterable {
    case officer, supervisor, admin
}

/// Who is acting: an officer account (any role), or a supervisee acting on their own record.
public enum Actor: Sendable, Equatable, CustomStringConvertible {
    case staff(id: String, role: Role)
    case supervisee(caseRef: String, personId: Int64)

    /// The id written to the audit log: the officer id, or `supervisee:CASE-REF`.
    public var auditID: String {
        switch self {
        case .staff(let id, _): return id
        case .supervisee(let caseRef, _): return "supervisee:" + caseRef
        }
    }

    public var description: String { auditID }

    public var role: Role? {
        if case .staff(_, let role) = self { return role }
        return nil
    }

    /// Officers and supervisors do case work; admins do not.
    public var doesCaseWork: Bool { role == .officer || role == .supervisor }
}

public struct Officer: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let role: Role
    public let active: Bool
}
