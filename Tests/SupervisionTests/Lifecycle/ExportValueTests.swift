import SupervisionRules
import Testing
@testable import Supervision

@Suite("Export documents: JSON and HTML from one tree")
struct ExportValueTests {
    @Test("HTML escapes markup and shows control and direction characters instead of obeying them")
    func htmlEscaping() {
        #expect(ExportValue.escapeHTML("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        #expect(ExportValue.escapeHTML("abc\u{202E}def\u{1B}[31m") == "abc\\u{202E}def\\u{1B}[31m")
        #expect(ExportValue.escapeHTML("two\nlines\ttab") == "two\nlines\ttab")
    }

    @Test("JSON escapes quotes, backslashes and controls, and keeps the members in order")
    func json() {
        let value = ExportValue.object([("b", .text("say \"hi\"\\\n\u{1}")), ("a", .array([.integer(1), .real(2.5), .null, .bool(true)])),
                                        ("empty", .array([])), ("nested", .object([]))])
        #expect(value.json() == """
            {
              "b": "say \\"hi\\"\\\\\\n\\u0001",
              "a": [
                1,
                2.5,
                null,
                true
              ],
              "empty": [],
              "nested": {}
            }

            """)
    }

    @Test("audit details become an object; text that is not JSON stays text")
    func details() {
        #expect(ExportValue.parsingDetails("{\"b\":\"2\",\"a\":\"1\"}") == .object([("a", .text("1")), ("b", .text("2"))]))
        #expect(ExportValue.parsingDetails("not json") == .text("not json"))
    }

    @Test("arrays of objects become tables with every key as a column")
    func tables() {
        let html = ExportValue.array([.object([("a", .integer(1))]), .object([("b", .text("<x>"))])]).html()
        #expect(html == "<table><thead><tr><th scope=\"col\">a</th><th scope=\"col\">b</th></tr></thead><tbody><tr><td>1</td><td><span class=\"none\">—</span></td></tr><tr><td><span class=\"none\">—</span></td><td>&lt;x&gt;</td></tr></tbody></table>")
    }
}
