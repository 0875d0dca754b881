import SupervisionRules
import Foundation
import Storage
import Testing
@testable import Supervision

@Suite("Subject-access export (docs/lifecycle.md §15)")
struct SubjectAccessExportTests {
    /// A-1 with one of every kind of record, and a read of the record by ok1.
    static func personWithEverything() throws -> UseCaseFixture {
        let f = try UseCaseFixture()
        try f.register("A-1", name: "Alex <b>Example</b> & \"Co\"")
        try f.register("B-2", name: "Bystander Person", officer: "ok2")
        _ = try f.caseload.changeLevel(caseRef: "A-1", level: "high", reason: "new information",
                                       actorID: "ok1", now: try f.at("2026-03-03T09:00"))
        let attended = try f.attended(at: "2026-03-04T10:00")
        try f.log(attended, "unacceptable-absence", reason: "recorded in error", correct: true, now: "2026-03-05T09:00")
        try f.log(attended, "attended", reason: "it did take place", correct: true, now: "2026-03-05T09:30")
        _ = try f.unacceptableAbsence(at: "2026-03-10T10:00")
        _ = try f.unacceptableAbsence(at: "2026-03-12T10:00")
        _ = try f.caseload.submitLifeLog(
            LifeLogSubmission(caseRef: "A-1", at: "2026-03-09T18:00", residence: "Flat 2, 10 High Street",
                              employment: "warehouse nights", wellbeing: 4, needs: ["housing"],
                              locations: ["51.51,-0.13,15"]),
            actorID: "supervisee:A-1", now: try f.at("2026-03-09T18:00"))
        _ = try f.caseload.addRestriction(
            RestrictionRequest(kind: .exclusion, caseRef: "A-1", circle: "51.52,-0.1,300", name: "Victim's street"),
            actorID: "ok1", now: try f.at("2026-03-03T10:00"))
        _ = try f.caseload.reportLocation(
            LocationReportRequest(caseRef: "A-1", at: "2026-03-11T12:00", latitude: 51.49, longitude: -0.2, source: "officer"),
            actorID: "ok1", now: try f.at("2026-03-11T12:00"))
        _ = try f.scan(now: "2026-03-13T09:00")
        for row in try f.rows("""
            SELECT v.id FROM violation v JOIN supervision_term t ON t.id = v.term_id JOIN person p ON p.id = t.person_id
            WHERE p.case_ref = 'A-1' ORDER BY v.id
            """) {
            guard case .integer(let id) = row[0] else { continue }
            _ = try f.confirm(id, now: "2026-03-13T10:00")
        }
        _ = try f.caseload.decideRecall(caseRef: "A-1", approve: false, rationale: "engaging well otherwise",
                                        actorID: "sup", now: try f.at("2026-03-13T11:00"))
        _ = try f.caseload.show(caseRef: "A-1", actorID: "ok1", now: try f.at("2026-03-13T12:00"))
        return f
    }

    @Test("record.json lists every kind of record and who read or changed it; record.html is one escaped page")
    func exportsEverything() throws {
        let f = try Self.personWithEverything()
        let folder = try ScratchFolder()
        let out = folder.file("requests/A-1")
        let receipt = try f.caseload.exportSubjectAccess(caseRef: "A-1", to: out, actorID: "sup",
                                                         now: try f.at("2026-03-14T09:00"))
        let json = try String(contentsOfFile: receipt.json, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let person = try #require(document["person"] as? [String: Any])
        #expect(person["name"] as? String == "Alex <b>Example</b> & \"Co\"")
        #expect(person["bornOn"] as? String == "1990-05-01")
        let terms = try #require(document["terms"] as? [[String: Any]])
        let term = try #require(terms.first)
        for key in ["levelHistory", "appointments", "lifeLogEntries", "locationReports", "restrictions", "violations",
                    "recallDecisions"] {
            #expect(((term[key] as? [Any]) ?? []).isEmpty == false, "no \(key) in the export")
        }
        let appointments = try #require(term["appointments"] as? [[String: Any]])
        let outcomes = appointments.compactMap { $0["outcomes"] as? [[String: Any]] }.flatMap { $0 }
        #expect(outcomes.contains { $0["correctionReason"] as? String == "it did take place" })
        let entries = try #require(term["lifeLogEntries"] as? [[String: Any]])
        #expect(entries.first?["residence"] as? String == "Flat 2, 10 High Street")
        #expect(entries.first?["needs"] as? [String] == ["housing"])
        let violations = try #require(term["violations"] as? [[String: Any]])
        #expect(violations.allSatisfy { $0["status"] as? String == "confirmed" && $0["reviewedBy"] as? String == "ok1" })
        let trail = try #require(document["auditTrail"] as? [[String: Any]])
        let actions = Set(trail.map { "\($0["actor"] ?? "") \($0["action"] ?? "")" })
        for expected in ["ok1 person.add", "ok1 term.level", "supervisee:A-1 lifelog.submit", "ok1 restriction.add",
                         "ok1 record.read", "sup recall.reject", "sup record.export"] {
            #expect(actions.contains(expected) || actions.contains { $0.hasPrefix(expected) },
                    "the audit trail lacks \(expected): \(actions.sorted())")
        }
        #expect(!json.contains("Bystander"), "another person's record leaked into the export")

        let html = try String(contentsOfFile: receipt.html, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Alex &lt;b&gt;Example&lt;/b&gt; &amp; &quot;Co&quot;"))
        #expect(!html.contains("<b>Example"))
        for external in ["<script", "<link", "src=", "href=", "http:", "https:", "@import", "url("] {
            #expect(!html.contains(external), "record.html refers to something outside itself: \(external)")
        }
        #expect(html.contains("Flat 2, 10 High Street") && html.contains("engaging well otherwise"))
        for path in [receipt.json, receipt.html] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(path) has mode \(String(mode?.intValue ?? 0, radix: 8))")
        }
    }

    @Test("existing files are never overwritten, an officer may not export, an unknown person is refused; none changes anything")
    func refusals() throws {
        let f = try UseCaseFixture()
        try f.register("A-1")
        let folder = try ScratchFolder()
        let out = folder.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out + "/record.html"))
        let refusal = try f.expectRefused(.cannotOpen) {
            try f.caseload.exportSubjectAccess(caseRef: "A-1", to: out, actorID: "sup", now: try f.at("2026-03-14T09:00"))
        }
        #expect(refusal?.message.contains("already exists") == true)
        #expect(try String(contentsOfFile: out + "/record.html", encoding: .utf8) == "keep me")
        #expect(!FileManager.default.fileExists(atPath: out + "/record.json"))
        try f.expectRefused(.notPermitted) {
            try f.caseload.exportSubjectAccess(caseRef: "A-1", to: folder.file("o2"), actorID: "ok1", now: try f.at("2026-03-14T09:00"))
        }
        try f.expectRefused(.notFound) {
            try f.caseload.exportSubjectAccess(caseRef: "Z-9", to: folder.file("o3"), actorID: "sup", now: try f.at("2026-03-14T09:00"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("o2")))
    }

    @Test("the purge's one-pass search finds exactly the audit entries the export lists, for one person or several")
    func onePassAgreesWithTheExport() throws {
        let f = try Self.personWithEverything()
        try f.caseload.database.read { connection in
            let session = try Session(connection: connection, actorID: nil, now: try f.at("2026-03-14T09:00"))
            var union: Set<Int64> = []
            for caseRef in ["A-1", "B-2"] {
                let personId: Int64 = try #require(try connection.scalar("SELECT id FROM person WHERE case_ref = ?", [caseRef]))
                let listed = try connection.fetchAll(Session.auditAboutPersonSQL, [caseRef, personId]) { try $0.get(0) as Int64 }
                #expect(!listed.isEmpty)
                #expect(try session.auditEntries(about: [(personId, caseRef)]) == listed, "\(caseRef)")
                union.formUnion(listed)
            }
            let both = try session.auditEntries(about: [(1, "A-1"), (2, "B-2")])
            #expect(Set(both) == union && both.count == union.count)
        }
    }

}
