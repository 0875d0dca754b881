import Foundation
import Testing
@testable import Supervision

/// `InputHygiene.trimmed` replaces Foundation's `trimmingCharacters(in:)` for speed; it must
/// trim exactly what Foundation trims.
@Suite struct TrimmingTests {
    /// Every scalar up to U+3100 (all the white space Unicode has is below it) and a few beyond.
    static let candidates: [Unicode.Scalar] = (0..<0x3100).compactMap(Unicode.Scalar.init)
        + [0xFEFF, 0xFFFD, 0x1F600].compactMap(Unicode.Scalar.init)

    @Test func trimsWhatFoundationTrims() {
        for scalar in Self.candidates {
            let s = String(Character(scalar))
            for text in [s, " \(s)x\(s) ", "\(s)\(s)ab\(s)", "a\(s)b", "\t\(s)\n", "\(s)\u{301}x"] {
                #expect(InputHygiene.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
                #expect(InputHygiene.trimmed(text, newlines: false) == text.trimmingCharacters(in: .whitespaces),
                        "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription) (no newlines)")
            }
        }
    }
}
