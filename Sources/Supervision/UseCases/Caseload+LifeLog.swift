import Foundation
import Storage
import SupervisionRules

public enum SupportNeed: String, Sendable, Codable, CaseIterable {
    case housing, employment, health, substance, money, relationships
}

public struct LifeLogSubmission: Sendable {
    public var caseRef: String
    /// When it was submitted; nil means now (the as-of clock).
    public var at: String?
    public var residence: String?
    public var employment: String?
    public var activities: String?
    public var wellbeing: Int?
    public var needs: [String]
    public var wantsCallBack: Bool
    /// `LAT,LON[,ACCURACY][@DATETIME]`
    public var locations: [String]
    /// The entry this one corrects.
    public var corrects: Int64?

    public init(caseRef: String, at: String? = nil, residence: String? = nil, employment: String? = nil,
                activities: String? = nil, wellbeing: Int? = nil, needs: [String] = [], wantsCallBack: Bool = false,
                locations: [String] = [], corrects: Int64? = nil) {
        self.caseRef = caseRef
        self.at = at
        self.residence = residence
        self.employment = employment
        self.activities = activities
        self.wellbeing = wellbeing
        self.needs = needs
        self.wantsCallBack = wantsCallBack
        self.locations = locations
        self.corrects = corrects
    }
}

public struct LifeLogReceipt: Sendable, Equatable, Codable {
    public let entryId: Int64
    public let caseRef: String
    public let submittedAt: String
    /// The due date this entry filled, or nil for an unscheduled entry.
    public let filledDueOn: String?
    public let locationReportIds: [Int64]
}

extension Caseload {
    /// `caseload lifelog submit`: by the supervisee (`supervisee:CASE-REF`) or an officer with
    /// access. The entry fills the earliest unfilled due date whose window contains its local
    /// date (docs/lifelog.md §5); a correction (`corrects`) points at the entry it corrects and fills none.
    /// A submission dated after the clock, or outside the supervised period, is refused.
    public func submitLifeLog(_ submission: LifeLogSubmission, actorID: String?, now: Instant) throws -> LifeLogReceipt {
        try change(actorID: actorID, now: now) { session in
            let actor = try session.requireActor()
            if case .staff = actor { _ = try session.requireCaseworker("submit life-log entries") }
            let term = try session.latestTerm(caseRef: submission.caseRef)
            try session.requireAccess(to: term, "submit life-log entries")
            let at = try submission.at.map { try session.instant($0, field: "--at") } ?? now
            guard at <= now else {
                throw CaseloadError.invalid("--at: \(session.agency.zone.local(at).isoMinutes) is in the future; an entry is submitted when it is made")
            }
            let localDate = session.agency.zone.date(of: at)
            guard term.covers(localDate) else {
                throw CaseloadError.invalid("\(term.caseRef) has no open supervision term on \(localDate) (term \(term.startsOn) to \(term.lastSupervisedDay)); the entry was not recorded")
            }
            let residence = try submission.residence.flatMap { try InputHygiene.freeText($0, field: "--residence") }
            let employment = try submission.employment.flatMap { try InputHygiene.freeText($0, field: "--employment") }
            let activities = try submission.activities.flatMap { try InputHygiene.freeText($0, field: "--activities") }
            if let wellbeing = submission.wellbeing, !(1...5).contains(wellbeing) {
                throw CaseloadError.invalid("--wellbeing: wellbeing is 1 to 5, not \(wellbeing)")
            }
            var needs: [SupportNeed] = []
            for raw in submission.needs {
                guard let need = SupportNeed(rawValue: raw.lowercased()) else {
                    throw CaseloadError.invalid("--need: '\(raw)' is not a support need (housing, employment, health, substance, money or relationships)")
                }
                if !needs.contains(need) { needs.append(need) }
            }
            let points = try submission.locations.map { try session.locationPoint($0, defaultAt: at) }
            for point in points where point.at > now {
                throw CaseloadError.invalid("--location: a location point cannot be in the future")
            }
            let connection = session.connection
            if let corrected = submission.corrects {
                let owner: Int64? = try connection.scalar("SELECT term_id FROM life_log_entry WHERE id = ?", [corrected])
                guard owner == term.id else {
                    throw CaseloadError.notFound("--corrects: \(term.caseRef) has no life-log entry \(corrected) in this term")
                }
            }

            var filled: LocalDate?
            if submission.corrects == nil {
                // The due dates whose window holds the entry's day (docs/lifelog.md §5).
                let earliest = localDate.adding(days: -(session.agency.standard.lifeLogGraceDays - 1))
                let facts = try connection.fetchOne(Session.lifeLogFillingFactsSQL,
                                                    [term.id, earliest.description, localDate.description]) { row in
                    (history: try row.get(0) as String?, taken: try row.localDates(at: 1))
                }
                let schedule = session.lifeLogSchedule(for: term, levelHistory: facts?.history)
                filled = schedule.dueDateFilled(bySubmissionOn: localDate, alreadyFilled: Set(facts?.taken ?? []))
            }
            try connection.execute("""
                INSERT INTO life_log_entry (term_id, submitted_at, local_date, filled_due_on, residence, employment,
                    activities, wellbeing, wants_call_back, corrects_entry_id, submitted_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [term.id, at.description, localDate.description, filled?.description, residence, employment,
                      activities, submission.wellbeing, submission.wantsCallBack, submission.corrects, actor.auditID])
            let entryId = connection.lastInsertRowID
            for need in needs {
                try connection.execute("INSERT INTO life_log_need (entry_id, need) VALUES (?, ?)", [entryId, need.rawValue])
            }
            var reportIds: [Int64] = []
            for point in points {
                reportIds.append(try session.insertLocationReport(term: term, at: point.at, point: point.point,
                                                                  accuracy: point.accuracy, source: .lifeLog,
                                                                  lifeLogEntryId: entryId))
            }
            var details = ["caseRef": term.caseRef, "filledDueOn": filled?.description ?? "",
                           "locations": String(points.count)]
            if let corrected = submission.corrects { details["corrects"] = String(corrected) }
            try session.audit("lifelog.submit", entity: "life_log_entry", id: String(entryId), details: details)
            return LifeLogReceipt(entryId: entryId, caseRef: term.caseRef, submittedAt: session.agency.zone.local(at).isoMinutes,
                                  filledDueOn: filled?.description, locationReportIds: reportIds)
        }
    }
}

extension Session {
    /// A term's level history as one text column: "effective_on:id:level,…" (see
    /// `levelHistory(from:)`), so listings read it in the same row as the term. NULL when the
    /// level never changed (one row), which is most terms: the count comes from the index alone,
    /// and nothing is built or parsed.
    static let levelHistorySQL = """
        (CASE WHEN (SELECT count(*) FROM term_level_change c WHERE c.term_id = t.id) > 1
              THEN \(levelHistoryOfTermSQL("t.id")) END)
        """

    /// What a submission needs to know which due date it fills, in one read (parameters: the
    /// term id, the first and last due date whose window holds the entry's day): the term's
    /// level history (`levelHistorySQL`) and the due dates already filled in that span.
    static let lifeLogFillingFactsSQL = """
        SELECT \(levelHistorySQL),
               (SELECT group_concat(e.filled_due_on, ',') FROM life_log_entry e
                 WHERE e.term_id = t.id AND e.filled_due_on BETWEEN ?2 AND ?3)
        FROM supervision_term t WHERE t.id = ?1
        """

    /// One term's history text by its id (built once, not at every call).
    static let levelHistoryOfTermByIdSQL = "SELECT \(levelHistorySQL) FROM supervision_term t WHERE t.id = ?"

    /// The history text of the term whose id is `termIdSQL` (a column of the outer query).
    static func levelHistoryOfTermSQL(_ termIdSQL: String) -> String {
        """
        (SELECT group_concat(h.effective_on || ':' || h.id || ':' || h.level, ',')
           FROM term_level_change h WHERE h.term_id = \(termIdSQL))
        """
    }

    /// Parses `levelHistorySQL`'s column, in the order the changes were made.
    static func levelHistory(from text: String?) -> [(effectiveOn: LocalDate, level: SupervisionLevel)] {
        guard let text, text.contains(",") else { return [] }
        return text.split(separator: ",").compactMap { item -> (LocalDate, Int, SupervisionLevel)? in
            let parts = item.split(separator: ":")
            guard parts.count == 3, let date = LocalDate(iso: String(parts[0])), let id = Int(parts[1]),
                  let level = SupervisionLevel(rawValue: String(parts[2])) else { return nil }
            return (date, id, level)
        }
        .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        .map { (effectiveOn: $0.0, level: $0.2) }
    }

    /// The life-log schedule of a term, following its level history.
    func lifeLogSchedule(for term: SupervisionTerm, levelHistory text: String?) -> LifeLogSchedule {
        LifeLogSchedule.forTerm(firstDue: term.firstLifeLogDueOn, currentLevel: term.level,
                                levelHistory: Session.levelHistory(from: text), lastDay: term.lastSupervisedDay,
                                standard: agency.standard)
    }

    func lifeLogSchedule(for term: SupervisionTerm) throws -> LifeLogSchedule {
        let history: String? = try connection.scalar(Session.levelHistoryOfTermByIdSQL, [term.id])
        return lifeLogSchedule(for: term, levelHistory: history)
    }

    /// Parses `LAT,LON[,ACCURACY][@DATETIME]`.
    func locationPoint(_ raw: String, defaultAt: Instant) throws -> (point: GeoPoint, accuracy: Double, at: Instant) {
        let parts = raw.split(separator: "@", maxSplits: 1).map(String.init)
        let numbers = parts.first?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        guard numbers.count == 2 || numbers.count == 3 else {
            throw CaseloadError.invalid("--location: '\(raw)' is not LAT,LON[,ACCURACY][@DATETIME]")
        }
        let point = try GeoPoint.parse(numbers[0] + "," + numbers[1], field: "--location")
        var accuracy = 0.0
        if numbers.count == 3 {
            guard let value = Double(numbers[2]), value.isFinite, value >= 0 else {
                throw CaseloadError.invalid("--location: the accuracy '\(numbers[2])' is not a number of metres ≥ 0")
            }
            accuracy = value
        }
        let at = parts.count == 2 ? try instant(parts[1], field: "--location") : defaultAt
        return (point, accuracy, at)
    }

    func insertLocationReport(term: SupervisionTerm, at: Instant, point: GeoPoint, accuracy: Double,
                              source: LocationSource, lifeLogEntryId: Int64?) throws -> Int64 {
        try connection.execute("""
            INSERT INTO location_report (term_id, at, local_date, latitude, longitude, accuracy_m, low_accuracy,
                source, life_log_entry_id, recorded_by, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [term.id, at.description, agency.zone.date(of: at).description, point.latitude, point.longitude,
                  accuracy, accuracy > LocationReport.lowAccuracyThresholdMeters, source.rawValue, lifeLogEntryId,
                  actor?.auditID ?? "system", now.description])
        let id = connection.lastInsertRowID
        try audit("location.report", entity: "location_report", id: String(id), details: [
            "caseRef": term.caseRef, "source": source.rawValue, "at": at.description])
        return id
    }
}
