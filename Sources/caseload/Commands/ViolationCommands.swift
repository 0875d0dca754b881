import ArgumentParser
import Foundation
import Supervision
import SupervisionRules

struct RestrictionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restriction", abstract: "Movement restrictions.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a restriction to the open term.",
            subcommands: [Curfew.self, Exclusion.self, Inclusion.self, TravelPermit.self])
    }

    struct Curfew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "curfew", abstract: "A curfew: local from/to times (may cross midnight), on the days the window starts.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "Start of the window, HH:MM local.") var from: String
        @Option(help: "End of the window, HH:MM local (earlier than --from: crosses midnight).") var to: String
        @Option(help: "Days on which the window starts: mon,tue,… (default every day).") var days: String?
        @Option(parsing: .unconditional, help: "Home point LAT,LON (default: the registered home).") var home: String?
        @Option(help: "Tolerance in metres (default 100).") var tolerance: Double?
        @Option(help: "First day, YYYY-MM-DD (default today).") var starts: String?
        @Option(help: "Last day, YYYY-MM-DD (default the term's end).") var ends: String?

        func run() throws {
            try addRestriction(global, RestrictionRequest(kind: .curfew, caseRef: caseRef, from: from, to: to, days: days,
                                                          home: home, tolerance: tolerance, starts: starts, ends: ends))
        }
    }

    struct Zone: ParsableArguments {
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(parsing: .unconditional, help: "A circle: LAT,LON,RADIUS_M.") var circle: String?
        @Option(parsing: .unconditional, help: "A polygon: \"LAT,LON;LAT,LON;…\" (at least 3 points).") var polygon: String?
        @Option(help: "What to call it.") var name: String?
        @Option(help: "First day, YYYY-MM-DD (default today).") var starts: String?
        @Option(help: "Last day, YYYY-MM-DD (default the term's end).") var ends: String?

        func validate() throws {
            guard (circle == nil) != (polygon == nil) else {
                throw ValidationError("give exactly one of --circle LAT,LON,RADIUS_M or --polygon \"LAT,LON;…\"")
            }
        }

        func request(_ kind: RestrictionKind) -> RestrictionRequest {
            RestrictionRequest(kind: kind, caseRef: caseRef, circle: circle, polygon: polygon, name: name,
                               starts: starts, ends: ends)
        }
    }

    struct Exclusion: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exclusion", abstract: "An exclusion zone the supervisee must not enter.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var zone: Zone
        func run() throws { try addRestriction(global, zone.request(.exclusion)) }
    }

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "inclusion", abstract: "A permitted area the supervisee must stay inside.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var zone: Zone
        func run() throws { try addRestriction(global, zone.request(.inclusion)) }
    }

    struct TravelPermit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "travel-permit", abstract: "A travel permit: suspends the permitted area between two dates.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day, YYYY-MM-DD.") var to: String
        @Option(parsing: .unconditional, help: "Destination circle LAT,LON,RADIUS_M.") var circle: String?
        @Option(parsing: .unconditional, help: "Destination polygon \"LAT,LON;…\".") var polygon: String?
        @Option(help: "Why.") var reason: String?

        func validate() throws {
            if circle != nil, polygon != nil { throw ValidationError("give --circle or --polygon, not both") }
        }

        func run() throws {
            try addRestriction(global, RestrictionRequest(kind: .travelPermit, caseRef: caseRef, from: from, to: to,
                                                          circle: circle, polygon: polygon, reason: reason))
        }
    }
}

private func addRestriction(_ global: GlobalOptions, _ request: RestrictionRequest) throws {
    let (caseload, now) = try global.open()
    try global.output().record(try caseload.addRestriction(request, actorID: global.actorID, now: now))
}

struct LocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "location", abstract: "Location reports.", subcommands: [Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a location report (a check-in or an officer's sighting).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "When, YYYY-MM-DDTHH:MM (local unless it has an offset).") var at: String
        @Option(parsing: .unconditional, help: "Latitude, −90…90.") var lat: Double
        @Option(parsing: .unconditional, help: "Longitude, −180…180.") var lon: Double
        @Option(help: "Accuracy in metres (default 0).") var accuracy: Double = 0
        @Option(help: "check-in or officer (default: check-in for a supervisee, officer for staff).") var source: String?

        func run() throws {
            let (caseload, now) = try global.open()
            let receipt = try caseload.reportLocation(
                LocationReportRequest(caseRef: caseRef, at: at, latitude: lat, longitude: lon, accuracy: accuracy, source: source),
                actorID: global.actorID, now: now)
            try global.output().record(receipt)
        }
    }
}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Detect violations as of --as-of (deterministic; a second scan adds nothing).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this officer's caseload.") var officer: String?

    func run() throws {
        let (caseload, now) = try global.open()
        try global.output().record(try caseload.scan(officer: officer, actorID: global.actorID, now: now))
    }
}

extension ViolationListStatus: ExpressibleByArgument {}

struct ViolationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violations", abstract: "Scan, then list violations with each supervisee's recall recommendation.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "open, confirmed, dismissed or all (default open).") var status: ViolationListStatus = .open
    @Option(help: "Only this officer's caseload.") var officer: String?

    func run() throws {
        let (caseload, now) = try global.open()
        try printViolations(caseload: caseload, status: status, officer: officer, actorID: global.actorID, now: now,
                            output: global.output())
    }
}

/// The violations listing, streamed.
func printViolations(caseload: Caseload, status: ViolationListStatus, officer: String?, actorID: String?,
                     now: Instant, output: Output) throws {
    let listing = output.listing([
        .init(key: "id", header: "ID", width: 5, alignRight: true),
        .init(key: "caseRef", header: "CASE", width: 10),
        .init(key: "kind", header: "KIND", width: 22),
        .init(key: "severity", header: "SEV", width: 6),
        .init(key: "occurredOn", header: "DATE", width: 10),
        .init(key: "status", header: "STATUS", width: 9),
        .init(key: "recallRecommended", header: "RECALL", width: 6),
    ])
    try caseload.violations(status: status, officer: officer, actorID: actorID, now: now) { row in
        try listing.row([String(row.id), row.caseRef, row.kind.rawValue, row.severity.rawValue, row.occurredOn.description, row.status.rawValue,
                         row.recallRecommended ? "yes" : "no"]) { try Output.json(row) }
    }
    listing.finish(empty: "no violations")
}

struct ViolationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violation", abstract: "Review a violation.", subcommands: [Confirm.self, Dismiss.self])

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm an open violation.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The violation id.") var id: Int64
        @Option(help: "Why (optional).") var reason: String?

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.reviewViolation(id: id, confirm: true, reason: reason,
                                                                    actorID: global.actorID, now: now))
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dismiss an open violation (needs --reason).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The violation id.") var id: Int64
        @Option(help: "Why it is dismissed.") var reason: String?

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.reviewViolation(id: id, confirm: false, reason: reason,
                                                                    actorID: global.actorID, now: now))
        }
    }
}

struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Recall decisions (supervisors only).", subcommands: [Decide.self])

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve or reject a recall recommendation, with a rationale.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Flag(help: "Approve: the term is revoked and a recall requested.") var approve = false
        @Flag(help: "Reject: the term continues; counting starts again.") var reject = false
        @Option(help: "The written rationale (required).") var rationale: String?

        func validate() throws {
            guard approve != reject else { throw ValidationError("give exactly one of --approve or --reject") }
        }

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.decideRecall(caseRef: caseRef, approve: approve, rationale: rationale,
                                                                 actorID: global.actorID, now: now))
        }
    }
}
