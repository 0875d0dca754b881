import Storage
import SupervisionRules

/// One person of a caseload listing: their latest term.
public struct CaseListRow: Sendable, Equatable {
    /// The person's row id: the web pages address a record by it, since a case reference
    /// identifies a person and must not appear in an address.
    public let personId: Int64
    public let caseRef: String
    public let name: String
    public let officer: String
    public let level: SupervisionLevel
    public let status: TermStatus
    public let endsOn: LocalDate
}

extension Caseload {
    /// The caseload list of the staff pages: an officer's own people, every person for a
    /// supervisor, each with their latest term; `search` keeps those whose case reference or
    /// name contains it (any case). Only reads: it shows what the overdue list shows (reference,
    /// name, officer), not the record, whose read is audited.
    public func caseList(search rawSearch: String?, actorID: String?, now: Instant) throws -> [CaseListRow] {
        try look(actorID: actorID, now: now) { session in
            let (actor, role) = try session.requireCaseworker("list a caseload")
            let officer: String? = role == .officer ? actor : nil
            var pattern: String?
            if let rawSearch {
                // Free text's rules (no control characters), and no longer than a name.
                if let text = try InputHygiene.freeText(rawSearch, field: "--search") {
                    guard text.unicodeScalars.count <= 200 else {
                        throw CaseloadError.invalid("--search: a search is at most 200 characters")
                    }
                    // LIKE's own wildcards in the typed text are matched as themselves.
                    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                    pattern = "%" + escaped + "%"
                }
            }
            let today = session.today
            return try session.connection.fetchAll("""
                SELECT \(Session.termColumns)
                FROM person p JOIN supervision_term t
                  ON t.id = (SELECT t2.id FROM supervision_term t2 WHERE t2.person_id = p.id
                             ORDER BY t2.starts_on DESC, t2.id DESC LIMIT 1)
                WHERE p.erased_on IS NULL AND (?1 IS NULL OR t.officer_id = ?1)
                  AND (?2 IS NULL OR p.case_ref LIKE ?2 ESCAPE '\\' OR p.name LIKE ?2 ESCAPE '\\')
                ORDER BY p.case_ref
                """, [officer, pattern]) { row in
                let term = try Session.term(from: row)
                return CaseListRow(personId: term.personId, caseRef: term.caseRef, name: term.personName,
                                   officer: term.officerId, level: term.level, status: term.status(on: today),
                                   endsOn: term.endsOn)
            }
        }
    }

    /// One person's row, by their row id, for the pages that address a record by id (the
    /// record and its action pages). The same rights as the use case the page leads to: an
    /// officer only for their own caseload, a supervisor for any, an admin or a supervisee
    /// never (the supervisee has the portal), each refusal in the use case's words.
    /// Only reads: the page's own use case (`show`, an action) does the audited work.
    public func caseSummary(personId: Int64, doing: String, actorID: String?, now: Instant) throws -> CaseListRow {
        try look(actorID: actorID, now: now) { session in
            _ = try session.requireCaseworker(doing)
            guard let caseRef: String = try session.connection.scalar(
                "SELECT case_ref FROM person WHERE id = ? AND erased_on IS NULL", [personId]) else {
                throw CaseloadError.notFound("there is no supervisee with this record number")
            }
            let term = try session.latestTerm(caseRef: caseRef)
            try session.requireAccessByRecordNumber(to: term, doing)
            return CaseListRow(personId: personId, caseRef: term.caseRef, name: term.personName, officer: term.officerId,
                               level: term.level, status: term.status(on: session.today), endsOn: term.endsOn)
        }
    }

    /// The person's appointments (every term, latest first) for the outcome page's choice: id,
    /// local start, kind and current outcome. The same rights as `caseSummary`; only reads.
    public func appointmentChoices(personId: Int64, actorID: String?, now: Instant)
        throws -> [(id: Int64, startsAt: LocalDateTime, kind: String, outcome: String?)] {
        try look(actorID: actorID, now: now) { session in
            _ = try session.requireCaseworker("log an outcome")
            guard let caseRef: String = try session.connection.scalar(
                "SELECT case_ref FROM person WHERE id = ? AND erased_on IS NULL", [personId]) else {
                throw CaseloadError.notFound("there is no supervisee with this record number")
            }
            try session.requireAccessByRecordNumber(to: try session.latestTerm(caseRef: caseRef), "log an outcome")
            return try session.connection.fetchAll("""
                SELECT a.id, a.local_date, a.local_time, a.kind, a.outcome
                FROM appointment a JOIN supervision_term t ON t.id = a.term_id
                WHERE t.person_id = ? ORDER BY a.starts_at DESC, a.id DESC
                """, [personId]) { row in
                let date = try row.requiredLocalDate(at: 1)
                let startsAt = LocalDateTime(iso: "\(date)T\(try row.get(2) as String)") ?? LocalDateTime(date: date, secondOfDay: 0)
                return (id: try row.get(0) as Int64, startsAt: startsAt, kind: try row.get(3) as String,
                        outcome: try row.get(4) as String?)
            }
        }
    }

    /// Who `actorID` is (its role, or the supervisee's case), refused as any use case refuses an
    /// unknown or inactive account: the pages choose what to show by it.
    public func actor(_ actorID: String, now: Instant) throws -> Actor {
        try look(actorID: actorID, now: now) { try $0.requireActor() }
    }
}

extension Session {
    /// `requireAccess` for a record asked for by its number (the pages' addresses), whose refusal
    /// names neither the person nor their officer: the asker typed neither, and an officer must
    /// not learn who is on another caseload by trying numbers.
    func requireAccessByRecordNumber(to term: SupervisionTerm, _ doing: String) throws {
        do {
            try requireAccess(to: term, doing)
        } catch let error as CaseloadError where error.kind == .notPermitted {
            switch try requireActor() {
            case .staff(let id, .officer):
                throw CaseloadError.notPermitted("\(id) may not \(doing): this record is not on their caseload")
            case .supervisee:
                throw CaseloadError.notPermitted("a supervisee may see only their own record")
            default:
                throw error
            }
        }
    }
}
