// ─────────────────────────────────────────────────────────────────────────────────────────────
// TEMPORARY SHIMS FOR BRANCH `geo` ONLY — DELETE THIS FILE AT MERGE.
//
// `addMonths` (Calendar.swift) and `InputError` (InputError.swift) are being written on another
// branch. These copies, with exactly the same signatures, only let this branch compile on its own.
// ─────────────────────────────────────────────────────────────────────────────────────────────

/// TEMPORARY (delete at merge): see Calendar.swift on the rules branch.
public func addMonths(_ date: LocalDate, _ months: Int) -> LocalDate {
    let monthIndex = date.year * 12 + (date.month - 1) + months
    let year = monthIndex >= 0 ? monthIndex / 12 : -((-monthIndex + 11) / 12)
    let month = monthIndex - year * 12 + 1
    let day = min(date.day, LocalDate.daysIn(month: month, year: year))
    guard let result = LocalDate(year: year, month: month, day: day) else {
        preconditionFailure("addMonths left the years 1–9999 (temporary shim)")
    }
    return result
}

/// TEMPORARY (delete at merge): see InputError.swift on the rules branch.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
