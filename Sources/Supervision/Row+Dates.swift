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
