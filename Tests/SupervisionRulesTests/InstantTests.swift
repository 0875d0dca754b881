import Testing
@testable import SupervisionRules

@Suite("Instant: the stored UTC form")
struct InstantTests {
    @Test("the stored form round-trips", arguments: [
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2026-03-10T10:00:30Z", 1_773_136_830),
        ("2000-02-29T12:00:00Z", 951_825_600),
    ] as [(String, Int64)])
    func roundTrip(text: String, seconds: Int64) throws {
        let instant = try Instant.stored(text)
        #expect(instant.secondsSinceEpoch == seconds)
        #expect(instant.description == text)
        #expect(Instant(secondsSinceEpoch: seconds) == instant)
    }

    @Test("only the exact stored form parses", arguments: [
        "2026-03-10 10:00:30Z", "2026-03-10T10:00:30", "2026-03-10T10:00Z", "2026-03-10T10:00:30+00:00",
        "2026-02-30T10:00:30Z", "2026-03-10T24:00:00Z", "2026-03-10t10:00:30Z", "",
        "2026-03-10T10:60:30Z", "2026-03-10T10:00:60Z", "2026-03-10T1a:00:30Z", "2026-03-10T10:00:30z",
        "2026-03-10T10-00:30Z", "2026-03-10T10:00:30ZZ",
    ])
    func strict(text: String) {
        #expect(Instant(storage: text) == nil)
    }
}
