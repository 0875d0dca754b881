/// The values bound to a statement's `?` parameters, in order, each converted once to a
/// `SQLiteValue` when the arguments are made. Written as an array literal at a call site:
/// `[caseRef, today.description, officer]` (an optional that is nil binds NULL; a bare `nil` is
/// written `SQLiteValue.null`).
public struct StatementArguments: Sendable, Equatable, ExpressibleByArrayLiteral {
    public private(set) var values: [SQLiteValue]

    public init(_ values: [SQLiteValue] = []) {
        self.values = values
    }

    /// An optional binds NULL when nil (`Optional` is itself bindable). The elements are not
    /// optional existentials: unwrapping one copied it, which cost more than the conversion.
    public init(arrayLiteral elements: any SQLiteBindable...) {
        values = elements.map(\.sqliteValue)
    }

    public var count: Int { values.count }

    public mutating func append(contentsOf other: StatementArguments) {
        values.append(contentsOf: other.values)
    }

    public mutating func reserveCapacity(_ count: Int) {
        values.reserveCapacity(count)
    }

    public mutating func removeAll(keepingCapacity: Bool) {
        values.removeAll(keepingCapacity: keepingCapacity)
    }
}
