import SupervisionRules
import Foundation
import Testing

/// The worked examples of docs/calendar.md §2 to docs/lifelog.md §5, through the real executable.
@Suite struct SpecExampleTests {
    struct TermExample: Sendable, CustomTestStringConvertible {
        let released: String
        let months: Int
        let endsOn: String
        let firstInterviewDueOn: String
        let firstLifeLogDueOn: String
        var testDescription: String { "\(released) + \(months) → \(endsOn)" }
    }

    /// docs/terms.md §3: endsOn = addMonths(startsOn, months) − 1 day; docs/interviews.md §4 first interview due three
    /// business days after release; docs/lifelog.md §5 first life-log one interval (medium: 7 days) after.
    @Test(arguments: [
        // Sunday release: Mon 16, Tue 17, Wed 18.
        TermExample(released: "2026-03-15", months: 12, endsOn: "2027-03-14",
                    firstInterviewDueOn: "2026-03-18", firstLifeLogDueOn: "2026-03-22"),
        // Saturday release: Mon 2, Tue 3, Wed 4 February.
        TermExample(released: "2026-01-31", months: 6, endsOn: "2026-07-30",
                    firstInterviewDueOn: "2026-02-04", firstLifeLogDueOn: "2026-02-07"),
        // Tuesday release; addMonths clamps 2028-02-31 to 2028-02-29 (leap year), minus one day.
        TermExample(released: "2027-08-31", months: 6, endsOn: "2028-02-28",
                    firstInterviewDueOn: "2027-09-03", firstLifeLogDueOn: "2027-09-07"),
    ])
    func registerPrintsTheTerm(_ example: TermExample) throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let receipt = try sandbox.ok(Fixtures.register("R-1", released: example.released, months: example.months)
                                     + ["--format", "json"], actor: "okafor", asOf: example.released).object()
        #expect(Set(receipt.keys) == ["caseRef", "termId", "startsOn", "endsOn", "firstInterviewDueOn", "firstLifeLogDueOn"])
        #expect(receipt.string("caseRef") == "R-1")
        #expect(receipt.int("termId") == 1)
        #expect(receipt.string("startsOn") == example.released)
        #expect(receipt.string("endsOn") == example.endsOn)
        #expect(receipt.string("firstInterviewDueOn") == example.firstInterviewDueOn)
        #expect(receipt.string("firstLifeLogDueOn") == example.firstLifeLogDueOn)
        // What was printed is what was stored.
        #expect(try sandbox.sql("SELECT starts_on, ends_on, months FROM supervision_term")
                == "\(example.released)|\(example.endsOn)|\(example.months)")
    }

    /// docs/calendar.md §2: holidays 2021-12-27 and 2021-12-28 are not business days, so three business days
    /// after Friday 2021-12-24 are 29, 30, 31 December. Registered before the holidays were
    /// recorded, the same release is due on the 29th (a holiday moves only later deadlines).
    @Test func businessDaysSkipHolidays() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let before = try sandbox.ok(Fixtures.register("H-0", name: "Before Holidays", released: "2021-12-24")
                                    + ["--format", "json"], actor: "okafor", asOf: "2021-12-01").object()
        #expect(before.string("firstInterviewDueOn") == "2021-12-29")

        let holiday = try sandbox.ok(["holiday", "add", "2021-12-27", "--name", "Christmas Day (substitute)",
                                      "--format", "json"], actor: "root", asOf: "2021-12-01").object()
        #expect(holiday.string("date") == "2021-12-27")
        try sandbox.ok(["holiday", "add", "2021-12-28"], actor: "clerk", asOf: "2021-12-01")
        #expect(try sandbox.sql("SELECT on_date FROM holiday ORDER BY on_date") == "2021-12-27\n2021-12-28")

        let after = try sandbox.ok(Fixtures.register("H-1", released: "2021-12-24", months: 6) + ["--format", "json"],
                                   actor: "okafor", asOf: "2021-12-01").object()
        #expect(after.string("firstInterviewDueOn") == "2021-12-31")

        // The evidence window (5 business days) skips them too: 29, 30, 31 Dec, 3, 4 Jan.
        let id = try sandbox.schedule("H-1", at: "2021-12-24T10:00", asOf: "2021-12-01")
        let logged = try sandbox.ok(["interview", "log", String(id), "--outcome", "failed-to-attend", "--format", "json"],
                                    actor: "okafor", asOf: "2021-12-24T12:00").object()
        #expect(logged.string("evidenceWindowEndsOn") == "2022-01-04")

        // `show` and `overdue` agree on the first due date fixed at registration.
        let record = try sandbox.ok(["show", "--case-ref", "H-0", "--format", "json"], actor: "okafor",
                                    asOf: "2021-12-30").object()
        let terms = try #require(record["terms"] as? [[String: Any]])
        #expect(terms.first?.string("nextInterviewDueOn") == "2021-12-29")
        let overdue = try sandbox.overdue(actor: "okafor", asOf: "2021-12-30").items("interview-due")
            .filter { $0.string("caseRef") == "H-0" }
        #expect(overdue.count == 1)
        #expect(overdue.first?.string("dueOn") == "2021-12-29")
        #expect(overdue.first?.int("daysOverdue") == 1)
    }

    /// docs/calendar.md §2: Friday 1999-08-13 + 3 business days → Wednesday 1999-08-18.
    @Test func fridayReleaseFirstInterview() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let receipt = try sandbox.ok(Fixtures.register("F-13", released: "1999-08-13", months: 6, level: "low")
                                     + ["--format", "json"], actor: "okafor", asOf: "1999-08-13").object()
        #expect(receipt.string("firstInterviewDueOn") == "1999-08-18")
        #expect(receipt.string("endsOn") == "2000-02-12")
        #expect(receipt.string("firstLifeLogDueOn") == "1999-08-27")   // low: every 14 days
    }

    /// docs/interviews.md §4 example (medium): start 2026-03-02, first due 2026-03-05, attended 2026-03-04 →
    /// next due 2026-03-18; not overdue as of the 18th, one day overdue as of the 19th.
    @Test func interviewExample() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        func interviewDue(_ asOf: String) throws -> [[String: Any]] {
            try sandbox.overdue(actor: "okafor", asOf: asOf).items("interview-due")
        }
        #expect(try interviewDue("2026-03-05").isEmpty)
        let first = try interviewDue("2026-03-06")
        #expect(first.count == 1)
        #expect(first.first?.string("dueOn") == "2026-03-05")

        let id = try sandbox.schedule("A-1", at: "2026-03-04T10:00", asOf: "2026-03-02")
        let logged = try sandbox.ok(["interview", "log", String(id), "--outcome", "attended", "--format", "json"],
                                    actor: "okafor", asOf: "2026-03-04T11:00").object()
        #expect(logged.string("outcome") == "attended")

        #expect(try interviewDue("2026-03-18").isEmpty)
        let late = try interviewDue("2026-03-19")
        #expect(late.count == 1)
        #expect(late.first?.string("caseRef") == "A-1")
        #expect(late.first?.string("name") == "Amira Okoye")
        #expect(late.first?.string("officer") == "okafor")
        #expect(late.first?.string("dueOn") == "2026-03-18")
        #expect(late.first?.int("daysOverdue") == 1)

        let record = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "okafor",
                                    asOf: "2026-03-10").object()
        let terms = try #require(record["terms"] as? [[String: Any]])
        #expect(terms.first?.string("nextInterviewDueOn") == "2026-03-18")
    }

    /// docs/lifelog.md §5 example (interval 7, start 2026-01-05): due 01-12, 01-19, …; submitted 01-14
    /// fills 01-12; nothing by 01-21 → 01-19 missed as of 01-22, not as of 01-21.
    @Test func lifeLogExample() throws {
        let sandbox = try Sandbox(copying: Fixtures.staff)
        let receipt = try sandbox.ok(Fixtures.register("L-1", name: "Leah Fraser", released: "2026-01-05", level: "medium")
                                     + ["--format", "json"], actor: "okafor", asOf: "2026-01-05").object()
        #expect(receipt.string("firstLifeLogDueOn") == "2026-01-12")

        // `show`'s next entry due (docs/lifelog.md §5, "The next entry due"), in both formats.
        func nextLifeLog(_ asOf: String) throws -> (line: String?, json: [String: Any]?) {
            let table = try sandbox.ok(["show", "--case-ref", "L-1"], actor: "okafor", asOf: asOf).stdout
            let line = table.split(separator: "\n").first { $0.contains("next life-log due") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let record = try sandbox.ok(["show", "--case-ref", "L-1", "--format", "json"], actor: "okafor", asOf: asOf).object()
            return (line, (record["terms"] as? [[String: Any]])?.first)
        }
        var next = try nextLifeLog("2026-01-11")
        #expect(next.line == "next life-log due 2026-01-12 (window 2026-01-12 to 2026-01-14)")
        #expect(next.json?["nextLifeLogWindowIsOpen"] as? Bool == false)
        next = try nextLifeLog("2026-01-14")
        #expect(next.line == "next life-log due 2026-01-12 (window open until 2026-01-14, nothing submitted yet)")
        #expect(next.json?.string("nextLifeLogDueOn") == "2026-01-12")
        #expect(next.json?.string("nextLifeLogWindowLastDay") == "2026-01-14")
        #expect(next.json?["nextLifeLogWindowIsOpen"] as? Bool == true)

        let entry = try sandbox.ok(["lifelog", "submit", "--case-ref", "L-1", "--at", "2026-01-14T18:00",
                                    "--wellbeing", "4", "--format", "json"],
                                   actor: "supervisee:L-1", asOf: "2026-01-14").object()
        #expect(entry.string("filledDueOn") == "2026-01-12")
        #expect(entry.string("submittedAt") == "2026-01-14T18:00")
        // Filled: the next one, the same day.
        next = try nextLifeLog("2026-01-14T19:00")
        #expect(next.line == "next life-log due 2026-01-19 (window 2026-01-19 to 2026-01-21)")
        #expect(next.json?.string("nextLifeLogDueOn") == "2026-01-19")
        #expect(next.json?["nextLifeLogWindowIsOpen"] as? Bool == false)

        // 01-15 is in no window (01-12's closed on 01-14, 01-19's opens on 01-19): unscheduled.
        let extra = try sandbox.ok(["lifelog", "submit", "--case-ref", "L-1", "--format", "json"],
                                   actor: "supervisee:L-1", asOf: "2026-01-15").object()
        #expect(extra["filledDueOn"] == nil || extra["filledDueOn"] is NSNull)

        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-01-21").items("life-log").isEmpty)
        let missed = try sandbox.overdue(actor: "okafor", asOf: "2026-01-22").items("life-log")
        #expect(missed.count == 1)
        #expect(missed.first?.string("dueOn") == "2026-01-19")
        #expect(missed.first?.int("daysOverdue") == 1)   // as-of − the window's last day (01-21)

        // Filled within its window (on its last day), 01-19 is no longer missed.
        try sandbox.ok(["lifelog", "submit", "--case-ref", "L-1", "--at", "2026-01-21T09:00"],
                       actor: "supervisee:L-1", asOf: "2026-01-21")
        #expect(try sandbox.overdue(actor: "okafor", asOf: "2026-01-22").items("life-log").isEmpty)
    }
}
