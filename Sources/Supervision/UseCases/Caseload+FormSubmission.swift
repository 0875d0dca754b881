import Storage
import SupervisionRules

extension Caseload {
    /// How long a used form id is remembered: long enough for any reload or back-and-submit.
    static let formSubmissionSeconds: Int64 = 86_400

    /// Runs `body` once per form id and actor (docs/web.md, Forms): the first time it runs and
    /// its result path is remembered in the same transaction as its change; a repeat finds the
    /// remembered path and runs nothing. So a double submit records one entry, and a refused
    /// first post (which rolls back) leaves the id free for the corrected form.
    ///
    /// Returns the result path and whether this was a repeat.
    public func submitOnce(formID: String, actorID: String, now: Instant,
                           _ body: (Caseload) throws -> String) throws -> (path: String, repeated: Bool) {
        guard (16...64).contains(formID.utf8.count),
              formID.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_") }) else {
            throw CaseloadError.invalid("formId: this form is out of date; open the page again and resubmit")
        }
        // The look-up, the change and the record of the id are one transaction: outside a
        // batch one is opened here; inside one (the server's group commit) one savepoint.
        guard isInBatch else { return try batch { try $0.submitOnce(formID: formID, actorID: actorID, now: now, body) } }
        return try savepoint { caseload in
            let remembered = try caseload.change(actorID: nil, now: now) { session -> String? in
                try session.connection.scalar(
                    "SELECT result_path FROM form_submission WHERE form_id = ? AND actor_id = ?", [formID, actorID])
            }
            if let remembered { return (remembered, true) }
            let path = try body(caseload)
            try caseload.change(actorID: nil, now: now) { session in
                try session.connection.execute("DELETE FROM form_submission WHERE created_at < ?",
                                               [now.secondsSinceEpoch - Caseload.formSubmissionSeconds])
                try session.connection.execute("""
                    INSERT INTO form_submission (form_id, actor_id, result_path, created_at) VALUES (?, ?, ?, ?)
                    """, [formID, actorID, path, now.secondsSinceEpoch])
            }
            return (path, false)
        }
    }
}
