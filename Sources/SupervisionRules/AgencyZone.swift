import Foundation
import Synchronization

/// The agency's IANA time zone: turns instants into local dates and wall times and back,
/// following the zone's daylight-saving rules.
public struct AgencyZone: Sendable, Hashable {
    public let identifier: String
    private let zone: TimeZone
    private let offsets: OffsetTable

    /// Nil for a name that is not a known IANA zone.
    public init?(identifier: String) {
        // TimeZone(identifier:) also accepts abbreviations and "GMT+2"-style names; an agency
        // must name a real IANA zone (or UTC), so check the name against the known list.
        guard identifier == "UTC" || AgencyZone.knownIdentifiers.contains(identifier),
              let zone = TimeZone(identifier: identifier)
        else { return nil }
        self.identifier = identifier
        self.zone = zone
        self.offsets = OffsetTable(zone)
    }

    public static let utc = AgencyZone(identifier: "UTC")!

    /// The IANA names this system knows, read once: every command opens the agency and checks
    /// its zone, and the list (some 600 names from ICU) took more time to build than the whole
    /// look-up the command was for.
    static let knownIdentifiers = Set(TimeZone.knownTimeZoneIdentifiers)

    /// Offset from UTC, in seconds, in force at `instant`.
    public func offsetSeconds(at instant: Instant) -> Int {
        offsets.offset(at: instant.secondsSinceEpoch)
    }

    /// The offset straight from the time-zone database (ICU), without the table.
    func offsetFromDatabase(at instant: Instant) -> Int {
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

/// A zone's offsets, kept as the list of its transitions, one period of 2^25 s (about 388 days)
/// at a time, built on first use from the time-zone database's own transitions.
///
/// Why: asking ICU for an offset costs over a thousand instructions, and a scan of the agency
/// turns every location report and curfew window into wall-clock time, several look-ups each.
/// A period holds a handful of transitions, so a look-up here is a few comparisons. A test
/// checks the table against ICU, offset for offset, in zones with daylight saving in either
/// hemisphere, half-hour offsets and changes of standard offset.
final class OffsetTable: Sendable {
    private struct Period: Sendable {
        /// Instants (seconds since the epoch) from which `offsets[i]` applies; `starts[0]` is the
        /// period's first second.
        let starts: [Int64]
        let offsets: [Int]
    }

    private static let periodShift: Int64 = 25
    private let zone: TimeZone
    private let periods = Mutex<[Int64: Period]>([:])

    init(_ zone: TimeZone) { self.zone = zone }

    func offset(at seconds: Int64) -> Int {
        let key = seconds >> OffsetTable.periodShift
        let period = periods.withLock { $0[key] } ?? build(key)
        var index = period.starts.count - 1
        while index > 0, period.starts[index] > seconds { index -= 1 }
        return period.offsets[index]
    }

    private func build(_ key: Int64) -> Period {
        let start = key << OffsetTable.periodShift
        let end = (key + 1) << OffsetTable.periodShift
        func offset(_ seconds: Int64) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        var starts = [start]
        var offsets = [offset(start)]
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        while starts.count < 64, let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
            let seconds = Int64(next.timeIntervalSince1970.rounded(.down))
            guard seconds < end else { break }
            if seconds > starts[starts.count - 1] {
                let value = offset(seconds)
                if value != offsets[offsets.count - 1] {
                    starts.append(seconds)
                    offsets.append(value)
                }
            }
            cursor = next
        }
        let period = Period(starts: starts, offsets: offsets)
        periods.withLock { $0[key] = period }
        return period
    }
}
