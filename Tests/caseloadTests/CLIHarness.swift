import SupervisionRules
import Foundation
import Synchronization
import Testing

/// Runs the real `caseload` executable in a private temporary folder, as a person or a script
/// would: arguments, environment and working directory in; standard output, standard error and
/// the exit status out. Nothing is shared between tests except read-only template files.

/// What one run of a program produced.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// The standard output parsed as JSON (the value of `--format json`).
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
    }

    /// The standard output as one JSON object.
    func object(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(try json() as? [String: Any], "not a JSON object: \(stdout)", sourceLocation: sourceLocation)
    }

    /// The standard output as a JSON array of objects.
    func objects(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(try json() as? [[String: Any]], "not a JSON array of objects: \(stdout)", sourceLocation: sourceLocation)
    }

    /// The standard output decoded as `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(stdout.utf8))
    }
}

enum Harness {
    /// The package root, found from this file's path (Tests/caseloadTests/CLIHarness.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `caseload` executable. The test target depends on it, so it is built before the
    /// tests and sits next to the test bundle; `.build/debug/caseload` is the fallback.
    static let executable: URL = {
        let fileManager = FileManager.default
        var folders: [URL] = []
        if let first = CommandLine.arguments.first {
            let runner = URL(fileURLWithPath: first)
            folders.append(runner.deletingLastPathComponent())
            // macOS: …/debug/X.xctest/Contents/MacOS/X
            folders.append(runner.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("caseload")
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/caseload")
    }()

    /// The environment of every run: ours, without the variables that would point the tool at
    /// another database or actor.
    static let baseEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "CASELOAD_DB")
        environment.removeValue(forKey: "CASELOAD_ACTOR")
        return environment
    }()

    /// Runs `executable` with `arguments` in `directory`, capturing both streams through files
    /// (pipes could fill up and block a chatty child).
    static func run(_ executable: URL, _ arguments: [String], in directory: URL,
                    environment: [String: String] = baseEnvironment) throws -> RunResult {
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return RunResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// `sqlite3 FILE ARGS…` (the SQLite shell), for dumps and for tampering as an attacker would.
    static func sqlite(_ file: String, _ arguments: [String], in directory: URL) throws -> RunResult {
        try run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", file] + arguments, in: directory)
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("caseload-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One test's private folder and database file (`caseload.sqlite` inside it, passed with --db).
final class Sandbox {
    let directory: URL
    /// The database path every `run` passes with `--db` (unless `db: nil` is given).
    var database: String

    init() throws {
        directory = try Harness.makeTemporaryDirectory()
        database = directory.appendingPathComponent("caseload.sqlite").path
    }

    /// A sandbox whose database starts as a copy of `template`.
    convenience init(copying template: Template) throws {
        try self.init()
        try FileManager.default.copyItem(atPath: try template.database, toPath: database)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    var databaseExists: Bool { FileManager.default.fileExists(atPath: database) }

    /// Runs `caseload ARGS… --db DATABASE [--actor ACTOR] [--as-of AS_OF]`.
    @discardableResult
    func run(_ arguments: [String], actor: String? = nil, asOf: String? = nil, db: String?? = .some(nil),
             environment: [String: String] = [:]) throws -> RunResult {
        var all = arguments
        switch db {
        case .some(.some(let path)): all += ["--db", path]
        case .some(.none): all += ["--db", database]
        case .none: break
        }
        if let actor { all += ["--actor", actor] }
        if let asOf { all += ["--as-of", asOf] }
        var env = Harness.baseEnvironment
        env.merge(environment) { $1 }
        return try Harness.run(Harness.executable, all, in: directory, environment: env)
    }

    /// Runs a command that must succeed, and returns its result.
    @discardableResult
    func ok(_ arguments: [String], actor: String? = nil, asOf: String? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let result = try run(arguments, actor: actor, asOf: asOf)
        try #require(result.status == 0, "caseload \(arguments.joined(separator: " ")) failed: \(result)",
                     sourceLocation: sourceLocation)
        return result
    }

    /// Runs a command that must be refused with `status`, print one sentence on standard error
    /// and nothing on standard output, and leave the database exactly as it was (same dump; a
    /// missing file stays missing).
    @discardableResult
    func refused(_ status: Int32, _ arguments: [String], actor: String? = nil, asOf: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let existed = databaseExists
        let before = existed ? try dump() : ""
        let result = try run(arguments, actor: actor, asOf: asOf)
        #expect(result.status == status,
                "caseload \(arguments.joined(separator: " ")): expected exit \(status), got \(result)",
                sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "a refused command printed on standard output: \(result.stdout)",
                sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1 && lines[0].hasPrefix("caseload: "),
                "a refusal prints one sentence on standard error, got: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(databaseExists == existed, "the refused command created or removed the database file",
                sourceLocation: sourceLocation)
        if existed {
            let after = try dump()
            let unchanged = after == before
            #expect(unchanged, "the refused command changed the database: \(arguments)\n\(Sandbox.difference(before, after))",
                    sourceLocation: sourceLocation)
        }
        return result
    }

    /// The lines only one of two dumps has (at most a few of each), for a readable failure.
    static func difference(_ before: String, _ after: String) -> String {
        let old = before.split(separator: "\n"), new = after.split(separator: "\n")
        let oldSet = Set(old), newSet = Set(new)
        let removed = old.filter { !newSet.contains($0) }.prefix(5).map { "- " + $0 }
        let added = new.filter { !oldSet.contains($0) }.prefix(5).map { "+ " + $0 }
        return (removed + added).joined(separator: "\n")
    }

    /// `sqlite3 DATABASE .dump`: the whole content, to compare before and after a command.
    func dump(_ file: String? = nil) throws -> String {
        let result = try Harness.sqlite(file ?? database, [".dump"], in: directory)
        try #require(result.status == 0, "sqlite3 .dump failed: \(result)")
        return result.stdout
    }

    /// Runs SQL with the SQLite shell on the database and returns its output (one row a line,
    /// columns separated by `|`).
    @discardableResult
    func sql(_ statement: String, file: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try Harness.sqlite(file ?? database, [statement], in: directory)
        try #require(result.status == 0 && result.stderr.isEmpty, "sqlite3 failed: \(result)",
                     sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A database built once by a script of commands, then copied by each test that starts from it.
/// Built lazily (a `static let`) and only read afterwards, so tests running in parallel share
/// nothing mutable.
final class Template: Sendable {
    private let built: Result<String, TemplateError>

    struct TemplateError: Error, CustomStringConvertible {
        let description: String
    }

    /// The folders of every template built by this process, removed when it exits.
    private static let folders: Mutex<[URL]> = {
        atexit {
            Template.folders.withLock { folders in
                for folder in folders { try? FileManager.default.removeItem(at: folder) }
            }
        }
        return Mutex([])
    }()

    /// Builds a fresh database by running `commands` (each must succeed) in a new folder.
    init(_ commands: [[String]]) {
        do {
            let directory = try Harness.makeTemporaryDirectory()
            Template.folders.withLock { $0.append(directory) }
            let database = directory.appendingPathComponent("template.sqlite").path
            for command in commands {
                let result = try Harness.run(Harness.executable, command + ["--db", database], in: directory)
                guard result.status == 0 else {
                    built = .failure(TemplateError(description: "template command \(command) failed: \(result)"))
                    return
                }
            }
            built = .success(database)
        } catch {
            built = .failure(TemplateError(description: "cannot build a template database: \(error)"))
        }
    }

    /// The template's file (throws, failing the test, when the template could not be built).
    var database: String {
        get throws { try built.get() }
    }
}

extension [String: Any] {
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
}
