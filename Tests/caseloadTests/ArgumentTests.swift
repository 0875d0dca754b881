import Foundation
import Testing
@testable import caseload
import Supervision
import SupervisionRules

/// The command line's own contract: closed sets of values are refused by the parser (exit 64,
/// naming every choice) before anything is opened; the recall decision is one either/or flag;
/// `--case-ref` explains itself in help; exit codes come from the error's kind.
@Suite struct ArgumentTests {
    struct BadValue: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let choices: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badValues: [BadValue] = [
        .init(arguments: Fixtures.register("C-3", released: "2026-04-01", level: "extreme"),
              choices: ["high", "medium", "low"]),
        .init(arguments: ["term", "level", "--case-ref", "A-1", "--level", "lowest"], choices: ["high", "medium", "low"]),
        .init(arguments: ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--kind", "pub"],
              choices: ["office", "home", "phone", "video"]),
        .init(arguments: ["interview", "log", "1", "--outcome", "late"],
              choices: ["attended", "failed-to-attend", "acceptable-absence", "unacceptable-absence", "rescheduled"]),
        .init(arguments: ["interview", "log", "1", "--outcome", "rescheduled", "--requested-by", "mum",
                          "--new-at", "2026-03-12T10:00"],
              choices: ["supervisee", "agency"]),
        // Six choices: the parser lists them one a line; the refusal still names them in one.
        .init(arguments: ["lifelog", "submit", "--case-ref", "A-1", "--need", "yacht"],
              choices: ["housing", "employment", "health", "substance", "money", "relationships"]),
        .init(arguments: ["location", "report", "--case-ref", "A-1", "--at", "2026-03-04T10:00", "--lat", "51.5",
                          "--lon", "-0.1", "--source", "life-log"],
              choices: ["check-in", "officer"]),
        .init(arguments: ["officer", "add", "--id", "x", "--name", "X", "--role", "boss"],
              choices: ["officer", "supervisor", "admin"]),
        .init(arguments: ["violations", "--status", "closed"], choices: ["open", "confirmed", "dismissed", "all"]),
        .init(arguments: ["overdue", "--format", "yaml"], choices: ["table", "json", "csv"]),
    ]

    @Test(arguments: badValues)
    func aValueOutsideItsSetIsAUsageErrorNamingTheChoices(_ bad: BadValue) throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let result = try sandbox.refused(64, bad.arguments, actor: "okafor", asOf: "2026-03-04T11:00")
        for choice in bad.choices {
            #expect(result.stderr.contains("'\(choice)'"), "\(choice) not named: \(result.stderr)")
        }
    }

    /// `life-log` is a stored source but not one a person may give: it is not offered.
    @Test func theLifeLogSourceIsNotOffered() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let result = try sandbox.refused(64, ["location", "report", "--case-ref", "A-1", "--at", "2026-03-04T10:00",
                                              "--lat", "51.5", "--lon", "-0.1", "--source", "life-log"],
                                         actor: "okafor", asOf: "2026-03-04T11:00")
        #expect(!result.stderr.contains("'life-log' or") && !result.stderr.contains("'life-log' and"), "\(result.stderr)")
        let help = try sandbox.run(["help", "location", "report"], db: .none)
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("check-in, officer"), "\(help.stdout)")
    }

    /// Level and support need have always been accepted in any case; the parser keeps that.
    @Test func levelAndNeedInAnyCase() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let receipt = try sandbox.ok(["term", "level", "--case-ref", "A-1", "--level", "HIGH", "--reason", "Moved",
                                      "--format", "json"], actor: "okafor", asOf: "2026-03-04").object()
        #expect(receipt.string("level") == "high")
    }

    @Test(arguments: [
        ["--approve", "--reject"],
        [],
    ])
    func theRecallDecisionIsExactlyOneFlag(_ flags: [String]) throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let result = try sandbox.refused(64, ["recall", "decide", "--case-ref", "A-1", "--rationale", "x"] + flags,
                                         actor: "sutherland", asOf: "2026-03-04")
        #expect(result.stderr.contains("--approve") && result.stderr.contains("--reject"), "\(result.stderr)")
    }

    /// Every command about one supervisee shares the `--case-ref` option and its help.
    @Test(arguments: [
        ["register"], ["show"], ["term", "extend"], ["term", "discharge"], ["term", "level"],
        ["interview", "schedule"], ["lifelog", "submit"], ["restriction", "add", "curfew"],
        ["restriction", "add", "exclusion"], ["restriction", "add", "inclusion"], ["restriction", "add", "travel-permit"],
        ["location", "report"], ["recall", "decide"],
    ])
    func caseRefHelp(_ command: [String]) throws {
        let sandbox = try Sandbox()
        for arguments in [["help"] + command, command + ["--help"]] {
            let help = try sandbox.run(arguments, db: .none)
            #expect(help.status == 0, "\(help)")
            let text = help.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            #expect(text.contains("--case-ref <case-ref> The supervisee's case reference"), "\(help.stdout)")
        }
    }

    @Test func helpListsTheChoices() throws {
        let sandbox = try Sandbox()
        let help = try sandbox.run(["help", "interview", "log"], db: .none)
        #expect(help.status == 0)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("values: attended, failed-to-attend, acceptable-absence, unacceptable-absence, rescheduled"))
        #expect(text.contains("values: supervisee, agency"))
        let recall = try sandbox.run(["help", "recall", "decide"], db: .none)
        #expect(recall.stdout.contains("--approve") && recall.stdout.contains("--reject"))
    }

    /// The table and CSV forms write typed values as text: numbers as written, true/false, an
    /// absent value as an empty cell, a list separated by "; ".
    @Test func typedCells() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let csv = try sandbox.ok(["officer", "add", "--id", "moreau", "--name", "Camille Moreau", "--role", "supervisor",
                                  "--format", "csv"], actor: "root", asOf: "2026-01-02")
        #expect(csv.stdout == "id,name,role,active\nmoreau,Camille Moreau,supervisor,true\n")
        let entry = try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1", "--at", "2026-03-03T09:00",
                                    "--location", "51.5,-0.1", "--location", "51.6,-0.1@2026-03-03T08:00"],
                                   actor: "okafor", asOf: "2026-03-03T10:00")
        let lines = entry.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines.map { String($0[0]) } == ["entryId", "caseRef", "submittedAt", "filledDueOn", "locationReportIds"])
        #expect(lines.last.map { $0.dropFirst().joined(separator: " ") } == "1; 2", "\(entry.stdout)")
        let holiday = try sandbox.ok(["holiday", "add", "2026-12-25", "--format", "csv"], actor: "root", asOf: "2026-01-02")
        #expect(holiday.stdout == "date,name\n2026-12-25,\n")
    }

    /// A one-record result declares every field: its CSV header is its JSON object's keys.
    @Test func recordColumnsAreTheJSONKeys() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        func same(_ csvArguments: [String], _ jsonArguments: [String], actor: String, asOf: String,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
            let csv = try sandbox.ok(csvArguments + ["--format", "csv"], actor: actor, asOf: asOf)
            let json = try sandbox.ok(jsonArguments + ["--format", "json"], actor: actor, asOf: asOf).object()
            let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            try #require(lines.count == 2 && lines[0].count == lines[1].count, "\(csv.stdout)", sourceLocation: sourceLocation)
            // JSON leaves out an absent value; CSV shows it as an empty cell.
            let cells = Dictionary(uniqueKeysWithValues: zip(lines[0].map(String.init), lines[1].map(String.init)))
            #expect(Set(json.keys).isSubset(of: cells.keys), "\(cells.keys.sorted()) vs \(json.keys.sorted())",
                    sourceLocation: sourceLocation)
            for (key, cell) in cells where json[key] == nil {
                #expect(cell.isEmpty, "\(key) is not in the JSON but has a cell", sourceLocation: sourceLocation)
            }
        }
        try same(Fixtures.register("C-3", released: "2026-04-01", months: 6), Fixtures.register("D-4", released: "2026-04-01", months: 6),
                 actor: "okafor", asOf: "2026-03-20")
        try same(["term", "extend", "--case-ref", "C-3", "--months", "1"],
                 ["term", "extend", "--case-ref", "D-4", "--months", "1"], actor: "okafor", asOf: "2026-03-20")
        try same(["officer", "add", "--id", "a", "--name", "A", "--role", "officer"],
                 ["officer", "add", "--id", "b", "--name", "B", "--role", "officer"], actor: "root", asOf: "2026-03-20")
        try same(["holiday", "add", "2026-12-25"], ["holiday", "add", "2026-12-26"], actor: "root", asOf: "2026-03-20")
        try same(["lifelog", "submit", "--case-ref", "A-1"], ["lifelog", "submit", "--case-ref", "B-2"],
                 actor: "sutherland", asOf: "2026-03-20")
        try same(["scan"], ["scan"], actor: "sutherland", asOf: "2026-03-20")
        try same(["audit", "verify"], ["audit", "verify"], actor: "root", asOf: "2026-03-20")
    }

    /// A rescheduled outcome's new appointment is one cell of "key=value" pairs.
    @Test func aNestedRecordInOneCell() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let id = try sandbox.schedule("A-1", at: "2026-03-10T10:00", asOf: "2026-03-02")
        let table = try sandbox.ok(["interview", "log", String(id), "--outcome", "rescheduled", "--requested-by", "agency",
                                    "--new-at", "2026-03-12T14:00"], actor: "okafor", asOf: "2026-03-09")
        let line = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("newAppointment") })
        #expect(line.hasSuffix("caseRef=A-1 at=2026-03-12T14:00 endsAt=2026-03-12T15:00 minutes=60 kind=office"), "\(line)")
        #expect(line.contains("id=\(id + 1) "), "\(line)")
    }

    @Test func exitCodesByKind() {
        let codes: [(CaseloadError.Kind, Int32)] = [
            (.usage, 64), (.invalidInput, 65), (.notFound, 66), (.cannotOpen, 73), (.busy, 75), (.notPermitted, 77),
            (.other, 1),
        ]
        for (kind, code) in codes {
            #expect(exitCode(for: kind) == code, "\(kind)")
        }
    }

    @Test func sixOrMoreChoicesInOneSentence() {
        let message = "Error: The value 'x' is invalid for '--need <need>'. Please provide one of the following:\n"
            + "  - a\n  - b\n  - c\nHelp:  --need <need>  A support need.\nUsage: caseload lifelog submit"
        #expect(usageSentence(message) == "The value 'x' is invalid for '--need <need>'. Please provide one of 'a', 'b' or 'c'.")
        #expect(usageSentence("Error: Missing expected argument '--name <name>'\nHelp: …") == "Missing expected argument '--name <name>'")
    }
}
