#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold personal data are created readable by their owner only (mode 0600, docs/operations.md
/// §14), whatever the umask. SQLite creates a missing database with 0644 less the umask, and
/// gives its `-wal`, `-shm` and `-journal` files the mode of the database file: so creating the
/// database file ourselves, 0600, before SQLite opens it, makes every one of them private.
public enum PrivateFile {
    /// Creates an empty file at `path` with mode 0600, unless something is already there (an
    /// existing file's mode is its owner's choice: `caseload check` reports it when it is wider).
    public static func create(atPath path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            let error = errno
            if error == EEXIST { return }
            throw DatabaseOpenError(path: path, reason: String(cString: strerror(error)), code: ResultCode.cantOpen)
        }
        defer { close(fd) }
        // The umask applies to open's mode; fchmod does not consult it.
        if fchmod(fd, 0o600) != 0 {
            let error = errno
            throw DatabaseOpenError(path: path, reason: String(cString: strerror(error)), code: ResultCode.cantOpen)
        }
    }

    /// The permission bits of the file at `path`, or nil when there is no such file.
    public static func permissions(atPath path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o7777
    }

    /// Flushes a folder's entries to disk, so a rename into it survives a power cut.
    public static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
