import Storage
import SupervisionRules

/// What the supervisee portal shows a supervisee about themselves (docs/web.md, the portal):
/// their next appointment, their next life-log due date and its window, their own past
/// entries and the restrictions that apply. Nothing an officer wrote about them (notes,
/// violations, reasons) and no other person.
public struct PortalView: Sendable, Equatable {
    public struct NextAppointment: Sendable, Equatable {
        /// Local to the agency.
        public let startsAt: LocalDateTime
        public let minutes: Int
        /// `office`, `home`, `phone` or `video`.
        public let kind: String
    }

    public struct Entry: Sendable, Equatable {
        public let id: Int64
        public let submittedAt: LocalDateTime
        public let filledDueOn: LocalDate?
        public let residence: String?
        public let employment: String?
        public let activities: String?
        public let wellbeing: Int?
        public let needs: [String]
        public let wantsCallBack: Bool
        public let sharedLocation: Bool
    }

    public struct RestrictionLine: Sendable, Equatable {
        public let kind: RestrictionKind
        public let summary: String
        public let startsOn: LocalDate
        public let endsOn: LocalDate
    }

    public let caseRef: String
    public let name: String
    public let termStatus: TermStatus
    public let termEndsOn: LocalDate
    public let nextAppointment: NextAppointment?
    /// By `LifeLogSchedule.nextDue`, as the record shows it to staff.
    public let nextLifeLog: LifeLogSchedule.NextDue?
    /// Newest first.
    public let entries: [Entry]
    /// Those in force today or later.
    public let restrictions: [RestrictionLine]
}

extension Caseload {
    /// The portal of the supervisee acting. Only reads (the person sees their own data; it is not
    /// a staff member consulting a record, which `show` audits).
    public func portal(actorID: String?, now: Instant) throws -> PortalView {
        try look(actorID: actorID, now: now) { session in
            guard case .supervisee(let caseRef, _) = try session.requireActor() else {
                throw CaseloadError.notPermitted("\(actorID ?? "nobody") may not open the supervisee portal: it is for supervisees, about themselves")
            }
            let term = try session.latestTerm(caseRef: caseRef)
            try session.requireAccess(to: term, "open the portal")
            let today = session.today, zone = session.agency.zone
            let connection = session.connection

            let next = try connection.fetchOne("""
                SELECT local_date, local_time, minutes, kind FROM appointment
                WHERE term_id = ? AND outcome IS NULL AND ends_at > ? ORDER BY starts_at, id LIMIT 1
                """, [term.id, session.now.description]) { row -> PortalView.NextAppointment? in
                guard let start = LocalDateTime(iso: "\(try row.get(0) as String)T\(try row.get(1) as String)") else { return nil }
                return PortalView.NextAppointment(startsAt: start, minutes: try row.get(2), kind: try row.get(3))
            } ?? nil

            var filled: Set<LocalDate> = []
            let entries = try connection.fetchAll("""
                SELECT e.id, e.submitted_at, e.filled_due_on, e.residence, e.employment, e.activities, e.wellbeing,
                       e.wants_call_back,
                       (SELECT group_concat(need, ',') FROM life_log_need n WHERE n.entry_id = e.id),
                       EXISTS (SELECT 1 FROM location_report r WHERE r.life_log_entry_id = e.id)
                FROM life_log_entry e WHERE e.term_id = ? ORDER BY e.submitted_at DESC, e.id DESC
                """, [term.id]) { row -> PortalView.Entry in
                let due = try row.localDate(at: 2)
                if let due { filled.insert(due) }
                let needs = (try row.get(8) as String?)?.split(separator: ",").map(String.init) ?? []
                return PortalView.Entry(
                    id: try row.get(0), submittedAt: zone.local(try row.instant(at: 1) ?? session.now),
                    filledDueOn: due, residence: try row.get(3), employment: try row.get(4), activities: try row.get(5),
                    wellbeing: try row.get(6), needs: needs.sorted(), wantsCallBack: try row.get(7),
                    sharedLocation: try row.get(9))
            }

            var nextLifeLog: LifeLogSchedule.NextDue?
            let status = term.status(on: today)
            if status == .open || status == .upcoming {
                nextLifeLog = try session.lifeLogSchedule(for: term).nextDue(asOf: today, filled: filled)
            }

            let restrictions = try connection.fetchAll("""
                SELECT \(Session.restrictionColumns) FROM restriction r
                WHERE r.term_id = ? AND r.ends_on >= ? ORDER BY r.starts_on, r.id
                """, [term.id, today.description]) { row -> PortalView.RestrictionLine? in
                guard let restriction = try Session.restriction(from: row) else { return nil }
                return PortalView.RestrictionLine(kind: restriction.kind, summary: restriction.summary,
                                                  startsOn: restriction.startsOn, endsOn: restriction.endsOn)
            }.compactMap { $0 }

            return PortalView(caseRef: term.caseRef, name: term.personName, termStatus: status, termEndsOn: term.endsOn,
                              nextAppointment: next, nextLifeLog: nextLifeLog, entries: entries,
                              restrictions: restrictions)
        }
    }
}
