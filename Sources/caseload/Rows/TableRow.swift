import Supervision
import SupervisionRules

/// How a result type reads as a table or CSV: its columns, each declared with the text of its
/// cell. JSON never goes through this: it is the type's own `Codable` encoding.
protocol TableRow: Encodable {
    /// In output order. A one-record result uses the keys only; a listing also the headers
    /// and widths.
    static var fields: [Field<Self>] { get }
}

/// One column of a result type and how to write its cell.
struct Field<Row> {
    let column: Output.Column
    let cell: (Row) -> String

    /// A column whose cell is a typed value's text.
    init<Value: CellValue>(_ key: String, _ value: KeyPath<Row, Value>, header: String? = nil, width: Int = 0,
                           alignRight: Bool = false) {
        column = Output.Column(key: key, header: header ?? key, width: width, alignRight: alignRight)
        cell = { $0[keyPath: value].cellText }
    }

    /// A column whose text is worded for this listing (for example "yes" and "no").
    init(_ key: String, header: String? = nil, width: Int = 0, alignRight: Bool = false,
         cell: @escaping (Row) -> String) {
        column = Output.Column(key: key, header: header ?? key, width: width, alignRight: alignRight)
        self.cell = cell
    }
}

extension TableRow {
    static var columns: [Output.Column] { fields.map(\.column) }

    /// One text per column, in column order.
    var cells: [String] { Self.fields.map { $0.cell(self) } }
}

/// A typed value as the text of one cell: numbers and dates as written, true/false, an absent
/// value as an empty cell.
protocol CellValue {
    var cellText: String { get }
}

extension String: CellValue { var cellText: String { self } }
extension Int: CellValue { var cellText: String { String(self) } }
extension Int64: CellValue { var cellText: String { String(self) } }
extension Double: CellValue { var cellText: String { String(self) } }
extension Bool: CellValue { var cellText: String { self ? "true" : "false" } }
extension LocalDate: CellValue { var cellText: String { description } }

extension Optional: CellValue where Wrapped: CellValue {
    var cellText: String { self?.cellText ?? "" }
}

/// A list in one cell, separated by "; ".
extension Array: CellValue where Element: CellValue {
    var cellText: String { map(\.cellText).joined(separator: "; ") }
}

/// Counts by name in one cell: "name=count" pairs in name order.
extension Dictionary: CellValue where Key == String, Value: CellValue {
    var cellText: String { map { "\($0.key)=\($0.value.cellText)" }.sorted().joined(separator: " ") }
}

/// An enum's cell is its raw value: the word used on the command line and in JSON.
extension CellValue where Self: RawRepresentable, RawValue == String {
    var cellText: String { rawValue }
}

/// A record inside another record's cell: its non-empty fields as "key=value", space-separated.
extension CellValue where Self: TableRow {
    var cellText: String {
        zip(Self.columns, cells).filter { !$0.1.isEmpty }.map { "\($0.0.key)=\($0.1)" }.joined(separator: " ")
    }
}

extension Role: CellValue {}
extension OverdueItemKind: CellValue {}
extension ViolationKind: CellValue {}
extension Severity: CellValue {}
extension ViolationStatus: CellValue {}
extension TermStatus: CellValue {}
extension SupervisionLevel: CellValue {}
