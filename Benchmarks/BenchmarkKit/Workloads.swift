import Foundation
import Storage
import Supervision
import SupervisionRules

/// One timed side of a workload: what it produced, so the two sides can be checked against
/// each other (a twin that does less work than the app would flatter nobody).
struct SideOutcome: Equatable {
    /// Rows written or listed, or lookups answered.
    var rows = 0
    /// An order-independent fold over the results (see `Fold`).
    var checksum: UInt64 = 0
}

/// An order-independent checksum: each result is hashed (FNV-1a) and the hashes are added, so a
/// twin that lists the same rows in another order folds to the same value.
struct Fold {
    private(set) var sum: UInt64 = 0

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ c: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for value in [a, b, c] { h = (h ^ UInt64(bitPattern: Int64(value))) &* 0x100_0000_01b3 }
        return h
    }

    @inline(__always) mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ c: Int) {
        sum &+= Fold.hash(bytes, a, b, c)
    }

    @inline(__always) mutating func add(_ text: String, _ a: Int, _ b: Int, _ c: Int) {
        var copy = text
        copy.withUTF8 { add($0, a, b, c) }
    }

    /// A listing row that names a person: case reference, name and officer (each followed by a
    /// 0 byte, so moving a byte from one to the next changes the sum) and three numbers.
    @inline(__always) mutating func add(person caseRef: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>,
                                        _ officer: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ c: Int) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in [caseRef, name, officer] {
            for byte in text { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            h = h &* 0x100_0000_01b3
        }
        for value in [a, b, c] { h = (h ^ UInt64(bitPattern: Int64(value))) &* 0x100_0000_01b3 }
        sum &+= h
    }

    /// The same for an item as the app lists it.
    @inline(__always) mutating func add(_ item: OverdueItem, kind: Int) {
        var caseRef = item.caseRef, name = item.name, officer = item.officer
        caseRef.withUTF8 { c in
            name.withUTF8 { n in
                officer.withUTF8 { o in add(person: c, n, o, kind, item.dueOn.daysSinceEpoch, item.daysOverdue) }
            }
        }
    }
}

/// The context every workload runs in: the agency, the app facade and the raw connection, all
/// on the same database file in the same process.
final class WorkloadContext {
    let agency: GeneratedAgency
    let caseload: Caseload
    let raw: RawDatabase

    init(agency: GeneratedAgency) throws {
        self.agency = agency
        self.caseload = try Caseload.open(path: agency.path)
        self.raw = try RawDatabase(path: agency.path)
    }
}

// MARK: - import

/// `import`: registering releases in bulk, K per repetition in one transaction.
///
/// App: `Caseload.registerReleases` (each release with `register`'s validation, officer and
/// person checks and two audit entries, all in one transaction, the kept due state of the new
/// terms computed before it commits). Raw: the same rows (person, term, level history, two audit
/// entries with the chain read and the SHA-256) inserted with prepared statements, the dates
/// computed with plain day arithmetic, then the due-state upkeep of the new terms and the scan's
/// clock (`RawDueUpkeep`); no validation and no look-ups beyond the chain.
struct ImportWorkload {
    let count: Int

    struct Input {
        let registration: ReleaseRegistration
        let startsDay: Int
        let level: SupervisionLevel
    }

    func inputs(_ context: WorkloadContext, rep: Int, prefix: String) -> [Input] {
        var random = SplitMix64(seed: context.agency.seed &+ UInt64(rep) &* 7919)
        let today = context.agency.today
        return (0..<count).map { i in
            let person = AgencyGenerator.plan(index: i, officers: context.agency.officers, today: today, random: &random)
            let caseRef = "\(prefix)\(rep)-\(AgencyGenerator.pad(i + 1, 6))"
            return Input(registration: ReleaseRegistration(
                caseRef: caseRef, name: person.name, born: person.born.description,
                released: person.startsOn.description, months: person.months, level: person.level.rawValue,
                officer: person.officer, home: AgencyGenerator.homeText(person.home)),
                startsDay: person.startsOn.daysSinceEpoch, level: person.level)
        }
    }

    func app(_ context: WorkloadContext, _ inputs: [Input]) throws -> SideOutcome {
        var outcome = SideOutcome()
        let now = context.agency.now
        // The import use case: every release checked and audited as `register` does, all or
        // nothing in one transaction, by the supervisor (who may register onto any caseload).
        let receipts = try context.caseload.registerReleases(inputs.map(\.registration),
                                                             actorID: AgencyGenerator.supervisor, now: now)
        for receipt in receipts {
            outcome.rows += 1
            outcome.checksum &+= UInt64(LocalDate(iso: receipt.endsOn)!.daysSinceEpoch)
        }
        return outcome
    }

    /// What the raw twin needs before it starts: the prepared statements and the agency's settings
    /// (loaded once, as a hand-written importer would).
    final class Raw {
        let begin, commit, rollback, person, term, level, lastAudit, audit, scanClock: RawStatement
        let holidays: Set<Int>
        let lifeLogInterval: [SupervisionLevel: Int]
        let firstInterviewBusinessDays: Int
        let lifeLogGraceDays: Int
        /// The kept due state's upkeep, which every write does before it commits.
        let due: RawDueUpkeep

        init(_ db: RawDatabase) throws {
            begin = try db.prepare("BEGIN IMMEDIATE")
            commit = try db.prepare("COMMIT")
            rollback = try db.prepare("ROLLBACK")
            person = try db.prepare("""
                INSERT INTO person (case_ref, name, born_on, home_latitude, home_longitude, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
            term = try db.prepare("""
                INSERT INTO supervision_term (person_id, officer_id, starts_on, months, ends_on, level, status,
                    first_interview_due_on, first_life_log_due_on, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9)
                """)
            level = try db.prepare("""
                INSERT INTO term_level_change (term_id, level, effective_on, changed_by, changed_at, reason)
                VALUES (?1, ?2, ?3, ?4, ?5, 'registered')
                """)
            lastAudit = try db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            audit = try db.prepare("""
                INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash, nonce, digest)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                """)
            var holidays = Set<Int>()
            let h = try db.prepare("SELECT on_date FROM holiday")
            while try h.step() { if let day = h.day(0) { holidays.insert(day) } }
            h.reset()
            self.holidays = holidays
            // The agency's contact standard, read as `Session.loadAgency` reads it.
            var standard = ContactStandard.default
            let c = try db.prepare("SELECT level, interview_interval_days, life_log_interval_days FROM contact_standard")
            while try c.step() {
                let level = SupervisionLevel(rawValue: c.string(0))!
                standard.interviewIntervalDays[level] = Int(c.int64(1))
                standard.lifeLogIntervalDays[level] = Int(c.int64(2))
            }
            c.reset()
            let s = try db.prepare("SELECT key, value FROM agency_setting")
            while try s.step() {
                let value = Int(s.int64(1))
                switch s.string(0) {
                case "first_interview_business_days": standard.firstInterviewBusinessDays = value
                case "evidence_window_business_days": standard.evidenceWindowBusinessDays = value
                case "life_log_grace_days": standard.lifeLogGraceDays = value
                default: break
                }
            }
            s.reset()
            lifeLogInterval = standard.lifeLogIntervalDays
            firstInterviewBusinessDays = standard.firstInterviewBusinessDays
            lifeLogGraceDays = standard.lifeLogGraceDays
            due = try RawDueUpkeep(db, zone: AgencyZone(identifier: AgencyGenerator.timeZone)!, standard: standard)
            // The scan's clock: the latest instant of a change (migration 0018), as every write notes it.
            scanClock = try db.prepare(
                "UPDATE scan_clock SET latest_change_at = ?1 WHERE id = 1 AND latest_change_at < ?1")
        }

        /// What every write does before its COMMIT: the kept due state of the terms it touched,
        /// and the scan's clock.
        func beforeCommit(now: Instant) throws {
            try due.refresh(now: now)
            scanClock.bind(1, now.secondsSinceEpoch)
            try scanClock.run()
        }

        func appendAudit(at: String, actor: String, action: String, entity: String, entityID: String,
                         details: String) throws {
            var seq: Int64 = 1
            var prev = AuditLog.genesisHash
            if try lastAudit.step() {
                seq = lastAudit.int64(0) + 1
                prev = lastAudit.string(1)
            }
            lastAudit.reset()
            // The erasable form `AuditLog` writes (docs/audit.md §11): a digest of the personal
            // part with a fresh nonce, and the chain over the digest.
            let nonce = AuditLog.makeNonce()
            let digest = AuditLog.payloadDigest(nonce: nonce, actor: actor, entityID: entityID, details: details)
            let hash = AuditLog.erasableEntryHash(prevHash: prev, seq: seq, at: at, actor: actor, action: action,
                                                  entity: entity, entityID: entityID, digest: digest)
            audit.bind(1, seq)
            audit.bind(2, at)
            audit.bind(3, actor)
            audit.bind(4, action)
            audit.bind(5, entity)
            audit.bind(6, entityID)
            audit.bind(7, details)
            audit.bind(8, prev)
            audit.bind(9, hash)
            audit.bind(10, nonce)
            audit.bind(11, digest)
            try audit.run()
        }

        func addBusinessDays(_ day: Int, _ n: Int) -> Int {
            var d = day, remaining = n
            while remaining > 0 {
                d += 1
                let weekday = ((d + 3) % 7 + 7) % 7   // 0 = Monday
                if weekday < 5, !holidays.contains(d) { remaining -= 1 }
            }
            return d
        }

        /// addMonths(start, months) − 1 day, clamped to the month's end (docs/terms.md §3).
        static func endsOn(_ start: Int, months: Int) -> Int {
            let (y, m, d) = RawDay.toCivil(start)
            let index = y * 12 + (m - 1) + months
            let year = index / 12, month = index % 12 + 1
            let last = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31,
                        30, 31, 30, 31][month - 1]
            return RawDay.fromCivil(year, month, min(d, last)) - 1
        }
    }

    func raw(_ context: WorkloadContext, _ s: Raw, _ inputs: [Input]) throws -> SideOutcome {
        var outcome = SideOutcome()
        let now = context.agency.now.description
        try s.begin.run()
        do {
            for input in inputs {
                let r = input.registration
                let home = r.home!.split(separator: ",")
                s.person.bind(1, r.caseRef)
                s.person.bind(2, r.name)
                s.person.bind(3, r.born)
                s.person.bind(4, Double(home[0])!)
                s.person.bind(5, Double(home[1])!)
                s.person.bind(6, now)
                try s.person.run()
                let personId = context.raw.lastInsertRowID
                try s.appendAudit(at: now, actor: r.officer, action: "person.add", entity: "person", entityID: r.caseRef,
                                  details: "{\"born\":\"\(r.born)\",\"name\":\"\(r.name)\"}")
                let ends = Raw.endsOn(input.startsDay, months: r.months)
                let endsOn = RawDay.iso(ends)
                let firstInterview = RawDay.iso(s.addBusinessDays(input.startsDay, s.firstInterviewBusinessDays))
                let firstLifeLog = RawDay.iso(input.startsDay + s.lifeLogInterval[input.level]!)
                s.term.bind(1, personId)
                s.term.bind(2, r.officer)
                s.term.bind(3, r.released)
                s.term.bind(4, Int64(r.months))
                s.term.bind(5, endsOn)
                s.term.bind(6, r.level)
                s.term.bind(7, firstInterview)
                s.term.bind(8, firstLifeLog)
                s.term.bind(9, now)
                try s.term.run()
                let termId = context.raw.lastInsertRowID
                s.level.bind(1, termId)
                s.level.bind(2, r.level)
                s.level.bind(3, r.released)
                s.level.bind(4, r.officer)
                s.level.bind(5, now)
                try s.level.run()
                try s.appendAudit(at: now, actor: r.officer, action: "term.register", entity: "term",
                                  entityID: String(termId),
                                  details: "{\"caseRef\":\"\(r.caseRef)\",\"endsOn\":\"\(endsOn)\",\"level\":\"\(r.level)\",\"months\":\"\(r.months)\",\"officer\":\"\(r.officer)\",\"startsOn\":\"\(r.released)\"}")
                outcome.rows += 1
                outcome.checksum &+= UInt64(ends)
            }
            try s.beforeCommit(now: context.agency.now)
            try s.commit.run()
        } catch {
            try? s.rollback.run()
            throw error
        }
        return outcome
    }
}

// MARK: - write

/// `write`: one life-log submission per transaction (WAL, `synchronous = FULL`: one fsync each).
///
/// App: `Caseload.submitLifeLog` by the supervisee (actor resolution, access check, input
/// hygiene, the due date it fills, the entry, its audit entry, the kept due state). Raw: `BEGIN
/// IMMEDIATE`, one query that finds the term running today from the case reference (as the app
/// is given it) with its schedule and the due dates filled in the entry's window, the due date
/// it fills by day arithmetic, a single-row insert of the entry, the chain read and an audit
/// row, the due-state upkeep and the scan's clock (`RawDueUpkeep`), `COMMIT`; no actor or access
/// look-ups and no input hygiene.
struct WriteWorkload {
    let count: Int

    /// The supervisees written for in repetition `rep` (app and raw get different ones, taken
    /// alternately from the same run of case references). Case references follow the release
    /// date, so a run of neighbours shares its place in the life-log schedule: given two
    /// neighbouring runs, one side filled a due date (and recomputed the term's due state) for
    /// 83 of 200 supervisees and the other for 11.
    func targets(_ context: WorkloadContext, rep: Int, side: Int) -> [String] {
        let refs = context.agency.openCaseRefs
        return (0..<count).map { i in refs[(rep * 2 * count + 2 * i + side) % refs.count] }
    }

    func app(_ context: WorkloadContext, _ targets: [String]) throws -> SideOutcome {
        var outcome = SideOutcome()
        for caseRef in targets {
            let receipt = try context.caseload.submitLifeLog(
                LifeLogSubmission(caseRef: caseRef, residence: "Home address", employment: "employed",
                                  wellbeing: 4),
                actorID: "supervisee:" + caseRef, now: context.agency.now)
            outcome.rows += 1
            outcome.checksum &+= UInt64(receipt.entryId > 0 ? 1 : 0)
        }
        return outcome
    }

    final class Raw {
        let begin, commit, rollback, fill, entry: RawStatement
        /// The audit chain, the settings, and what every write does before it commits.
        let audit: ImportWorkload.Raw

        init(_ db: RawDatabase) throws {
            begin = try db.prepare("BEGIN IMMEDIATE")
            commit = try db.prepare("COMMIT")
            rollback = try db.prepare("ROLLBACK")
            // The case's term running today, its schedule and the due dates already filled in
            // the entry's window.
            fill = try db.prepare("""
                SELECT t.first_life_log_due_on, t.level, t.ends_on,
                       (SELECT count(*) FROM term_level_change c WHERE c.term_id = t.id),
                       (SELECT group_concat(e.filled_due_on, ',') FROM life_log_entry e
                         WHERE e.term_id = t.id AND e.filled_due_on BETWEEN ?2 AND ?3),
                       t.id
                FROM person p JOIN supervision_term t ON t.person_id = p.id
                WHERE p.case_ref = ?1 AND t.status = 'open' AND t.starts_on <= ?3 AND t.ends_on >= ?3
                """)
            entry = try db.prepare("""
                INSERT INTO life_log_entry (term_id, submitted_at, local_date, filled_due_on, residence, employment,
                    activities, wellbeing, wants_call_back, corrects_entry_id, submitted_by)
                VALUES (?1, ?2, ?3, ?8, ?4, ?5, NULL, ?6, 0, NULL, ?7)
                """)
            audit = try ImportWorkload.Raw(db)
        }

        /// The case's term running today and the due date an entry on `today` fills
        /// (docs/lifelog.md §5): the earliest due date whose window holds the day and that is not
        /// filled yet, by day arithmetic on the term's one schedule run; nil: unscheduled.
        func termAndDueDateFilled(caseRef: String, today: Int) throws -> (termId: Int64, due: Int?) {
            let grace = audit.lifeLogGraceDays
            let earliest = today - grace + 1
            fill.bind(1, caseRef)
            fill.bind(2, RawDay.iso(earliest))
            fill.bind(3, RawDay.iso(today))
            defer { fill.reset() }
            guard try fill.step() else { throw BenchmarkError("raw write: no term running for \(caseRef)") }
            let termId = fill.int64(5)
            // The generated agency has no level changes (say so rather than differ).
            guard fill.int64(3) == 1 else { throw BenchmarkError("raw write: term \(termId) has level changes") }
            let first = fill.day(0)!, ends = fill.day(2)!
            let interval = audit.lifeLogInterval[RawDueUpkeep.level(fill.bytes(1))]!
            var taken = Set<Int>()
            RawDay.forEachDay(in: fill.bytes(4)) { taken.insert($0) }
            var due = first + max(0, (earliest - first + interval - 1) / interval) * interval
            while due <= today, due <= ends {
                if !taken.contains(due) { return (termId, due) }
                due += interval
            }
            return (termId, nil)
        }
    }

    func raw(_ context: WorkloadContext, _ s: Raw, _ targets: [String]) throws -> SideOutcome {
        var outcome = SideOutcome()
        let now = context.agency.now.description
        let today = context.agency.today.description
        let todayDay = context.agency.today.daysSinceEpoch
        for caseRef in targets {
            let actor = "supervisee:" + caseRef
            try s.begin.run()
            do {
                let (termId, due) = try s.termAndDueDateFilled(caseRef: caseRef, today: todayDay)
                let filled = due.map(RawDay.iso)
                s.entry.bind(1, termId)
                s.entry.bind(2, now)
                s.entry.bind(3, today)
                s.entry.bind(4, "Home address")
                s.entry.bind(5, "employed")
                s.entry.bind(6, Int64(4))
                s.entry.bind(7, actor)
                s.entry.bind(8, filled)
                try s.entry.run()
                let id = context.raw.lastInsertRowID
                try s.audit.appendAudit(at: now, actor: actor, action: "lifelog.submit", entity: "life_log_entry",
                                        entityID: String(id),
                                        details: "{\"caseRef\":\"\(caseRef)\",\"filledDueOn\":\"\(filled ?? "")\",\"locations\":\"0\"}")
                try s.audit.beforeCommit(now: context.agency.now)
                try s.commit.run()
            } catch {
                try? s.rollback.run()
                throw error
            }
            outcome.rows += 1
            outcome.checksum &+= 1
        }
        return outcome
    }
}

// MARK: - lookup

/// `lookup`: one supervisee's next interview and life-log due dates, L per repetition.
///
/// App: `Caseload.nextDueDates` (a read transaction, the actor resolved, access checked, the
/// agency's contact standard applied). Raw: one prepared query for the latest term, its
/// intervals and its latest attended interview, and the two dates by day arithmetic.
struct LookupWorkload {
    let count: Int

    func targets(_ context: WorkloadContext, rep: Int) -> [String] {
        var random = SplitMix64(seed: context.agency.seed &+ 31 &* UInt64(rep + 1))
        return (0..<count).map { _ in AgencyGenerator.caseRef(random.next(context.agency.scale)) }
    }

    func app(_ context: WorkloadContext, _ targets: [String]) throws -> SideOutcome {
        var outcome = SideOutcome()
        let actor = context.agency.supervisor, now = context.agency.now
        for caseRef in targets {
            let due = try context.caseload.nextDueDates(caseRef: caseRef, actorID: actor, now: now)
            outcome.rows += 1
            outcome.checksum &+= UInt64(bitPattern: Int64(due.nextInterviewDueOn?.daysSinceEpoch ?? -1)) &* 31
                &+ UInt64(bitPattern: Int64(due.nextLifeLogDueOn?.daysSinceEpoch ?? -1))
        }
        return outcome
    }

    static let rawSQL = """
        SELECT t.status, t.starts_on, t.ends_on, t.first_interview_due_on, t.first_life_log_due_on,
               cs.interview_interval_days, cs.life_log_interval_days,
               (SELECT max(a.local_date) FROM appointment a
                 WHERE a.term_id = t.id AND a.outcome = 'attended'
                   AND a.local_date >= t.starts_on AND a.local_date <= ?2),
               (CASE WHEN (SELECT count(*) FROM term_level_change c WHERE c.term_id = t.id) > 1
                     THEN (SELECT group_concat(h.effective_on || ':' || h.id || ':' || h.level, ',')
                             FROM term_level_change h WHERE h.term_id = t.id) END),
               (SELECT group_concat(e.filled_due_on, ',') FROM life_log_entry e
                 WHERE e.term_id = t.id AND e.filled_due_on >= ?3)
        FROM supervision_term t JOIN person p ON p.id = t.person_id
        JOIN contact_standard cs ON cs.level = t.level
        WHERE p.case_ref = ?1
        ORDER BY (t.status = 'open' AND t.starts_on <= ?2 AND t.ends_on >= ?2) DESC, t.starts_on DESC, t.id DESC
        LIMIT 1
        """

    /// `grace`: the agency's life-log grace days (`OverdueWorkload.RawSettings`), read once.
    func raw(_ context: WorkloadContext, _ s: RawStatement, grace: Int, _ targets: [String]) throws -> SideOutcome {
        var outcome = SideOutcome()
        let todayText = context.agency.today.description
        let today = context.agency.today.daysSinceEpoch
        // The earliest due date whose window (the due date and grace − 1 days after) may hold today.
        let earliest = today - grace + 1
        let earliestText = RawDay.iso(earliest)
        var filled: [Int] = []
        for caseRef in targets {
            s.bind(1, caseRef)
            s.bind(2, todayText)
            s.bind(3, earliestText)
            guard try s.step() else { throw BenchmarkError("raw lookup found no \(caseRef)") }
            // The twin does the arithmetic of one schedule run; the generated agency has no level
            // changes, and a term with some would need the app's runs (say so rather than differ).
            guard s.bytes(8).isEmpty else { throw BenchmarkError("raw lookup: \(caseRef) has level changes") }
            var interview = -1, lifeLog = -1
            // Open or upcoming: stored 'open' and not past its end.
            let status = s.bytes(0)
            let ends = s.day(2)!
            if status.count == 4, status[0] == UInt8(ascii: "o"), today <= ends {
                let interviewInterval = Int(s.int64(5)), lifeLogInterval = Int(s.int64(6))
                interview = s.day(7).map { $0 + interviewInterval } ?? s.day(3)!
                // The next entry due: the earliest due date from `earliest` on that no entry filled.
                let first = s.day(4)!
                filled.removeAll(keepingCapacity: true)
                RawDay.forEachDay(in: s.bytes(9)) { filled.append($0) }
                let k = earliest <= first ? 0 : (earliest - first + lifeLogInterval - 1) / lifeLogInterval
                var next = first + k * lifeLogInterval
                while next <= ends, filled.contains(next) { next += lifeLogInterval }
                if next <= ends { lifeLog = next }
            }
            s.reset()
            outcome.rows += 1
            outcome.checksum &+= UInt64(bitPattern: Int64(interview)) &* 31 &+ UInt64(bitPattern: Int64(lifeLog))
        }
        return outcome
    }
}

// MARK: - overdue

/// `overdue`: the agency-wide overdue list as of the clock, streamed (the supervisor's view).
///
/// App: `Caseload.overdue` with its rows folded as they stream (from the kept due state, which
/// the benchmark checks answers). Raw: the app's check and listing query over `term_due` through
/// the C API, the items (docs/cli.md §9) as day arithmetic on the columns read in place.
enum OverdueWorkload {
    static func app(_ context: WorkloadContext) throws -> SideOutcome {
        var fold = Fold()
        var rows = 0
        try context.caseload.overdue(officer: nil, actorID: context.agency.supervisor, now: context.agency.now) { item in
            rows += 1
            fold.add(item, kind: kindCode(item.item))
        }
        return SideOutcome(rows: rows, checksum: fold.sum)
    }

    static func kindCode(_ kind: OverdueItemKind) -> Int {
        switch kind {
        case .interviewDue: 1
        case .interviewOutcome: 2
        case .lifeLog: 3
        case .recallDecision: 4
        }
    }

    /// The app's listing statements themselves, over the kept due state (`term_due`, migration
    /// 0017): the twin runs the same SQL through the C API. The test checks that both sides list
    /// the same rows.
    final class RawListing {
        /// Whether the kept rows answer as of the clock (nothing pending, no row computed as of a
        /// later instant), which the app checks before it reads them.
        let answers: RawStatement
        let listing: RawStatement
        /// One term's facts, for a kept row that has run out (`valid_through` before today: a
        /// term no change has touched since a life-log window closed), which the app computes
        /// in full for that term.
        let oneTerm: RawStatement
        let settings: RawSettings

        init(_ db: RawDatabase, officer: Bool) throws {
            answers = try db.prepare("""
                SELECT NOT EXISTS (SELECT 1 FROM due_state_pending), reflects_at FROM due_state_clock WHERE id = 1
                """)
            listing = try db.prepare(officer ? Caseload.officerKeptOverdueListingSQL : Caseload.keptOverdueListingSQL)
            oneTerm = try db.prepare(Caseload.oneTermOverdueListingSQL)
            settings = try RawSettings(db)
        }
    }

    /// Who an item is about, as the listing's columns read in place.
    typealias RawPerson = (caseRef: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>,
                           officer: UnsafeBufferPointer<UInt8>)

    /// The raw listing, agency-wide or of one `officer`. `emit` receives (the person's columns,
    /// kind, due day, days overdue).
    static func raw(_ context: WorkloadContext, _ r: RawListing, officer: String? = nil,
                    _ emit: (RawPerson, Int, Int, Int) -> Void) throws {
        let today = context.agency.today.daysSinceEpoch
        let answered = try r.answers.step() && r.answers.int64(0) == 1
            && r.answers.int64(1) <= context.agency.now.secondsSinceEpoch
        r.answers.reset()
        guard answered else {
            throw BenchmarkError("raw overdue: the kept due state does not answer as of the clock (terms pending)")
        }
        // Stored instants are fixed-width UTC text, so their order is their bytes' order.
        var now = context.agency.now.description
        let s = r.listing
        s.bind(1, context.agency.today.description)
        if let officer { s.bind(2, officer) }
        defer { s.reset() }
        try now.withUTF8 { nowBytes in
            while try s.step() {
                // Columns: case_ref, name, officer_id, term_id, interview_due_on, life_log_due_on,
                // life_log_from, life_log_until, awaiting_outcome, may_recommend_recall, valid_through.
                // The benchmark agency has no confirmed violations, and its rows were computed as of
                // the clock (say so rather than differ).
                guard s.int64(9) == 0 else { throw BenchmarkError("raw overdue: a term with a possible recall") }
                if let validThrough = s.day(10), validThrough < today {
                    try computed(context, r.oneTerm, r.settings, termId: s.int64(3), emit)
                    continue
                }
                let person = (s.bytes(0), s.bytes(1), s.bytes(2))
                // interview-due
                let interview = s.day(4)!
                if today > interview { emit(person, 1, interview, today - interview) }
                // interview-outcome: "local-date ends-at" pairs, those whose end has passed
                let awaiting = s.bytes(8)
                if let base = awaiting.baseAddress {
                    for pair in awaiting.split(separator: UInt8(ascii: ",")) {
                        let endsAt = UnsafeBufferPointer(rebasing: pair.dropFirst(11))
                        if endsAt.lexicographicallyPrecedes(nowBytes) {
                            let day = RawDay.parse(base + pair.startIndex)
                            emit(person, 2, day, today - day)
                        }
                    }
                }
                // life-log: shown from `from` (the day after its window) until `until`
                if let due = s.day(5), let from = s.day(6), from <= today, s.day(7).map({ today < $0 }) ?? true {
                    emit(person, 3, due, today - (from - 1))
                }
            }
        }
    }

    /// One term's items computed from its facts (the app's one-term query, parameters: today,
    /// the last day a closed life-log window may end, now, the term id), as day arithmetic.
    static func computed(_ context: WorkloadContext, _ s: RawStatement, _ settings: RawSettings, termId: Int64,
                         _ emit: (RawPerson, Int, Int, Int) -> Void) throws {
        let today = context.agency.today.daysSinceEpoch
        let grace = settings.grace
        s.bind(1, context.agency.today.description)
        s.bind(2, RawDay.iso(today - grace))
        s.bind(3, context.agency.now.description)
        s.bind(4, termId)
        defer { s.reset() }
        while try s.step() {
            // The twin knows one schedule run and no recall recommendations; the generated agency
            // has neither level changes nor confirmed violations (say so rather than differ).
            guard s.int64(11) == 0, s.bytes(13).isEmpty else {
                throw BenchmarkError("raw overdue: a term with level changes or a possible recall")
            }
            let levelIndex = RawSettings.levelIndex(s.bytes(3))
            let person = (s.bytes(0), s.bytes(1), s.bytes(2))
            // interview-due
            let nextInterview = s.day(8).map { $0 + settings.interviewInterval[levelIndex] } ?? s.day(6)!
            if today > nextInterview { emit(person, 1, nextInterview, today - nextInterview) }
            // interview-outcome, one per appointment awaiting its outcome
            RawDay.forEachDay(in: s.bytes(10)) { day in emit(person, 2, day, today - day) }
            // life-log: the latest due date whose window has closed, if not filled
            let first = s.day(7)!, ends = s.day(5)!, interval = settings.lifeLogInterval[levelIndex]
            let span = today - first - grace
            if ends >= first, span >= 0 {
                let due = first + min((ends - first) / interval, span / interval) * interval
                if s.day(9) != due { emit(person, 3, due, today - (due + grace - 1)) }
            }
        }
    }

    /// The contact standard as the raw twin reads it (three rows and a setting).
    struct RawSettings {
        var interviewInterval = [0, 0, 0]
        var lifeLogInterval = [0, 0, 0]
        var grace = 0

        init(_ db: RawDatabase) throws {
            let c = try db.prepare("SELECT level, interview_interval_days, life_log_interval_days FROM contact_standard")
            while try c.step() {
                let i = RawSettings.levelIndex(c.bytes(0))
                interviewInterval[i] = Int(c.int64(1))
                lifeLogInterval[i] = Int(c.int64(2))
            }
            let g = try db.prepare("SELECT value FROM agency_setting WHERE key = 'life_log_grace_days'")
            _ = try g.step()
            grace = Int(g.int64(0))
        }

        /// high 0, medium 1, low 2 (by first letter).
        @inline(__always) static func levelIndex(_ text: UnsafeBufferPointer<UInt8>) -> Int {
            switch text.first {
            case UInt8(ascii: "h"): 0
            case UInt8(ascii: "m"): 1
            default: 2
            }
        }
    }

    static func rawFolded(_ context: WorkloadContext, _ r: RawListing) throws -> SideOutcome {
        var fold = Fold()
        var rows = 0
        try raw(context, r) { person, kind, due, days in
            rows += 1
            fold.add(person: person.caseRef, person.name, person.officer, kind, due, days)
        }
        return SideOutcome(rows: rows, checksum: fold.sum)
    }
}

// MARK: - officer-overdue

/// `officer-overdue`: one officer's own overdue list as of the clock (the page an officer opens
/// every morning), for a sample of officers spread over the agency, each list its own read.
///
/// App: `Caseload.overdue` with the officer as the actor and their own caseload named (actor
/// resolution, access check, a read transaction per list), rows folded as they stream. Raw: the
/// app's per-officer check and listing SQL over the kept due state through the C API, one
/// prepared statement for every list, the items as day arithmetic on the columns read in place.
struct OfficerOverdueWorkload {
    /// Lists per repetition.
    let count: Int

    /// The officers listed in repetition `rep`: `count` of them evenly spaced over the agency,
    /// starting one place further each repetition, so every repetition lists different officers
    /// of every part of the agency (officers are assigned round-robin, so every officer has a
    /// caseload of about the same size).
    func officers(_ context: WorkloadContext, rep: Int) -> [String] {
        let all = context.agency.officers
        let n = min(count, all.count)
        let step = all.count / n
        return (0..<n).map { all[(rep + $0 * step) % all.count] }
    }

    func app(_ context: WorkloadContext, _ officers: [String]) throws -> SideOutcome {
        var fold = Fold()
        var rows = 0
        for officer in officers {
            try context.caseload.overdue(officer: officer, actorID: officer, now: context.agency.now) { item in
                rows += 1
                fold.add(item, kind: OverdueWorkload.kindCode(item.item))
            }
        }
        return SideOutcome(rows: rows, checksum: fold.sum)
    }

    func raw(_ context: WorkloadContext, _ r: OverdueWorkload.RawListing, _ officers: [String]) throws -> SideOutcome {
        var fold = Fold()
        var rows = 0
        for officer in officers {
            try OverdueWorkload.raw(context, r, officer: officer) { person, kind, due, days in
                rows += 1
                fold.add(person: person.caseRef, person.name, person.officer, kind, due, days)
            }
        }
        return SideOutcome(rows: rows, checksum: fold.sum)
    }
}

// MARK: - scan

/// `scan`: a whole-agency violation scan (docs/violations.md §7) by the supervisor.
///
/// The first scan, some days before the agency's clock, finds every violation in the history
/// and records each (with its audit entry): what a scan costs after a backlog. Then one scan a
/// day up to the clock, each recording that day's new violations: what an agency that scans
/// daily pays. Then scans as of the clock again, which read the same records and add nothing.
/// No raw twin: the detection rules are the work, not the SQL.
enum ScanWorkload {
    struct Outcome: Sendable {
        /// The first scan ever, as of `days` days before the agency's clock: it records the
        /// whole history's backlog.
        let firstSeconds: Double
        let detected: Int
        /// Terms the last daily scan looked at.
        let terms: Int
        /// Then one scan a day, 24 hours apart, up to the clock: what an agency that scans
        /// every day (or lists its violations, which scans first) pays.
        let dailyRuns: [Double]
        let dailyDetected: [Int]
        /// Last, scans as of the clock again (each adds nothing).
        let repeatRuns: [Double]
        var dailySeconds: Double { median(dailyRuns) }
        var repeatSeconds: Double { median(repeatRuns) }
    }

    /// The scans follow the generated history: the first as of the agency's clock (the backlog),
    /// then one a day after it. A scan as of an instant before the latest change reads every term
    /// (migration 0018), and the generated agency was changed at its clock; so the daily scans
    /// come after it, each after a day's changes: untimed, the terms with a life-log entry or an
    /// interview outcome on a day of the history (one of the last `days`) are marked as changed,
    /// what the use cases' triggers would have marked had that day's records been written then.
    static func run(_ context: WorkloadContext, reps: Int) throws -> Outcome {
        let days = max(1, reps)
        let today = context.agency.today
        return try run(context.caseload, now: context.agency.now.adding(seconds: 86_400 * Int64(days)), days: days,
                       repeats: days) { day in
            let historyDay = today.adding(days: day - days).description
            try context.caseload.database.write { connection in
                try connection.execute("""
                    INSERT OR IGNORE INTO scan_pending (term_id)
                    SELECT term_id FROM life_log_entry WHERE local_date = ?1
                    UNION SELECT term_id FROM appointment WHERE local_date = ?1 AND outcome IS NOT NULL
                    """, [historyDay])
            }
        }
    }

    /// `dayOfChanges(k)` runs (untimed) before the daily scan k days before `now`.
    static func run(_ caseload: Caseload, now: Instant, days: Int, repeats: Int,
                    dayOfChanges: ((Int) throws -> Void)? = nil) throws -> Outcome {
        func scan(_ at: Instant) throws -> (report: ScanReport, seconds: Double) {
            let started = monotonicSeconds()
            let report = try caseload.scan(officer: nil, actorID: AgencyGenerator.supervisor, now: at)
            return (report, monotonicSeconds() - started)
        }
        let first = try scan(now.adding(seconds: -86_400 * Int64(days)))
        var dailyRuns: [Double] = [], dailyDetected: [Int] = []
        var terms = first.report.termsScanned
        for day in (0..<days).reversed() {
            try dayOfChanges?(day)
            let daily = try scan(now.adding(seconds: -86_400 * Int64(day)))
            dailyRuns.append(daily.seconds)
            dailyDetected.append(daily.report.detected)
            terms = daily.report.termsScanned
        }
        var repeatRuns: [Double] = []
        for _ in 0..<max(1, repeats) {
            let again = try scan(now)
            repeatRuns.append(again.seconds)
            guard again.report.detected == 0 else {
                throw BenchmarkError("a second scan as of the same instant added \(again.report.detected) violations")
            }
        }
        return Outcome(firstSeconds: first.seconds, detected: first.report.detected, terms: terms,
                       dailyRuns: dailyRuns, dailyDetected: dailyDetected, repeatRuns: repeatRuns)
    }
}
