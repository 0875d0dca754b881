import Storage
import SupervisionRules

/// Reads a query ordered by a key (a term id, its first column) and hands out the rows of one
/// key at a time, so several ordered queries can be merged in one pass: one query per kind of
/// record for the whole agency, instead of one query per term.
final class KeyedRows {
    private let statement: Statement
    /// The key of the row the statement stands on, when that row has not been handed out yet.
    private var pendingKey: Int64?
    private var done = false

    init(_ connection: Connection, _ sql: String, _ arguments: StatementArguments) throws {
        self.statement = try connection.prepare(sql)
        try statement.bind(arguments)
    }

    deinit { statement.reset() }

    /// Calls `body` with each row whose key is `key` (read in place: a row is valid only inside
    /// `body`), skipping rows of smaller keys. Keys must be asked in ascending order.
    func forEach(_ key: Int64, _ body: (Row) throws -> Void) throws {
        while true {
            if pendingKey == nil {
                guard !done, try statement.step() else {
                    done = true
                    return
                }
                pendingKey = try statement.currentRow.get(0) as Int64
            }
            guard let current = pendingKey, current <= key else { return }
            pendingKey = nil
            if current == key { try body(statement.currentRow) }
        }
    }
}

/// `KeyedRows` with each row mapped to a value: the values of one key as an array.
final class GroupedRows<Value> {
    private let rows: KeyedRows
    private let map: (Row) throws -> (key: Int64, value: Value)

    init(_ connection: Connection, _ sql: String, _ arguments: StatementArguments,
         map: @escaping (Row) throws -> (key: Int64, value: Value)) throws {
        self.rows = try KeyedRows(connection, sql, arguments)
        self.map = map
    }

    /// The values for `key`, skipping any smaller keys. Keys must be asked in ascending order.
    func take(_ key: Int64) throws -> [Value] {
        var values: [Value] = []
        try rows.forEach(key) { values.append(try map($0).value) }
        return values
    }
}
