import SupervisionRules
import Foundation

/// A tree of plain values that one export writes both as JSON and as HTML, so the two files
/// always hold the same things. Object keys keep their order (the order they are meant to be
/// read in), which a dictionary would lose.
public indirect enum ExportValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case text(String)
    case array([ExportValue])
    case object([(String, ExportValue)])

    public static func == (lhs: ExportValue, rhs: ExportValue) -> Bool {
        lhs.json() == rhs.json()
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> ExportValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var arrayValue: [ExportValue] {
        if case .array(let items) = self { return items }
        return []
    }

    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    // MARK: JSON

    /// Pretty-printed JSON, two spaces an indent level.
    public func json() -> String {
        var out = ""
        writeJSON(to: &out, indent: 0)
        return out + "\n"
    }

    private func writeJSON(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .real(let value): out += value.isFinite ? "\(value)" : "null"
        case .text(let value): out += Self.jsonString(value)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.writeJSON(to: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad + Self.jsonString(key) + ": "
                value.writeJSON(to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}":
                out += "\\u" + String(scalar.value, radix: 16)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Parses the JSON that the audit log writes for its details (an object of strings); any
    /// other text is kept as text.
    static func parsingDetails(_ text: String) -> ExportValue {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return .text(text) }
        return .object(object.keys.sorted().map { key in
            switch object[key] {
            case let value as String: (key, .text(value))
            case let value as Bool: (key, .bool(value))
            case let value as NSNumber: (key, .text(value.stringValue))
            default: (key, .null)
            }
        })
    }

    // MARK: HTML

    /// Escapes text for HTML element content and attribute values.
    public static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Controls and direction overrides are shown, not obeyed (docs/operations.md §14).
            case _ where UnsafeCharacters.contains(scalar): out += UnsafeCharacters.visibleEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The value as HTML: objects as definition lists, arrays of objects as tables.
    func html() -> String {
        switch self {
        case .null: return "<span class=\"none\">—</span>"
        case .bool(let value): return value ? "yes" : "no"
        case .integer(let value): return String(value)
        case .real(let value): return Self.escapeHTML("\(value)")
        case .text(let value): return Self.escapeHTML(value)
        case .array(let items):
            guard !items.isEmpty else { return "<span class=\"none\">none</span>" }
            let objects = items.compactMap { item -> [(String, ExportValue)]? in
                if case .object(let members) = item { return members }
                return nil
            }
            if objects.count == items.count {
                var keys: [String] = []
                for members in objects { for (key, _) in members where !keys.contains(key) { keys.append(key) } }
                var out = "<table><thead><tr>"
                for key in keys { out += "<th scope=\"col\">\(Self.escapeHTML(key))</th>" }
                out += "</tr></thead><tbody>"
                for members in objects {
                    out += "<tr>"
                    for key in keys { out += "<td>\((members.first { $0.0 == key }?.1 ?? .null).html())</td>" }
                    out += "</tr>"
                }
                return out + "</tbody></table>"
            }
            return "<ul>" + items.map { "<li>\($0.html())</li>" }.joined() + "</ul>"
        case .object(let members):
            guard !members.isEmpty else { return "<span class=\"none\">—</span>" }
            return "<dl>" + members.map { "<dt>\(Self.escapeHTML($0.0))</dt><dd>\($0.1.html())</dd>" }.joined() + "</dl>"
        }
    }
}
