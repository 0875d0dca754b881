import SupervisionRules
import Storage

/// What `caseload import releases` did (or, with `--dry-run`, would do).
public struct ImportReceipt: Sendable, Equatable, Codable {
    public let dryRun: Bool
    /// Records read (blank lines are not records).
    public let releases: Int
    public let newPeople: Int
    public let terms: Int
    public let appointments: Int
}

extension Caseload {
    /// `caseload import releases FILE.csv` (docs/lifecycle.md §15): every record gets `register`'s checks and
    /// audit entries, in one transaction, written as it is read so memory stays flat however
    /// long the file. The first refused record refuses the file, naming its line (the physical
    /// line it starts on) and case reference, and nothing is kept. With `dryRun` everything is
    /// checked and written inside the transaction, which is then rolled back: a dry run sees
    /// exactly the refusals a real import would (a case reference twice in the file included).
    ///
    /// `progress` is called after each record with the count and the bytes read so far.
    public func importReleases(from reader: ReleaseCSVReader, dryRun: Bool, actorID: String?, now: Instant,
                               progress: ((_ records: Int, _ bytesRead: Int) -> Void)? = nil) throws -> ImportReceipt {
        var receipt: ImportReceipt?
        do {
            try change(actorID: actorID, now: now) { session in
                _ = try session.requireCaseworker("import releases")
                var checkedOfficers: Set<String> = []
                var releases = 0, newPeople = 0, appointments = 0
                while let record = try reader.next() {
                    releases += 1
                    do {
                        let ref = try? InputHygiene.caseRef(record.release.caseRef)
                        let existed: Bool = try session.connection.scalar(
                            "SELECT 1 FROM person WHERE case_ref = ?", [ref]) ?? false
                        let registered = try session.register(record.release, checkedOfficers: &checkedOfficers)
                        if !existed { newPeople += 1 }
                        if let at = record.firstInterviewAt {
                            try session.scheduleFirstInterview(termId: registered.termId, at: at)
                            appointments += 1
                        }
                    } catch {
                        let refusal = CaseloadError.from(error)
                        let which = (try? InputHygiene.caseRef(record.release.caseRef)).map { " (\($0))" } ?? ""
                        throw CaseloadError(refusal.kind, "line \(record.line)\(which): "
                            + "\(Self.columnWording(refusal.message)); nothing was imported")
                    }
                    progress?(releases, record.bytesRead)
                }
                let result = ImportReceipt(dryRun: dryRun, releases: releases, newPeople: newPeople, terms: releases,
                                           appointments: appointments)
                receipt = result
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {
        } catch let refusal as CaseloadError where !refusal.message.hasSuffix("nothing was imported") {
            throw CaseloadError(refusal.kind, "\(refusal.message); nothing was imported")
        }
        guard let receipt else { throw CaseloadError(.other, "the import did not finish") }
        return receipt
    }

    /// `register` names its options (`--born: …`); in a file they are columns (`born: …`).
    static func columnWording(_ message: String) -> String {
        let options = ["--case-ref": "caseRef", "--name": "name", "--born": "born", "--released": "released",
                       "--months": "months", "--level": "level", "--officer": "officer", "--home": "home",
                       "--at": "firstInterviewAt"]
        for (option, column) in options where message.hasPrefix(option + ":") {
            return column + message.dropFirst(option.count)
        }
        return message
    }
}

/// Thrown to roll back a dry run's transaction after everything was checked.
private struct DryRunRollback: Error {}

extension Session {
    /// An import's `firstInterviewAt`: a 60-minute office interview, inside the new term.
    func scheduleFirstInterview(termId: Int64, at raw: String) throws {
        let (actor, _) = try requireCaseworker("schedule interviews")
        let term = try term(id: termId)
        let local = try localDateTime(raw, field: "--at")
        guard term.covers(local.date) else {
            throw CaseloadError.invalid("--at: \(local.isoMinutes) is outside \(term.caseRef)'s supervision term (\(term.startsOn) to \(term.lastSupervisedDay))")
        }
        _ = try insertAppointment(term: term, start: agency.zone.instant(of: local), minutes: 60, kind: .office,
                                  rescheduledFrom: nil, by: actor)
    }
}
