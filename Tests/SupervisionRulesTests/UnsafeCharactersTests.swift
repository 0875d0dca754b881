import Testing
@testable import SupervisionRules

@Suite("Unsafe characters: refused at input, shown as escapes at output (docs/operations.md §14)")
struct UnsafeCharactersTests {
    /// Each range's edges and the characters just outside it.
    @Test("the set: controls but newline and tab, and the direction controls, edges included", arguments: [
        (0x00, true), (0x08, true), (0x09, false), (0x0A, false), (0x0B, true), (0x0D, true), (0x1B, true),
        (0x1F, true), (0x20, false), (0x7E, false),
        (0x7F, true), (0x85, true), (0x9F, true), (0xA0, false),
        (0x200D, false), (0x200E, true), (0x200F, true), (0x2010, false),
        (0x2028, false), (0x2029, false),                        // separators: refused in names only
        (0x202A, true), (0x202E, true), (0x202F, false),
        (0x2065, false), (0x2066, true), (0x2069, true), (0x206A, false),
        (0xE9, false), (0x2013, false), (0x2026, false), (0x1F600, false),
    ] as [(UInt32, Bool)])
    func membership(value: UInt32, unsafe: Bool) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(UnsafeCharacters.contains(scalar) == unsafe)
    }

    /// The quick look at the UTF-8 bytes must never miss one: every unsafe scalar in a text of
    /// otherwise safe non-ASCII (which takes the slow path only because of it) is escaped.
    @Test("every unsafe scalar is escaped, whatever stands around it")
    func everyUnsafeScalarIsEscaped() {
        let unsafe = (0...0x2FFF).compactMap(Unicode.Scalar.init).filter(UnsafeCharacters.contains)
        #expect(unsafe.count == 32 - 2 + 33 + 2 + 5 + 4)
        for scalar in unsafe {
            let shown = UnsafeCharacters.escaped("a" + String(scalar) + "é")
            #expect(shown == "a\\u{\(String(scalar.value, radix: 16, uppercase: true))}é")
        }
    }

    @Test("text is escaped as the caller asks; safe text comes back unchanged", arguments: [
        ("plain", "plain", "plain"),
        ("two\nlines\ttab", "two\nlines\ttab", "two\nlines\ttab"),
        ("Siobhán – “ok” …", "Siobhán – “ok” …", "Siobhán – “ok” …"),
        ("a\u{1B}[2J", "a\\u{1B}[2J", "a<1b>[2J"),
        ("x\u{202E}y\u{2066}z\u{200F}", "x\\u{202E}y\\u{2066}z\\u{200F}", "x<202e>y<2066>z<200f>"),
        ("\u{7F}\u{85}\u{9F}", "\\u{7F}\\u{85}\\u{9F}", "<7f><85><9f>"),
    ])
    func escaping(text: String, visible: String, custom: String) {
        #expect(UnsafeCharacters.escaped(text) == visible)
        #expect(UnsafeCharacters.escaped(text) { "<" + String($0.value, radix: 16) + ">" } == custom)
    }
}
