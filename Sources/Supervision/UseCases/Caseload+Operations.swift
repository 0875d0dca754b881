import SupervisionRules
import Foundation
import Storage

extension Caseload {
    /// `caseload backup --to PATH [--force]` (admins; docs/operations.md §14): an online copy taken while other
    /// processes write, written under a temporary name in the destination's folder, checked
    /// (integrity, foreign keys, schema, audit chain) and only then renamed into place, so PATH
    /// is never a half-written file. Audited in this database once the copy is in place.
    public func backup(to destination: String, force: Bool, actorID: String?, now: Instant) throws -> BackupReceipt {
        if database.isReadOnly {
            throw CaseloadError(.cannotOpen, DatabaseFile.readOnlySentence(database.path))
        }
        _ = try look(actorID: actorID, now: now) { session in try session.requireRole(.admin, "back up the database") }
        guard !destination.isEmpty else { throw CaseloadError(.usage, "--to: the backup path must not be empty") }
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        let source = URL(fileURLWithPath: database.path).standardizedFileURL
        guard target.resolvingSymlinksInPath().path != source.resolvingSymlinksInPath().path else {
            throw CaseloadError(.usage, "--to: that is the database itself; choose another path")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw CaseloadError(.cannotOpen, "--to: \(destination) is a folder; give the backup file's path")
            }
            guard force else {
                throw CaseloadError(.cannotOpen, "--to: a file is already at \(destination); add --force to replace it")
            }
            // A WAL left beside an old file would be read as part of the new one.
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: target.path + suffix) {
                throw CaseloadError(.cannotOpen, "--to: \(destination)\(suffix) exists, so the file at \(destination) is in use; close it first")
            }
        }
        let folder = target.deletingLastPathComponent().path
        let temporary = folder + "/." + target.lastPathComponent + ".backup-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var renamed = false
        defer {
            if !renamed {
                for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            }
        }
        do {
            try database.withConnection { try $0.backup(into: temporary) }
        } catch let error as DatabaseOpenError {
            throw CaseloadError(.cannotOpen, "--to: cannot write a file in \(folder): \(error.reason)")
        }
        let head: AuditHead
        do {
            // Closed at the end of this block, before the rename: the last connection to close
            // checkpoints the copy and removes its -wal and -shm.
            let copy = try Database(path: temporary, access: .readWrite)
            let report = try Caseload.check(database: copy, path: destination)
            guard report.problems.isEmpty else {
                throw CaseloadError(.other, "the copy failed its check (\(report.problems.joined(separator: "; "))); nothing was written at \(destination)")
            }
            head = try Caseload.auditHead(copy)
        }
        guard rename(temporary, target.path) == 0 else {
            throw CaseloadError(.cannotOpen, "--to: cannot put the backup at \(destination): \(String(cString: strerror(errno)))")
        }
        renamed = true
        PrivateFile.syncFolder(folder)
        try change(actorID: actorID, now: now) { session in
            try session.audit("database.backup", entity: "database", id: "main",
                              details: ["to": target.path, "auditEntries": String(head.entries), "auditHeadHash": head.lastHash ?? ""])
        }
        return BackupReceipt(path: target.path, auditEntries: head.entries, auditHeadHash: head.lastHash ?? "")
    }

    /// `caseload check`: integrity, foreign keys, schema version, audit chain and file modes of
    /// the database at `path`. It only reads; the file is opened as a command that writes would
    /// open it (so a check of a live database reads through the WAL like any reader), or
    /// read-only when it cannot be written (a copy on read-only media can be checked).
    public static func check(path: String) throws -> CheckReport {
        try DatabaseFile.requireExisting(path)
        switch try DatabaseFile.inspect(path) {
        case .empty:
            throw CaseloadError(.cannotOpen, "the file at \(path) is empty, not a Caseload database")
        case .foreign:
            throw CaseloadError(.cannotOpen, "the file at \(path) is not a Caseload database (it holds another application's tables)")
        case .caseload:
            break
        }
        let report = try check(database: DatabaseFile.openForUse(path), path: path)
        var problems = report.problems
        for suffix in ["", "-wal", "-shm"] {
            guard let mode = PrivateFile.permissions(atPath: path + suffix), mode & 0o077 != 0 else { continue }
            problems.append("file mode: \(path + suffix) is mode \(String(mode, radix: 8)), open to other accounts; run chmod 600 on it")
        }
        return CheckReport(path: path, schemaVersion: report.schemaVersion, auditEntries: report.auditEntries, problems: problems)
    }

    /// The checks that need only the database (the backup runs them on its copy).
    static func check(database: Database, path: String) throws -> CheckReport {
        try database.withConnection { connection in
            var problems = try connection.integrityProblems().map { "integrity: \($0)" }
            problems += try connection.foreignKeyProblems().map { "foreign key: \($0)" }
            do {
                let pending = try migrator.pending(connection)
                if !pending.isEmpty {
                    problems.append("schema: \(pending.count) schema update\(pending.count == 1 ? " of this version is" : "s of this version are") missing; run 'caseload init'")
                }
            } catch let error as MigrationError {
                problems.append("schema: \(error.description)")
            }
            let version: Int = try connection.read {
                try connection.scalar("SELECT max(version) FROM schema_migration") ?? 0
            }
            let audit = try connection.read { try AuditLog.verify(connection) }
            if let problem = audit.problem { problems.append("audit chain: \(problem)") }
            return CheckReport(path: path, schemaVersion: version, auditEntries: audit.entries, problems: problems)
        }
    }

    /// `caseload audit head`.
    public func auditHead() throws -> AuditHead { try Caseload.auditHead(database) }

    static func auditHead(_ database: Database) throws -> AuditHead {
        try database.read { connection in
            let entries: Int = try connection.scalar("SELECT count(*) FROM audit_log") ?? 0
            let last: (Int64, String)? = try connection.fetchOne("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") {
                (try $0.get(0), try $0.get(1))
            }
            return AuditHead(entries: entries, head: last.map { "\($0.0):\($0.1)" } ?? "", lastHash: last?.1)
        }
    }

    /// `audit verify --head N:HASH`: nil when entry `seq` is present with `hash`, else why not —
    /// the chain was cut short, or an older (or another) copy was put in place of this one.
    public func auditHeadProblem(seq: Int64, hash: String) throws -> String? {
        try database.read { connection in
            let stored: String? = try connection.scalar("SELECT hash FROM audit_log WHERE seq = ?", [seq])
            guard let stored else {
                let last: Int64 = try connection.scalar("SELECT max(seq) FROM audit_log") ?? 0
                return "entry \(seq) of the recorded head is missing: the chain ends at entry \(last) (it was cut short, or an older copy was restored)"
            }
            guard stored == hash.lowercased() else {
                return "entry \(seq) differs from the recorded head (the chain was rewritten, or another database's copy is in place)"
            }
            return nil
        }
    }
}
