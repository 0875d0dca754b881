import Storage

/// Reads a query ordered by a key (a term id) and hands out the rows of one key at a time, so
/// several ordered queries can be merged in one pass: one query per kind of record for the
/// whole agency, instead of one query per term.
final class GroupedRows<Value> {
    private let statement: Statement
    private let map: (Row) throws -> (key: Int64, value: Value)
    private var pending: (key: Int64, value: Value)?
    private var done = false

    init(_ connection: Connection, _ sql: String, _ arguments: [(any SQLiteBindable)?],
         map: @escaping (Row) throws -> (key: Int64, value: Value)) throws {
        self.statement = try connection.prepare(sql)
        self.map = map
        try statement.bind(arguments)
    }

    deinit { statement.reset() }

    /// The values for `key`, skipping any smaller keys. Keys must be asked in ascending order.
    func take(_ key: Int64) throws -> [Value] {
        var values: [Value] = []
        while true {
            if pending == nil {
                guard !done, try statement.step() else {
                    done = true
                    return values
                }
                pending = try map(statement.currentRow)
            }
            guard let current = pending else { return values }
            if current.key < key {
                pending = nil
            } else if current.key == key {
                values.append(current.value)
                pending = nil
            } else {
                return values
            }
        }
    }
}
