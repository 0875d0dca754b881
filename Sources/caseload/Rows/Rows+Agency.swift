import Supervision
import SupervisionRules

extension InitReceipt: TableRow {
    static var fields: [Field<InitReceipt>] {
        [.init("agency", \.agency), .init("timeZone", \.timeZone), .init("admin", \.admin),
         .init("created", \.created), .init("appliedMigrations", \.appliedMigrations)]
    }
}

extension Officer: TableRow {
    static var fields: [Field<Officer>] {
        [.init("id", \.id), .init("name", \.name), .init("role", \.role), .init("active", \.active)]
    }
}

extension Caseload.HolidayReceipt: TableRow {
    static var fields: [Field<Caseload.HolidayReceipt>] {
        [.init("date", \.date), .init("name", \.name)]
    }
}

extension BackupReceipt: TableRow {
    static var fields: [Field<BackupReceipt>] {
        [.init("path", \.path), .init("auditEntries", \.auditEntries), .init("auditHeadHash", \.auditHeadHash)]
    }
}

extension CheckReport: TableRow {
    static var fields: [Field<CheckReport>] {
        [.init("path", \.path), .init("schemaVersion", \.schemaVersion), .init("auditEntries", \.auditEntries),
         .init("problems", \.problems)]
    }
}

extension AuditHead: TableRow {
    static var fields: [Field<AuditHead>] {
        [.init("entries", \.entries), .init("head", \.head), .init("lastHash", \.lastHash)]
    }
}

extension ImportReceipt: TableRow {
    static var fields: [Field<ImportReceipt>] {
        [.init("dryRun", \.dryRun), .init("releases", \.releases), .init("newPeople", \.newPeople),
         .init("terms", \.terms), .init("appointments", \.appointments)]
    }
}

extension SubjectAccessReceipt: TableRow {
    static var fields: [Field<SubjectAccessReceipt>] {
        [.init("caseRef", \.caseRef), .init("json", \.json), .init("html", \.html), .init("auditEntries", \.auditEntries)]
    }
}

extension RetentionSettingReceipt: TableRow {
    static var fields: [Field<RetentionSettingReceipt>] {
        [.init("retentionYears", \.retentionYears)]
    }
}

extension RetentionPurgeReceipt: TableRow {
    static var fields: [Field<RetentionPurgeReceipt>] {
        [.init("dryRun", \.dryRun), .init("retentionYears", \.retentionYears), .init("cutoff", \.cutoff),
         .init("people", \.people), .init("caseRefs", \.caseRefs), .init("auditEntriesErased", \.auditEntriesErased),
         .init("fileScrubbed", \.fileScrubbed)]
    }
}

extension AccountInvitation: TableRow {
    static var fields: [Field<AccountInvitation>] {
        [.init("userName", \.userName), .init("code", \.code), .init("expiresAt", \.expiresAt), .init("reset", \.reset)]
    }
}
