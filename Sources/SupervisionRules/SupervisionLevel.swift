/// How closely a term is supervised. It sets the contact standard (how often an interview and a
/// life-log entry are required); it may change during a term, and the current level applies.
///
/// The raw values are the words used on the command line, in JSON and in the database, so they
/// must never be renamed.
public enum SupervisionLevel: String, Sendable, CaseIterable, Codable {
    case high, medium, low
}
