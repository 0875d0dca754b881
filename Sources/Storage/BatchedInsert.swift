/// Writes many rows through multi-row statements: `prefix VALUES (row), (row), … suffix`,
/// `rowsPerStatement` rows to a statement, every value a bound parameter.
///
/// Why: SQLite has a fixed cost for each INSERT statement before its first row, whatever the
/// row; a scan recording thousands of violations and their audit entries paid it on every row
/// (figures in Benchmarks/README.md).
public struct BatchedInsert {
    private let connection: Connection
    private let prefix: String
    private let row: String
    private let suffix: String
    private let columns: Int
    private let rowsPerStatement: Int
    private var arguments: StatementArguments = []
    private var rows = 0
    private var fullSQL: String?

    /// `row` is one row's placeholders, e.g. `(?, ?, 'open')`, holding `columns` parameters.
    public init(_ connection: Connection, prefix: String, row: String, suffix: String = "", columns: Int,
                rowsPerStatement: Int = 50) {
        precondition(columns > 0 && rowsPerStatement > 0, "a batch needs columns and rows")
        self.connection = connection
        self.prefix = prefix
        self.row = row
        self.suffix = suffix
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        arguments.reserveCapacity(columns * rowsPerStatement)
    }

    /// Adds one row's values (exactly `columns` of them); writes a full statement's worth.
    public mutating func append(_ values: StatementArguments) throws {
        guard values.count == columns else {
            throw SQLiteError(code: .misuse,
                              message: "\(values.count) values for a row of \(columns)", sql: prefix)
        }
        arguments.append(contentsOf: values)
        rows += 1
        if rows == rowsPerStatement { try flush() }
    }

    /// Writes the rows still held. Call it once the last row is appended.
    public mutating func finish() throws {
        try flush()
    }

    private mutating func flush() throws {
        guard rows > 0 else { return }
        let sql: String
        if rows == rowsPerStatement, let fullSQL {
            sql = fullSQL
        } else {
            sql = prefix + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
                + (suffix.isEmpty ? "" : " " + suffix)
            if rows == rowsPerStatement { fullSQL = sql }
        }
        try connection.execute(sql, arguments)
        arguments.removeAll(keepingCapacity: true)
        rows = 0
    }
}
