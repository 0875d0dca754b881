import SupervisionRules
import Foundation
import Storage

/// Looks at a database file before anything writes to it (docs/operations.md §14): a command that is refused
/// changes no byte, so what a file is (empty, not SQLite, another application's, older or newer
/// than this build) is found out through a read-only connection, and only a current Caseload
/// database is then opened for writing.
enum DatabaseFile {
    /// What an existing file holds.
    enum Contents {
        /// No tables at all (a zero-byte file, or a fresh SQLite file).
        case empty
        /// Tables, but not Caseload's.
        case foreign
        /// A Caseload database; `pending` lists the migrations it lacks.
        case caseload(pending: [Migration])
    }

    /// How long to wait for another process's write lock: `CASELOAD_BUSY_TIMEOUT_MS` when set to
    /// a whole number of milliseconds (tests shorten it; an agency on a slow share lengthens it),
    /// else the storage default.
    static let busyTimeoutMilliseconds: Int32 = {
        guard let text = ProcessInfo.processInfo.environment["CASELOAD_BUSY_TIMEOUT_MS"],
              let value = Int32(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
            return Connection.busyTimeoutMilliseconds
        }
        return value
    }()

    /// The reliability tests kill a writer while it holds the write lock: with
    /// `CASELOAD_TEST_PAUSE_AFTER_LOCK_MS` set, a debug build (what `swift test` builds) sleeps
    /// that long inside every write transaction, after `BEGIN IMMEDIATE`. Release builds ignore it.
    static func pauseAfterLockForTests() {
        #if DEBUG
        if let milliseconds = pauseAfterLockMilliseconds, milliseconds > 0 {
            usleep(UInt32(min(milliseconds, 60_000)) * 1_000)
        }
        #endif
    }

    #if DEBUG
    private static let pauseAfterLockMilliseconds: Int? = ProcessInfo.processInfo.environment["CASELOAD_TEST_PAUSE_AFTER_LOCK_MS"]
        .flatMap { Int($0) }
    #endif

    /// `--db ''` would make SQLite open a private temporary database that vanishes on exit.
    static func checkPath(_ path: String) throws {
        guard !path.isEmpty else {
            throw CaseloadError(.usage, "--db: the database path must not be empty")
        }
    }

    /// Refuses a path with no file (66): only `init` and `demo` create one.
    static func requireExisting(_ path: String) throws {
        try checkPath(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CaseloadError(.notFound, "there is no database at \(path); create it with 'caseload init'")
        }
        guard !isDirectory.boolValue else {
            throw CaseloadError(.cannotOpen, "\(path) is a folder, not a database file")
        }
    }

    /// What the existing file at `path` holds, read without writing. A file that is not SQLite,
    /// or a Caseload database this build cannot use (newer, or with an edited migration), is
    /// refused (73).
    static func inspect(_ path: String) throws -> Contents {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size == 0 { return .empty }
        let database: Database
        do {
            database = try Database(path: path, access: .readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as DatabaseOpenError {
            throw refusal(path, error.code)
        }
        do {
            return try database.withConnection { connection in
                let tables: Int = try connection.read {
                    try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0
                }
                if tables == 0 { return .empty }
                guard try isCaseload(connection) else { return .foreign }
                return .caseload(pending: try Caseload.migrator.pending(connection))
            }
        } catch let error as SQLiteError where !error.isBusy {
            throw refusal(path, error.code)
        }
    }

    /// Ours when `schema_migration` records this build's first migration under its name: other
    /// tools use a table of that name too.
    private static func isCaseload(_ connection: Connection) throws -> Bool {
        guard try Migrator.hasTable(connection), let first = Caseload.migrations.first else { return false }
        do {
            let name: String? = try connection.read {
                try connection.scalar("SELECT name FROM schema_migration WHERE version = ?", [first.version])
            }
            return name == first.name
        } catch is SQLiteError {
            return false
        }
    }

    private static func refusal(_ path: String, _ code: ResultCode) -> CaseloadError {
        switch code.primary {
        case ResultCode.notADatabase:
            return CaseloadError(.cannotOpen, "the file at \(path) is not a SQLite database; nothing was changed")
        case ResultCode.busy, ResultCode.locked:
            return CaseloadError(.busy, "the database is busy with another change; try again")
        default:
            return CaseloadError(.cannotOpen, "cannot open the database at \(path): it could not be read")
        }
    }

    /// Opens an existing, current Caseload database: for writing when the file and its folder
    /// allow it, else read-only (listings still work; writes are refused with 73).
    static func openForUse(_ path: String) throws -> Database {
        do {
            return try Database(path: path, access: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as DatabaseOpenError
                    where [ResultCode.readOnly, ResultCode.cantOpen, ResultCode.ioError].contains(error.code.primary) {
            return try Database(path: path, access: .readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }

    /// The sentence for a write refused because the file or its folder is read-only.
    static func readOnlySentence(_ path: String) -> String {
        "the database at \(path) cannot be written (its file or folder is read-only); this command must write (reading a record is audited too), so nothing was done"
    }
}
