import Foundation
import Storage
import SupervisionRules

/// `caseload demo`: a realistic sample agency, built through the real use cases (so its audit
/// chain, due dates and outcomes are exactly what officers would produce), deterministic for a
/// given as-of date.
public enum DemoAgency {
    public static let agencyName = "Caseload demo agency"
    public static let timeZone = "Europe/London"
    public static let supervisor = "sutherland"

    public struct Summary: Sendable, Equatable, Codable {
        public let supervisees: Int
        public let openTerms: Int
        public let appointments: Int
        public let lifeLogEntries: Int
        public let restricted: Int
        public let asOf: String
    }

    /// Builds the demo at `path`. A missing (or empty) file is created; a file that holds an
    /// earlier demo is replaced (the demo is always rebuilt as of the clock); a file holding any
    /// other agency, or any other data at all, is refused and left untouched, so the demo can
    /// never mix sample people into real records nor delete another program's database.
    public static func build(path: String, now: Instant, supervisees: Int = 200) throws -> (Caseload, Summary) {
        try DatabaseFile.checkPath(path)
        if FileManager.default.fileExists(atPath: path) {
            // Looked at read-only: a file the demo refuses must not even switch journal mode.
            if case .foreign = try DatabaseFile.inspect(path) {
                throw CaseloadError.invalid("the file at \(path) is not a Caseload demo database; the demo never replaces it (use --db with another path)")
            }
            let existing = try Database(path: path, access: .readOnly)
            let (isEmpty, name): (Bool, String?) = try existing.withConnection { connection in
                let objects: Int = try connection.scalar("SELECT count(*) FROM sqlite_schema") ?? 0
                let hasAgency: Int? = try connection.scalar(
                    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'agency'")
                return (objects == 0, hasAgency == nil ? nil : try connection.scalar("SELECT name FROM agency WHERE id = 1"))
            }
            if let name, name != agencyName {
                throw CaseloadError.invalid("the database at \(path) belongs to the agency '\(name)'; the demo never writes into a real agency's database (use --db with another path)")
            }
            guard isEmpty || name == agencyName else {
                throw CaseloadError.invalid("the file at \(path) is not a Caseload demo database; the demo never replaces it (use --db with another path)")
            }
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        let zone = AgencyZone(identifier: timeZone)!
        let today = zone.date(of: now)
        let start = zone.instant(of: LocalDateTime(date: today.adding(days: -400), secondOfDay: 8 * 3600))
        _ = try Caseload.initialize(path: path, timeZone: timeZone, agencyName: agencyName, adminID: "admin", now: start)
        let caseload = try Caseload.open(path: path)
        let summary = try caseload.batch { batch in
            try populate(batch, zone: zone, today: today, start: start, now: now, count: supervisees)
        }
        return (caseload, summary)
    }

    static let officers = [("okafor", "Ngozi Okafor"), ("lindqvist", "Erik Lindqvist"),
                           ("patel", "Priya Patel"), ("moreau", "Camille Moreau")]
    /// Names for sample people (the demo and the benchmark's synthetic agency).
    public static let firstNames = ["James", "Amira", "Connor", "Zofia", "Marcus", "Leah", "Tomasz", "Chloe", "Darnell",
                             "Siobhán", "Kwame", "Hannah", "Rafael", "Aisha", "Callum", "Ewa", "Jordan", "Niamh",
                             "Mohammed", "Ruby", "Dylan", "Ioana", "Tyrone", "Grace", "Luca", "José", "Kieran", "Mei"]
    public static let lastNames = ["Walsh", "Okoye", "Nowak", "Hughes", "Begum", "Fraser", "Kowalski", "Reid", "Mensah",
                            "O'Brien", "Patel", "Doyle", "Santos", "Khan", "Morrison", "Popescu", "Clarke",
                            "Byrne", "Ali", "Gallagher", "Evans", "Haddad", "Lynch", "Ferreira"]

    private static func populate(_ caseload: Caseload, zone: AgencyZone, today: LocalDate, start: Instant,
                                 now: Instant, count: Int) throws -> Summary {
        var random = SplitMix64(seed: UInt64(today.daysSinceEpoch))
        for (id, name) in officers {
            _ = try caseload.addOfficer(id: id, name: name, role: .officer, actorID: "admin", now: start)
        }
        _ = try caseload.addOfficer(id: supervisor, name: "Fiona Sutherland", role: .supervisor, actorID: "admin", now: start)
        for year in [today.year - 1, today.year, today.year + 1] {
            for (month, day, name) in [(1, 1, "New Year's Day"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day"),
                                       (5, 4, "Early May bank holiday"), (8, 31, "Summer bank holiday")] {
                if let date = LocalDate(year: year, month: month, day: day), date.isoWeekday <= 5 {
                    _ = try caseload.addHoliday(date.description, name: name, actorID: "admin", now: start)
                }
            }
        }
        func at(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) -> Instant {
            zone.instant(of: LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60))
        }
        let standard = try caseload.agency().standard
        var appointments = 0
        var entries = 0
        var openTerms = 0
        for index in 0..<count {
            let officer = officers[index % officers.count].0
            let name = firstNames[random.next(firstNames.count)] + " " + lastNames[random.next(lastNames.count)]
            let caseRef = "LDN-\(String(format: "%04d", index + 1))"
            let released = today.adding(days: -(3 + random.next(360)))
            let months = 6 + random.next(7)
            let roll = random.next(100)
            let level: SupervisionLevel = roll < 25 ? .high : roll < 70 ? .medium : .low
            let born = LocalDate(year: 1960 + random.next(45), month: 1 + random.next(12), day: 1 + random.next(28))!
            let home = String(format: "%.5f,%.5f", 51.45 + Double(random.next(1000)) / 10_000,
                              -0.25 + Double(random.next(3000)) / 10_000)
            let receipt = try caseload.register(
                ReleaseRegistration(caseRef: caseRef, name: name, born: born.description, released: released.description,
                                    months: months, level: level.rawValue, officer: officer, home: home),
                actorID: officer, now: at(released, 9))
            let endsOn = LocalDate(iso: receipt.endsOn)!
            var lastDay = Swift.min(endsOn, today)
            // Some people drift out of contact in the last weeks; some officers fall behind.
            let quietFrom = random.next(100) < 12 ? today.adding(days: -(5 + random.next(40))) : nil
            var dischargeOn: LocalDate?
            if random.next(100) < 3, lastDay.days(since: released) > 60 {
                dischargeOn = lastDay.adding(days: -random.next(30))
                lastDay = dischargeOn!
            }
            if endsOn >= today, dischargeOn == nil { openTerms += 1 }
            var hasFutureAppointment = false

            // Interviews: one per contact period, a little before each due date.
            var due = LocalDate(iso: receipt.firstInterviewDueOn)!
            while due <= lastDay {
                var date = due.adding(days: -random.next(2))
                if date < released { date = released }
                while date.isWeekend { date = date.adding(days: 1) }
                if let quietFrom, date >= quietFrom { break }
                let hour = 9 + random.next(8)
                guard date <= endsOn else { break }
                let scheduled = try caseload.scheduleInterviews(
                    InterviewScheduleRequest(caseRef: caseRef, at: LocalDateTime(date: date, secondOfDay: hour * 3600).isoMinutes,
                                             minutes: [30, 45, 60][random.next(3)], kind: ["office", "office", "home", "phone", "video"][random.next(5)]),
                    actorID: officer, now: at(Swift.max(released, date.adding(days: -7)), 8))
                appointments += 1
                let id = scheduled[0].id!
                let end = at(date, hour + 2)
                if end > now {
                    hasFutureAppointment = true
                    break   // still to come
                }
                let outcomeRoll = random.next(100)
                let loggedAt = at(date, hour + 2)
                if date >= today.adding(days: -3), outcomeRoll < 30 {
                    // Not yet recorded: an interview-outcome item for the officer.
                } else if outcomeRoll < 84 {
                    _ = try caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "attended"), actorID: officer, now: loggedAt)
                } else if outcomeRoll < 90 {
                    _ = try caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "failed-to-attend"), actorID: officer, now: loggedAt)
                    if random.next(2) == 0, at(date.adding(days: 2), 12) <= now {
                        _ = try caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "acceptable-absence", reason: "illness",
                                                                   notes: "GP note received"),
                                                    actorID: officer, now: at(date.adding(days: 2), 12))
                    }
                } else if outcomeRoll < 95 {
                    _ = try caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "acceptable-absence",
                                                               reason: ["employment", "medical", "court", "transport"][random.next(4)]),
                                                actorID: officer, now: loggedAt)
                } else {
                    _ = try caseload.logOutcome(OutcomeRequest(appointmentId: id, outcome: "unacceptable-absence"), actorID: officer, now: loggedAt)
                }
                due = date.adding(days: standard.interviewInterval(level))
            }
            // The next appointment, for open terms.
            if endsOn > today, quietFrom == nil, dischargeOn == nil, !hasFutureAppointment {
                var next = today.adding(days: 1 + random.next(6))
                while next.isWeekend { next = next.adding(days: 1) }
                if next <= endsOn {
                    _ = try caseload.scheduleInterviews(
                        InterviewScheduleRequest(caseRef: caseRef, at: LocalDateTime(date: next, secondOfDay: 10 * 3600).isoMinutes),
                        actorID: officer, now: now)
                    appointments += 1
                }
            }

            // Life-log entries: most on time, some late within the window, some missed.
            let interval = standard.lifeLogInterval(level)
            var dueDate = LocalDate(iso: receipt.firstLifeLogDueOn)!
            while dueDate <= lastDay {
                if let quietFrom, dueDate >= quietFrom { break }
                let submitted = dueDate.adding(days: random.next(3))
                let missed = random.next(100) < 9
                if !missed, at(submitted, 20) <= now, submitted <= endsOn {
                    let needs = random.next(100) < 20 ? [["housing", "employment", "money", "health", "substance"][random.next(5)]] : []
                    _ = try caseload.submitLifeLog(
                        LifeLogSubmission(caseRef: caseRef, at: nil, residence: "Home address", employment: ["employed", "looking for work", "training"][random.next(3)],
                                          activities: nil, wellbeing: 2 + random.next(4), needs: needs, wantsCallBack: random.next(100) < 5,
                                          locations: random.next(100) < 30 ? [home + ",25"] : []),
                        actorID: "supervisee:" + caseRef, now: at(submitted, 19, random.next(60)))
                    entries += 1
                }
                dueDate = dueDate.adding(days: interval)
            }
            if let dischargeOn {
                _ = try caseload.dischargeTerm(caseRef: caseRef, reason: "Early discharge approved for good progress",
                                               actorID: officer, now: at(dischargeOn, 21))
            }
        }
        let restricted = try addRestrictionsAndReports(caseload, zone: zone, today: today, now: now, count: count,
                                                       random: &random)
        try reviewViolations(caseload, now: now)
        return Summary(supervisees: count, openTerms: openTerms, appointments: appointments, lifeLogEntries: entries,
                       restricted: restricted,
                       asOf: zone.local(now).isoMinutes)
    }
}

extension DemoAgency {
    /// Restrictions for about one supervisee in ten with an open term, with location reports:
    /// compliant ones, breaching ones, and drifting ones (accuracy worse than 1 km, which are
    /// kept but never count).
    fileprivate static func addRestrictionsAndReports(_ caseload: Caseload, zone: AgencyZone, today: LocalDate,
                                                      now: Instant, count: Int, random: inout SplitMix64) throws -> Int {
        func at(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) -> Instant {
            zone.instant(of: LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60))
        }
        var restricted = 0
        for index in stride(from: 4, to: count, by: 10) {
            let caseRef = "LDN-\(String(format: "%04d", index + 1))"
            let officer = officers[index % officers.count].0
            let record = try caseload.show(caseRef: caseRef, actorID: supervisor, now: now)
            guard let term = record.terms.last, term.status == .open, let homeText = record.person.home,
                  let home = try? GeoPoint.parse(homeText, field: "home"),
                  today.days(since: term.startsOn) > 30 else { continue }
            restricted += 1
            let from = today.adding(days: -25)
            let setOn = at(from, 9)
            // Every restricted person has a curfew; some also an exclusion zone or a permitted area.
            _ = try caseload.addRestriction(RestrictionRequest(kind: .curfew, caseRef: caseRef, from: "21:00", to: "06:00",
                                                               starts: from.description),
                                            actorID: officer, now: setOn)
            func report(_ date: LocalDate, _ hour: Int, _ minute: Int, north metres: Double, accuracy: Double) throws {
                let lat = home.latitude + metres / 111_195
                _ = try caseload.reportLocation(
                    LocationReportRequest(caseRef: caseRef, at: LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60).isoMinutes,
                                          latitude: lat, longitude: home.longitude, accuracy: accuracy, source: "check-in"),
                    actorID: "supervisee:" + caseRef, now: at(date, 23, 59))
            }
            try report(today.adding(days: -20), 22, 15, north: 20, accuracy: 15)          // at home: compliant
            try report(today.adding(days: -12), 23, 40, north: 40, accuracy: 2_500)       // drift: low-accuracy
            if random.next(3) > 0 {
                try report(today.adding(days: -9), 23, 30, north: 650, accuracy: 20)      // out after curfew
            }
            switch restricted % 3 {
            case 0:
                let centre = String(format: "%.5f,%.5f,300", home.latitude + 0.02, home.longitude)
                _ = try caseload.addRestriction(RestrictionRequest(kind: .exclusion, caseRef: caseRef, circle: centre,
                                                                   name: "Victim's neighbourhood", starts: from.description),
                                                actorID: officer, now: setOn)
                try report(today.adding(days: -6), 14, 10, north: 0.02 * 111_195, accuracy: 12)   // inside the zone
            case 1:
                let area = String(format: "%.5f,%.5f,15000", home.latitude, home.longitude)
                _ = try caseload.addRestriction(RestrictionRequest(kind: .inclusion, caseRef: caseRef, circle: area,
                                                                   name: "Greater London", starts: from.description),
                                                actorID: officer, now: setOn)
                let trip = today.adding(days: -15)
                _ = try caseload.addRestriction(RestrictionRequest(kind: .travelPermit, caseRef: caseRef,
                                                                   from: trip.description, to: trip.adding(days: 1).description,
                                                                   reason: "Family funeral in Leeds"),
                                                actorID: officer, now: setOn)
                try report(trip, 13, 0, north: 270_000, accuracy: 30)                     // away, under the permit
                try report(today.adding(days: -4), 15, 45, north: 40_000, accuracy: 50)    // outside, no permit
            default:
                break
            }
        }
        return restricted
    }

    /// Reviews some of the scan's findings, so the lists show every stage: open, confirmed,
    /// dismissed, a recall awaiting its decision, and one decided.
    fileprivate static func reviewViolations(_ caseload: Caseload, now: Instant) throws {
        let open = try caseload.violationList(status: .open, actorID: supervisor, now: now)
        var confirmedHigh = 0
        var dismissed = 0
        var byCase: [String: Int] = [:]
        for violation in open {
            switch violation.kind {
            case ViolationKind.exclusionZone where confirmedHigh < 2:
                _ = try caseload.reviewViolation(id: violation.id, confirm: true, reason: "Report checked against the map",
                                                 actorID: violation.officer, now: now)
                confirmedHigh += 1
            case ViolationKind.curfew where dismissed < 2:
                _ = try caseload.reviewViolation(id: violation.id, confirm: false,
                                                 reason: "Verified night shift at the warehouse; employer confirmed",
                                                 actorID: violation.officer, now: now)
                dismissed += 1
            case ViolationKind.missedInterview, ViolationKind.curfew:
                // Two confirmed medium violations also recommend a recall.
                if byCase[violation.caseRef, default: 0] < 2, byCase.count < 6 {
                    _ = try caseload.reviewViolation(id: violation.id, confirm: true, reason: nil,
                                                     actorID: violation.officer, now: now)
                    byCase[violation.caseRef, default: 0] += 1
                }
            default:
                break
            }
        }
        // One recommendation decided (rejected, with a rationale); the others await a supervisor.
        let recommended = try caseload.violationList(status: .confirmed, actorID: supervisor, now: now)
            .filter(\.recallRecommended)
        if let first = recommended.first {
            _ = try caseload.decideRecall(caseRef: first.caseRef, approve: false,
                                          rationale: "Engaging well since; curfew tightened instead of recall",
                                          actorID: supervisor, now: now)
        }
    }
}
