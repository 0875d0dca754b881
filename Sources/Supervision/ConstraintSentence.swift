import SupervisionRules
import Storage

/// Turns a constraint the database refused into a sentence about the field a person typed
/// (docs/operations.md §14: never an SQLite code). The application checks every rule before it writes, so
/// this is the last line: the sentence names the column's command-line option when one sets it.
enum ConstraintSentence {
    /// The option that sets each column people type into (the column names are the schema's).
    static let options: [String: String] = [
        "name": "--name", "case_ref": "--case-ref", "born_on": "--born", "notes": "--notes",
        "reason": "--reason", "close_reason": "--reason", "correction_reason": "--reason",
        "review_reason": "--reason", "rationale": "--rationale", "residence": "--residence",
        "employment": "--employment", "activities": "--activities", "id": "--id",
    ]

    static func sentence(for error: SQLiteError) -> String {
        guard let column = column(in: error.message) else {
            if error.code == ResultCode.constraintForeignKey {
                return "the change refers to a record that does not exist; nothing was changed"
            }
            return "the change breaks a rule the database keeps; nothing was changed"
        }
        let field = options[column] ?? column.replacingOccurrences(of: "_", with: " ")
        switch error.code {
        case ResultCode.constraintUnique, ResultCode.constraintPrimaryKey:
            return "\(field): that value is already taken; nothing was changed"
        case ResultCode.constraintNotNull:
            return "\(field): a value is required; nothing was changed"
        default:
            return "\(field): the value is not allowed (too long, empty or out of range); nothing was changed"
        }
    }

    /// The column a constraint message names: "CHECK constraint failed: length(notes) BETWEEN 1
    /// AND 4000" gives `notes`, "UNIQUE constraint failed: person.case_ref" gives `case_ref`.
    static func column(in message: String) -> String? {
        guard let colon = message.range(of: "failed: ") else { return nil }
        let rest = message[colon.upperBound...]
        let keywords: Set<String> = ["and", "or", "not", "null", "is", "in", "between", "like", "glob", "length",
                                     "trim", "date", "json_valid", "case", "when", "then", "else", "end"]
        var words: [String] = []
        var current = ""
        for character in rest {
            if character.isLetter || character.isNumber || character == "_" || character == "." {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        for word in words {
            let column = word.split(separator: ".").last.map(String.init) ?? word
            guard let first = column.first, first.isLetter, !keywords.contains(column.lowercased()) else { continue }
            return column
        }
        return nil
    }
}
