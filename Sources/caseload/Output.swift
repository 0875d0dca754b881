import Foundation
import Supervision
import SupervisionRules

enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

/// Writes results to standard output in the chosen format. Listings are written row by row
/// as they are produced (never collected), through one buffered writer.
final class Output {
    let format: OutputFormat
    private var buffer: [UInt8] = []

    init(format: OutputFormat) {
        self.format = format
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    func write(_ text: String) {
        buffer.append(contentsOf: Output.escapingUnsafeCharacters(text, json: format == .json).utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func line(_ text: String = "") { write(text + "\n") }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: One record

    /// One object: JSON as encoded; table as "key  value" lines; CSV as a header and one row.
    func record<T: TableRow>(_ value: T) throws {
        switch format {
        case .json:
            line(try Output.json(value, pretty: true))
        case .table, .csv:
            let pairs = zip(T.columns.map(\.key), value.cells)
            if format == .csv {
                line(pairs.map { Output.csvField($0.0) }.joined(separator: ","))
                line(pairs.map { Output.csvField($0.1) }.joined(separator: ","))
            } else {
                let width = T.columns.map(\.key.count).max() ?? 0
                for (key, value) in pairs {
                    line(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
                }
            }
        }
    }

    // MARK: Listings

    /// A column of a result type. `key` names it in CSV and in a one-record table; a listing's
    /// table shows `header`, and `width` keeps it inside 80 columns: longer values are cut with
    /// an ellipsis (the JSON and CSV forms are never cut). A width of 0 neither pads nor cuts.
    struct Column {
        let key: String
        let header: String
        let width: Int
        var alignRight = false
    }

    private final class Listing {
        private let output: Output
        private let columns: [Column]
        private var count = 0
        private var started = false

        init(output: Output, columns: [Column]) {
            self.output = output
            self.columns = columns
        }

        /// Writes the header (or the opening bracket) with the first row or at the end, never
        /// earlier: a command refused before its first row prints nothing on standard output.
        private func start() {
            guard !started else { return }
            started = true
            switch output.format {
            case .table:
                output.line(Listing.tableLine(columns.map(\.header), columns))
            case .csv:
                output.line(columns.map { Output.csvField($0.key) }.joined(separator: ","))
            case .json:
                output.write("[")
            }
        }

        /// `values` in column order; `json` is the row's JSON object.
        private func row(_ values: [String], json: () throws -> String) rethrows {
            start()
            switch output.format {
            case .table:
                output.line(Listing.tableLine(values, columns))
            case .csv:
                output.line(values.map(Output.csvField).joined(separator: ","))
            case .json:
                output.write((count == 0 ? "\n  " : ",\n  ") + (try json()))
            }
            count += 1
        }

        /// One result: its declared cells, or its JSON encoding.
        func row<T: TableRow>(_ item: T) throws {
            try row(item.cells) { try Output.json(item) }
        }

        func finish(empty: String) {
            start()
            switch output.format {
            case .table where count == 0:
                output.line("(\(empty))")
            case .json:
                output.line(count == 0 ? "]" : "\n]")
            default:
                break
            }
            output.flush()
        }

        static func tableLine(_ values: [String], _ columns: [Column]) -> String {
            var parts: [String] = []
            for (value, column) in zip(values, columns) {
                var text = value.replacingOccurrences(of: "\n", with: " ")
                if column.width > 0, text.count > column.width { text = String(text.prefix(column.width - 1)) + "…" }
                let pad = String(repeating: " ", count: max(0, column.width - text.count))
                parts.append(column.alignRight ? pad + text : text + pad)
            }
            var line = parts.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// A listing of `T` in its declared columns: each row `produce` passes on is written as it
    /// comes, then the end (the JSON array's closing bracket, or `(empty)` in a table without
    /// rows). If `produce` throws, nothing more is written.
    func list<T: TableRow>(_: T.Type, empty: String, _ produce: (_ row: (T) throws -> Void) throws -> Void) throws {
        let listing = Listing(output: self, columns: T.columns)
        try produce { try listing.row($0) }
        listing.finish(empty: empty)
    }

    // MARK: Terminal safety

    /// `text` with every control, escape and bidirectional-override character made visible
    /// (`UnsafeCharacters`, docs/operations.md §14): `\u{202E}` in tables and CSV, and in JSON
    /// the escape JSON itself defines (`\u202e`), which decodes to the same text. Everything
    /// written goes through here; in JSON such characters can only stand inside strings, where
    /// the escape is valid.
    static func escapingUnsafeCharacters(_ text: String, json: Bool) -> String {
        UnsafeCharacters.escaped(text, with: json ? jsonEscape : UnsafeCharacters.visibleEscape)
    }

    /// `\u202e`: JSON's own escape (every unsafe character is below U+FFFF).
    private static func jsonEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    // MARK: Encoding helpers

    static func json<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
