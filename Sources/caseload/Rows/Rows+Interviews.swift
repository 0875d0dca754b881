import Supervision
import SupervisionRules

/// `interview schedule` lists these; a dry run has no ids yet.
extension ScheduledAppointment: TableRow, CellValue {
    static var fields: [Field<ScheduledAppointment>] {
        [.init("id", header: "ID", width: 9, alignRight: true) { $0.id.map(String.init) ?? "(dry run)" },
         .init("caseRef", \.caseRef, header: "CASE", width: 14),
         .init("at", \.at, header: "AT", width: 16),
         .init("endsAt", \.endsAt, header: "ENDS", width: 16),
         .init("minutes", \.minutes, header: "MIN", width: 4, alignRight: true),
         .init("kind", \.kind, header: "KIND", width: 6)]
    }
}

extension OutcomeReceipt: TableRow {
    static var fields: [Field<OutcomeReceipt>] {
        [.init("appointmentId", \.appointmentId), .init("caseRef", \.caseRef), .init("outcome", \.outcome),
         .init("previousOutcome", \.previousOutcome), .init("reason", \.reason),
         .init("newAppointment", \.newAppointment), .init("evidenceWindowEndsOn", \.evidenceWindowEndsOn)]
    }
}
