import Foundation

/// The agency's IANA time zone: turns instants into local dates and wall times and back,
/// following the zone's daylight-saving rules.
public struct AgencyZone: Sendable, Hashable {
    public let identifier: String
    private let zone: TimeZone

    /// Nil for a name that is not a known IANA zone.
    public init?(identifier: String) {
        // TimeZone(identifier:) also accepts abbreviations and "GMT+2"-style names; an agency
        // must name a real IANA zone (or UTC), so check the name against the known list.
        guard identifier == "UTC" || AgencyZone.knownIdentifiers.contains(identifier),
              let zone = TimeZone(identifier: identifier)
        else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    public static let utc = AgencyZone(identifier: "UTC")!

    /// The IANA names this system knows, read once: every command opens the agency and checks
    /// its zone, and the list (some 600 names from ICU) took more time to build than the whole
    /// look-up the command was for.
    static let knownIdentifiers = Set(TimeZone.knownTimeZoneIdentifiers)

    /// Offset from UTC, in seconds, in force at `instant`.
    public func offsetSeconds(at instant: Instant) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
    }

    /// The wall-clock date and time at `instant` in this zone.
    public func local(_ instant: Instant) -> LocalDateTime {
        instant.adding(seconds: Int64(offsetSeconds(at: instant))).utc
    }

    /// The local calendar date at `instant`.
    public func date(of instant: Instant) -> LocalDate {
        local(instant).date
    }

    /// The instant at which the wall clock shows `local`.
    ///
    /// In the spring-forward gap (a wall time that never happens) the clock is read with the
    /// offset before the change, so 01:30 in a 01:00→02:00 gap becomes 02:30 local: the
    /// appointment keeps its length and is not moved earlier. In the autumn overlap (a wall time
    /// that happens twice) the first occurrence is taken.
    public func instant(of local: LocalDateTime) -> Instant {
        let naive = local.instantIfUTC
        // Try the offsets in force a day either side of the wall time, the larger first: it gives
        // the earlier instant, which is the first occurrence of an overlapped wall time.
        let before = offsetSeconds(at: naive.adding(seconds: -86_400))
        let after = offsetSeconds(at: naive.adding(seconds: 86_400))
        let candidates = before >= after ? [before, after] : [after, before]
        for offset in candidates {
            let candidate = naive.adding(seconds: -Int64(offset))
            if offsetSeconds(at: candidate) == offset { return candidate }
        }
        // Gap: no offset reproduces the wall time; use the offset before the change.
        return naive.adding(seconds: -Int64(before))
    }

    /// The first instant of `date` in this zone (local midnight, or the first wall time after a
    /// gap at midnight).
    public func startOfDay(_ date: LocalDate) -> Instant {
        instant(of: LocalDateTime(date: date, secondOfDay: 0))
    }

    public static func == (a: AgencyZone, b: AgencyZone) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
