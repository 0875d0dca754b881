import SupervisionRules
import Foundation
import Testing

/// Edges of the rules, end to end: the evidence window, the instant an appointment ends, the
/// agency-local date of a life-log entry, and appointments across daylight-saving changes.
@Suite struct BoundaryTests {
    /// Seconds since 1970 of a stored `YYYY-MM-DDTHH:MM:SSZ` instant.
    func utcSeconds(_ text: String) -> Int? {
        ISO8601DateFormatter().date(from: text).map { Int($0.timeIntervalSince1970) }
    }

    /// docs/interviews.md §4: a failed-to-attend may be resolved to acceptable-absence inside its evidence
    /// window (5 business days after the appointment date); after it, only by a correction.
    @Test func evidenceWindow() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        // Tuesday 2026-03-10: the window runs to Tuesday 2026-03-17.
        let early = try sandbox.schedule("A-1", at: "2026-03-10T10:00", asOf: "2026-03-02")
        // Tuesday 2026-03-24: the window runs to Tuesday 2026-03-31.
        let late = try sandbox.schedule("A-1", at: "2026-03-24T10:00", asOf: "2026-03-02")
        for (id, day) in [(early, "2026-03-10"), (late, "2026-03-24")] {
            let logged = try sandbox.ok(["interview", "log", String(id), "--outcome", "failed-to-attend", "--format", "json"],
                                        actor: "okafor", asOf: day + "T11:05").object()
            #expect(logged.string("outcome") == "failed-to-attend")
        }

        // On the window's last day (to its last second), resolving is a plain outcome.
        let resolved = try sandbox.ok(["interview", "log", String(late), "--outcome", "acceptable-absence",
                                       "--reason", "illness", "--format", "json"],
                                      actor: "okafor", asOf: "2026-03-31").object()
        #expect(resolved.string("outcome") == "acceptable-absence")
        #expect(resolved.string("previousOutcome") == "failed-to-attend")
        #expect(resolved.string("reason") == "illness")

        // One second after the window closed: refused, nothing changed.
        let refusal = try sandbox.refused(65, ["interview", "log", String(early), "--outcome", "acceptable-absence",
                                               "--reason", "medical"], actor: "okafor", asOf: "2026-03-18T00:00")
        #expect(refusal.stderr.contains("2026-03-17"))
        // A correction needs a reason that starts with the absence reason.
        try sandbox.refused(65, ["interview", "log", String(early), "--outcome", "acceptable-absence", "--correct",
                                 "--reason", "hospital letter seen"], actor: "okafor", asOf: "2026-03-20")
        try sandbox.refused(65, ["interview", "log", String(early), "--outcome", "acceptable-absence", "--correct"],
                            actor: "okafor", asOf: "2026-03-20")
        let corrected = try sandbox.ok(["interview", "log", String(early), "--outcome", "acceptable-absence", "--correct",
                                        "--reason", "medical: hospital letter seen", "--format", "json"],
                                       actor: "okafor", asOf: "2026-03-20").object()
        #expect(corrected.string("outcome") == "acceptable-absence")
        #expect(corrected.string("previousOutcome") == "failed-to-attend")
        #expect(corrected.string("reason") == "medical")
        // The old value stays in the outcome history and the audit trail.
        #expect(try sandbox.sql("SELECT outcome FROM appointment_outcome WHERE appointment_id = \(early) ORDER BY id")
                == "failed-to-attend\nacceptable-absence")
        #expect(try sandbox.sql("SELECT action, json_extract(details, '$.previous') FROM audit_log ORDER BY seq DESC LIMIT 1")
                == "appointment.correct|failed-to-attend")
    }

    /// docs/interviews.md §4: at exactly the appointment's end it is not yet outcome-overdue; a second later it is.
    @Test func outcomeOverdueAtTheEndInstant() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        _ = try sandbox.schedule("A-1", at: "2026-03-10T10:00", minutes: 45, asOf: "2026-03-02")
        func outcomeItems(_ asOf: String) throws -> [[String: Any]] {
            try sandbox.overdue(actor: "okafor", asOf: asOf).items("interview-outcome")
        }
        #expect(try outcomeItems("2026-03-10T10:44:59").isEmpty)
        #expect(try outcomeItems("2026-03-10T10:45").isEmpty)
        let second = try outcomeItems("2026-03-10T10:45:01")
        #expect(second.count == 1)
        #expect(second.first?.string("dueOn") == "2026-03-10")
        #expect(second.first?.int("daysOverdue") == 0)
        #expect(try outcomeItems("2026-03-10T10:46").count == 1)
        let later = try outcomeItems("2026-03-13")
        #expect(later.first?.int("daysOverdue") == 3)
        // Its supervisor sees it too; another officer does not.
        #expect(try sandbox.overdue(actor: "sutherland", asOf: "2026-03-10T10:46").items("interview-outcome").count == 1)
        #expect(try sandbox.overdue(actor: "patel", asOf: "2026-03-10T10:46").items("interview-outcome").isEmpty)
    }

    /// docs/calendar.md §2, docs/lifelog.md §5: the agency-local date decides the window. In Los Angeles, 23:30 on 14 January
    /// is already 15 January in UTC, yet the entry is made on the 14th and fills the 12th.
    @Test func lifeLogWindowUsesTheAgencyDate() throws {
        let sandbox = try Sandbox()
        for command in Fixtures.zoned("America/Los_Angeles", released: "2026-01-05") {
            try sandbox.ok(command)
        }
        let entry = try sandbox.ok(["lifelog", "submit", "--case-ref", "Z-1", "--at", "2026-01-14T23:30", "--format", "json"],
                                   actor: "supervisee:Z-1", asOf: "2026-01-15").object()
        #expect(entry.string("filledDueOn") == "2026-01-12")
        #expect(entry.string("submittedAt") == "2026-01-14T23:30")
        #expect(try sandbox.sql("SELECT submitted_at, local_date FROM life_log_entry")
                == "2026-01-15T07:30:00Z|2026-01-14")
        // The same instant written in UTC is the same local date.
        let utc = try sandbox.ok(["lifelog", "submit", "--case-ref", "Z-1", "--at", "2026-01-15T07:40Z", "--format", "json"],
                                 actor: "supervisee:Z-1", asOf: "2026-01-15").object()
        #expect(utc.string("submittedAt") == "2026-01-14T23:40")
        // Half an hour after local midnight the 12th's window has closed: unscheduled.
        let after = try sandbox.ok(["lifelog", "submit", "--case-ref", "Z-1", "--at", "2026-01-15T00:30", "--format", "json"],
                                   actor: "supervisee:Z-1", asOf: "2026-01-15").object()
        #expect(after["filledDueOn"] == nil || after["filledDueOn"] is NSNull)
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-01-15").items("life-log").isEmpty)
        // As of 16:30 on the 15th in Los Angeles (00:30 on the 16th in UTC) the date is still the
        // 15th; the 19th's window has not even opened, so there is nothing missed.
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-01-16T00:30Z").items("life-log").isEmpty)
    }

    struct SeriesCase: Sendable, CustomTestStringConvertible {
        let template: String
        let first: String
        let count: Int
        let expectedStartsUTC: [String]
        var testDescription: String { "\(template) from \(first)" }
    }

    /// docs/calendar.md §2: wall-clock times follow daylight saving. A weekly 10:00 stays at 10:00 local
    /// across the change, so its UTC instant moves by an hour, and it ends at 11:00 local.
    @Test(arguments: [
        SeriesCase(template: "london", first: "2026-03-22T10:00", count: 3,   // BST from 29 March
                   expectedStartsUTC: ["2026-03-22T10:00:00Z", "2026-03-29T09:00:00Z", "2026-04-05T09:00:00Z"]),
        SeriesCase(template: "london", first: "2026-10-18T10:00", count: 2,   // GMT from 25 October
                   expectedStartsUTC: ["2026-10-18T09:00:00Z", "2026-10-25T10:00:00Z"]),
        SeriesCase(template: "newYork", first: "2026-03-01T10:00", count: 3,  // EDT from 8 March
                   expectedStartsUTC: ["2026-03-01T15:00:00Z", "2026-03-08T14:00:00Z", "2026-03-15T14:00:00Z"]),
        SeriesCase(template: "newYork", first: "2026-10-25T10:00", count: 2,  // EST from 1 November
                   expectedStartsUTC: ["2026-10-25T14:00:00Z", "2026-11-01T15:00:00Z"]),
    ])
    func weeklySeriesKeepsTheWallTime(_ series: SeriesCase) throws {
        let sandbox = try Sandbox(copying: series.template == "london" ? Fixtures.london : Fixtures.newYork)
        let arguments = ["interview", "schedule", "--case-ref", "Z-1", "--at", series.first,
                         "--repeat", String(series.count), "--every", "7"]
        // The dry run shows the same dates and saves nothing.
        let before = try sandbox.dump()
        let dry = try sandbox.ok(arguments + ["--dry-run", "--format", "json"], actor: "okafor", asOf: "2026-03-01").objects()
        #expect(try sandbox.dump() == before)
        #expect(dry.allSatisfy { $0["id"] == nil || $0["id"] is NSNull })

        let rows = try sandbox.ok(arguments + ["--format", "json"], actor: "okafor", asOf: "2026-03-01").objects()
        #expect(rows.count == series.count)
        #expect(dry.map { $0.string("at") } == rows.map { $0.string("at") })
        for row in rows {
            #expect(row.string("at")?.hasSuffix("T10:00") == true, "\(row)")
            #expect(row.string("endsAt")?.hasSuffix("T11:00") == true, "\(row)")
            #expect(row.string("endsAt")?.prefix(10) == row.string("at")?.prefix(10))
            #expect(row.int("minutes") == 60)
        }
        let stored = try sandbox.sql("SELECT starts_at, ends_at, local_time FROM appointment ORDER BY starts_at")
            .split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        #expect(stored.map { $0[0] } == series.expectedStartsUTC)
        for row in stored {
            #expect(row[2] == "10:00")
            // Exactly 60 minutes after the start, whatever the offset.
            let start = try #require(utcSeconds(row[0]))
            let end = try #require(utcSeconds(row[1]))
            #expect(end - start == 3600)
        }
    }

    struct AutumnCase: Sendable, CustomTestStringConvertible {
        let template: String
        let at: String
        let startUTC: String
        let endUTC: String
        var testDescription: String { "\(template) \(at)" }
    }

    /// The night the clocks go back, 01:30 happens twice; the first is taken (documented choice
    /// in AgencyZone.instant(of:)), so a 60-minute appointment ends at the second 01:30. It is
    /// not outcome-overdue at that end instant, and is one second later.
    @Test(arguments: [
        AutumnCase(template: "london", at: "2026-10-25T01:30", startUTC: "2026-10-25T00:30:00Z", endUTC: "2026-10-25T01:30:00Z"),
        AutumnCase(template: "newYork", at: "2026-11-01T01:30", startUTC: "2026-11-01T05:30:00Z", endUTC: "2026-11-01T06:30:00Z"),
    ])
    func appointmentOnTheAutumnBackNight(_ example: AutumnCase) throws {
        let sandbox = try Sandbox(copying: example.template == "london" ? Fixtures.london : Fixtures.newYork)
        let rows = try sandbox.ok(["interview", "schedule", "--case-ref", "Z-1", "--at", example.at, "--format", "json"],
                                  actor: "okafor", asOf: "2026-03-02").objects()
        #expect(rows.first?.string("at") == example.at)
        #expect(rows.first?.string("endsAt") == example.at)   // the clock reads 01:30 again an hour later
        #expect(try sandbox.sql("SELECT starts_at, ends_at, local_date, local_time FROM appointment")
                == "\(example.startUTC)|\(example.endUTC)|\(example.at.prefix(10))|01:30")

        func outcomeItems(_ asOf: String) throws -> [[String: Any]] {
            try sandbox.overdue(actor: "okafor", asOf: asOf).items("interview-outcome")
        }
        // Local 01:30 as of-time is the first 01:30: the appointment has just started.
        #expect(try outcomeItems(example.at).isEmpty)
        #expect(try outcomeItems(String(example.endUTC.dropLast(4)) + "Z").isEmpty)    // …T01:30Z / T06:30Z
        let late = try outcomeItems(String(example.endUTC.dropLast(4)) + ":01Z")
        #expect(late.count == 1)
        #expect(late.first?.string("dueOn") == String(example.at.prefix(10)))
    }

    /// The spring-forward gap: 01:30 on 29 March does not exist in London. The documented
    /// choice (AgencyZone.instant(of:)) reads it with the offset before the change, which
    /// makes it 02:30 BST; what `schedule` prints must be that appointment, 02:30 to 03:30.
    @Test func appointmentInTheSpringGap() throws {
        let sandbox = try Sandbox(copying: Fixtures.london)
        let rows = try sandbox.ok(["interview", "schedule", "--case-ref", "Z-1", "--at", "2026-03-29T01:30",
                                   "--format", "json"], actor: "okafor", asOf: "2026-03-02").objects()
        #expect(try sandbox.sql("SELECT starts_at, ends_at, local_time FROM appointment")
                == "2026-03-29T01:30:00Z|2026-03-29T02:30:00Z|02:30")
        #expect(rows.first?.string("at") == "2026-03-29T02:30")
        #expect(rows.first?.string("endsAt") == "2026-03-29T03:30")
        #expect(rows.first?.int("minutes") == 60)

        // Rescheduling into the gap prints the new appointment as kept, too.
        let other = try sandbox.schedule("Z-1", at: "2026-03-22T10:00", minutes: 30, asOf: "2026-03-02")
        let moved = try sandbox.ok(["interview", "log", String(other), "--outcome", "rescheduled", "--requested-by", "agency",
                                    "--new-at", "2026-03-29T01:00", "--format", "json"],
                                   actor: "okafor", asOf: "2026-03-20").object()
        let new = try #require(moved["newAppointment"] as? [String: Any])
        #expect(new.string("at") == "2026-03-29T02:00")
        #expect(new.string("endsAt") == "2026-03-29T02:30")
        #expect(try sandbox.sql("SELECT starts_at, local_time FROM appointment WHERE id = \(new.int("id") ?? 0)")
                == "2026-03-29T01:00:00Z|02:00")
    }
}
