import Foundation

/// Cleans and checks what people type before it is stored (docs/input.md §10, docs/terms.md §3).
///
/// Stored text is trimmed and in Unicode NFC, so the same name typed on two keyboards (a
/// precomposed "é" or "e" + combining accent) is one name in searches and uniqueness checks.
/// Control characters are refused rather than stripped: silently changing what someone typed
/// into a legal record is worse than asking them to retype it, and an escape sequence in a
/// stored name could rewrite the terminal of whoever later lists it.
///
/// Error sentences quote the offending value with anything invisible shown as `\u{…}`, and
/// never echo a control character back to the terminal.
public enum InputHygiene {
    static let nameMaxCharacters = 200
    static let freeTextMaxCharacters = 4_000
    static let caseRefMaxCharacters = 32
    static let actorIDMaxCharacters = 64

    /// A person's or place's name: trimmed, NFC, 1–200 characters, with no control characters at
    /// all.
    ///
    /// Every length limit counts Unicode scalars after NFC (docs/operations.md §14): SQLite's `length()`
    /// counts the same, so the schema's CHECKs and these rules agree on every text (a family
    /// emoji is one character on screen but seven scalars, and 200 of them are refused here,
    /// naming the field, rather than by the database).
    ///
    /// Beyond the control characters (Unicode category Cc, which includes newline and tab), a
    /// name also may not contain the Unicode line and paragraph separators or the bidirectional
    /// embedding, override and isolate controls and marks (U+202A–U+202E, U+2066–U+2069,
    /// U+200E–U+200F): names are shown
    /// in table columns beside other data, where a line break or a right-to-left override would
    /// garble or disguise the neighbouring columns.
    public static func name(_ raw: String, field: String) throws(InputError) -> String {
        let text = trimmedNFC(raw)
        guard !text.isEmpty else { throw InputError("\(field): must not be empty.") }
        if let bad = text.unicodeScalars.first(where: { isControl($0) || isLineOrDirectionControl($0) }) {
            throw InputError("\(field): contains \(describe(bad)), which is not allowed in a name.")
        }
        let count = text.unicodeScalars.count
        guard count <= nameMaxCharacters else {
            throw InputError("\(field): is \(count) characters long; a name may have at most \(nameMaxCharacters).")
        }
        return text
    }

    /// Notes, reasons, descriptions: trimmed, NFC, at most 4,000 characters (Unicode scalars);
    /// newline and tab are kept, other control characters and the text-direction controls
    /// (which would reverse what follows them on an officer's screen) refused. Empty after
    /// trimming means "none" (nil).
    ///
    /// Windows line ends (CR LF) and lone CRs are turned into LF first: they are newlines, and
    /// one spelling keeps stored text comparable.
    public static func freeText(_ raw: String, field: String) throws(InputError) -> String? {
        // Only text that has a CR goes through Foundation (NSString); most text has none.
        let unified = raw.utf8.contains(UInt8(ascii: "\r"))
            ? raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            : raw
        let text = trimmedNFC(unified)
        guard !text.isEmpty else { return nil }
        if let bad = text.unicodeScalars.first(where: UnsafeCharacters.contains) {
            throw InputError("\(field): contains \(describe(bad)), which is not allowed; of the control characters only newlines and tabs are.")
        }
        let count = text.unicodeScalars.count
        guard count <= freeTextMaxCharacters else {
            throw InputError("\(field): is \(count) characters long; at most 4,000 are allowed.")
        }
        return text
    }

    /// The agency's unique reference for a person: 1–32 characters of A–Z, a–z, 0–9, `-`, `_`,
    /// `/`. Surrounding whitespace (from a paste) is trimmed; letter case is kept as typed.
    ///
    /// ASCII only, so a reference can be typed on any keyboard, read over the phone and never has
    /// two Unicode spellings.
    public static func caseRef(_ raw: String) throws(InputError) -> String {
        try identifier(raw, field: "--case-ref", noun: "a case reference", maxCharacters: caseRefMaxCharacters,
                       allowed: "letters A–Z, digits, \"-\", \"_\" and \"/\"", isAllowed: isCaseRefScalar)
    }

    /// A calendar date, strictly `YYYY-MM-DD`, that exists: `2026-02-30` is refused, never rolled
    /// over to March as lenient date parsers do.
    public static func date(_ raw: String, field: String) throws(InputError) -> LocalDate {
        let text = trimmed(raw)
        guard !text.isEmpty else { throw InputError("\(field): a date is required (expected YYYY-MM-DD).") }
        if let date = LocalDate(iso: text) { return date }
        if hasDateShape(text) {
            throw InputError("\(field): \(quoted(text)) is not a real date (expected YYYY-MM-DD).")
        }
        throw InputError("\(field): \(quoted(text)) is not a date (expected YYYY-MM-DD).")
    }

    /// An officer's or admin's id: 1–64 characters of A–Z, a–z, 0–9, `.`, `-`, `_`, `@` (so an
    /// e-mail-like id works). ASCII only for the same reasons as case references; case is kept.
    public static func actorID(_ raw: String, field: String) throws(InputError) -> String {
        try identifier(raw, field: field, noun: "an id", maxCharacters: actorIDMaxCharacters,
                       allowed: "letters A–Z, digits, \".\", \"-\", \"_\" and \"@\"", isAllowed: isActorIDScalar)
    }

    /// The rule both identifiers follow: trimmed, not empty, only `isAllowed` characters (which
    /// `allowed` lists for the refusal), at most `maxCharacters`. `noun` names the kind of
    /// identifier in the refusal ("a case reference").
    private static func identifier(_ raw: String, field: String, noun: String, maxCharacters: Int, allowed: String,
                                   isAllowed: (Unicode.Scalar) -> Bool) throws(InputError) -> String {
        let text = trimmed(raw)
        guard !text.isEmpty else { throw InputError("\(field): must not be empty.") }
        if let bad = text.unicodeScalars.first(where: { !isAllowed($0) }) {
            throw InputError("\(field): \(quoted(text)) contains \(describeInValue(bad)); \(noun) may only contain \(allowed).")
        }
        let count = text.unicodeScalars.count
        guard count <= maxCharacters else {
            throw InputError("\(field): \(quoted(text)) is \(count) characters long; \(noun) has at most \(maxCharacters).")
        }
        return text
    }

    // MARK: - Helpers

    /// `raw` without leading and trailing white space: exactly what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` removes here, or with `newlines: false`
    /// what `.whitespaces` removes.
    ///
    /// Done natively on the scalars: Foundation's version bridges through NSString, and every
    /// command trims its actor id and case reference (a third of a due-date look-up went there).
    /// A test compares the two over every scalar that could differ.
    public static func trimmed(_ raw: String, newlines: Bool = true) -> String {
        let scalars = raw.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isTrimmed(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
        while end > start, isTrimmed(scalars[scalars.index(before: end)], newlines: newlines) {
            end = scalars.index(before: end)
        }
        if start == scalars.startIndex, end == scalars.endIndex { return raw }
        return String(scalars[start..<end])
    }

    /// Foundation's white space but U+200B: the space separators (Zs) and tab; with newlines
    /// also U+000A–U+000D, U+0085 and the line and paragraph separators. Every kind of field
    /// (names, text, references, ids, dates, times) trims this one set. The zero-width space is
    /// not white space to Unicode and is invisible: trimming it from a case reference would
    /// accept a value that is not what was typed, so it is refused where it is not allowed.
    private static func isTrimmed(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: newlines
        default: false
        }
    }

    /// NFC first, then trim: normalising cannot create leading or trailing whitespace, and
    /// trimming then sees the final characters.
    private static func trimmedNFC(_ raw: String) -> String {
        // ASCII text is already in NFC; only the rest goes through Foundation's normaliser,
        // which bridges through NSString (8,000 instructions for a short name).
        trimmed(raw.utf8.allSatisfy { $0 < 0x80 } ? raw : raw.precomposedStringWithCanonicalMapping)
    }

    /// Unicode category Cc: C0 controls, DEL and C1 controls.
    /// (For ASCII the answer is U+0000–U+001F and U+007F, without the Unicode property look-up
    /// that every character of every name went through.)
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        return scalar.properties.generalCategory == .control
    }

    private static func isLineOrDirectionControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2028 || scalar.value == 0x2029 || isDirectionControl(scalar)   // line and paragraph separator
    }

    /// The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
    /// the direction marks (U+200E–U+200F).
    static func isDirectionControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9": true
        default: false
        }
    }

    private static func isCaseRefScalar(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetterOrDigit(scalar) || scalar == "-" || scalar == "_" || scalar == "/"
    }

    private static func isActorIDScalar(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetterOrDigit(scalar) || scalar == "." || scalar == "-" || scalar == "_" || scalar == "@"
    }

    /// Digits and dashes in the places of `YYYY-MM-DD`: the shape is right, so the date itself
    /// does not exist.
    private static func hasDateShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Names an unwanted character in words (it is not printed: it may be invisible or unsafe).
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n", "\r", "\u{2028}", "\u{2029}": "a line break (\(hex(scalar)))"
        case "\t": "a tab (U+0009)"
        default:
            isLineOrDirectionControl(scalar)
                ? "a text-direction control character (\(hex(scalar)))"
                : "a control character (\(hex(scalar)))"
        }
    }

    /// Names a character that is not allowed in an id or reference: printable ones are shown.
    private static func describeInValue(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if isInvisible(scalar) || scalar.properties.isWhitespace {
            return "an invisible character (\(hex(scalar)))"
        }
        return "\"\(Character(scalar))\""
    }

    /// Characters that must not be printed raw in a message: controls, format characters (zero
    /// width, direction marks) and line or paragraph separators.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// The value between quotes for an error sentence: at most 40 characters, with control, format
    /// and separator characters written as `\u{…}` so nothing invisible reaches the terminal.
    public static func quoted(_ text: String) -> String {
        var out = ""
        var shown = 0
        for character in text {
            if shown == 40 { out += "…"; break }
            shown += 1
            for scalar in character.unicodeScalars {
                if isInvisible(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + out + "\""
    }
}
