import Foundation
import Supervision
import SupervisionRules

/// The due-state upkeep every write does before it commits (migration 0017, docs/cli.md §9), by
/// hand through the C API: what `Session.refreshDueState` does. The triggers note the terms a
/// change touched (they fire for the twins' inserts as for the app's); this computes those terms'
/// rows again and empties the list. The rule is the app's pure `OverdueRules.dueState`, as the
/// overdue twin runs the app's SQL: a twin stands for the plumbing, not for a second copy of a
/// rule.
final class RawDueUpkeep {
    let anyPending, clock, facts, deleteRows, insertRow, clearPending, advanceClock: RawStatement
    let zone: AgencyZone
    let standard: ContactStandard

    init(_ db: RawDatabase, zone: AgencyZone, standard: ContactStandard) throws {
        anyPending = try db.prepare("SELECT EXISTS (SELECT 1 FROM due_state_pending)")
        clock = try db.prepare("SELECT reflects_at FROM due_state_clock WHERE id = 1")
        facts = try db.prepare(Caseload.dueStateFactsSQL)
        deleteRows = try db.prepare("DELETE FROM term_due WHERE term_id IN (SELECT term_id FROM due_state_pending)")
        insertRow = try db.prepare("""
            INSERT INTO term_due (term_id, person_id, officer_id, case_ref, starts_on, ends_on, interview_due_on,
                life_log_due_on, life_log_from, life_log_until, awaiting_outcome, may_recommend_recall,
                valid_through, becomes_overdue_on)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """)
        clearPending = try db.prepare("DELETE FROM due_state_pending")
        advanceClock = try db.prepare("UPDATE due_state_clock SET reflects_at = max(reflects_at, ?1) WHERE id = 1")
        self.zone = zone
        self.standard = standard
    }

    /// One computed row, kept until the old rows are deleted.
    private struct Kept {
        let termId: Int64, personId: Int64, officer: String, caseRef: String, startsOn: LocalDate, endsOn: LocalDate
        let state: TermDueState
        let awaiting: String?
        let becomes: LocalDate
    }

    func refresh(now: Instant) throws {
        let pending = try anyPending.step() && anyPending.int64(0) == 1
        anyPending.reset()
        guard pending else { return }
        var reflects = Int64.min
        if try clock.step() { reflects = clock.int64(0) }
        clock.reset()
        let asOf = max(now.secondsSinceEpoch, reflects)
        let day = zone.date(of: Instant(secondsSinceEpoch: asOf))
        let closedBefore = day.adding(days: -standard.lifeLogGraceDays)
        facts.bind(1, day.description)
        facts.bind(2, closedBefore.description)
        var rows: [Kept] = []
        do {
            defer { facts.reset() }
            while try facts.step() {
                // The generated agency has no level changes and no confirmed violations (say so
                // rather than differ).
                guard facts.isNull(11), facts.int64(14) == 0 else {
                    throw BenchmarkError("raw due state: a term with level changes or a possible recall")
                }
                let startsOn = LocalDate(daysSinceEpoch: facts.day(5)!)
                let endsOn = LocalDate(daysSinceEpoch: facts.day(6)!)
                let termFacts = TermDueFacts(
                    caseRef: "", name: "", officer: "", level: RawDueUpkeep.level(facts.bytes(4)), startsOn: startsOn,
                    lastSupervisedDay: endsOn, firstInterviewDueOn: LocalDate(daysSinceEpoch: facts.day(7)!),
                    firstLifeLogDueOn: LocalDate(daysSinceEpoch: facts.day(8)!),
                    latestAttendedOn: facts.day(9).map(LocalDate.init(daysSinceEpoch:)),
                    latestFilledClosedDueOn: facts.day(10).map(LocalDate.init(daysSinceEpoch:)))
                var filled = Set<LocalDate>()
                RawDay.forEachDay(in: facts.bytes(12)) { filled.insert(LocalDate(daysSinceEpoch: $0)) }
                let state = OverdueRules.dueState(for: termFacts, filledDueDates: filled, asOf: day, standard: standard)
                var becomes = state.becomesOverdueOn
                let awaitingBytes = facts.bytes(13)
                var awaiting: String?
                if !awaitingBytes.isEmpty {
                    awaiting = String(decoding: awaitingBytes, as: UTF8.self)
                    // "local-date ends-at" pairs: the listing looks at the term from the day the
                    // appointment ends.
                    for pair in awaitingBytes.split(separator: UInt8(ascii: ",")) {
                        guard let space = pair.firstIndex(of: UInt8(ascii: " ")),
                              let endsAt = Instant(storageBytes: UnsafeBufferPointer(rebasing: pair[(space + 1)...]))
                        else {
                            throw BenchmarkError("raw due state: an appointment's end is malformed")
                        }
                        becomes = min(becomes, zone.date(of: endsAt))
                    }
                }
                rows.append(Kept(termId: facts.int64(0), personId: facts.int64(1), officer: facts.string(2),
                                 caseRef: facts.string(3), startsOn: startsOn, endsOn: endsOn, state: state,
                                 awaiting: awaiting, becomes: becomes))
            }
        }
        try deleteRows.run()
        for row in rows {
            let s = row.state
            insertRow.bind(1, row.termId)
            insertRow.bind(2, row.personId)
            insertRow.bind(3, row.officer)
            insertRow.bind(4, row.caseRef)
            insertRow.bind(5, row.startsOn.description)
            insertRow.bind(6, row.endsOn.description)
            insertRow.bind(7, s.interviewDueOn.description)
            insertRow.bind(8, s.lifeLogDueOn?.description)
            insertRow.bind(9, s.lifeLogFrom?.description)
            insertRow.bind(10, s.lifeLogUntil?.description)
            insertRow.bind(11, row.awaiting)
            insertRow.bind(12, Int64(0))
            insertRow.bind(13, s.validThrough?.description)
            insertRow.bind(14, row.becomes.description)
            try insertRow.run()
        }
        try clearPending.run()
        advanceClock.bind(1, asOf)
        try advanceClock.run()
    }

    /// high, medium, low by first letter.
    static func level(_ text: UnsafeBufferPointer<UInt8>) -> SupervisionLevel {
        switch text.first {
        case UInt8(ascii: "h"): .high
        case UInt8(ascii: "m"): .medium
        default: .low
        }
    }
}
