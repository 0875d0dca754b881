import Storage
import Synchronization
import SupervisionRules

/// Kept because it pays: without it every use case re-reads and re-checks the agency's settings
/// (the look-up ratio fell from 0.65 to 0.49; Benchmarks/README.md, "Architecture").
///
/// The agency's settings (zone, contact standard), holidays and staff accounts as last read,
/// kept with the `settings_version` counter they were read at (migration 0005: every change to
/// those tables bumps it). A use case reads the counter, one indexed row, and reads the rest
/// again only when it has moved, instead of three queries, a time-zone check and an account
/// look-up every time.
///
/// Whatever a use case that fails has read is dropped (`clear`): a settings change it made
/// inside its transaction was rolled back, and its counter value could later be reached again
/// by a different change.
final class SettingsCache: Sendable {
    private struct Entry: Sendable {
        let version: Int64
        let agency: Agency
        var calendar: BusinessCalendar?
        /// Staff accounts resolved at this version (supervisees are not kept: people are added
        /// all day without bumping the counter).
        var staff: [String: Actor] = [:]
    }

    private let entry = Mutex<Entry?>(nil)

    static let versionSQL = "SELECT version FROM settings_version WHERE id = 1"

    /// The counter as this transaction sees it.
    func version(_ connection: Connection) throws -> Int64 {
        guard let version: Int64 = try connection.scalar(SettingsCache.versionSQL) else {
            throw CaseloadError(.cannotOpen, "this database has no settings counter; run 'caseload init' to update it")
        }
        return version
    }

    /// The agency at `version`, read from the database only when the cache holds another version.
    func agency(_ connection: Connection, version: Int64) throws -> Agency {
        if let cached = entry.withLock({ $0 }), cached.version == version { return cached.agency }
        let agency = try Session.loadAgency(connection)
        entry.withLock { $0 = Entry(version: version, agency: agency, calendar: nil) }
        return agency
    }

    /// The holidays at `version`, loaded by `load` only when the cache does not hold them.
    func calendar(version: Int64, _ load: () throws -> BusinessCalendar) throws -> BusinessCalendar {
        if let cached = entry.withLock({ $0 }), cached.version == version, let calendar = cached.calendar {
            return calendar
        }
        let calendar = try load()
        entry.withLock { current in
            if current?.version == version { current?.calendar = calendar }
        }
        return calendar
    }

    /// The staff account `id` at `version`, resolved by `load` only when the cache does not
    /// hold it. Failures (unknown, inactive) are not kept.
    func staff(_ id: String, version: Int64, _ load: () throws -> Actor) throws -> Actor {
        if let cached = entry.withLock({ $0 }), cached.version == version, let actor = cached.staff[id] {
            return actor
        }
        let actor = try load()
        entry.withLock { current in
            if current?.version == version { current?.staff[id] = actor }
        }
        return actor
    }

    func clear() {
        entry.withLock { $0 = nil }
    }
}
