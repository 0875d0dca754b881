import Supervision
import SupervisionRules

extension ScanReport: TableRow {
    static var fields: [Field<ScanReport>] {
        [.init("asOf", \.asOf), .init("termsScanned", \.termsScanned), .init("detected", \.detected),
         .init("detectedByKind", \.detectedByKind)]
    }
}

/// The violations listing keeps to 80 columns: the explanation and the names are in the JSON.
extension ViolationRow: TableRow {
    static var fields: [Field<ViolationRow>] {
        [.init("id", \.id, header: "ID", width: 5, alignRight: true),
         .init("caseRef", \.caseRef, header: "CASE", width: 10),
         .init("kind", \.kind, header: "KIND", width: 22),
         .init("severity", \.severity, header: "SEV", width: 6),
         .init("occurredOn", \.occurredOn, header: "DATE", width: 10),
         .init("status", \.status, header: "STATUS", width: 9),
         .init("recallRecommended", header: "RECALL", width: 6) { $0.recallRecommended ? "yes" : "no" }]
    }
}

extension ReviewReceipt: TableRow {
    static var fields: [Field<ReviewReceipt>] {
        [.init("violationId", \.violationId), .init("caseRef", \.caseRef), .init("kind", \.kind),
         .init("status", \.status), .init("reason", \.reason), .init("recallRecommended", \.recallRecommended),
         .init("recallReason", \.recallReason)]
    }
}

extension RecallDecisionReceipt: TableRow {
    static var fields: [Field<RecallDecisionReceipt>] {
        [.init("decisionId", \.decisionId), .init("caseRef", \.caseRef), .init("decision", \.decision),
         .init("rationale", \.rationale), .init("recommendedSince", \.recommendedSince),
         .init("violationIds", \.violationIds), .init("termStatus", \.termStatus),
         .init("recallRequested", \.recallRequested)]
    }
}
