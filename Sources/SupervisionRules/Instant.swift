/// A point in time, to the second, independent of any zone. Stored in SQLite as
/// `YYYY-MM-DDTHH:MM:SSZ` (UTC), which sorts the same way as the instants.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The UTC calendar date and wall time of this instant.
    public var utc: LocalDateTime {
        let days = Int((secondsSinceEpoch >= 0 ? secondsSinceEpoch : secondsSinceEpoch - 86_399) / 86_400)
        let secondOfDay = Int(secondsSinceEpoch - Int64(days) * 86_400)
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), secondOfDay: secondOfDay)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`
    /// `YYYY-MM-DDTHH:MM:SSZ`, the stored form (written byte by byte: every row a use case
    /// writes carries an instant or two).
    public var description: String { utc.formatted(seconds: true, zulu: true) }

    /// Parses exactly the stored form `YYYY-MM-DDTHH:MM:SSZ`.
    ///
    /// The `T` is required (LocalDateTime also takes a space there, for people typing): stored
    /// text compares as text in SQL, so one spelling only.
    public init?(storage text: String) {
        var text = text
        guard let instant = text.withUTF8({ Instant(storageBytes: $0) }) else { return nil }
        self = instant
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` from UTF-8 bytes (a column read in place).
    public init?(storageBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let date = LocalDate(isoBytes: UnsafeBufferPointer(rebasing: bytes[0..<10])),
              let hour = LocalDate.digits(bytes, 11, 13), let minute = LocalDate.digits(bytes, 14, 16),
              let second = LocalDate.digits(bytes, 17, 19),
              hour <= 23, minute <= 59, second <= 59
        else { return nil }
        self.init(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    public func adding(seconds: Int64) -> Instant {
        Instant(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public static func < (a: Instant, b: Instant) -> Bool {
        a.secondsSinceEpoch < b.secondsSinceEpoch
    }
}

/// A wall-clock date and time with no zone (an appointment "at 2026-03-10T10:00" in the agency).
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    /// 0 ..< 86_400
    public let secondOfDay: Int

    public init(date: LocalDate, secondOfDay: Int) {
        precondition((0..<86_400).contains(secondOfDay), "second of day out of range")
        self.date = date
        self.secondOfDay = secondOfDay
    }

    public init?(date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.init(date: date, secondOfDay: hour * 3600 + minute * 60 + second)
    }

    /// Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space may stand for the `T`).
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19,
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"),
              let date = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              let h = LocalDate.digits(bytes[11..<13]),
              let m = LocalDate.digits(bytes[14..<16])
        else { return nil }
        var s = 0
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let parsed = LocalDate.digits(bytes[17..<19]) else { return nil }
            s = parsed
        }
        self.init(date: date, hour: h, minute: m, second: s)
    }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay / 60 % 60 }
    public var second: Int { secondOfDay % 60 }

    /// `YYYY-MM-DDTHH:MM` (seconds only when they are not zero).
    public var description: String { second == 0 ? isoMinutes : isoSeconds }
    public var isoMinutes: String { formatted(seconds: false, zulu: false) }
    public var isoSeconds: String { formatted(seconds: true, zulu: false) }

    /// `YYYY-MM-DDTHH:MM`, then `:SS` and `Z` when asked.
    func formatted(seconds: Bool, zulu: Bool) -> String {
        guard (0...9999).contains(date.year) else {
            // Only arithmetic far past year 9999 gets here; keep the general form.
            let minutes = "\(date)T\(String(format2: hour)):\(String(format2: minute))"
            return (seconds ? minutes + ":" + String(format2: second) : minutes) + (zulu ? "Z" : "")
        }
        let count = 16 + (seconds ? 3 : 0) + (zulu ? 1 : 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            LocalDate.writeDigits(date.year, width: 4, into: buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            LocalDate.writeDigits(date.month, width: 2, into: buffer, at: 5)
            buffer[7] = UInt8(ascii: "-")
            LocalDate.writeDigits(date.day, width: 2, into: buffer, at: 8)
            buffer[10] = UInt8(ascii: "T")
            LocalDate.writeDigits(hour, width: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            LocalDate.writeDigits(minute, width: 2, into: buffer, at: 14)
            if seconds {
                buffer[16] = UInt8(ascii: ":")
                LocalDate.writeDigits(second, width: 2, into: buffer, at: 17)
            }
            if zulu { buffer[count - 1] = UInt8(ascii: "Z") }
            return count
        }
    }

    /// This wall time read as UTC.
    public var instantIfUTC: Instant {
        Instant(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400 + Int64(secondOfDay))
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.secondOfDay) < (b.date, b.secondOfDay)
    }
}
