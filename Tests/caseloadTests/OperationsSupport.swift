import SupervisionRules
import Foundation
import Testing

/// Helpers for the operations tests (docs/operations.md §14): raw file bytes, a process holding the write
/// lock, and running the tool as an account that may not write the file.
extension Sandbox {
    func bytes(_ path: String? = nil) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path ?? database))
    }

    /// The files in the sandbox folder (the database's side files show up here).
    func files() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".std") })
    }

    /// `caseload ARGS…` under `umask 000`, so only the tool's own care can make files private.
    func runWithOpenUmask(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        var env = Harness.baseEnvironment
        env.merge(environment) { $1 }
        return try Harness.run(URL(fileURLWithPath: "/bin/sh"),
                               ["-c", "umask 000; exec \"$0\" \"$@\"", Harness.executable.path] + arguments + ["--db", database],
                               in: directory, environment: env)
    }

    /// Runs `caseload ARGS… --db DATABASE` as an account that may read but not write the file
    /// (and, unless `writableFolder`, not create files beside it): `nobody` when the tests run as
    /// root (root ignores file modes), else this account after taking the write bits away.
    func runWithoutWriteAccess(_ arguments: [String], writableFolder: Bool) throws -> RunResult {
        let all = arguments + ["--db", database]
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: writableFolder ? 0o777 : 0o755],
                                                  ofItemAtPath: directory.path)
            // Owned by nobody, 0400: it may read the file and not write it (and check finds the
            // mode private).
            try FileManager.default.setAttributes([.ownerAccountName: "nobody", .posixPermissions: 0o400],
                                                  ofItemAtPath: database)
            // A copy of the tool beside the database: the build folder may be out of nobody's reach.
            let tool = directory.appendingPathComponent("caseload-tool").path
            if !FileManager.default.fileExists(atPath: tool) {
                try FileManager.default.copyItem(atPath: Harness.executable.path, toPath: tool)
            }
            return try Harness.run(URL(fileURLWithPath: "/usr/sbin/runuser"),
                                   ["-u", "nobody", "--", tool] + all, in: directory,
                                   environment: Harness.baseEnvironment)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: database)
        if !writableFolder {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        }
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: database)
        }
        return try Harness.run(Harness.executable, all, in: directory)
    }
}

/// Another process (the SQLite shell) holding the database's write lock until `release()`.
final class WriteLockHolder {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(database: String, directory: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database]
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        // Wait for the shell's answer: then it holds the lock.
        var seen = ""
        while !seen.contains("locked") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
    }

    func release() {
        input.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// A process started and not waited for (the reliability suite kills or races them).
final class Running {
    let process = Process()
    private let outURL: URL

    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:], executable: URL = Harness.executable) throws {
        outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        try Data().write(to: outURL)
        process.executableURL = executable
        process.arguments = arguments
        var env = Harness.baseEnvironment
        env.merge(environment) { $1 }
        process.environment = env
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the end; the exit status (a killed process: -1) and standard output.
    func wait() -> (status: Int32, stdout: String) {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: outURL) }
        let text = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        return (process.terminationReason == .exit ? process.terminationStatus : -1, text)
    }
}
