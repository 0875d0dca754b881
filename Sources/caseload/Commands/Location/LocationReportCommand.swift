import ArgumentParser
import Supervision
import SupervisionRules

extension LocationCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a location report (a check-in or an officer's sighting).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "When, YYYY-MM-DDTHH:MM (local unless it has an offset).") var at: String
        @Option(parsing: .unconditional, help: "Latitude, −90…90.") var lat: Double
        @Option(parsing: .unconditional, help: "Longitude, −180…180.") var lon: Double
        @Option(help: "Accuracy in metres (default 0).") var accuracy: Double = 0
        @Option(help: "Who reports it (default: check-in for a supervisee, officer for staff).") var source: LocationSource?

        func run() throws {
            try global.record { caseload, actorID, now in
                try caseload.reportLocation(
                    LocationReportRequest(caseRef: supervisee.caseRef, at: at, latitude: lat, longitude: lon,
                                          accuracy: accuracy, source: source?.rawValue),
                    actorID: actorID, now: now)
            }
        }
    }
}
