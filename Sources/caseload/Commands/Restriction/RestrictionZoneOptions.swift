import ArgumentParser
import Supervision
import SupervisionRules

extension RestrictionCommand.Add {
    /// The options of an exclusion or inclusion zone: the area as a circle or a polygon.
    struct Zone: ParsableArguments {
        @OptionGroup var supervisee: CaseRefOption
        @Option(parsing: .unconditional, help: "A circle: LAT,LON,RADIUS_M.") var circle: String?
        @Option(parsing: .unconditional, help: "A polygon: \"LAT,LON;LAT,LON;…\" (at least 3 points).") var polygon: String?
        @Option(help: "What to call it.") var name: String?
        @OptionGroup var period: Period

        func validate() throws {
            guard (circle == nil) != (polygon == nil) else {
                throw ValidationError("give exactly one of --circle LAT,LON,RADIUS_M or --polygon \"LAT,LON;…\"")
            }
        }

        func request(_ kind: RestrictionKind) -> RestrictionRequest {
            RestrictionRequest(kind: kind, caseRef: supervisee.caseRef, circle: circle, polygon: polygon, name: name,
                               starts: period.starts, ends: period.ends)
        }
    }
}
