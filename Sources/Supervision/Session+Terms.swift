import Storage
import SupervisionRules

extension Session {
    static let termColumns = """
        t.id, t.person_id, p.case_ref, p.name, t.officer_id, t.starts_on, t.ends_on, t.months, t.level,
        t.status, t.closed_on, t.first_interview_due_on, t.first_life_log_due_on
        """

    /// Every term of one case reference. Built once: interpolated at the call, the text was
    /// assembled again, and hashed afresh for the statement cache, by every command naming a case.
    static let termsOfCaseRefSQL = """
        SELECT \(termColumns)
        FROM person p JOIN supervision_term t ON t.person_id = p.id
        WHERE p.case_ref = ?
        """

    static func term(from row: Row) throws -> SupervisionTerm {
        try term(from: row, offset: 0)
    }

    /// A term from `termColumns` starting at column `offset`. Dates are parsed from the column
    /// bytes in place (no String per date).
    static func term(from row: Row, offset o: Int) throws -> SupervisionTerm {
        func date(_ index: Int) throws -> LocalDate {
            guard let date = try row.localDate(at: o + index) else {
                throw CaseloadError(.other, "a stored date is malformed")
            }
            return date
        }
        return SupervisionTerm(
            id: try row.get(o), personId: try row.get(o + 1), caseRef: try row.get(o + 2), personName: try row.get(o + 3),
            officerId: try row.get(o + 4), startsOn: try date(5), endsOn: try date(6), months: try row.get(o + 7),
            level: SupervisionLevel(rawValue: try row.get(o + 8)) ?? .high, storedStatus: try row.get(o + 9),
            closedOn: try row.localDate(at: o + 10), firstInterviewDueOn: try date(11),
            firstLifeLogDueOn: try date(12))
    }

    /// The person's term running today, else their most recent term (by release date), or a 66
    /// error naming the case reference. Running first: with the next release already registered,
    /// case work today belongs to the term being served, not the upcoming one.
    ///
    /// Rights come before existence: without an actor, or for a supervisee asking about any
    /// reference but their own, the answer is 77 whether or not the reference exists, so a
    /// supervisee cannot probe which case references the agency holds.
    func latestTerm(caseRef raw: String) throws -> SupervisionTerm {
        let actor = try requireActor()
        let caseRef = try InputHygiene.caseRef(raw)
        if case .supervisee(let own, _) = actor, own != caseRef {
            throw CaseloadError.notPermitted("\(actor) may act only on their own record, not on '\(caseRef)'")
        }
        // A person has a handful of terms: all are read and the choice made here (an ORDER BY on
        // an expression had SQLite set up a sorter for every command naming a case reference).
        let today = self.today
        let terms = try connection.fetchAll(Session.termsOfCaseRefSQL, [caseRef], Session.term(from:))
        func rank(_ term: SupervisionTerm) -> (Int, LocalDate, Int64) {
            let running = term.storedStatus == "open" && term.startsOn <= today && term.endsOn >= today
            return (running ? 1 : 0, term.startsOn, term.id)
        }
        guard let term = terms.max(by: { rank($0) < rank($1) }) else {
            throw CaseloadError.notFound("no supervisee with case reference '\(caseRef)'")
        }
        return term
    }

    /// The person's term that is open today, for case work that needs one.
    func openTerm(caseRef raw: String, doing: String) throws -> SupervisionTerm {
        let term = try latestTerm(caseRef: raw)
        try requireAccess(to: term, doing)
        switch term.status(on: today) {
        case .open, .upcoming:
            return term
        case .completed:
            throw CaseloadError.invalid("\(term.caseRef)'s supervision term ended on \(term.endsOn); there is no open term to \(doing)")
        case .discharged, .revoked:
            throw CaseloadError.invalid("\(term.caseRef)'s supervision term was \(term.storedStatus) on \(term.closedOn.map(\.description) ?? "?"); there is no open term to \(doing)")
        }
    }

    /// docs/roles.md §1: an officer acts on their own caseload, a supervisor on every caseload, a
    /// supervisee only on their own record, an admin on none.
    func requireAccess(to term: SupervisionTerm, _ doing: String) throws {
        let actor = try requireActor()
        switch actor {
        case .staff(let id, .officer):
            guard term.officerId == id else {
                throw CaseloadError.notPermitted("\(id) may not \(doing) for \(term.caseRef): the case is on \(term.officerId)'s caseload")
            }
        case .staff(_, .supervisor):
            return
        case .staff(let id, .admin):
            throw CaseloadError.notPermitted("\(id) may not \(doing): admins do no case work")
        case .supervisee(let caseRef, let personId):
            guard term.personId == personId else {
                throw CaseloadError.notPermitted("\(actor) may not \(doing) for another person (\(term.caseRef)); a supervisee acts only on their own record")
            }
            _ = caseRef
        }
    }
}
