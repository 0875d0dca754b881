import Foundation
import Testing
@testable import SupervisionRules

@Suite("Supervision level and contact standard (docs/interviews.md §4)")
struct ContactStandardTests {
    @Test("the default standard is the table of docs/interviews.md §4", arguments: [
        (SupervisionLevel.high, 7, 7),
        (.medium, 14, 7),
        (.low, 28, 14),
    ])
    func defaults(level: SupervisionLevel, interview: Int, lifeLog: Int) {
        #expect(ContactStandard.default.interviewInterval(level) == interview)
        #expect(ContactStandard.default.lifeLogInterval(level) == lifeLog)
    }

    @Test("the default windows: first interview 3 business days, evidence 5, life-log grace 3")
    func defaultWindows() {
        #expect(ContactStandard.default.firstInterviewBusinessDays == 3)
        #expect(ContactStandard.default.evidenceWindowBusinessDays == 5)
        #expect(ContactStandard.default.lifeLogGraceDays == 3)
    }

    @Test("agency settings override the defaults; a level missing from the settings falls back to them")
    func settings() {
        var standard = ContactStandard.default
        standard.interviewIntervalDays[.medium] = 10
        standard.lifeLogIntervalDays[.low] = 21
        standard.interviewIntervalDays[.high] = nil
        standard.lifeLogIntervalDays = [:]
        #expect(standard.interviewInterval(.medium) == 10)
        #expect(standard.interviewInterval(.high) == 7)
        #expect(standard.interviewInterval(.low) == 28)
        #expect(standard.lifeLogInterval(.low) == 14)
        #expect(standard != ContactStandard.default)
    }

    @Test("with empty settings every level falls back to the defaults of docs/interviews.md §4", arguments: [
        (SupervisionLevel.high, 7, 7),
        (.medium, 14, 7),
        (.low, 28, 14),
    ])
    func fallback(level: SupervisionLevel, interview: Int, lifeLog: Int) {
        var standard = ContactStandard.default
        standard.interviewIntervalDays = [:]
        standard.lifeLogIntervalDays = [:]
        #expect(standard.interviewInterval(level) == interview)
        #expect(standard.lifeLogInterval(level) == lifeLog)
    }

    @Test("levels are spelled as on the command line and in storage", arguments: [
        ("high", SupervisionLevel.high), ("medium", .medium), ("low", .low),
    ])
    func levelNames(text: String, level: SupervisionLevel) throws {
        #expect(SupervisionLevel(rawValue: text) == level)
        #expect(level.rawValue == text)
        let json = try JSONEncoder().encode([level])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([SupervisionLevel].self, from: json) == [level])
    }

    @Test("other spellings are not levels", arguments: ["High", "HIGH", "med", "", "none"])
    func notLevels(text: String) {
        #expect(SupervisionLevel(rawValue: text) == nil)
    }

    @Test("there are exactly three levels")
    func allLevels() {
        #expect(SupervisionLevel.allCases == [.high, .medium, .low])
    }
}
