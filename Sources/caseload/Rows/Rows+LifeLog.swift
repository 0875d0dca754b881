import Supervision
import SupervisionRules

extension LifeLogReceipt: TableRow {
    static var fields: [Field<LifeLogReceipt>] {
        [.init("entryId", \.entryId), .init("caseRef", \.caseRef), .init("submittedAt", \.submittedAt),
         .init("filledDueOn", \.filledDueOn), .init("locationReportIds", \.locationReportIds)]
    }
}
