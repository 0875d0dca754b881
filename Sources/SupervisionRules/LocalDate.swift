/// A calendar date in the agency's time zone, with no time and no zone.
///
/// Arithmetic is done on a day count (days since 1970-01-01, proleptic Gregorian), so it never
/// depends on Foundation's calendar and never rolls an invalid date over: `2026-02-30` simply
/// does not exist as a `LocalDate`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the three numbers name a real day of the Gregorian calendar (years 1–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else, or a date that does not exist, is nil.
    ///
    /// Reads the string's UTF-8 in place, with no copy: listings parse several stored dates per
    /// supervisee, 100,000 supervisees at a time.
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8({ LocalDate(isoBytes: $0) }) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = LocalDate.digits(bytes, 0, 4),
              let m = LocalDate.digits(bytes, 5, 7),
              let d = LocalDate.digits(bytes, 8, 10)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from `other` to `self` (positive when `self` is later).
    public func days(since other: LocalDate) -> Int {
        daysSinceEpoch - other.daysSinceEpoch
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (daysSinceEpoch + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    /// `YYYY-MM-DD`. Written byte by byte into the string (no intermediate strings): every
    /// stored date goes through here, several times per use case.
    public var description: String {
        guard (0...9999).contains(year) else {
            // Only arithmetic far past year 9999 gets here; keep the general form.
            return String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            LocalDate.writeDigits(year, width: 4, into: buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            LocalDate.writeDigits(month, width: 2, into: buffer, at: 5)
            buffer[7] = UInt8(ascii: "-")
            LocalDate.writeDigits(day, width: 2, into: buffer, at: 8)
            return 10
        }
    }

    /// Writes `value` (≥ 0, fewer than `width` + 1 digits) as `width` decimal digits,
    /// zero-padded, at `buffer[offset...]`.
    @inline(__always)
    static func writeDigits(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = value
        for i in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[i] = UInt8(truncatingIfNeeded: 48 + rest % 10)
            rest /= 10
        }
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The decimal number in `bytes[from..<to]`, nil unless all are ASCII digits. Inlined so the
    /// loop unrolls at each call with its constant bounds: a listing parses several stored dates
    /// for each of thousands of terms, and the call was most of each parse.
    @inline(__always)
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        var value = 0
        for i in from..<to {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }
}

/// In JSON a date is its `YYYY-MM-DD` text (docs/cli.md §9), and only a real date decodes.
extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension String {
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
    init(format4 n: Int) {
        let s = "\(n)"
        self = String(repeating: "0", count: Swift.max(0, 4 - s.count)) + s
    }
}
