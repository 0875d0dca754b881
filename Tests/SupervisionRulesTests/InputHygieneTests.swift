import Testing
@testable import SupervisionRules

@Suite("Input hygiene (docs/input.md §10, docs/terms.md §3)")
struct InputHygieneTests {
    static let composedJose = "Jos\u{E9}"
    static let decomposedJose = "Jose\u{301}"

    // MARK: names

    @Test("names are trimmed and stored in NFC", arguments: [
        ("  Ana Lima  ", "Ana Lima"),
        ("\tAna\u{A0}", "Ana"),
        (decomposedJose, composedJose),
        (composedJose, composedJose),
        ("  \(decomposedJose) Silva\n", "\(composedJose) Silva"),
        ("Zoë  O'Brien-Ng", "Zoë  O'Brien-Ng"),                  // inner spaces are kept
        ("👩‍👩‍👧 Family", "👩‍👩‍👧 Family"),                          // zero-width joiners are not controls
        ("محمد", "محمد"),
    ])
    func nameCleaned(raw: String, expected: String) throws {
        let name = try InputHygiene.name(raw, field: "--name")
        #expect(name == expected)
        #expect(Array(name.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("two spellings of José are one stored name")
    func joseIsOneName() throws {
        #expect(Array(Self.composedJose.unicodeScalars) != Array(Self.decomposedJose.unicodeScalars))
        let a = try InputHygiene.name(Self.composedJose, field: "--name")
        let b = try InputHygiene.name(Self.decomposedJose, field: "--name")
        #expect(Array(a.unicodeScalars) == Array(b.unicodeScalars))
        #expect(a.unicodeScalars.count == 4)
    }

    @Test("names refuse control characters, line breaks and direction overrides", arguments: [
        ("Ana\nLima", "U+000A"),
        ("Ana\tLima", "U+0009"),
        ("Ana\r\nLima", "U+000D"),
        ("Ana\u{7}", "U+0007"),
        ("\u{1B}[31mAna", "U+001B"),
        ("Ana\u{0}Lima", "U+0000"),
        ("Ana\u{7F}", "U+007F"),
        ("Ana\u{85}Lima", "U+0085"),
        ("Ana\u{2028}Lima", "U+2028"),
        ("Ana\u{202E}amiL", "U+202E"),
        ("Ana\u{2066}Lima\u{2069}", "U+2066"),
    ])
    func nameControl(raw: String, code: String) {
        let error = #expect(throws: InputError.self) { try InputHygiene.name(raw, field: "--name") }
        #expect(error?.message.hasPrefix("--name: contains ") == true)
        #expect(error?.message.contains(code) == true)
        #expect(error?.message.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control } == true)
    }

    @Test("names are 1 to 200 characters, counted as people see them", arguments: [
        (String(repeating: "a", count: 1), true),
        (String(repeating: "a", count: 200), true),
        (String(repeating: "a", count: 201), false),
        (String(repeating: "e\u{301}", count: 200), true),       // 400 scalars, 200 characters
        (String(repeating: "e\u{301}", count: 201), false),
        (String(repeating: "ß", count: 200), true),              // 400 UTF-8 bytes
        ("  " + String(repeating: "a", count: 200) + "  ", true),
    ])
    func nameLength(raw: String, accepted: Bool) {
        let result = Result { () throws(InputError) -> String in try InputHygiene.name(raw, field: "--name") }
        switch result {
        case .success(let name):
            #expect(accepted)
            #expect(name.count <= 200)
        case .failure(let error):
            #expect(!accepted)
            #expect(error.message == "--name: is 201 characters long; a name may have at most 200.")
        }
    }

    @Test("an empty name is refused", arguments: ["", "   ", "\n\t ", "\u{A0}"])
    func nameEmpty(raw: String) {
        #expect(throws: InputError("--officer-name: must not be empty.")) {
            try InputHygiene.name(raw, field: "--officer-name")
        }
    }

    // MARK: free text

    @Test("free text is trimmed, NFC, and keeps newlines and tabs", arguments: [
        ("  Works nights.\nLives with sister.\t(temp)  ", "Works nights.\nLives with sister.\t(temp)"),
        ("Windows\r\nline\rends", "Windows\nline\nends"),
        ("Caf" + "e\u{301}", "Caf\u{E9}"),
        ("x", "x"),
    ])
    func freeTextCleaned(raw: String, expected: String) throws {
        let text = try InputHygiene.freeText(raw, field: "--notes")
        #expect(text.map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars))
    }

    @Test("empty free text is nil", arguments: ["", "   ", "\n\n", "\t \r\n"])
    func freeTextEmpty(raw: String) throws {
        #expect(try InputHygiene.freeText(raw, field: "--notes") == nil)
    }

    @Test("free text refuses other control characters", arguments: [
        ("bell\u{7}", "U+0007"), ("\u{1B}[2Jcleared", "U+001B"), ("nul\u{0}byte", "U+0000"),
        ("del\u{7F}x", "U+007F"), ("next\u{85}line", "U+0085"), ("vt\u{B}x", "U+000B"), ("ff\u{C}x", "U+000C"),
    ])
    func freeTextControl(raw: String, code: String) {
        let error = #expect(throws: InputError.self) { try InputHygiene.freeText(raw, field: "--notes") }
        #expect(error?.message.hasPrefix("--notes: contains ") == true)
        #expect(error?.message.contains(code) == true)
    }

    @Test("free text is at most 4,000 characters", arguments: [
        (3_999, true), (4_000, true), (4_001, false), (10_000, false),
    ])
    func freeTextLength(count: Int, accepted: Bool) throws {
        let raw = String(repeating: "é", count: count)
        if accepted {
            #expect(try InputHygiene.freeText(raw, field: "--notes")?.count == count)
        } else {
            #expect(throws: InputError("--notes: is \(count) characters long; at most 4,000 are allowed.")) {
                try InputHygiene.freeText(raw, field: "--notes")
            }
        }
    }

    // MARK: case references

    @Test("case references of letters, digits, - _ / up to 32 characters", arguments: [
        ("AB-12/2026_x", "AB-12/2026_x"),
        ("  PR-0042 ", "PR-0042"),
        ("a", "a"),
        (String(repeating: "Z", count: 32), String(repeating: "Z", count: 32)),
        ("2026/001", "2026/001"),
    ])
    func caseRefAccepted(raw: String, expected: String) throws {
        #expect(try InputHygiene.caseRef(raw) == expected)
    }

    @Test("bad case references are refused with a sentence", arguments: [
        ("", "--case-ref: must not be empty."),
        ("   ", "--case-ref: must not be empty."),
        (String(repeating: "Z", count: 33),
         "--case-ref: \"\(String(repeating: "Z", count: 33))\" is 33 characters long; a case reference has at most 32."),
        ("AB 12", "--case-ref: \"AB 12\" contains a space; a case reference may only contain letters A–Z, digits, \"-\", \"_\" and \"/\"."),
        ("AB#12", "--case-ref: \"AB#12\" contains \"#\"; a case reference may only contain letters A–Z, digits, \"-\", \"_\" and \"/\"."),
        ("ÄB-1", "--case-ref: \"ÄB-1\" contains \"Ä\"; a case reference may only contain letters A–Z, digits, \"-\", \"_\" and \"/\"."),
        ("AB\u{1B}[0m", "--case-ref: \"AB\\u{1B}[0m\" contains an invisible character (U+001B); a case reference may only contain letters A–Z, digits, \"-\", \"_\" and \"/\"."),
        ("AB\u{200B}1", "--case-ref: \"AB\\u{200B}1\" contains an invisible character (U+200B); a case reference may only contain letters A–Z, digits, \"-\", \"_\" and \"/\"."),
        ("AB.1", "--case-ref: \"AB.1\" contains \".\"; a case reference may only contain letters A–Z, digits, \"-\", \"_\" and \"/\"."),
    ])
    func caseRefRefused(raw: String, message: String) {
        #expect(throws: InputError(message)) { try InputHygiene.caseRef(raw) }
    }

    // MARK: dates

    @Test("dates must be strict YYYY-MM-DD and real", arguments: [
        ("2026-02-28", "2026-02-28"),
        ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        (" 2026-03-18 ", "2026-03-18"),
    ])
    func dateAccepted(raw: String, expected: String) throws {
        #expect(try InputHygiene.date(raw, field: "--released") == (try .iso(expected)))
    }

    @Test("impossible and malformed dates are refused, never rolled over", arguments: [
        ("2026-02-30", "--born: \"2026-02-30\" is not a real date (expected YYYY-MM-DD)."),
        ("2026-02-29", "--born: \"2026-02-29\" is not a real date (expected YYYY-MM-DD)."),
        ("1900-02-29", "--born: \"1900-02-29\" is not a real date (expected YYYY-MM-DD)."),
        ("2026-04-31", "--born: \"2026-04-31\" is not a real date (expected YYYY-MM-DD)."),
        ("2026-13-01", "--born: \"2026-13-01\" is not a real date (expected YYYY-MM-DD)."),
        ("0000-01-01", "--born: \"0000-01-01\" is not a real date (expected YYYY-MM-DD)."),
        ("2026-3-1", "--born: \"2026-3-1\" is not a date (expected YYYY-MM-DD)."),
        ("01/03/2026", "--born: \"01/03/2026\" is not a date (expected YYYY-MM-DD)."),
        ("2026-03-10T10:00", "--born: \"2026-03-10T10:00\" is not a date (expected YYYY-MM-DD)."),
        ("yesterday\u{7}", "--born: \"yesterday\\u{7}\" is not a date (expected YYYY-MM-DD)."),
        ("", "--born: a date is required (expected YYYY-MM-DD)."),
    ])
    func dateRefused(raw: String, message: String) {
        #expect(throws: InputError(message)) { try InputHygiene.date(raw, field: "--born") }
    }

    // MARK: actor ids

    @Test("actor ids: 1–64 of letters, digits, . - _ @", arguments: [
        ("admin", "admin"),
        ("j.smith@probation-north_2", "j.smith@probation-north_2"),
        (" officer7 ", "officer7"),
        (String(repeating: "x", count: 64), String(repeating: "x", count: 64)),
    ])
    func actorIDAccepted(raw: String, expected: String) throws {
        #expect(try InputHygiene.actorID(raw, field: "--actor") == expected)
    }

    @Test("bad actor ids are refused", arguments: [
        ("", "--actor: must not be empty."),
        (String(repeating: "x", count: 65),
         "--actor: \"\(String(repeating: "x", count: 40))…\" is 65 characters long; an id has at most 64."),
        ("supervisee:AB-1", "--actor: \"supervisee:AB-1\" contains \":\"; an id may only contain letters A–Z, digits, \".\", \"-\", \"_\" and \"@\"."),
        ("josé", "--actor: \"josé\" contains \"é\"; an id may only contain letters A–Z, digits, \".\", \"-\", \"_\" and \"@\"."),
        ("a b", "--actor: \"a b\" contains a space; an id may only contain letters A–Z, digits, \".\", \"-\", \"_\" and \"@\"."),
    ])
    func actorIDRefused(raw: String, message: String) {
        #expect(throws: InputError(message)) { try InputHygiene.actorID(raw, field: "--actor") }
    }

    @Test("an input error reads as its message")
    func inputErrorDescription() {
        let error = InputError("--months: 13 is not allowed (6 to 12).")
        #expect(error.description == "--months: 13 is not allowed (6 to 12).")
        #expect("\(error)" == error.message)
    }
}
