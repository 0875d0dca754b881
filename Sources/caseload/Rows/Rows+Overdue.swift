import Supervision
import SupervisionRules

/// The overdue listing: one row per supervisee and item.
extension OverdueItem: TableRow {
    static var fields: [Field<OverdueItem>] {
        [.init("caseRef", \.caseRef, header: "CASE", width: 12),
         .init("name", \.name, header: "NAME", width: 18),
         .init("officer", \.officer, header: "OFFICER", width: 9),
         .init("item", \.item, header: "ITEM", width: 17),
         .init("dueOn", \.dueOn, header: "DUE", width: 10),
         .init("daysOverdue", \.daysOverdue, header: "DAYS", width: 4, alignRight: true)]
    }
}
