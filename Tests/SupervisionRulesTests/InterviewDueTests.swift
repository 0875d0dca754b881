import Testing
@testable import SupervisionRules

@Suite("Interview due dates and the evidence window (docs/interviews.md §4)")
struct InterviewDueTests {
    let standard = ContactStandard.default
    let noHolidays = BusinessCalendar()

    @Test("docs/interviews.md §4 worked example (medium, start Monday 2026-03-02)")
    func workedExample() throws {
        let start = try LocalDate.iso("2026-03-02")
        #expect(InterviewDue.first(startsOn: start, calendar: noHolidays, standard: standard) == (try .iso("2026-03-05")))

        let latest = InterviewDue.latestAttended([try .iso("2026-03-04")], startsOn: start, asOf: try .iso("2026-03-18"))
        #expect(latest == (try .iso("2026-03-04")))
        let due = InterviewDue.next(firstDueOn: InterviewDue.first(startsOn: start, calendar: noHolidays, standard: standard),
                                    latestAttendedOn: latest, level: .medium, standard: standard)
        #expect(due == (try .iso("2026-03-18")))
        #expect(InterviewDue.daysOverdue(due: due, asOf: try .iso("2026-03-17")) == nil)
        #expect(InterviewDue.daysOverdue(due: due, asOf: try .iso("2026-03-18")) == nil)
        #expect(InterviewDue.daysOverdue(due: due, asOf: try .iso("2026-03-19")) == 1)
    }

    @Test("the first interview is due three business days after release", arguments: [
        ("2026-03-02", [], "2026-03-05"),                         // Monday → Thursday
        ("2026-03-06", [], "2026-03-11"),                         // Friday → Wednesday
        ("2026-03-07", [], "2026-03-11"),                         // Saturday → Wednesday
        ("2021-12-23", ["2021-12-27", "2021-12-28"], "2021-12-30"),
        ("2021-12-23", [], "2021-12-28"),
    ] as [(String, [String], String)])
    func firstDue(start: String, holidays: [String], expected: String) throws {
        let calendar = BusinessCalendar(holidays: try LocalDate.isoSet(holidays))
        #expect(InterviewDue.first(startsOn: try .iso(start), calendar: calendar, standard: standard) == (try .iso(expected)))
    }

    @Test("only attended interviews inside [startsOn, asOf] count; the latest wins", arguments: [
        ([], nil),
        (["2026-03-04"], "2026-03-04"),
        (["2026-03-04", "2026-03-11", "2026-03-09"], "2026-03-11"),
        (["2026-03-01"], nil),                                   // before the term
        (["2026-03-02"], "2026-03-02"),                          // on the start day
        (["2026-03-20"], "2026-03-20"),                          // on the as-of day
        (["2026-03-21"], nil),                                   // after the as-of day
        (["2026-02-20", "2026-03-10", "2026-03-25"], "2026-03-10"),
    ] as [([String], String?)])
    func latestAttended(attended: [String], expected: String?) throws {
        let result = InterviewDue.latestAttended(try attended.map { try LocalDate.iso($0) },
                                                 startsOn: try .iso("2026-03-02"), asOf: try .iso("2026-03-20"))
        #expect(result == (try expected.map { try LocalDate.iso($0) }))
    }

    @Test("next due is the latest attended plus the current level's interval", arguments: [
        ("2026-03-04", SupervisionLevel.high, "2026-03-11"),
        ("2026-03-04", .medium, "2026-03-18"),
        ("2026-03-04", .low, "2026-04-01"),
        ("2026-02-20", .medium, "2026-03-06"),                   // across the end of February
        ("2024-02-20", .medium, "2024-03-05"),                   // leap year
    ] as [(String, SupervisionLevel, String)])
    func nextDue(attended: String, level: SupervisionLevel, expected: String) throws {
        let due = InterviewDue.next(firstDueOn: InterviewDue.first(startsOn: try .iso("2024-01-01"), calendar: noHolidays, standard: standard),
                                    latestAttendedOn: try .iso(attended), level: level, standard: standard)
        #expect(due == (try .iso(expected)))
    }

    @Test("with no attended interview the next due date is the first due date, whatever the level",
          arguments: SupervisionLevel.allCases)
    func nextDueWithoutInterview(level: SupervisionLevel) throws {
        let due = InterviewDue.next(firstDueOn: InterviewDue.first(startsOn: try .iso("2026-03-06"), calendar: noHolidays, standard: standard),
                                    latestAttendedOn: nil, level: level, standard: standard)
        #expect(due == (try .iso("2026-03-11")))
    }

    @Test("next due follows the agency's settings")
    func nextDueWithSettings() throws {
        var custom = standard
        custom.interviewIntervalDays[.high] = 5
        custom.firstInterviewBusinessDays = 1
        let start = try LocalDate.iso("2026-03-06")
        #expect(InterviewDue.next(firstDueOn: InterviewDue.first(startsOn: start, calendar: noHolidays, standard: custom),
                                    latestAttendedOn: try .iso("2026-03-09"), level: .high, standard: custom) == (try .iso("2026-03-14")))
        #expect(InterviewDue.next(firstDueOn: InterviewDue.first(startsOn: start, calendar: noHolidays, standard: custom),
                                    latestAttendedOn: nil, level: .high, standard: custom) == (try .iso("2026-03-09")))
    }

    @Test("overdue only after the due date, counted in days", arguments: [
        ("2026-03-18", "2026-03-17", nil),
        ("2026-03-18", "2026-03-18", nil),
        ("2026-03-18", "2026-03-19", 1),
        ("2026-03-18", "2026-03-28", 10),
        ("2026-02-28", "2026-03-01", 1),
        ("2024-02-28", "2024-03-01", 2),
        ("2026-12-31", "2027-01-01", 1),
        ("2026-03-18", "2025-03-18", nil),
    ] as [(String, String, Int?)])
    func daysOverdue(due: String, asOf: String, expected: Int?) throws {
        #expect(InterviewDue.daysOverdue(due: try .iso(due), asOf: try .iso(asOf)) == expected)
    }

    @Test("the evidence window ends five business days after the appointment", arguments: [
        ("2026-03-09", [], "2026-03-16"),                        // Monday → next Monday
        ("2026-03-12", [], "2026-03-19"),                        // Thursday, over a weekend
        ("2026-03-14", [], "2026-03-20"),                        // a Saturday appointment
        ("2021-12-22", [], "2021-12-29"),
        ("2021-12-22", ["2021-12-27", "2021-12-28"], "2021-12-31"),
    ] as [(String, [String], String)])
    func evidenceWindowEnd(appointment: String, holidays: [String], expected: String) throws {
        let calendar = BusinessCalendar(holidays: try LocalDate.isoSet(holidays))
        #expect(InterviewDue.evidenceWindowEnd(appointmentOn: try .iso(appointment), calendar: calendar,
                                               standard: standard) == (try .iso(expected)))
    }

    @Test("a failed-to-attend stays excusable through the window's last day and not after", arguments: [
        // Thursday appointment, window over a weekend: last day Thursday 2026-03-19
        ("2026-03-12", [], "2026-03-12", false),
        ("2026-03-12", [], "2026-03-18", false),
        ("2026-03-12", [], "2026-03-19", false),
        ("2026-03-12", [], "2026-03-20", true),
        // over Christmas holidays: last day 2021-12-31 instead of 2021-12-29
        ("2021-12-22", [], "2021-12-29", false),
        ("2021-12-22", [], "2021-12-30", true),
        ("2021-12-22", ["2021-12-27", "2021-12-28"], "2021-12-30", false),
        ("2021-12-22", ["2021-12-27", "2021-12-28"], "2021-12-31", false),
        ("2021-12-22", ["2021-12-27", "2021-12-28"], "2022-01-01", true),
        ("2021-12-22", ["2021-12-27", "2021-12-28"], "2022-01-03", true),
    ] as [(String, [String], String, Bool)])
    func evidenceWindowHasClosed(appointment: String, holidays: [String], asOf: String, closed: Bool) throws {
        let calendar = BusinessCalendar(holidays: try LocalDate.isoSet(holidays))
        #expect(InterviewDue.evidenceWindowHasClosed(appointmentOn: try .iso(appointment), asOf: try .iso(asOf),
                                                     calendar: calendar, standard: standard) == closed)
    }

    @Test("the evidence window follows the agency's setting")
    func evidenceWindowSetting() throws {
        var custom = standard
        custom.evidenceWindowBusinessDays = 2
        let end = InterviewDue.evidenceWindowEnd(appointmentOn: try .iso("2026-03-12"), calendar: noHolidays, standard: custom)
        #expect(end == (try .iso("2026-03-16")))
    }
}
