import Foundation
import Testing
@testable import Supervision
import SupervisionRules

/// The hand-written formatters must write exactly what they replaced.
@Suite struct FormattingTests {
    /// What JSONEncoder wrote for audit details before `AuditLog.encode` was written by hand.
    static func foundationJSON(_ details: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }

    @Test func auditDetailsAreWhatJSONEncoderWrote() throws {
        var samples: [[String: String]] = [
            [:],
            ["caseRef": "B-000001", "filledDueOn": "", "locations": "0"],
            ["caseRef": "LDN/0001", "endsOn": "2027-03-14", "level": "high", "months": "12", "officer": "okafor",
             "startsOn": "2026-03-15"],
            ["name": "José O'Brien \"Joe\" \\ back/slash", "born": "1980-01-01"],
            ["reason": "line one\nline two\ttabbed\r\u{8}\u{C}\u{0}\u{1F}\u{7F}", "Zeta": "upper", "alpha": "lower",
             "a10": "x", "a9": "y", "é": "accent", "😀": "emoji", "": "empty key"],
        ]
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 \"\\/\n\t\u{1}\u{1F}é😀-_:{}[],")
        for _ in 0..<300 {
            var details: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let key = String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                let value = String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                details[key] = value
            }
            samples.append(details)
        }
        for details in samples {
            #expect(AuditLog.encode(details) == (try Self.foundationJSON(details)), "\(details)")
        }
    }
}
