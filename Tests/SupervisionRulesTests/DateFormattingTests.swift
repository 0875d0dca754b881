import Testing
@testable import SupervisionRules

/// The hand-written date formatters must write exactly what they replaced.
@Suite struct DateFormattingTests {
    /// The former formatting of dates and times, string by string.
    static func former(_ date: LocalDate) -> String {
        String(format4: date.year) + "-" + String(format2: date.month) + "-" + String(format2: date.day)
    }

    @Test func datesAndInstantsAreWrittenAsBefore() {
        for day in stride(from: -800_000, through: 3_000_000, by: 997) {
            let date = LocalDate(daysSinceEpoch: day)
            #expect(date.description == Self.former(date))
            for second in [0, 59, 3_600 * 9 + 60 * 7 + 5, 86_399] {
                let local = LocalDateTime(date: date, secondOfDay: second)
                let minutes = "\(Self.former(date))T\(String(format2: local.hour)):\(String(format2: local.minute))"
                #expect(local.isoMinutes == minutes)
                #expect(local.isoSeconds == minutes + ":" + String(format2: local.second))
                #expect(local.instantIfUTC.description == minutes + ":" + String(format2: local.second) + "Z")
            }
        }
    }
}
