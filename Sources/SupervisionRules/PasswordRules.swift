import Foundation

/// docs/accounts.md §12's password rules, decided on plain values.
///
/// A password is not trimmed: every character counts, spaces included. It is compared in NFC,
/// so "é" typed precomposed on one keyboard and decomposed on another is one password.
public enum PasswordRules {
    public static let minimumCharacters = 12
    public static let maximumCharacters = 128

    /// The password in NFC, or a sentence saying which rule it breaks (never quoting it).
    public static func check(_ raw: String, userName: String) throws(InputError) -> String {
        let password = raw.precomposedStringWithCanonicalMapping
        // Counted in Unicode scalars after NFC, like every other length limit (docs/operations.md §14).
        let count = password.unicodeScalars.count
        guard count >= minimumCharacters else {
            throw InputError("password: it must be at least \(minimumCharacters) characters long.")
        }
        guard count <= maximumCharacters else {
            throw InputError("password: it must be at most \(maximumCharacters) characters long.")
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw InputError("password: it must not contain control characters.")
        }
        // The user name, compared without case: "Okafor2026!!x" contains "okafor".
        let name = userName.precomposedStringWithCanonicalMapping
        for candidate in userNameForms(name) where !candidate.isEmpty {
            if password.range(of: candidate, options: [.caseInsensitive]) != nil {
                throw InputError("password: it must not contain the user name.")
            }
        }
        return password
    }

    /// A supervisee's audit id is `supervisee:REF`; the user name they type is REF.
    private static func userNameForms(_ name: String) -> [String] {
        name.hasPrefix("supervisee:") ? [String(name.dropFirst("supervisee:".count))] : [name]
    }
}
