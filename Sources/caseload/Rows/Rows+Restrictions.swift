import Supervision
import SupervisionRules

extension RestrictionReceipt: TableRow {
    static var fields: [Field<RestrictionReceipt>] {
        [.init("restrictionId", \.restrictionId), .init("caseRef", \.caseRef), .init("kind", \.kind),
         .init("startsOn", \.startsOn), .init("endsOn", \.endsOn), .init("summary", \.summary)]
    }
}

extension LocationReceipt: TableRow {
    static var fields: [Field<LocationReceipt>] {
        [.init("reportId", \.reportId), .init("caseRef", \.caseRef), .init("at", \.at), .init("source", \.source),
         .init("lowAccuracy", \.lowAccuracy)]
    }
}
