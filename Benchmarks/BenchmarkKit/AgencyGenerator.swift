import Foundation
import Storage
import Supervision
import SupervisionRules

/// The restrictions the generator gives a supervisee (docs/restrictions.md §6), decided from the seed with the
/// rest of the history; `AgencyGenerator.writeRestrictions` writes them through the use case.
public struct RestrictionPlan: Sendable, Equatable {
    public let caseRef: String
    public let termId: Int64
    public let startsOn: LocalDate
    public let endsOn: LocalDate
    /// Curfew: `from`–`to` local, every day, at home with `toleranceMeters`.
    public let home: GeoPoint
    public let curfewFrom: String
    public let curfewTo: String
    public let toleranceMeters: Double
    /// Exclusion zone: a circle around a place the supervisee must keep away from.
    public let exclusionCentre: GeoPoint
    public let exclusionRadiusMeters: Double
    /// True when some of this supervisee's location reports breach the curfew or the zone.
    public let breaching: Bool
}

/// The synthetic agency the workloads run on.
public struct GeneratedAgency: Sendable {
    public let path: String
    public let scale: Int
    public let seed: UInt64
    /// The clock of every workload (the as-of instant) and its local date.
    public let now: Instant
    public let today: LocalDate
    public let timeZone: String
    public let admin: String
    /// A supervisor: sees every caseload (the agency-wide overdue list, lookups).
    public let supervisor: String
    public let officers: [String]
    /// Case references of the terms open today (lookup and write targets).
    public let openCaseRefs: [String]
    public let restrictionPlans: [RestrictionPlan]
    public let restrictionsWritten: Int
    public let counts: Counts
    public let buildSeconds: Double

    public struct Counts: Sendable, Equatable {
        public var supervisees = 0
        public var openTerms = 0
        public var appointments = 0
        public var outcomes = 0
        public var lifeLogEntries = 0
        public var locationReports = 0
        public var breachingSupervisees = 0
    }
}

/// Builds a synthetic agency deterministically from a seed (same seed and scale, same database).
///
/// People and terms go through `Caseload.register` (in one batch), so every person, term, level
/// row and audit entry is exactly what the product writes. The bulk of history (appointments
/// and their outcomes, life-log entries, location reports) is inserted with raw SQL in one
/// transaction, with the values the use cases would store; it writes no audit entries (the
/// chain stays valid, it is only shorter than a real agency's).
public enum AgencyGenerator {
    public static let timeZone = "Europe/London"
    public static let admin = "admin"
    public static let supervisor = "chief"
    /// The as-of date of every run: fixed, so a seed means the same overdue list on any day.
    public static let asOf = LocalDateTime(date: LocalDate(year: 2026, month: 6, day: 15)!, secondOfDay: 14 * 3600)
    public static let casesPerOfficer = 60

    public struct Options: Sendable {
        public var scale: Int
        public var seed: UInt64
        /// Writes one supervisee's restrictions (the hook for docs/restrictions.md §6, see `RestrictionPlan`);
        /// nil in this build. Called inside the registration batch, after the history is written.
        public var restrictions: (@Sendable (Caseload, RestrictionPlan) throws -> Void)?

        public init(scale: Int, seed: UInt64 = 1,
                    restrictions: (@Sendable (Caseload, RestrictionPlan) throws -> Void)? = nil) {
            self.scale = scale
            self.seed = seed
            self.restrictions = restrictions
        }
    }

    static let firstNames = DemoAgency.firstNames
    static let lastNames = DemoAgency.lastNames
    /// England and Wales bank holidays around the as-of date: they move first-interview dates.
    static let holidays = ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
                           "2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                           "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]

    public static func officerID(_ index: Int) -> String { "po-" + pad(index + 1, 4) }
    public static func caseRef(_ index: Int) -> String { "B-" + pad(index + 1, 6) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Builds the agency at `path`, which must not exist yet.
    public static func build(at path: String, _ options: Options) throws -> GeneratedAgency {
        precondition(options.scale >= 1, "an agency has at least one supervisee")
        let started = monotonicSeconds()
        let zone = AgencyZone(identifier: timeZone)!
        let clock = ZoneClock(zone: zone)
        let today = asOf.date
        let now = zone.instant(of: asOf)
        let setUpAt = zone.instant(of: LocalDateTime(date: today.adding(days: -420), secondOfDay: 8 * 3600))
        _ = try Caseload.initialize(path: path, timeZone: timeZone, agencyName: "Benchmark agency", adminID: admin,
                                    now: setUpAt)
        let caseload = try Caseload.open(path: path)
        let officerCount = max(1, (options.scale + casesPerOfficer - 1) / casesPerOfficer)
        let officers = (0..<officerCount).map(officerID)
        try caseload.batch { batch in
            for officer in officers {
                _ = try batch.addOfficer(id: officer, name: "Officer \(officer)", role: .officer, actorID: admin, now: setUpAt)
            }
            _ = try batch.addOfficer(id: supervisor, name: "Chief Officer", role: .supervisor, actorID: admin, now: setUpAt)
            for date in holidays {
                _ = try batch.addHoliday(date, name: "Bank holiday", actorID: admin, now: setUpAt)
            }
        }
        let standard = try caseload.agency().standard

        // 1. People and terms, through the use case, registered in the order of their release
        //    (case references are handed out in that order, as an agency would).
        var random = SplitMix64(seed: options.seed)
        var planned = (0..<options.scale).map { plan(index: $0, officers: officers, today: today, random: &random) }
        planned.sort { ($0.startsOn, $0.index) < ($1.startsOn, $1.index) }
        var people: [Person] = []
        people.reserveCapacity(options.scale)
        try caseload.batch { batch in
            for (rank, planned) in planned.enumerated() {
                var person = planned
                person.index = rank
                person.caseRef = caseRef(rank)
                person.officer = officers[rank % officers.count]
                let receipt = try batch.register(
                    ReleaseRegistration(caseRef: person.caseRef, name: person.name, born: person.born.description,
                                        released: person.startsOn.description, months: person.months,
                                        level: person.level.rawValue, officer: person.officer,
                                        home: AgencyGenerator.homeText(person.home)),
                    actorID: person.officer, now: clock.at(person.startsOn, 9 * 3600))
                person.termId = receipt.termId
                person.endsOn = LocalDate(iso: receipt.endsOn)!
                person.firstInterviewDueOn = LocalDate(iso: receipt.firstInterviewDueOn)!
                person.firstLifeLogDueOn = LocalDate(iso: receipt.firstLifeLogDueOn)!
                people.append(person)
            }
        }

        // 2. History, raw, in one transaction, inserted in the order it happened: a real agency's
        //    tables interleave everyone's appointments and entries, and so must these, or every
        //    query reading one person's history would find it on one page.
        var counts = GeneratedAgency.Counts()
        counts.supervisees = people.count
        var plans: [RestrictionPlan] = []
        let history = History()
        for person in people {
            planHistory(person, today: today, now: now, clock: clock, standard: standard, history: history,
                        random: &random, counts: &counts, plans: &plans)
        }
        do {
            let raw = try RawDatabase(path: path)
            // The history is one transaction inserted in time order, interleaved across the
            // agency, so it touches index pages all over the file. With SQLite's 2 MB page cache
            // each page was spilled to the WAL again and again: the 1,000,000 agency wrote 174 GB
            // for a WAL of 6 GB (Benchmarks/README.md). A cache of up to 4 GiB keeps them in memory
            // until the commit (a build tool's setting; the product's connections keep theirs).
            try raw.exec("PRAGMA cache_size = -\(min(4 << 20, max(2_000, options.scale * 4)))")
            let writer = try HistoryWriter(raw)
            try raw.exec("BEGIN IMMEDIATE")
            do {
                try history.write(to: writer)
                try raw.exec("COMMIT")
            } catch {
                try? raw.exec("ROLLBACK")
                throw error
            }
        }

        // 3. Restrictions, through the hook (the use case, one savepoint each, in one batch).
        var written = 0
        if let hook = options.restrictions {
            try caseload.batch { batch in
                for plan in plans {
                    try hook(batch, plan)
                    written += 1
                }
            }
        }

        // 4. The overdue listing's kept state for the raw history (the use cases keep it as they
        //    write; the history above was written around them), as of the clock.
        try caseload.refreshDueState(now: now)

        let open = people.filter { $0.startsOn <= today && $0.endsOn >= today }
        counts.openTerms = open.count
        return GeneratedAgency(
            path: path, scale: options.scale, seed: options.seed, now: now, today: today, timeZone: timeZone,
            admin: admin, supervisor: supervisor, officers: officers, openCaseRefs: open.map(\.caseRef),
            restrictionPlans: plans, restrictionsWritten: written, counts: counts,
            buildSeconds: monotonicSeconds() - started)
    }

    /// The facts the workloads need about an agency built earlier (kept with `--keep`).
    public static func load(path: String, scale: Int, seed: UInt64) throws -> GeneratedAgency {
        let zone = AgencyZone(identifier: timeZone)!
        let today = asOf.date
        let raw = try RawDatabase(path: path)
        var officers: [String] = []
        // In the order `build` made them (po-9999 before po-10000).
        let o = try raw.prepare("SELECT id FROM officer WHERE role = 'officer' AND id LIKE 'po-%' ORDER BY length(id), id")
        while try o.step() { officers.append(o.string(0)) }
        var refs: [String] = []
        let t = try raw.prepare("""
            SELECT p.case_ref FROM supervision_term t JOIN person p ON p.id = t.person_id
            WHERE p.case_ref LIKE 'B-%' AND t.status = 'open' AND t.starts_on <= ?1 AND t.ends_on >= ?1 ORDER BY p.case_ref
            """)
        t.bind(1, today.description)
        while try t.step() { refs.append(t.string(0)) }
        func count(_ sql: String) throws -> Int {
            let c = try raw.prepare(sql)
            _ = try c.step()
            return Int(c.int64(0))
        }
        var counts = GeneratedAgency.Counts()
        counts.supervisees = scale
        counts.openTerms = refs.count
        counts.appointments = try count("SELECT count(*) FROM appointment")
        counts.lifeLogEntries = try count("SELECT count(*) FROM life_log_entry")
        counts.locationReports = try count("SELECT count(*) FROM location_report")
        // The plans themselves are not stored; the terms they restricted are.
        let restricted = try count("SELECT count(DISTINCT term_id) FROM restriction")
        return GeneratedAgency(path: path, scale: scale, seed: seed, now: zone.instant(of: asOf), today: today,
                               timeZone: timeZone, admin: admin, supervisor: supervisor, officers: officers,
                               openCaseRefs: refs, restrictionPlans: [], restrictionsWritten: restricted,
                               counts: counts, buildSeconds: 0)
    }

    /// Writes a plan's curfew and exclusion zone through `Caseload.addRestriction`, as the
    /// supervisor, as of the agency's clock.
    @Sendable public static func writeRestrictions(_ caseload: Caseload, _ plan: RestrictionPlan) throws {
        let now = AgencyZone(identifier: timeZone)!.instant(of: asOf)
        _ = try caseload.addRestriction(
            RestrictionRequest(kind: .curfew, caseRef: plan.caseRef, from: plan.curfewFrom, to: plan.curfewTo,
                               home: plan.home.description, tolerance: plan.toleranceMeters,
                               starts: plan.startsOn.description, ends: plan.endsOn.description),
            actorID: supervisor, now: now)
        let circle = "\(plan.exclusionCentre.description),\(Int(plan.exclusionRadiusMeters))"
        _ = try caseload.addRestriction(
            RestrictionRequest(kind: .exclusion, caseRef: plan.caseRef, circle: circle, name: "Exclusion zone",
                               starts: plan.startsOn.description, ends: plan.endsOn.description),
            actorID: supervisor, now: now)
    }

    // MARK: - People

    struct Person {
        var index: Int
        var caseRef: String
        var name: String
        var born: LocalDate
        var home: GeoPoint
        var officer: String
        var level: SupervisionLevel
        var months: Int
        var startsOn: LocalDate
        /// Set from the registration receipt.
        var termId: Int64 = 0
        var endsOn: LocalDate
        var firstInterviewDueOn: LocalDate
        var firstLifeLogDueOn: LocalDate
    }

    /// Who one supervisee is and when they were released: 92 % are mid-term today, 8 % finished
    /// in the last two months. Levels 25 % high, 45 % medium, 30 % low.
    static func plan(index: Int, officers: [String], today: LocalDate, random: inout SplitMix64) -> Person {
        let name = firstNames[random.next(firstNames.count)] + " " + lastNames[random.next(lastNames.count)]
        let born = LocalDate(year: 1960 + random.next(45), month: 1 + random.next(12), day: 1 + random.next(28))!
        let home = GeoPoint(latitude: round5(51.40 + random.unit() * 0.2), longitude: round5(-0.30 + random.unit() * 0.35))!
        let roll = random.next(100)
        let level: SupervisionLevel = roll < 25 ? .high : roll < 70 ? .medium : .low
        let months = 6 + random.next(7)
        var startsOn: LocalDate
        if random.chance(92) {
            // Mid-term: released 3 days to (almost) the whole term ago.
            startsOn = today.adding(days: -(3 + random.next(months * 30 - 5)))
            while TermLength.endsOn(startsOn: startsOn, months: months) < today { startsOn = startsOn.adding(days: 1) }
        } else {
            // Completed recently.
            let ended = today.adding(days: -(1 + random.next(60)))
            startsOn = addMonths(ended.adding(days: 1), -months)
        }
        return Person(index: index, caseRef: caseRef(index), name: name, born: born, home: home,
                      officer: officers[index % officers.count], level: level, months: months, startsOn: startsOn,
                      endsOn: startsOn, firstInterviewDueOn: startsOn, firstLifeLogDueOn: startsOn)
    }

    static func round5(_ x: Double) -> Double { (x * 100_000).rounded() / 100_000 }

    /// `LAT,LON` as `register --home` takes it (fixed notation: never `6e-05`).
    static func homeText(_ point: GeoPoint) -> String {
        String(format: "%.5f,%.5f", point.latitude, point.longitude)
    }

    // MARK: - History

    /// ~1 interview per contact period and ~1 life-log entry per due date over the elapsed part of
    /// the term; 12 % of people went quiet a few weeks ago; recent appointments sometimes lack an
    /// outcome; 10 % carry location reports, a quarter of those breaching.
    static func planHistory(_ person: Person, today: LocalDate, now: Instant, clock: ZoneClock,
                            standard: ContactStandard, history: History, random: inout SplitMix64,
                            counts: inout GeneratedAgency.Counts, plans: inout [RestrictionPlan]) {
        let lastDay = min(person.endsOn, today)
        let isOpen = person.endsOn >= today
        let quietFrom: LocalDate? = random.chance(12) ? today.adding(days: -(5 + random.next(25))) : nil
        let tracked = random.chance(10)
        let breaching = tracked && random.chance(25)
        let supervisee = "supervisee:" + person.caseRef

        // Interviews, each scheduled a week ahead and its outcome recorded an hour after its end.
        var due = person.firstInterviewDueOn
        var hasFuture = false
        while due <= lastDay {
            var date = due.adding(days: -random.next(2))
            if date < person.startsOn { date = person.startsOn }
            while date.isWeekend { date = date.adding(days: 1) }
            if let quietFrom, date >= quietFrom { break }
            guard date <= person.endsOn else { break }
            let hour = 9 + random.next(8)
            let minutes = [30, 45, 60][random.next(3)]
            let kind = ["office", "office", "home", "phone", "video"][random.next(5)]
            let start = clock.at(date, hour * 3600)
            let end = start.adding(seconds: Int64(minutes) * 60)
            let createdAt = min(now, clock.at(max(person.startsOn, date.adding(days: -7)), 8 * 3600))
            if end > now {
                history.appointment(AppointmentRow(term: person.termId, start: start, end: end, date: date, hour: hour,
                                                   minutes: minutes, kind: kind, outcome: nil, officer: person.officer,
                                                   createdAt: createdAt))
                counts.appointments += 1
                hasFuture = true
                break
            }
            let roll = random.next(100)
            let recordedAt = end.adding(seconds: 3600)
            var outcomes: [(String, String?)] = []
            if date >= today.adding(days: -3), roll < 30 {
                // Not recorded yet: an interview-outcome item.
            } else if roll < 84 {
                outcomes = [("attended", nil)]
            } else if roll < 90 {
                outcomes = [("failed-to-attend", nil)]
                if random.next(2) == 0, date.adding(days: 2) < today { outcomes.append(("acceptable-absence", "illness")) }
            } else if roll < 95 {
                outcomes = [("acceptable-absence", ["employment", "medical", "court", "transport"][random.next(4)])]
            } else {
                outcomes = [("unacceptable-absence", nil)]
            }
            let number = history.appointment(AppointmentRow(
                term: person.termId, start: start, end: end, date: date, hour: hour, minutes: minutes, kind: kind,
                outcome: outcomes.last?.0, officer: person.officer, createdAt: createdAt))
            counts.appointments += 1
            for (offset, outcome) in outcomes.enumerated() {
                history.outcome(OutcomeRow(appointment: number, outcome: outcome.0, reason: outcome.1,
                                           officer: person.officer,
                                           at: min(now, recordedAt.adding(seconds: Int64(offset) * 86_400 * 2))))
                counts.outcomes += 1
            }
            due = date.adding(days: standard.interviewInterval(person.level))
        }
        if isOpen, quietFrom == nil, !hasFuture {
            var next = today.adding(days: 1 + random.next(6))
            while next.isWeekend { next = next.adding(days: 1) }
            if next <= person.endsOn {
                let start = clock.at(next, 10 * 3600)
                history.appointment(AppointmentRow(term: person.termId, start: start, end: start.adding(seconds: 3600),
                                                   date: next, hour: 10, minutes: 60, kind: "office", outcome: nil,
                                                   officer: person.officer, createdAt: now))
                counts.appointments += 1
            }
        }

        // Life-log entries: most on time, some late within the window, 9 % missed.
        let interval = standard.lifeLogInterval(person.level)
        var dueDate = person.firstLifeLogDueOn
        while dueDate <= lastDay {
            if let quietFrom, dueDate >= quietFrom { break }
            let submittedOn = dueDate.adding(days: random.next(3))
            let missed = random.chance(9)
            let at = clock.at(submittedOn, 19 * 3600 + random.next(180) * 60)
            if !missed, at <= now, submittedOn <= person.endsOn {
                let need = random.chance(20) ? ["housing", "employment", "money", "health", "substance"][random.next(5)] : nil
                let entry = history.lifeLog(EntryRow(
                    term: person.termId, at: at, date: submittedOn, filled: dueDate,
                    employment: ["employed", "looking for work", "training"][random.next(3)],
                    wellbeing: 2 + random.next(4), callBack: random.chance(5), supervisee: supervisee, need: need))
                counts.lifeLogEntries += 1
                if tracked {
                    history.location(LocationRow(
                        term: person.termId, at: at, date: submittedOn,
                        latitude: person.home.latitude + (random.unit() - 0.5) * 0.0008,
                        longitude: person.home.longitude + (random.unit() - 0.5) * 0.0012,
                        accuracy: Double(5 + random.next(40)), source: "life-log", entry: entry, by: supervisee))
                    counts.locationReports += 1
                }
            }
            dueDate = dueDate.adding(days: interval)
        }

        // Restrictions (planned) and the reports that would breach them.
        guard tracked, isOpen else { return }
        let exclusion = GeoPoint(latitude: round5(person.home.latitude + 0.018), longitude: round5(person.home.longitude - 0.02))!
        let from = max(person.startsOn, today.adding(days: -60))
        plans.append(RestrictionPlan(caseRef: person.caseRef, termId: person.termId, startsOn: person.startsOn,
                                     endsOn: person.endsOn, home: person.home, curfewFrom: "21:00", curfewTo: "06:00",
                                     toleranceMeters: 100, exclusionCentre: exclusion, exclusionRadiusMeters: 500,
                                     breaching: breaching))
        // Evening check-ins at home (compliant), one of them with low accuracy (drift: never a breach).
        for k in 0..<4 {
            let day = from.adding(days: random.next(max(1, today.days(since: from))))
            let at = clock.at(day, 21 * 3600 + 30 * 60 + random.next(120) * 60)
            guard at <= now else { continue }
            history.location(LocationRow(
                term: person.termId, at: at, date: day,
                latitude: person.home.latitude + (random.unit() - 0.5) * 0.0006,
                longitude: person.home.longitude + (random.unit() - 0.5) * 0.0009,
                accuracy: k == 0 ? 1_500 : Double(5 + random.next(30)), source: "check-in", entry: nil, by: supervisee))
            counts.locationReports += 1
        }
        guard breaching else { return }
        counts.breachingSupervisees += 1
        // Out after curfew about 3 km from home, and once inside the exclusion zone.
        for k in 0..<(2 + random.next(3)) {
            let day = from.adding(days: random.next(max(1, today.days(since: from))))
            let at = clock.at(day, 23 * 3600 + random.next(50) * 60)
            guard at <= now else { continue }
            let inZone = k == 0
            history.location(LocationRow(
                term: person.termId, at: at, date: day,
                latitude: inZone ? exclusion.latitude + 0.001 : person.home.latitude + 0.027,
                longitude: inZone ? exclusion.longitude : person.home.longitude + 0.004,
                accuracy: Double(10 + random.next(20)), source: "check-in", entry: nil, by: supervisee))
            counts.locationReports += 1
        }
    }
}

struct AppointmentRow {
    let term: Int64
    let start: Instant
    let end: Instant
    let date: LocalDate
    let hour: Int
    let minutes: Int
    let kind: String
    let outcome: String?
    let officer: String
    let createdAt: Instant
}

struct OutcomeRow {
    /// The appointment's number in `History` (its row id is known once it is inserted).
    let appointment: Int
    let outcome: String
    let reason: String?
    let officer: String
    let at: Instant
}

struct EntryRow {
    let term: Int64
    let at: Instant
    let date: LocalDate
    let filled: LocalDate
    let employment: String
    let wellbeing: Int
    let callBack: Bool
    let supervisee: String
    let need: String?
}

struct LocationRow {
    let term: Int64
    let at: Instant
    let date: LocalDate
    let latitude: Double
    let longitude: Double
    let accuracy: Double
    let source: String
    /// The life-log entry's number in `History`, for a report sent with an entry.
    let entry: Int?
    let by: String
}

/// Everyone's history, collected and then written in the order it happened.
final class History {
    private enum Kind: UInt8 { case appointment, outcome, lifeLog, location }
    /// (when it was written, generation order, kind, index into its array)
    private var order: [(time: Int64, sequence: Int, kind: Kind, index: Int)] = []
    private var appointments: [AppointmentRow] = []
    private var outcomes: [OutcomeRow] = []
    private var entries: [EntryRow] = []
    private var locations: [LocationRow] = []

    private func note(_ time: Instant, _ kind: Kind, _ index: Int) {
        order.append((time.secondsSinceEpoch, order.count, kind, index))
    }

    @discardableResult
    func appointment(_ row: AppointmentRow) -> Int {
        appointments.append(row)
        note(row.createdAt, .appointment, appointments.count - 1)
        return appointments.count - 1
    }

    func outcome(_ row: OutcomeRow) {
        outcomes.append(row)
        note(row.at, .outcome, outcomes.count - 1)
    }

    func lifeLog(_ row: EntryRow) -> Int {
        entries.append(row)
        note(row.at, .lifeLog, entries.count - 1)
        return entries.count - 1
    }

    func location(_ row: LocationRow) {
        locations.append(row)
        note(row.at, .location, locations.count - 1)
    }

    func write(to writer: HistoryWriter) throws {
        order.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
        var appointmentIds = [Int64](repeating: 0, count: appointments.count)
        var entryIds = [Int64](repeating: 0, count: entries.count)
        for event in order {
            switch event.kind {
            case .appointment:
                let r = appointments[event.index]
                appointmentIds[event.index] = try writer.appointment(
                    term: r.term, start: r.start, end: r.end, date: r.date, hour: r.hour, minutes: r.minutes,
                    kind: r.kind, outcome: r.outcome, by: r.officer, at: r.createdAt)
            case .outcome:
                let r = outcomes[event.index]
                try writer.outcome(appointment: appointmentIds[r.appointment], outcome: r.outcome, reason: r.reason,
                                   by: r.officer, at: r.at)
            case .lifeLog:
                let r = entries[event.index]
                let id = try writer.lifeLog(term: r.term, at: r.at, date: r.date, filled: r.filled,
                                            employment: r.employment, wellbeing: r.wellbeing, callBack: r.callBack,
                                            by: r.supervisee)
                entryIds[event.index] = id
                if let need = r.need { try writer.need(entry: id, need) }
            case .location:
                let r = locations[event.index]
                try writer.location(term: r.term, at: r.at, date: r.date, latitude: r.latitude, longitude: r.longitude,
                                    accuracy: r.accuracy, source: r.source, entry: r.entry.map { entryIds[$0] },
                                    by: r.by)
            }
        }
    }
}

/// Local wall time to instant for the generator, with the zone offset cached per day (at local
/// noon; the daylight-saving changes happen at night, before any time the generator uses).
struct ZoneClock {
    let zone: AgencyZone
    private let offsets: OffsetCache

    init(zone: AgencyZone) {
        self.zone = zone
        self.offsets = OffsetCache()
    }

    func at(_ date: LocalDate, _ secondOfDay: Int) -> Instant {
        let day = date.daysSinceEpoch
        let offset: Int
        if let cached = offsets.values[day] {
            offset = cached
        } else {
            offset = zone.offsetSeconds(at: Instant(secondsSinceEpoch: Int64(day) * 86_400 + 12 * 3600))
            offsets.values[day] = offset
        }
        return Instant(secondsSinceEpoch: Int64(day) * 86_400 + Int64(secondOfDay) - Int64(offset))
    }

    final class OffsetCache {
        var values: [Int: Int] = [:]
    }
}

/// The raw inserts of the generator (prepared once, bound positionally).
final class HistoryWriter {
    private let raw: RawDatabase
    private let appointmentInsert: RawStatement
    private let outcomeInsert: RawStatement
    private let entryInsert: RawStatement
    private let needInsert: RawStatement
    private let locationInsert: RawStatement

    init(_ raw: RawDatabase) throws {
        self.raw = raw
        appointmentInsert = try raw.prepare("""
            INSERT INTO appointment (term_id, starts_at, ends_at, local_date, local_time, minutes, kind, outcome,
                created_by, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        outcomeInsert = try raw.prepare("""
            INSERT INTO appointment_outcome (appointment_id, outcome, reason, recorded_by, recorded_at)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """)
        entryInsert = try raw.prepare("""
            INSERT INTO life_log_entry (term_id, submitted_at, local_date, filled_due_on, residence, employment,
                wellbeing, wants_call_back, submitted_by)
            VALUES (?1, ?2, ?3, ?4, 'Home address', ?5, ?6, ?7, ?8)
            """)
        needInsert = try raw.prepare("INSERT INTO life_log_need (entry_id, need) VALUES (?1, ?2)")
        locationInsert = try raw.prepare("""
            INSERT INTO location_report (term_id, at, local_date, latitude, longitude, accuracy_m, low_accuracy,
                source, life_log_entry_id, recorded_by, recorded_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2)
            """)
    }

    @discardableResult
    func appointment(term: Int64, start: Instant, end: Instant, date: LocalDate, hour: Int, minutes: Int,
                     kind: String, outcome: String?, by officer: String, at: Instant) throws -> Int64 {
        let s = appointmentInsert
        s.bind(1, term)
        s.bind(2, start.description)
        s.bind(3, end.description)
        s.bind(4, date.description)
        s.bind(5, (hour < 10 ? "0" : "") + "\(hour):00")
        s.bind(6, Int64(minutes))
        s.bind(7, kind)
        if let outcome { s.bind(8, outcome) } else { s.bindNull(8) }
        s.bind(9, officer)
        s.bind(10, at.description)
        try s.run()
        return raw.lastInsertRowID
    }

    func outcome(appointment: Int64, outcome: String, reason: String?, by officer: String, at: Instant) throws {
        let s = outcomeInsert
        s.bind(1, appointment)
        s.bind(2, outcome)
        if let reason { s.bind(3, reason) } else { s.bindNull(3) }
        s.bind(4, officer)
        s.bind(5, at.description)
        try s.run()
    }

    func lifeLog(term: Int64, at: Instant, date: LocalDate, filled: LocalDate, employment: String, wellbeing: Int,
                 callBack: Bool, by supervisee: String) throws -> Int64 {
        let s = entryInsert
        s.bind(1, term)
        s.bind(2, at.description)
        s.bind(3, date.description)
        s.bind(4, filled.description)
        s.bind(5, employment)
        s.bind(6, Int64(wellbeing))
        s.bind(7, Int64(callBack ? 1 : 0))
        s.bind(8, supervisee)
        try s.run()
        return raw.lastInsertRowID
    }

    func need(entry: Int64, _ need: String) throws {
        needInsert.bind(1, entry)
        needInsert.bind(2, need)
        try needInsert.run()
    }

    func location(term: Int64, at: Instant, date: LocalDate, latitude: Double, longitude: Double, accuracy: Double,
                  source: String, entry: Int64?, by: String) throws {
        let s = locationInsert
        s.bind(1, term)
        s.bind(2, at.description)
        s.bind(3, date.description)
        s.bind(4, AgencyGenerator.round5(latitude))
        s.bind(5, AgencyGenerator.round5(longitude))
        s.bind(6, accuracy)
        s.bind(7, Int64(accuracy > LocationReport.lowAccuracyThresholdMeters ? 1 : 0))
        s.bind(8, source)
        if let entry { s.bind(9, entry) } else { s.bindNull(9) }
        s.bind(10, by)
        try s.run()
    }
}
