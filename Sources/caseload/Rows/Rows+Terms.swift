import Supervision
import SupervisionRules

extension RegistrationReceipt: TableRow {
    static var fields: [Field<RegistrationReceipt>] {
        [.init("caseRef", \.caseRef), .init("termId", \.termId), .init("startsOn", \.startsOn),
         .init("endsOn", \.endsOn), .init("firstInterviewDueOn", \.firstInterviewDueOn),
         .init("firstLifeLogDueOn", \.firstLifeLogDueOn)]
    }
}

extension TermChangeReceipt: TableRow {
    static var fields: [Field<TermChangeReceipt>] {
        [.init("caseRef", \.caseRef), .init("termId", \.termId), .init("status", \.status), .init("level", \.level),
         .init("months", \.months), .init("startsOn", \.startsOn), .init("endsOn", \.endsOn)]
    }
}
