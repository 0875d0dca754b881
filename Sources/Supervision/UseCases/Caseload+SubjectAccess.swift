import SupervisionRules
import Foundation
import Storage

/// What `caseload export subject-access` wrote.
public struct SubjectAccessReceipt: Sendable, Equatable, Codable {
    public let caseRef: String
    public let json: String
    public let html: String
    public let auditEntries: Int
}

extension Caseload {
    /// `caseload export subject-access` (docs/lifecycle.md §15; UK DPA 2018 s.45, GDPR art. 15): everything
    /// held about one person, and who consulted or changed their record and when, as
    /// `record.json` and one self-contained, printable `record.html` in `directory`.
    ///
    /// Supervisors only: a subject-access request is answered by the agency, not by the officer
    /// on the case. The export is audited in the same transaction, before the audit trail is
    /// read, so the export lists itself. The folder is created if missing (0700); the files are
    /// created 0600 and never overwrite: an existing file refuses the export and nothing is
    /// written or audited.
    public func exportSubjectAccess(caseRef rawRef: String, to directory: String, actorID: String?,
                                    now: Instant) throws -> SubjectAccessReceipt {
        let jsonPath = (directory as NSString).appendingPathComponent("record.json")
        let htmlPath = (directory as NSString).appendingPathComponent("record.html")
        return try change(actorID: actorID, now: now) { session in
            _ = try session.requireRole(.supervisor, "export a subject-access record")
            let caseRef = try InputHygiene.caseRef(rawRef)
            guard let personId: Int64 = try session.connection.scalar(
                "SELECT id FROM person WHERE case_ref = ?", [caseRef]) else {
                throw CaseloadError.notFound("no supervisee with case reference '\(caseRef)'")
            }
            for path in [jsonPath, htmlPath] where FileManager.default.fileExists(atPath: path) {
                throw CaseloadError(.cannotOpen, "\(path) already exists; it was not overwritten (choose another --out folder)")
            }
            try session.audit("record.export", entity: "person", id: caseRef,
                              details: ["caseRef": caseRef, "kind": "subject-access"])
            let document = try session.subjectAccessDocument(personId: personId, caseRef: caseRef)
            try ExportFiles.createDirectory(directory)
            try ExportFiles.writeNew(jsonPath, document.json())
            do {
                try ExportFiles.writeNew(htmlPath, SubjectAccessPage.html(document, caseRef: caseRef, zone: session.agency.zone))
            } catch {
                try? FileManager.default.removeItem(atPath: jsonPath)
                throw error
            }
            return SubjectAccessReceipt(caseRef: caseRef, json: jsonPath, html: htmlPath,
                                        auditEntries: document["auditTrail"]?.arrayValue.count ?? 0)
        }
    }
}

extension Session {
    /// The audit entries about a person: their person entity, their own actions as a supervisee,
    /// any entry naming their case reference, and entries on any of their rows. Parameters:
    /// 1 the case reference, 2 the person's id. (Retention finds the same entries for many people
    /// in one pass: `Session.auditEntries(about:)`.)
    static let auditAboutPersonSQL = """
        SELECT seq, at, actor, action, entity, entity_id, details FROM audit_log
        WHERE (entity = 'person' AND entity_id = ?1)
           OR actor = 'supervisee:' || ?1
           OR (details <> '{}' AND json_extract(details, '$.caseRef') = ?1)
           OR (entity = 'term' AND entity_id IN (SELECT CAST(id AS TEXT) FROM supervision_term WHERE person_id = ?2))
           OR (entity = 'appointment' AND entity_id IN (SELECT CAST(a.id AS TEXT) FROM appointment a
                   JOIN supervision_term t ON t.id = a.term_id WHERE t.person_id = ?2))
           OR (entity = 'life_log_entry' AND entity_id IN (SELECT CAST(e.id AS TEXT) FROM life_log_entry e
                   JOIN supervision_term t ON t.id = e.term_id WHERE t.person_id = ?2))
           OR (entity = 'location_report' AND entity_id IN (SELECT CAST(r.id AS TEXT) FROM location_report r
                   JOIN supervision_term t ON t.id = r.term_id WHERE t.person_id = ?2))
           OR (entity = 'restriction' AND entity_id IN (SELECT CAST(r.id AS TEXT) FROM restriction r
                   JOIN supervision_term t ON t.id = r.term_id WHERE t.person_id = ?2))
           OR (entity = 'violation' AND entity_id IN (SELECT CAST(v.id AS TEXT) FROM violation v
                   JOIN supervision_term t ON t.id = v.term_id WHERE t.person_id = ?2))
        ORDER BY seq
        """

    /// Every row held about the person, column by column (so nothing held is left out, and a
    /// column added later is exported without a change here), nested by term.
    func subjectAccessDocument(personId: Int64, caseRef: String) throws -> ExportValue {
        func rows(_ sql: String, _ arguments: StatementArguments) throws -> [[(String, ExportValue)]] {
            let statement = try connection.prepare(sql)
            let names = statement.columnNames.map(Self.camelCase)
            var result: [[(String, ExportValue)]] = []
            try statement.forEachRow(arguments) { row in
                result.append(names.indices.map { index in
                    let value: ExportValue = switch row.value(at: index) {
                    case .null: .null
                    case .integer(let value): .integer(value)
                    case .real(let value): .real(value)
                    case .text(let value): .text(value)
                    case .blob(let bytes): .text(bytes.map { String(format: "%02x", $0) }.joined())
                    }
                    return (names[index], value)
                })
            }
            return result
        }
        let person = try rows("SELECT * FROM person WHERE id = ?", [personId]).first ?? []
        var terms: [ExportValue] = []
        for term in try rows("SELECT * FROM supervision_term WHERE person_id = ? ORDER BY starts_on, id", [personId]) {
            guard case .integer(let termId)? = term.first(where: { $0.0 == "id" })?.1 else { continue }
            var appointments: [ExportValue] = []
            for appointment in try rows("SELECT * FROM appointment WHERE term_id = ? ORDER BY starts_at, id", [termId]) {
                guard case .integer(let id)? = appointment.first(where: { $0.0 == "id" })?.1 else { continue }
                let outcomes = try rows("SELECT * FROM appointment_outcome WHERE appointment_id = ? ORDER BY id", [id])
                appointments.append(.object(appointment + [("outcomes", .array(outcomes.map(ExportValue.object)))]))
            }
            var entries: [ExportValue] = []
            for entry in try rows("SELECT * FROM life_log_entry WHERE term_id = ? ORDER BY submitted_at, id", [termId]) {
                guard case .integer(let id)? = entry.first(where: { $0.0 == "id" })?.1 else { continue }
                let needs = try connection.fetchAll("SELECT need FROM life_log_need WHERE entry_id = ? ORDER BY need",
                                                    [id]) { ExportValue.text(try $0.get(0)) }
                entries.append(.object(entry + [("needs", .array(needs))]))
            }
            func list(_ sql: String) throws -> ExportValue { .array(try rows(sql, [termId]).map(ExportValue.object)) }
            terms.append(.object(term + [
                ("levelHistory", try list("SELECT * FROM term_level_change WHERE term_id = ? ORDER BY effective_on, id")),
                ("appointments", .array(appointments)),
                ("lifeLogEntries", .array(entries)),
                ("locationReports", try list("SELECT * FROM location_report WHERE term_id = ? ORDER BY at, id")),
                ("restrictions", try list("SELECT * FROM restriction WHERE term_id = ? ORDER BY starts_on, id")),
                ("violations", try list("SELECT * FROM violation WHERE term_id = ? ORDER BY occurred_on, id")),
                ("recallDecisions", try list("SELECT * FROM recall_decision WHERE term_id = ? ORDER BY decided_at, id")),
            ]))
        }
        var trail: [ExportValue] = []
        try connection.forEachRow(Self.auditAboutPersonSQL, [caseRef, personId]) { row in
            trail.append(.object([
                ("seq", .integer(try row.get(0))), ("at", .text(try row.get(1))), ("actor", .text(try row.get(2))),
                ("action", .text(try row.get(3))), ("entity", .text(try row.get(4))),
                ("entityId", .text(try row.get(5))), ("details", ExportValue.parsingDetails(try row.get(6))),
            ]))
        }
        return .object([
            ("caseRef", .text(caseRef)),
            ("exportedAt", .text(now.description)),
            ("exportedBy", .text(actor?.auditID ?? "")),
            ("agency", .text(agency.name)),
            ("person", .object(person)),
            ("terms", .array(terms)),
            ("auditTrail", .array(trail)),
        ])
    }

    /// `born_on` → `bornOn`: the command line's JSON keys are camelCase (docs/cli.md §9).
    static func camelCase(_ column: String) -> String {
        let parts = column.split(separator: "_")
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// The one printable page of a subject-access export: no scripts, no external assets (an
/// inline style sheet only), every text escaped.
enum SubjectAccessPage {
    static func html(_ document: ExportValue, caseRef: String, zone: AgencyZone) -> String {
        let title = "Subject access record: " + ExportValue.escapeHTML(caseRef)
        var body = "<h1>\(title)</h1>"
        body += "<p>Exported \(ExportValue.escapeHTML(document["exportedAt"]?.textValue ?? "")) by "
            + "\(ExportValue.escapeHTML(document["exportedBy"]?.textValue ?? "")) for "
            + "\(ExportValue.escapeHTML(document["agency"]?.textValue ?? "")). Times are UTC.</p>"
        body += "<h2>Person</h2>" + (document["person"] ?? .null).html()
        for (index, term) in (document["terms"]?.arrayValue ?? []).enumerated() {
            guard case .object(let members) = term else { continue }
            body += "<section><h2>Supervision term \(index + 1)</h2>"
            body += ExportValue.object(members.filter { if case .array = $0.1 { false } else { true } }).html()
            for (key, value) in members {
                guard case .array = value else { continue }
                body += "<h3>\(ExportValue.escapeHTML(heading(key)))</h3>" + value.html()
            }
            body += "</section>"
        }
        body += "<h2>Who consulted or changed this record</h2>" + (document["auditTrail"] ?? .null).html()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 1.5rem; }
            table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 9pt; }
            th, td { border: 1px solid #777; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; }
            dt { font-weight: 600; } dd { margin: 0; white-space: pre-wrap; }
            td { white-space: pre-wrap; } .none { color: #555; }
            section { break-inside: avoid-page; }
            @media print { body { margin: 0; } h2 { break-after: avoid; } }
            </style></head>
            <body>\(body)</body></html>

            """
    }

    static func heading(_ key: String) -> String {
        switch key {
        case "levelHistory": "Supervision level history"
        case "appointments": "Appointments and their outcomes"
        case "lifeLogEntries": "Life-log entries"
        case "locationReports": "Location reports"
        case "restrictions": "Restrictions"
        case "violations": "Violations and their reviews"
        case "recallDecisions": "Recall decisions"
        default: key
        }
    }
}

/// Export files: created new (never over an existing file), owner-only, whatever the umask.
enum ExportFiles {
    static func createDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CaseloadError(.cannotOpen, "--out: \(path) is a file, not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw CaseloadError(.cannotOpen, "--out: cannot create the folder \(path)")
        }
    }

    static func writeNew(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw CaseloadError(.cannotOpen, errno == EEXIST
                ? "\(path) already exists; it was not overwritten (choose another --out folder)"
                : "cannot create \(path)")
        }
        defer { close(fd) }
        // O_CREAT's mode is masked by the umask; make it exactly owner read and write.
        fchmod(fd, 0o600)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else {
                unlink(path)
                throw CaseloadError(.cannotOpen, "cannot write \(path)")
            }
            offset += written
        }
    }
}
