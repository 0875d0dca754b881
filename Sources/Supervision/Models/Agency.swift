import SupervisionRules
/// The agency's settings, read once per command.
public struct Agency: Sendable, Equatable {
    public let name: String
    public let zone: AgencyZone
    public let standard: ContactStandard
}
