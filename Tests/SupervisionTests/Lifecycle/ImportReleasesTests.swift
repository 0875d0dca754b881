import SupervisionRules
import Foundation
import Storage
import Testing
@testable import Supervision

@Suite("Import of releases from CSV (docs/lifecycle.md §15)")
struct ImportReleasesTests {
    static let header = "caseRef,name,born,released,months,level,officer"

    static func row(_ ref: String, name: String? = nil, born: String = "1990-05-01", released: String = "2026-03-02",
                    months: String = "12", level: String = "medium", officer: String = "ok1") -> String {
        "\(ref),\(name ?? "Person \(ref)"),\(born),\(released),\(months),\(level),\(officer)"
    }

    func importFile(_ f: UseCaseFixture, _ path: String, dryRun: Bool = false, actor: String = "sup") throws -> ImportReceipt {
        try f.caseload.importReleases(from: try ReleaseCSVReader(path: path), dryRun: dryRun, actorID: actor,
                                      now: try f.at("2026-03-02T09:00"))
    }

    @Test("quoted commas, quotes and line breaks, a byte-order mark, CRLF and a reordered header with optional columns")
    func quotingBOMAndCRLF() throws {
        let f = try UseCaseFixture()
        let folder = try ScratchFolder()
        let text = #"""
            officer,level,months,released,born,name,caseRef,home,firstInterviewAt
            ok1,high,12,2026-03-02,1980-01-31,"Smith, ""Jo""",AB-1,"51.5,-0.12",2026-03-04T10:00
            ok2,low,6,2026-03-02,1975-12-01,"Ng, Li
            ",AB-2,,

            ok1,medium,9,2026-03-02,1990-05-01,Plain Name,AB-3,,

            """#
        for (bom, crlf) in [(true, true), (false, false)] {
            let g = bom ? f : try UseCaseFixture()
            let path = try folder.csv(text, name: "r-\(bom).csv", bom: bom, crlf: crlf)
            let receipt = try importFile(g, path)
            #expect(receipt == ImportReceipt(dryRun: false, releases: 3, newPeople: 3, terms: 3, appointments: 1))
            #expect(try g.strings("SELECT name FROM person ORDER BY case_ref") == ["Smith, \"Jo\"", "Ng, Li", "Plain Name"])
            #expect(try g.strings("SELECT officer_id || ' ' || level || ' ' || months FROM supervision_term ORDER BY id")
                    == ["ok1 high 12", "ok2 low 6", "ok1 medium 9"])
            #expect(try g.strings("SELECT local_date || 'T' || local_time || ' ' || kind FROM appointment")
                    == ["2026-03-04T10:00 office"])
            #expect(try g.count("person", where: "home_latitude = 51.5 AND home_longitude = -0.12") == 1)
            #expect(try g.auditActions(after: 0).suffix(7) == ["person.add", "term.register", "appointment.schedule",
                                                              "person.add", "term.register", "person.add", "term.register"])
        }
    }

    @Test("records are numbered by the physical line they start on; blank lines are skipped")
    func physicalLines() throws {
        let folder = try ScratchFolder()
        let path = try folder.csv("""
            \(Self.header)
            \(Self.row("A-1"))
            A-2,"Two
            Lines",1990-05-01,2026-03-02,12,medium,ok1

            \(Self.row("A-3"))
            """, crlf: true)
        let reader = try ReleaseCSVReader(path: path)
        var seen: [(Int, String)] = []
        while let record = try reader.next() { seen.append((record.line, record.release.caseRef)) }
        #expect(seen.map(\.0) == [2, 3, 6])
        #expect(seen.map(\.1) == ["A-1", "A-2", "A-3"])
    }

    @Test("a header with an unknown, missing or repeated column is refused by name, and nothing changes", arguments: [
        ("caseRef,name,born,released,months,level,officer,shoeSize", "unknown column \"shoeSize\""),
        ("caseRef,name,born,released,months,level", "lacks the column officer"),
        ("caseRef,name,born,released,level", "lacks the columns months, officer"),
        ("caseRef,name,name,born,released,months,level,officer", "the column 'name' twice"),
    ])
    func headerRefusals(header: String, mentions: String) throws {
        let f = try UseCaseFixture()
        let folder = try ScratchFolder()
        let path = try folder.csv(header + "\n" + Self.row("A-1") + "\n")
        let refusal = try f.expectRefused(.invalidInput) { try importFile(f, path) }
        #expect(refusal?.message.contains(mentions) == true, "\(refusal?.message ?? "")")
        #expect(refusal?.message.hasPrefix("line 1: ") == true)
    }

    @Test("one bad record, first, in the middle or last, refuses the file naming its line, and nothing changes", arguments: [
        (0, 2), (2, 4), (4, 6),
    ])
    func badRowAnywhere(badIndex: Int, line: Int) throws {
        let f = try UseCaseFixture()
        try f.register("OLD-1")
        let folder = try ScratchFolder()
        var rows = (0..<5).map { Self.row("R-\($0)") }
        rows[badIndex] = Self.row("R-\(badIndex)", born: "2026-02-30")
        let path = try folder.csv(([Self.header] + rows).joined(separator: "\n") + "\n")
        let refusal = try f.expectRefused(.invalidInput) { try importFile(f, path) }
        #expect(refusal?.message == "line \(line) (R-\(badIndex)): born: '2026-02-30' is not a real calendar date; nothing was imported"
                || refusal?.message.hasPrefix("line \(line) (R-\(badIndex)): born:") == true, "\(refusal?.message ?? "")")
        #expect(refusal?.message.hasSuffix("; nothing was imported") == true)
        #expect(try f.count("person") == 1)
    }

    @Test("the line named counts the physical lines of a record with a quoted line break before it")
    func lineAfterQuotedBreak() throws {
        let f = try UseCaseFixture()
        let folder = try ScratchFolder()
        let path = try folder.csv("""
            \(Self.header)
            A-1,"Trailing Break
            ",1990-05-01,2026-03-02,12,medium,ok1
            \(Self.row("A-2", months: "thirteen"))
            """)
        let refusal = try f.expectRefused(.invalidInput) { try importFile(f, path) }
        #expect(refusal?.message.hasPrefix("line 4 (A-2): months:") == true, "\(refusal?.message ?? "")")
    }

    @Test("other refusals name the line: a wrong field count, a case reference twice, an unknown officer, bad UTF-8")
    func otherRefusals() throws {
        let f = try UseCaseFixture()
        let folder = try ScratchFolder()
        let short = try folder.csv("\(Self.header)\n\(Self.row("A-1"))\nA-2,Someone\n", name: "short.csv")
        let shortRefusal = try f.expectRefused(.invalidInput) { try importFile(f, short) }
        #expect(shortRefusal?.message == "line 3: 2 fields where the header names 7; nothing was imported")
        let twice = try folder.csv("\(Self.header)\n\(Self.row("A-1"))\n\(Self.row("A-1", released: "2026-06-01"))\n", name: "twice.csv")
        let twiceRefusal = try f.expectRefused(.invalidInput) { try importFile(f, twice) }
        #expect(twiceRefusal?.message.hasPrefix("line 3 (A-1): released:") == true, "\(twiceRefusal?.message ?? "")")
        let ghost = try folder.csv("\(Self.header)\n\(Self.row("A-1", officer: "ghost"))\n", name: "ghost.csv")
        let ghostRefusal = try f.expectRefused(.notFound) { try importFile(f, ghost) }
        #expect(ghostRefusal?.message.hasPrefix("line 2 (A-1): officer:") == true, "\(ghostRefusal?.message ?? "")")
        let bytes = Array("\(Self.header)\nA-1,Bad \u{FF}Name,1990-05-01,2026-03-02,12,medium,ok1\n".utf8).map { $0 == 0xC3 ? 0xFF : $0 }
        let binary = folder.file("binary.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: binary))
        let binaryRefusal = try f.expectRefused(.invalidInput) { try importFile(f, binary) }
        #expect(binaryRefusal?.message.contains("not UTF-8") == true, "\(binaryRefusal?.message ?? "")")
        let officer = try folder.csv("\(Self.header)\n\(Self.row("A-1", officer: "ok2"))\n", name: "other.csv")
        try f.expectRefused(.notPermitted) { try importFile(f, officer, actor: "ok1") }
    }

    @Test("a dry run checks everything, reports the counts and writes nothing")
    func dryRun() throws {
        let f = try UseCaseFixture()
        let folder = try ScratchFolder()
        let path = try folder.csv("\(Self.header)\n\(Self.row("A-1"))\n\(Self.row("A-2"))\n")
        let before = try f.snapshot()
        let receipt = try importFile(f, path, dryRun: true)
        #expect(receipt == ImportReceipt(dryRun: true, releases: 2, newPeople: 2, terms: 2, appointments: 0))
        #expect(try f.snapshot() == before)
        let bad = try folder.csv("\(Self.header)\n\(Self.row("A-1"))\n\(Self.row("A-2", level: "extreme"))\n", name: "bad.csv")
        let refusal = try f.expectRefused(.invalidInput) { try importFile(f, bad, dryRun: true) }
        #expect(refusal?.message.hasPrefix("line 3 (A-2): level:") == true, "\(refusal?.message ?? "")")
    }

    @Test("the sample file in docs imports cleanly")
    func sampleFile() throws {
        let f = try UseCaseFixture()
        for id in ["okafor", "lindqvist", "patel"] {
            _ = try f.caseload.addOfficer(id: id, name: "Officer \(id)", role: .officer, actorID: "admin",
                                          now: try f.at("2026-01-01T09:00"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let receipt = try importFile(f, root.appendingPathComponent("docs/sample-releases.csv").path, actor: "sup")
        #expect(receipt.releases >= 5)
        #expect(try f.count("person") == receipt.newPeople)
    }
}
