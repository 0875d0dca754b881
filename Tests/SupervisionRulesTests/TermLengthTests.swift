import Testing
@testable import SupervisionRules

@Suite("Term length (docs/terms.md §3)")
struct TermLengthTests {
    @Test("six to twelve months are allowed, nothing else", arguments: [
        (5, false), (6, true), (7, true), (12, true), (13, false), (0, false), (-6, false),
    ])
    func allowedMonths(months: Int, allowed: Bool) {
        #expect(TermLength.allowedMonths.contains(months) == allowed)
    }

    @Test("a term ends the day before the same date months later", arguments: [
        // docs/terms.md §3 worked examples
        ("2026-03-15", 12, "2027-03-14"),
        ("2026-01-31", 6, "2026-07-30"),
        ("2027-08-31", 6, "2028-02-28"),
        // month starts and ends
        ("2026-01-01", 12, "2026-12-31"),
        ("2026-03-01", 6, "2026-08-31"),
        ("2026-03-01", 12, "2027-02-28"),
        ("2027-03-01", 12, "2028-02-29"),
        // the clamped month end, in non-leap, leap and century years
        ("2025-08-31", 6, "2026-02-27"),
        ("1999-08-31", 6, "2000-02-28"),
        ("1899-08-31", 6, "1900-02-27"),
        ("2024-02-29", 12, "2025-02-27"),
        ("2024-02-29", 6, "2024-08-28"),
        ("2026-12-31", 6, "2027-06-29"),
    ] as [(String, Int, String)])
    func endsOn(start: String, months: Int, expected: String) throws {
        #expect(TermLength.endsOn(startsOn: try .iso(start), months: months) == (try .iso(expected)))
    }
}
