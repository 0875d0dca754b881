import CSQLite

/// How a connection opens its file: the access modes, and the read-only opens that change no
/// byte of a file and leave no side file behind.
extension Connection {
    /// How a file is opened.
    public enum Access: Sendable, Equatable {
        /// Read and write, creating the file (mode 0600) when it is missing: `init` and `demo`.
        case create
        /// Read and write an existing file; a file this process may not write is refused
        /// (SQLITE_READONLY) rather than silently opened read-only.
        case readWrite
        /// Read only, changing no byte of the file (no journal-mode switch) and leaving no side
        /// file behind: looking at a file before trusting it, and listing a database that cannot
        /// be written (also on read-only media, where the WAL's `-shm` cannot be created). See
        /// `openReadOnly` for when the file is read `immutable`.
        case readOnly
    }

    static func openHandle(_ filename: String, flags: Int32, path: String) throws -> OpaquePointer {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(filename, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let reason = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(db)
            throw DatabaseOpenError(path: path, reason: reason, code: ResultCode(rawValue: code))
        }
        return db
    }

    /// Without a `-wal` beside the file, no connection has it open in WAL mode and every commit
    /// is in the file itself: it is read `immutable=1`, with no lock and no side file (a `mode=ro`
    /// connection would leave an empty `-wal` and a `-shm` behind). With a `-wal`, `mode=ro`
    /// reads it through the WAL like any reader; when even that cannot set up the WAL index (no
    /// `-shm` and no right to create one: read-only media), `immutable=1` again, as nobody can
    /// be writing a file whose folder refuses even the `-shm`.
    static func openReadOnly(path: String) throws -> OpaquePointer {
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        let base = "file:" + uriEscaped(path)
        guard PrivateFile.permissions(atPath: path + "-wal") != nil else {
            return try openHandle(base + "?mode=ro&immutable=1", flags: flags, path: path)
        }
        let db = try openHandle(base + "?mode=ro", flags: flags, path: path)
        let probe = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
        let primary = sqlite3_extended_errcode(db) & 0xFF
        guard probe != SQLITE_OK, primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY else { return db }
        sqlite3_close_v2(db)
        return try openHandle(base + "?mode=ro&immutable=1", flags: flags, path: path)
    }

    /// A path as the path of a `file:` URI: every byte but unreserved ones and `/` percent-encoded
    /// (a `?`, `#` or `%` in a folder name must not start a query).
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
