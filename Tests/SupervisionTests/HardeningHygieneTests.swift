import Storage
import Testing
@testable import Supervision
@testable import SupervisionRules

/// docs/input.md §10 and §14: one length rule (Unicode scalars after NFC) shared with the schema, the
/// text-direction controls refused in every text field, one trimming rule for every field kind,
/// and constraint failures named by field.
@Suite("Input hardening (docs/operations.md §14)")
struct HardeningHygieneTests {
    /// 👨‍👩‍👧‍👦 is one character on screen and seven scalars; SQLite's length() counts scalars.
    static let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"

    @Test func lengthsCountUnicodeScalarsAfterNFC() throws {
        let long = String(repeating: Self.family, count: 29)   // 29 characters, 203 scalars
        #expect(long.count == 29)
        #expect(throws: InputError.self) { try InputHygiene.name(long, field: "--name") }
        let fits = String(repeating: Self.family, count: 28) + "abcd"   // 200 scalars
        #expect(try InputHygiene.name(fits, field: "--name") == fits)
        // Decomposed é is two scalars before NFC and one after: 200 of them fit.
        let decomposed = String(repeating: "e\u{301}", count: 200)
        #expect(try InputHygiene.name(decomposed, field: "--name").unicodeScalars.count == 200)
        let text = String(repeating: Self.family, count: 572)  // 4,004 scalars
        do {
            _ = try InputHygiene.freeText(text, field: "--notes")
            Issue.record("4,004 scalars of free text were accepted")
        } catch {
            #expect(error.message.hasPrefix("--notes:"))
        }
    }

    @Test("free text refuses direction controls and C0/C1 controls but newline and tab", arguments: [
        "\u{202E}evil", "a\u{202A}b", "a\u{2066}b", "a\u{2069}", "a\u{200E}b", "a\u{200F}b", "a\u{1B}[2Jb", "a\u{85}b", "a\u{7F}b",
    ])
    func freeTextRefusesUnsafeCharacters(raw: String) {
        do {
            _ = try InputHygiene.freeText(raw, field: "--residence")
            Issue.record("accepted \(raw.unicodeScalars.map { $0.value })")
        } catch {
            #expect(error.message.hasPrefix("--residence:"))
            #expect(!error.message.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
        }
    }

    @Test func freeTextKeepsNewlineAndTab() throws {
        #expect(try InputHygiene.freeText("line one\n\tline two", field: "--notes") == "line one\n\tline two")
    }

    @Test func namesRefuseDirectionMarks() {
        #expect(throws: InputError.self) { try InputHygiene.name("Ana\u{200F}", field: "--name") }
        #expect(throws: InputError.self) { try InputHygiene.name("Ana\u{200E}Lima", field: "--name") }
    }

    @Test func everyFieldKindTrimsTheSameWay() throws {
        #expect(try InputHygiene.date(" 1990-01-01\u{3000}", field: "--born").description == "1990-01-01")
        #expect(TimeInput.parse("\u{3000}2026-03-10T10:00 ") == TimeInput.parse("2026-03-10T10:00"))
        #expect(TimeInput.parse(" 2026-03-10T10:00") != nil)
        #expect(throws: InputError.self) { try InputHygiene.caseRef("A-1\u{200B}") }
        #expect(throws: InputError.self) { try InputHygiene.actorID("\u{200B}okafor", field: "--actor") }
    }

    /// One trimming rule for every field kind: Unicode's White_Space, in names, text, ids,
    /// references and dates (InputHygiene) as in coordinates, times and days (RuleText).
    @Test func oneTrimmingRuleEverywhere() {
        for value in 0..<0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(Character(scalar))x\(Character(scalar))"
            let expected = scalar.properties.isWhitespace ? "x" : text
            #expect(InputHygiene.trimmed(text) == expected, "U+\(String(value, radix: 16))")
            #expect(String(RuleText.trimmed(text)) == expected, "U+\(String(value, radix: 16))")
        }
    }

    @Test func constraintFailuresNameTheirField() {
        let check = SQLiteError(code: .constraintCheck,
                                message: "CHECK constraint failed: length(notes) BETWEEN 1 AND 4000")
        let sentence = CaseloadError.from(check)
        #expect(sentence.kind == .invalidInput)
        #expect(sentence.message.hasPrefix("--notes:"))
        #expect(!sentence.message.contains("SQLite") && !sentence.message.contains("275"))
        let unique = CaseloadError.from(SQLiteError(code: .constraintUnique,
                                                    message: "UNIQUE constraint failed: person.case_ref"))
        #expect(unique.message.hasPrefix("--case-ref:"))
        let foreign = CaseloadError.from(SQLiteError(code: .constraintForeignKey,
                                                     message: "FOREIGN KEY constraint failed"))
        #expect(!foreign.message.contains("SQLite"))
    }

    /// The schema enforces the application's limits on the columns that had none (0009).
    @Test func schemaLimitsFreeTextLikeTheApplication() throws {
        let fixture = try UseCaseFixture()
        try fixture.caseload.database.withConnection { connection in
            let long = String(repeating: "x", count: 4_001)
            for (table, column) in [("appointment_outcome", "notes"), ("appointment_outcome", "correction_reason"),
                                    ("term_level_change", "reason"), ("supervision_term", "close_reason")] {
                let sql: String = try connection.scalar("SELECT sql FROM sqlite_schema WHERE name = ?", [table]) ?? ""
                #expect(sql.contains("length(\(column)) BETWEEN 1 AND 4000"), "\(table).\(column)")
            }
            let error = #expect(throws: SQLiteError.self) {
                try connection.write {
                    try connection.execute("UPDATE supervision_term SET close_reason = ?", [long])
                    try connection.execute("""
                        INSERT INTO person (case_ref, name, born_on, created_at) VALUES ('Z-9', ?, '1990-01-01', 'x')
                        """, [String(repeating: "é", count: 201)])
                }
            }
            #expect(error?.code == ResultCode.constraintCheck)
            let strict: Int? = try connection.scalar(
                "SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = 'schema_migration'")
            #expect(strict == 1)
        }
    }
}
