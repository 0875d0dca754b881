import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SupervisionRules

/// The pages' templates, parsed once from the copies embedded in the binary
/// (WebAssets/templates, see Plugins/EmbedWebAssets). Mustache escapes every `{{value}}` for
/// HTML; the only unescaped value is `{{{content}}}`, a page already rendered here.
enum PageRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in embeddedTemplates {
            // A template that does not parse is a build defect, found by the first test.
            try! library.register(text, named: name)
        }
        return library
    }()

    /// Renders `template` inside the layout. `page` is the page's own values; the layout's are
    /// added here (title, who is signed in, the navigation, the notice and the error summary).
    static func render(_ template: String, title: String, viewer: Viewer?, page: [String: Any],
                       status: HTTPResponse.Status = .ok, errors: [PageError] = [], notice: String? = nil) -> Response {
        var values = page
        values["csrfToken"] = viewer?.csrfToken ?? ""
        let content = library.render(pruned(values), withTemplate: template) ?? ""
        var layout: [String: Any] = [
            "title": (errors.isEmpty ? "" : "Error: ") + title + " – Caseload",
            "content": content,
        ]
        if let viewer {
            layout["viewer"] = [
                "id": viewer.userName, "csrfToken": viewer.csrfToken,
                "nav": viewer.navigation.map { ["href": $0.href, "label": $0.label] },
            ] as [String: Any]
        }
        if !errors.isEmpty {
            layout["hasErrors"] = true
            layout["errors"] = errors.map { ["href": "#" + $0.anchor, "message": $0.message] }
        }
        if let notice { layout["notice"] = notice }
        let html = library.render(pruned(layout), withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: visible(html))))
    }

    /// The values without their empty texts: Mustache takes "" as true, so a section such as
    /// `{{#closeReason}} ({{closeReason}}){{/closeReason}}` would draw "()" for nothing. Absent
    /// and empty then read the same, as the pages mean them to.
    static func pruned(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, item) in dictionary {
                if let text = item as? String, text.isEmpty { continue }
                out[key] = pruned(item)
            }
            return out
        }
        if let array = value as? [Any] { return array.map(pruned) }
        return value
    }

    /// Text stored before input hygiene refused control and direction characters (or written by
    /// another tool) is shown as visible escapes (`\u{202E}`), as on the command line
    /// (docs/operations.md §14): the page never carries one raw.
    static func visible(_ text: String) -> String { UnsafeCharacters.escaped(text) }
}

/// One refusal to show: its message, and the element its link in the error summary goes to.
struct PageError {
    let anchor: String
    let message: String
}

/// Dates and times as people read them, in the agency's zone: "Tuesday 3 March 2026, 14:30".
enum Readable {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    static func date(_ date: LocalDate) -> String {
        "\(weekdays[date.isoWeekday - 1]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }

    static func dateTime(_ value: LocalDateTime) -> String {
        let hour = value.secondOfDay / 3600, minute = value.secondOfDay % 3600 / 60
        return date(value.date) + ", " + String(format: "%02d:%02d", hour, minute)
    }

    /// "1 day overdue", "5 days overdue".
    static func overdue(days: Int) -> String {
        days == 1 ? "1 day overdue" : "\(days) days overdue"
    }

    /// A stored `YYYY-MM-DD` or local `YYYY-MM-DDTHH:MM`, readable; anything else as it is.
    static func text(_ iso: String) -> String {
        if let value = LocalDateTime(iso: iso) { return dateTime(value) }
        if let value = LocalDate(iso: iso) { return date(value) }
        return iso
    }
}
