/// A date or date-time as a person types it on the command line (docs/cli.md §9): `--as-of`, `--at`.
///
/// Without an offset a time is the agency's wall clock, because that is what officers and
/// supervisees read off their watches; an offset or `Z` pins an exact instant (for scripts and
/// devices that report in UTC).
public enum TimeInput: Sendable, Equatable {
    /// `2026-03-18`
    case date(LocalDate)
    /// `2026-03-10T10:00`, `2026-03-10T10:00:30` (a space may stand for the `T`)
    case local(LocalDateTime)
    /// `2026-03-10T10:00Z`, `2026-03-10T10:00:30+01:00`, `2026-03-10T10:00-0500`
    case instant(Instant)

    /// Nil for anything else: other separators, fractional seconds, `±HH` alone, impossible
    /// dates or times, offsets beyond ±18:00. Surrounding white space is ignored.
    public static func parse(_ text: String) -> TimeInput? {
        // Trimmed like every other field (InputHygiene.trimmed), so `--at` and `--born` agree.
        let bytes = Array(InputHygiene.trimmed(text).utf8)[...]

        if bytes.count == 10 {
            return LocalDate(iso: String(decoding: bytes, as: UTF8.self)).map(TimeInput.date)
        }
        guard bytes.count >= 16 else { return nil }
        let localLength = bytes.count >= 19 && bytes[16] == UInt8(ascii: ":") ? 19 : 16
        guard let local = LocalDateTime(iso: String(decoding: bytes[0..<localLength], as: UTF8.self)) else {
            return nil
        }
        let suffix = bytes[localLength...]
        if suffix.isEmpty { return .local(local) }
        guard let offset = offsetSeconds(suffix) else { return nil }
        return .instant(local.instantIfUTC.adding(seconds: -offset))
    }

    /// The instant this input stands for in the agency's zone.
    ///
    /// A bare date means the *end* of that local day (its last second, 23:59:59 on an ordinary
    /// day): "as of 2026-03-18" counts everything that happened on the 18th. It is computed as one
    /// second before the next local midnight, so a daylight-saving change at midnight still gives
    /// the last second that belongs to the date.
    public func instant(in zone: AgencyZone) -> Instant {
        switch self {
        case .date(let date):
            return zone.startOfDay(date.adding(days: 1)).adding(seconds: -1)
        case .local(let local):
            return zone.instant(of: local)
        case .instant(let instant):
            return instant
        }
    }

    /// `Z`, `±HH:MM` or `±HHMM`, as seconds east of UTC. The limit of ±18:00 is ISO 8601's
    /// practical bound (real zones stay within −12:00…+14:00).
    private static func offsetSeconds(_ suffix: ArraySlice<UInt8>) -> Int64? {
        let s = Array(suffix)
        if s == [UInt8(ascii: "Z")] || s == [UInt8(ascii: "z")] { return 0 }
        guard s.count == 5 || s.count == 6 else { return nil }
        let sign: Int64
        switch s[0] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let minuteStart = s.count == 6 ? 4 : 3
        if s.count == 6, s[3] != UInt8(ascii: ":") { return nil }
        guard let hours = LocalDate.digits(s[1..<3]), let minutes = LocalDate.digits(s[minuteStart..<minuteStart + 2]),
              minutes < 60, hours * 60 + minutes <= 18 * 60
        else { return nil }
        return sign * Int64(hours * 3600 + minutes * 60)
    }
}
