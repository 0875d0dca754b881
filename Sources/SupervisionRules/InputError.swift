/// Bad input from a person: one sentence that names the field and says what was wrong, shown
/// as is. The command line maps it to exit code 65 (invalid input data).
///
/// The message may quote what the user typed (they typed it), but never SQL, stack traces or
/// other records' data.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
