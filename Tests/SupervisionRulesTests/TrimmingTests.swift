import Foundation
import Testing
@testable import SupervisionRules

/// `InputHygiene.trimmed` replaces Foundation's `trimmingCharacters(in:)` for speed; it must
/// trim exactly what Foundation trims.
@Suite struct TrimmingTests {
    /// Every scalar up to U+3100 (all the white space Unicode has is below it) and a few beyond.
    static let candidates: [Unicode.Scalar] = (0..<0x3100).compactMap(Unicode.Scalar.init)
        + [0xFEFF, 0xFFFD, 0x1F600].compactMap(Unicode.Scalar.init)

    /// Except U+200B (zero width space): Foundation trims it, Unicode does not call it white
    /// space, and every field kind keeps it (to be refused where it is not allowed).
    @Test func trimsWhatFoundationTrims() {
        for scalar in Self.candidates where scalar.value != 0x200B {
            let s = String(Character(scalar))
            for text in [s, " \(s)x\(s) ", "\(s)\(s)ab\(s)", "a\(s)b", "\t\(s)\n", "\(s)\u{301}x"] {
                #expect(InputHygiene.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
                #expect(InputHygiene.trimmed(text, newlines: false) == text.trimmingCharacters(in: .whitespaces),
                        "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription) (no newlines)")
            }
        }
    }

    /// Names and free text take a fast path for ASCII and for text without CR; the result must
    /// be what the Foundation path gives.
    @Test func namesAndFreeTextAreCleanedAsBefore() throws {
        let samples = ["  José  ", "Jose\u{301}", "plain name", " tab\tinside ", "line\r\nbreak\rcr\n", "\r\n  x  \r",
                       "Zoë\u{0308}", "ASCII only", "  \u{00A0}nbsp\u{00A0} ", "Ångström",
                       "e\u{301}\u{323}", "한국어", "😀 emoji ", "a\rb", "no change"]
        for raw in samples {
            let unified = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            let expected = unified.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try InputHygiene.freeText(raw, field: "--notes") == (expected.isEmpty ? nil : expected), "\(raw.debugDescription)")
            if !raw.contains(where: { $0.isNewline || $0 == "\t" }) {
                let name = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(try InputHygiene.name(raw, field: "--name") == name, "\(raw.debugDescription)")
            }
        }
    }

    @Test func zeroWidthSpaceIsNotTrimmed() throws {
        #expect(InputHygiene.trimmed("A-1\u{200B}") == "A-1\u{200B}")
        #expect(throws: InputError.self) { try InputHygiene.caseRef("A-1\u{200B}") }
        #expect(try InputHygiene.caseRef(" A-1\u{3000}") == "A-1")
    }

    @Test func controlCharactersAreTheUnicodeCcCategory() {
        for value in 0..<0x11_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(InputHygiene.isControl(scalar) == (scalar.properties.generalCategory == .control),
                    "U+\(String(value, radix: 16))")
        }
    }
}
