import ArgumentParser
import Supervision
import SupervisionRules

extension RestrictionCommand.Add {
    struct TravelPermit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "travel-permit", abstract: "A travel permit: suspends the permitted area between two dates.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var supervisee: CaseRefOption
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day, YYYY-MM-DD.") var to: String
        @Option(parsing: .unconditional, help: "Destination circle LAT,LON,RADIUS_M.") var circle: String?
        @Option(parsing: .unconditional, help: "Destination polygon \"LAT,LON;…\".") var polygon: String?
        @Option(help: "Why.") var reason: String?

        func validate() throws {
            if circle != nil, polygon != nil { throw ValidationError("give --circle or --polygon, not both") }
        }

        func run() throws {
            try RestrictionCommand.add(global, RestrictionRequest(
                kind: .travelPermit, caseRef: supervisee.caseRef, from: from, to: to, circle: circle, polygon: polygon,
                reason: reason))
        }
    }
}
