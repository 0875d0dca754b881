import Foundation
import SupervisionRules
import Testing
@testable import CaseloadWeb

/// The pure parts of the pages: readable dates, visible escapes, form parsing.
@Suite("Web pages: readable dates, escapes and form parsing")
struct PagePartsTests {
    @Test("dates and times as people read them", arguments: [
        ("2026-03-03", "Tuesday 3 March 2026"),
        ("2026-03-01", "Sunday 1 March 2026"),
        ("2024-02-29", "Thursday 29 February 2024"),
        ("2026-12-31", "Thursday 31 December 2026"),
        ("2027-01-01", "Friday 1 January 2027"),
        ("2026-03-03T14:30", "Tuesday 3 March 2026, 14:30"),
        ("2026-03-03T00:00", "Tuesday 3 March 2026, 00:00"),
        ("2026-03-03T23:59", "Tuesday 3 March 2026, 23:59"),
        ("not a date", "not a date"),
    ])
    func readable(iso: String, expected: String) {
        #expect(Readable.text(iso) == expected)
    }

    @Test("a refusal names its field: the option or positional argument first in the sentence, as the API's key", arguments: [
        ("--case-ref: must be 1 to 32 letters, digits, '-', '_' or '/'.", "caseRef"),
        ("--months: 'x' is not a whole number.", "months"),
        ("DATE: a date is required (expected YYYY-MM-DD).", "date"),
        ("okafor may not read the record: not on their caseload", nil),
        ("no colon here", nil),
        ("2026-03-03: twice", nil),
    ] as [(String, String?)])
    func refusalField(message: String, expected: String?) {
        #expect(APIError.fieldName(in: message) == expected)
    }

    @Test("a refusal beside its field is named by the field's label, the rest of the sentence the command line's", arguments: [
        ("--case-ref: \"A B\" contains a space", "Case reference", "Case reference: \"A B\" contains a space."),
        ("DATE: a date is required (expected YYYY-MM-DD).", "Date", "Date: a date is required (expected YYYY-MM-DD)."),
        ("--home: not a point", "Home point (optional)", "Home point: not a point."),
        ("okafor may not register: not their caseload", "Officer", "Okafor may not register: not their caseload."),
    ])
    func refusalSentence(message: String, label: String, expected: String) {
        #expect(sentence(message, label: label) == expected)
        #expect(sentence(message) == sentence(message, label: nil))
    }

    @Test("control and direction characters become visible escapes; newline, tab and other text stay", arguments: [
        ("plain <b>", "plain <b>"),
        ("line\nbreak\ttab", "line\nbreak\ttab"),
        ("a\u{1B}[2J", "a\\u{1B}[2J"),
        ("r\u{0D}", "r\\u{D}"),
        ("\u{7F}\u{85}", "\\u{7F}\\u{85}"),
        ("x\u{202E}y\u{2066}z\u{200F}", "x\\u{202E}y\\u{2066}z\\u{200F}"),
        ("Siobhán – “ok” €", "Siobhán – “ok” €"),
    ])
    func visible(text: String, expected: String) {
        #expect(PageRenderer.visible(text) == expected)
    }

    @Test("form bodies: percent and plus decoding, repeated keys kept in order, blanks")
    func formParsing() throws {
        let form = FormData.parse(.init(string: "q=Ann+O%27Brien&needs=housing&needs=money&empty=&flag&=x&bad=%ZZ"))
        #expect(form["q"] == "Ann O'Brien")
        #expect(form.all("needs") == ["housing", "money"])
        #expect(form["empty"] == "" && form.optional("empty") == nil)
        #expect(form.ticked("flag") && !form.ticked("absent"))
        #expect(form["bad"] == "")
        #expect(try form.integer("absent") == nil)
        #expect(throws: APIError.self) { try FormData.parse(.init(string: "months=six")).integer("months") }
        #expect(throws: APIError.self) { try FormData.parse(.init(string: "lat=nan")).number("lat") }
        #expect(FormData.option("requestedBy") == "requested-by" && FormData.option("caseRef") == "case-ref")
    }

    @Test("a refused field keeps its value and names its error; a password never comes back")
    func formSpecValues() {
        let spec = FormSpec(id: "f", action: "/x",
                            fields: [Field(name: "months", label: "Months", kind: .number),
                                     Field(name: "password", label: "Password", kind: .password)],
                            buttonID: "go", buttonLabel: "Go")
        let typed = FormData.parse(.init(string: "months=lots&password=secret+words&formId=abcdefabcdefabcdef"))
        let error = APIError(.unprocessableContent, "invalid", "--months: 'lots' is not a whole number.", field: "months")
        let values = spec.values(typed: typed, error: error)
        let fields = values["fields"] as? [[String: Any]] ?? []
        #expect(fields[0]["value"] as? String == "lots")
        #expect(fields[0]["errorId"] as? String == "f-months-error")
        #expect(fields[0]["describedBy"] as? String == "f-months-error")
        #expect(fields[1]["value"] as? String == "")
        #expect(values["formId"] as? String == "abcdefabcdefabcdef")
        #expect(spec.pageError(error).anchor == "f-months")
        // A refusal about no field of the form points at its first field.
        #expect(spec.pageError(APIError(.forbidden, "not-permitted", "no")).anchor == "f-months")
    }
}
