import Foundation
import Storage
import Testing
@testable import Supervision
import SupervisionRules

// Issue 14, part 3: random agency histories. After every step, at the step's instant, at a
// later one and at an earlier one, the overdue list from the kept state (`term_due`) must be
// the full computation's, agency-wide and for one officer.
//
// Seeded and reproducible: a failure names its seed; rerun it alone with
// `CASELOAD_PROPERTY_SEED=<seed> CASELOAD_PROPERTY_HISTORIES=1 swift test --filter DueStateProperty`.
// CI runs 10,000 histories; `CASELOAD_PROPERTY_HISTORIES=200000` runs more.

private let environment = ProcessInfo.processInfo.environment
private let historyCount = environment["CASELOAD_PROPERTY_HISTORIES"].flatMap(Int.init) ?? 10_000
private let firstSeed = environment["CASELOAD_PROPERTY_SEED"].flatMap(UInt64.init) ?? 1
private let shardCount = 8

@Suite struct DueStatePropertyTests {
    @Test("the kept overdue state agrees with the full computation over random histories", arguments: 0..<shardCount)
    func keptStateAgrees(shard: Int) throws {
        var checks = 0, keptChecks = 0, scanChecks = 0, dailyScanChecks = 0
        var index = shard
        let template = try UseCaseFixture(zone: "Europe/London", setUpAt: "2026-01-01T09:00")
        while index < historyCount {
            let seed = firstSeed + UInt64(index)
            var history = try AgencyHistory(seed: seed, template: template)
            let outcome = try history.run()
            checks += outcome.checks
            keptChecks += outcome.keptChecks
            scanChecks += outcome.scanChecks
            dailyScanChecks += outcome.dailyScanChecks
            if let failure = outcome.failure {
                Issue.record("seed \(seed): \(failure)\nsteps:\n\(history.steps.joined(separator: "\n"))")
                return
            }
            index += shardCount
        }
        // A run in which the kept state never answered would prove nothing.
        if historyCount >= shardCount * 10 {
            #expect(keptChecks * 3 > checks, "the kept state answered \(keptChecks) of \(checks) listings")
            #expect(dailyScanChecks * 3 > scanChecks, "daily scans were \(dailyScanChecks) of \(scanChecks)")
        }
    }
}

/// One random history of a small agency, acted through the use cases.
struct AgencyHistory {
    let seed: UInt64
    private var rng: SplitMix64
    private let f: UseCaseFixture
    /// The agency-local clock of the history (steps happen at it or, sometimes, before it).
    private var clock: LocalDateTime
    private var latest: Instant
    private var instants: [Instant] = []
    private var people: [String] = []
    private var appointments: [Int64] = []
    private var entries: [(id: Int64, caseRef: String)] = []
    private(set) var steps: [String] = []
    private var scanFailure: String?
    private var scanChecks = 0, dailyScanChecks = 0

    init(seed: UInt64, template: UseCaseFixture) throws {
        self.seed = seed
        rng = SplitMix64(seed: seed)
        f = try UseCaseFixture(copying: template)
        clock = LocalDateTime(date: LocalDate(year: 2026, month: 3, day: 1)!, secondOfDay: 9 * 3600)
        latest = f.zone.instant(of: clock)
    }

    struct Outcome {
        var checks = 0
        var keptChecks = 0
        var scanChecks = 0
        var dailyScanChecks = 0
        var failure: String?
    }

    mutating func run() throws -> Outcome {
        var outcome = Outcome()
        let count = 5 + rng.next(12)
        for number in 0..<count {
            let now = nextInstant()
            let description = act(at: now)
            steps.append("\(number): \(f.zone.local(now).isoMinutes) \(description)")
            // The step's instant and a later one, agency-wide; the step's, for one officer; now
            // and then an instant of an earlier step (before the latest change).
            var listings: [(actor: String, officer: String?, at: Instant)] = [
                ("sup", nil, now), ("sup", nil, latest.adding(seconds: Int64(rng.next(40 * 86_400))))]
            if rng.chance(40) { listings.append(("ok1", "ok1", now)) }
            if rng.chance(20), let earlier = pick(instants) { listings.append(("sup", nil, earlier)) }
            instants.append(now)
            // The scan: looking only at what is new must find what looking at every term finds
            // (before a scan step, in `act`; now and then as of a later day).
            if scanFailure == nil, rng.chance(35) {
                // Mostly the same day (a change is then all that makes the term worth a look).
                try checkScan(at: latest.adding(seconds: Int64(rng.chance(70) ? rng.next(3600) : rng.next(20 * 86_400))))
            }
            if let failure = scanFailure {
                outcome.failure = "at step \(number), \(failure)"
                return outcome
            }
            for listing in listings {
                outcome.checks += 1
                let both = try f.caseload.overdueBothWays(officer: listing.officer, actorID: listing.actor, now: listing.at)
                if both.keptAnswered { outcome.keptChecks += 1 }
                if both.kept != both.full {
                    outcome.failure = """
                        after step \(number), listing by \(listing.actor) as of \(f.zone.local(listing.at).isoMinutes):
                        kept \(both.kept.map(Self.describe))
                        full \(both.full.map(Self.describe))
                        """
                    return outcome
                }
            }
        }
        outcome.scanChecks = scanChecks
        outcome.dailyScanChecks = dailyScanChecks
        return outcome
    }

    /// Compares a daily scan's findings with the backlog scan's as of `at`, recording nothing.
    private mutating func checkScan(at: Instant) throws {
        let found = try f.caseload.scanFindings(now: at)
        scanChecks += 1
        if found.wasDaily { dailyScanChecks += 1 }
        if found.daily != found.backlog {
            scanFailure = """
                a scan as of \(f.zone.local(at).isoMinutes):
                daily   \(found.daily)
                backlog \(found.backlog)
                """
        }
    }

    static func describe(_ item: OverdueItem) -> String {
        "\(item.caseRef)/\(item.officer) \(item.item.rawValue) \(item.dueOn) +\(item.daysOverdue)"
    }

    /// Mostly forward by up to three days; sometimes an instant before the clock (a command run
    /// "as of" an earlier time).
    private mutating func nextInstant() -> Instant {
        if !instants.isEmpty, rng.chance(12) {
            return latest.adding(seconds: -Int64(rng.next(10 * 86_400)))
        }
        let advance = rng.next(3) * 86_400 + rng.next(12) * 3600
        let now = f.zone.instant(of: clock).adding(seconds: Int64(advance))
        clock = f.zone.local(now)
        latest = max(latest, now)
        return now
    }

    private mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[rng.next(items.count)]
    }

    private func local(_ instant: Instant, days: Int, hour: Int) -> String {
        let date = f.zone.date(of: instant).adding(days: days)
        return "\(date)T\(hour < 10 ? "0" : "")\(hour):00"
    }

    /// One random use case at `now`; refusals are part of a history (they must change nothing).
    private mutating func act(at now: Instant) -> String {
        let roll = people.count < 2 ? 0 : rng.next(100)
        let caseRef = pick(people) ?? "P-0"
        let levels = ["high", "medium", "low"]
        do {
            switch roll {
            case 0..<8:
                let ref = "P-\(people.count + 1)"
                let released = f.zone.date(of: now).adding(days: rng.next(40) - 30)
                _ = try f.caseload.register(ReleaseRegistration(
                    caseRef: ref, name: "Person \(people.count + 1)", born: "1990-01-01", released: released.description,
                    months: 6 + rng.next(7), level: levels[rng.next(3)], officer: rng.chance(60) ? "ok1" : "ok2",
                    home: UseCaseFixture.home), actorID: "sup", now: now)
                people.append(ref)
                return "register \(ref) released \(released)"
            case 8..<10:
                let refs = ["P-\(people.count + 1)", "P-\(people.count + 2)"]
                let released = f.zone.date(of: now).adding(days: -rng.next(20))
                _ = try f.caseload.registerReleases(refs.map {
                    ReleaseRegistration(caseRef: $0, name: "Imported \($0)", born: "1985-02-03", released: released.description,
                                        months: 6, level: levels[rng.next(3)], officer: "ok1", home: nil)
                }, actorID: "sup", now: now)
                people.append(contentsOf: refs)
                return "import \(refs) released \(released)"
            case 10..<28:
                let at = local(now, days: rng.next(10) - 6, hour: 9 + rng.next(8))
                let made = try f.caseload.scheduleInterviews(
                    InterviewScheduleRequest(caseRef: caseRef, at: at, minutes: 60), actorID: "sup", now: now)
                appointments.append(contentsOf: made.compactMap(\.id))
                return "schedule \(caseRef) at \(at)"
            case 28..<44:
                guard let id = pick(appointments) else { return "no appointment" }
                let outcomes = ["attended", "attended", "failed-to-attend", "acceptable-absence", "unacceptable-absence"]
                let outcome = outcomes[rng.next(outcomes.count)]
                let correct = rng.chance(30)
                _ = try f.caseload.logOutcome(OutcomeRequest(
                    appointmentId: id, outcome: outcome, reason: outcome == "acceptable-absence" ? "illness" : nil,
                    correct: correct), actorID: "sup", now: now)
                return "outcome \(id) \(outcome)\(correct ? " (correction)" : "")"
            case 44..<50:
                let level = levels[rng.next(3)]
                _ = try f.caseload.changeLevel(caseRef: caseRef, level: level, reason: "review", actorID: "sup", now: now)
                return "level \(caseRef) \(level)"
            case 50..<53:
                let months = 1 + rng.next(3)
                _ = try f.caseload.extendTerm(caseRef: caseRef, byMonths: months, actorID: "sup", now: now)
                return "extend \(caseRef) by \(months)"
            case 53..<55:
                _ = try f.caseload.dischargeTerm(caseRef: caseRef, reason: "completed", actorID: "sup", now: now)
                return "discharge \(caseRef)"
            case 55..<70:
                let receipt = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: caseRef, wellbeing: 3),
                                                           actorID: "supervisee:\(caseRef)", now: now)
                entries.append((receipt.entryId, caseRef))
                return "life-log \(caseRef) fills \(receipt.filledDueOn ?? "nothing")"
            case 70..<73:
                guard let entry = pick(entries) else { return "no entry" }
                _ = try f.caseload.submitLifeLog(LifeLogSubmission(caseRef: entry.caseRef, wellbeing: 2, corrects: entry.id),
                                                 actorID: "supervisee:\(entry.caseRef)", now: now)
                return "life-log correction of \(entry.id)"
            case 73..<77:
                let at = local(now, days: -rng.next(3), hour: rng.next(24))
                _ = try f.caseload.reportLocation(LocationReportRequest(
                    caseRef: caseRef, at: at, latitude: 51.5 + Double(rng.next(100)) / 1000, longitude: -0.12),
                    actorID: "sup", now: now)
                return "location \(caseRef) at \(at)"
            case 77..<79:
                _ = try f.caseload.addRestriction(RestrictionRequest(kind: .curfew, caseRef: caseRef, from: "21:00", to: "06:00",
                                                                     home: UseCaseFixture.home), actorID: "sup", now: now)
                return "curfew \(caseRef)"
            case 79..<81:
                let day = f.zone.date(of: now).adding(days: rng.next(30) - 10)
                _ = try f.caseload.addHoliday(day.description, name: nil, actorID: "admin", now: now)
                return "holiday \(day)"
            case 81..<84:
                // No use case changes the contact standard; a change made to the file directly
                // is noted by the triggers and must not leave the listing wrong.
                let level = levels[rng.next(3)]
                let (interview, lifeLog, grace) = (1 + rng.next(30), 1 + rng.next(20), 1 + rng.next(5))
                let changeGrace = rng.chance(50)
                try f.caseload.database.write { connection in
                    try connection.execute("""
                        UPDATE contact_standard SET interview_interval_days = ?, life_log_interval_days = ? WHERE level = ?
                        """, [interview, lifeLog, level])
                    if changeGrace {
                        try connection.execute("UPDATE agency_setting SET value = ? WHERE key = 'life_log_grace_days'", [grace])
                    }
                }
                return "contact standard \(level): interview \(interview), life-log \(lifeLog) (grace maybe \(grace))"
            case 84..<92:
                try checkScan(at: now)
                let report = try f.caseload.scan(officer: nil, actorID: "sup", now: now)
                return "scan: \(report.detected) detected"
            case 92..<97:
                let open: Int64? = try f.scalar("SELECT id FROM violation WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET ?",
                                                [rng.next(3)])
                guard let id = open else { return "no open violation" }
                let confirm = rng.chance(75)
                _ = try f.caseload.reviewViolation(id: id, confirm: confirm, reason: confirm ? nil : "not a breach",
                                                   actorID: "sup", now: now)
                return "review \(id) \(confirm ? "confirm" : "dismiss")"
            default:
                let approve = rng.chance(30)
                _ = try f.caseload.decideRecall(caseRef: caseRef, approve: approve, rationale: "considered",
                                                actorID: "sup", now: now)
                return "recall \(caseRef) \(approve ? "approve" : "reject")"
            }
        } catch {
            return "refused (\(roll)): \(error)"
        }
    }
}
