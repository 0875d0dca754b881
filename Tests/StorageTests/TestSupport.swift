import Foundation
import Storage
import Testing

/// A database file of its own under the temporary directory, removed (with its `-wal` and
/// `-shm` companions) by `remove()`.
struct TemporaryDatabaseFile {
    let directory: URL
    let path: String

    init(_ name: String = "test") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("caseload-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("\(name).sqlite").path
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a fresh temporary file path and removes the file whatever happens.
func withTemporaryDatabaseFile<T>(_ body: (String) throws -> T) throws -> T {
    let file = try TemporaryDatabaseFile()
    defer { file.remove() }
    return try body(file.path)
}

func withTemporaryDatabaseFile<T>(_ body: (String) async throws -> T) async throws -> T {
    let file = try TemporaryDatabaseFile()
    defer { file.remove() }
    return try await body(file.path)
}

/// Exact equality: `Double` compared by bit pattern (so -0.0 is not 0.0 and NaN equals NaN)
/// and `String` by UTF-8 bytes (Swift's `==` treats canonically equivalent strings as equal,
/// which would hide a normalization).
func isIdentical(_ a: SQLiteValue, _ b: SQLiteValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.integer(x), .integer(y)): return x == y
    case let (.real(x), .real(y)): return x.bitPattern == y.bitPattern
    case let (.text(x), .text(y)): return Array(x.utf8) == Array(y.utf8)
    case let (.blob(x), .blob(y)): return x == y
    default: return false
    }
}

/// A short description that never prints a megabyte.
func describe(_ value: SQLiteValue) -> String {
    switch value {
    case .null: return "NULL"
    case .integer(let v): return "integer(\(v))"
    case .real(let v): return "real(\(v), sign: \(v.sign))"
    case .text(let v): return "text(utf8: \(Array(v.utf8).prefix(32)))"
    case .blob(let v): return "blob(\(v.count) bytes)"
    }
}

func count(_ connection: Connection, _ table: String) throws -> Int {
    try connection.scalar("SELECT count(*) FROM \(table)") ?? -1
}

/// `#expect(throws:)` without the macro.
///
/// Swift 6.3.1 can miscompile a closure written inside a `#expect` or `#require` argument when
/// that macro sits inside another closure which also holds an ordinary closure of the same
/// type: both get the same mangled name and the macro ends up calling the *other* closure, so
/// an expectation can pass without running the code it names. Inside closures, tests therefore
/// use this function, and compute values before `#expect` rather than inside it.
@discardableResult
func expectThrows<E: Error, R>(_ type: E.Type, sourceLocation: SourceLocation = #_sourceLocation,
                               _ body: () throws -> R) -> E? {
    do {
        _ = try body()
        Issue.record("expected \(E.self) to be thrown, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as E {
        return error
    } catch {
        Issue.record("expected \(E.self), but \(error) was thrown", sourceLocation: sourceLocation)
        return nil
    }
}
