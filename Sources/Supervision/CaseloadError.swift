import Storage
import SupervisionRules

/// A failure a person sees: one sentence about their input or their rights, and what kind of
/// failure it is. Never SQL, never a stack trace, never personal data they did not type. Each
/// front end maps the kind to its own answer: the command line to an exit code
/// (docs/cli.md §9), the web to an HTTP status.
public struct CaseloadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable, CaseIterable {
        case usage
        case invalidInput
        case notFound
        case cannotOpen
        case busy
        case notPermitted
        case other
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func invalid(_ message: String) -> CaseloadError { CaseloadError(.invalidInput, message) }
    public static func notFound(_ message: String) -> CaseloadError { CaseloadError(.notFound, message) }
    public static func notPermitted(_ message: String) -> CaseloadError { CaseloadError(.notPermitted, message) }

    /// Maps any error from below to what a person should read.
    public static func from(_ error: any Error) -> CaseloadError {
        switch error {
        case let error as CaseloadError:
            return error
        case let error as InputError:
            return .invalid(error.message)
        case let error as DatabaseOpenError:
            return CaseloadError(.cannotOpen, error.description)
        case let error as MigrationError:
            return CaseloadError(.cannotOpen, "cannot use this database: \(error.description)")
        case is RowDecodingError:
            // The schema and the code that reads it disagree, or the file was changed outside
            // Caseload: nothing a person typed can cause it.
            return CaseloadError(.other, "a stored record could not be read; run 'caseload audit verify' and check the file; nothing was changed")
        case let error as SQLiteError where error.isBusy:
            return CaseloadError(.busy, "the database is busy with another change; try again")
        case let error as SQLiteError where error.isConstraintViolation:
            // Rules are checked before writing; reaching a constraint means a rule was missed.
            // Name the field it guards, without the SQL or values.
            return .invalid(ConstraintSentence.sentence(for: error))
        case let error as SQLiteError where error.code.primary == ResultCode.readOnly:
            return CaseloadError(.cannotOpen, "the database cannot be written (its file or folder is read-only); nothing was changed")
        case let error as SQLiteError:
            return CaseloadError(.other, "the database reported an error (SQLite code \(error.code)); nothing was changed")
        default:
            return CaseloadError(.other, "unexpected error; nothing was changed")
        }
    }
}
