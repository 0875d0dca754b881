import Storage
import SupervisionRules

/// Dates and instants read from a column's bytes in place (no `String` per value), for the
/// listings and the scan, which read several from each of 100,000 rows.
extension Row {
    /// A `YYYY-MM-DD` column read in place; nil for NULL or text that is not a date.
    func localDate(at index: Int) throws -> LocalDate? {
        var date: LocalDate?
        try withUTF8(at: index) { date = LocalDate(isoBytes: $0) }
        return date
    }

    /// A stored instant (`YYYY-MM-DDTHH:MM:SSZ`) read in place; nil for NULL or other text.
    func instant(at index: Int) throws -> Instant? {
        var instant: Instant?
        try withUTF8(at: index) { instant = Instant(storageBytes: $0) }
        return instant
    }

    /// A comma-separated list of `YYYY-MM-DD` (`group_concat`), read in place; empty for NULL.
    /// Anything that is not a date is skipped.
    func localDates(at index: Int) throws -> [LocalDate] {
        var dates: [LocalDate] = []
        try withUTF8(at: index) { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                if let date = LocalDate(isoBytes: UnsafeBufferPointer(rebasing: bytes[start..<end])) { dates.append(date) }
                start = end + 1
            }
        }
        return dates
    }
}

extension Row {
    /// A `YYYY-MM-DD` column that the schema requires to be a date.
    func requiredLocalDate(at index: Int) throws -> LocalDate {
        guard let date = try localDate(at: index) else {
            throw CaseloadError(.other, "a stored date is malformed")
        }
        return date
    }
}

extension RawRepresentable where RawValue == String {
    /// A value of a closed set read back from the database (the schema's CHECKs keep them
    /// valid; anything else means the file was changed behind the application's back).
    init(storedText text: String) throws {
        guard let value = Self(rawValue: text) else {
            throw CaseloadError(.other, "a stored value is malformed")
        }
        self = value
    }
}
