/// The characters that text may not carry raw in front of a person (docs/operations.md §14): the
/// control characters but newline and tab (U+0000–U+001F, U+007F–U+009F) and the text-direction
/// controls (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
///
/// Input hygiene refuses them in free text (docs/input.md §10); whatever was stored before that,
/// or written by another tool, is shown as a visible escape wherever text leaves the program (the
/// command line's output, the web pages, the subject-access export), so a stored value can
/// neither rewrite a terminal nor reverse the rest of a line. One set, so every place agrees.
public enum UnsafeCharacters {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\u{202E}`: the escape tables, CSV, pages and the export show.
    public static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// `text` with each unsafe character replaced by `escape(character)`; other text as it is.
    public static func escaped(_ text: String,
                               with escape: (Unicode.Scalar) -> String = visibleEscape) -> String {
        // Most text has none: the UTF-8 of every unsafe character is a byte below 0x20 (but
        // newline and tab), DEL, or starts with C2 (U+0080–U+00BF) or E2 (U+2000–U+2FFF).
        let suspicious = text.utf8.contains { byte in
            (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2 || byte == 0xE2
        }
        guard suspicious else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if contains(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
