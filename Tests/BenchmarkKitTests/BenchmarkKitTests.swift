import Foundation
import Storage
import Supervision
import Testing
@testable import BenchmarkKit
import SupervisionRules

/// Runs every workload at a tiny scale so the benchmark cannot rot. Checks that the figures are
/// sane and that each raw twin produced what the app produced — never the timings themselves.
@Suite struct BenchmarkKitTests {
    static func run(scale: Int) throws -> BenchmarkReport {
        let directory = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("caseload-bench-test-\(getpid())-\(scale)")
        return try Benchmark.run(BenchmarkConfiguration(scale: scale, seed: 7, repetitions: 2, directory: directory))
    }

    @Test func everyWorkloadRunsAndTheTwinsAgree() throws {
        let report = try Self.run(scale: 50)
        #expect(report.agency.counts.supervisees == 50)
        #expect(report.agency.counts.openTerms > 0)
        #expect(report.agency.counts.appointments > 0)
        #expect(report.agency.counts.lifeLogEntries > 0)
        #expect(report.results.map(\.name) == ["import", "write", "lookup", "overdue", "officer-overdue"])
        // The listings read the kept due state, which the raw twins mirror.
        #expect(report.keptStateAnswers)
        for result in report.results {
            #expect(result.appRows > 0, "\(result.name): the app side produced nothing")
            #expect((result.rawRows ?? 0) > 0, "\(result.name): the raw side produced nothing")
            #expect(result.appRuns.count == 2 && result.rawRuns.count == 2)
            let ratio = try #require(result.ratio)
            #expect(ratio.isFinite && ratio > 0, "\(result.name): ratio \(ratio)")
        }
        let importResult = try #require(report.result("import"))
        #expect(importResult.appRows == importResult.operations && importResult.rawRows == importResult.operations)
        let write = try #require(report.result("write"))
        #expect(write.appRows == write.operations && write.rawRows == write.operations)

        // The twins compute the same answers: same overdue rows (case, item, due date, days
        // overdue), same due dates for every lookup.
        let overdue = try #require(report.result("overdue"))
        #expect(overdue.appRows == overdue.rawRows)
        #expect(overdue.appChecksum == overdue.rawChecksum)
        let lookup = try #require(report.result("lookup"))
        #expect(lookup.appRows == lookup.rawRows)
        #expect(lookup.appChecksum == lookup.rawChecksum)
        // One officer's own list (the agency of 50 has one officer, so it is the agency's list
        // as that officer sees it): the twin lists the same items.
        let lists = try #require(report.result("officer-overdue"))
        #expect(lists.operations == report.agency.officers.count)
        #expect(lists.appRows == lists.rawRows)
        #expect(lists.appChecksum == lists.rawChecksum)
        #expect(lists.appRows == overdue.appRows)

        // The scan found the generated breaches and missed entries, and a second one added none
        // (the workload throws otherwise).
        #expect(report.agency.restrictionsWritten == report.agency.restrictionPlans.count)
        let scan = try #require(report.scan)
        #expect(scan.terms > 0 && scan.detected > 0)

        // The raw twins keep the audit chain valid.
        #expect(report.auditIntact == true)
        #expect(report.memory.count == 2)
        #expect(report.memory.allSatisfy { $0.rows > 0 && $0.peakKiB > 0 })
        #expect(report.memory[0].rows == overdue.appRows)
    }

    @Test func tableAndJSONCarryEveryWorkload() throws {
        let report = try Self.run(scale: 20)
        let table = report.table
        for name in ["import", "write", "lookup", "overdue", "officer-overdue"] { #expect(table.contains(name)) }
        #expect(table.contains("scan, first"))
        #expect(table.contains("scan, daily"))
        let scan = try #require(object(report)?["scan"] as? [String: Any])
        #expect(scan["name"] as? String == "scan")
        #expect((scan["app_s"] as? Double).map { $0 > 0 } == true)
        #expect((scan["repeat_s"] as? Double).map { $0 > 0 } == true)
        #expect((scan["daily_rows"] as? [Int])?.count == 2)
        let object = try object(report)
        #expect(object?["scale"] as? Int == 20)
        let results = try #require(object?["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["name"] as? String } == ["import", "write", "lookup", "overdue", "officer-overdue"])
        for result in results {
            #expect(result["app_s"] as? Double != nil)
            #expect(result["raw_s"] as? Double != nil)
            #expect(result["ratio"] as? Double != nil)
        }
    }

    /// Officers' lists over an agency of several officers: each officer sees their own caseload
    /// only, and the twin lists the same items.
    @Test func officersListsAgreeWithTheTwinOverSeveralOfficers() throws {
        let directory = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("caseload-bench-test-officers-\(getpid())")
        let report = try Benchmark.run(BenchmarkConfiguration(scale: 300, seed: 5, repetitions: 2, directory: directory,
                                                              workloads: [.overdue, .officerOverdue]))
        #expect(report.results.map(\.name) == ["overdue", "officer-overdue"])
        let lists = try #require(report.result("officer-overdue"))
        #expect(report.agency.officers.count == 5)
        #expect(lists.operations == 3)
        #expect(lists.appRows > 0)
        #expect(lists.appRows == lists.rawRows)
        #expect(lists.appChecksum == lists.rawChecksum)
        // Three of five officers' lists hold fewer items than the agency's.
        #expect(lists.appRows < (report.result("overdue")?.appRows ?? 0))
        #expect(report.scan == nil && report.memory.isEmpty && report.auditIntact == nil)
    }

    /// `--keep` then `--reuse`: the second run does not rebuild the agency, and the workloads that
    /// write (scan, write, import) write into a copy, so the kept file stays as generated and a
    /// third run can reuse it again (an import into it twice would fail on its case references).
    @Test func aKeptAgencyIsReusedAndStaysAsGenerated() throws {
        let directory = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("caseload-bench-test-reuse-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let kept = (directory as NSString).appendingPathComponent("agency-40.sqlite")
        let built = try Benchmark.run(BenchmarkConfiguration(scale: 40, seed: 2, repetitions: 1, directory: directory,
                                                             keepDatabases: true, workloads: []))
        #expect(built.results.isEmpty && built.migrationSeconds == nil && built.agency.buildSeconds > 0)
        func rows() throws -> [Int64] {
            let connection = try Connection(path: kept)
            return try ["person", "life_log_entry", "violation", "audit_log"].map { table in
                (try connection.scalar("SELECT count(*) FROM \(table)") as Int64?) ?? -1
            }
        }
        let before = try rows()
        for _ in 0..<2 {
            let reused = try Benchmark.run(BenchmarkConfiguration(scale: 40, seed: 2, repetitions: 1,
                                                                  directory: directory, keepDatabases: true,
                                                                  reuse: true, workloads: [.scan, .write, .import]))
            #expect(reused.migrationSeconds != nil && reused.agency.buildSeconds == 0)
            #expect(reused.agency.openCaseRefs == built.agency.openCaseRefs)
            #expect(reused.agency.officers == built.agency.officers)
            #expect(reused.results.map(\.name) == ["import", "write"])
            #expect(reused.auditIntact == true)
            #expect((reused.scan?.detected ?? 0) > 0)
            #expect(try rows() == before)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sqlite") }
        #expect(left == ["agency-40.sqlite"], "the run's copy is removed")
    }

    /// The write and import twins keep the due state by hand: after a twin has written (one
    /// repetition, so the twin writes last and no app write tidies up after it), the kept rows
    /// are exactly what the app computes afresh for every open term, nothing is left pending,
    /// and no due date is filled twice (the write twin works out the one an entry fills).
    @Test(arguments: [BenchmarkWorkload.write, .import])
    func theWritingTwinsKeepTheDueStateAsTheAppDoes(_ workload: BenchmarkWorkload) throws {
        let directory = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("caseload-bench-test-upkeep-\(workload.rawValue)-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try Benchmark.run(BenchmarkConfiguration(scale: 120, seed: 9, repetitions: 1, directory: directory,
                                                              keepDatabases: true, workloads: [workload]))
        #expect(report.results.map(\.name) == [workload.rawValue])
        let path = report.agency.path
        let connection = try Connection(path: path)
        func keptRows() throws -> [String] {
            let columns = ["term_id", "person_id", "officer_id", "case_ref", "starts_on", "ends_on", "interview_due_on",
                           "life_log_due_on", "life_log_from", "life_log_until", "awaiting_outcome",
                           "may_recommend_recall", "valid_through", "becomes_overdue_on"]
            return try connection.fetchAll("""
                SELECT \(columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")) FROM term_due ORDER BY term_id
                """) { try $0.get(0) as String }
        }
        #expect(try connection.scalar("SELECT count(*) FROM due_state_pending") as Int64? == 0)
        let filledTwice: Int64? = try connection.scalar("""
            SELECT count(*) FROM (SELECT 1 FROM life_log_entry WHERE filled_due_on IS NOT NULL
                                  GROUP BY term_id, filled_due_on HAVING count(*) > 1)
            """)
        #expect(filledTwice == 0)
        if workload == .write {
            // Today's entries filled due dates (both sides store the due date an entry fills).
            let filledToday: Int64? = try connection.scalar(
                "SELECT count(*) FROM life_log_entry WHERE local_date = ? AND filled_due_on IS NOT NULL",
                [report.agency.today.description])
            #expect((filledToday ?? 0) > 0)
        }
        let byTheTwins = try keptRows()
        #expect(byTheTwins.count > 100)
        try connection.execute("INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'")
        try Caseload.open(path: path).refreshDueState(now: report.agency.now)
        #expect(try keptRows() == byTheTwins)
    }

    private func object(_ report: BenchmarkReport) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
    }

    /// Two agencies built alike from one seed, in temporary files removed afterwards.
    private func twoAgencies<T>(_ name: String, scale: Int, seed: UInt64,
                                _ body: (GeneratedAgency, GeneratedAgency) throws -> T) throws -> T {
        let directory = NSTemporaryDirectory() as NSString
        let a = directory.appendingPathComponent("caseload-bench-\(name)-a-\(getpid()).sqlite")
        let b = directory.appendingPathComponent("caseload-bench-\(name)-b-\(getpid()).sqlite")
        defer { for path in [a, b] { Benchmark.removeDatabase(path) } }
        return try body(try AgencyGenerator.build(at: a, .init(scale: scale, seed: seed)),
                        try AgencyGenerator.build(at: b, .init(scale: scale, seed: seed)))
    }

    @Test func theGeneratorIsDeterministic() throws {
        try twoAgencies("det", scale: 30, seed: 3) { first, second in
            #expect(first.counts == second.counts)
            #expect(first.openCaseRefs == second.openCaseRefs)
            #expect(first.restrictionPlans == second.restrictionPlans)
        }
    }

    /// Scanning every day (the benchmark's daily scans) records what one scan at the end does,
    /// for the terms that scan covers: the same violations of every kind that, once there,
    /// stays there; for no-contact, also the gaps that were open on an earlier day and have
    /// closed since.
    @Test func dailyScansRecordWhatOneScanAtTheEndRecords() throws {
        try twoAgencies("daily", scale: 60, seed: 11) { daily, once in try checkDailyScans(daily, once) }
    }

    private func checkDailyScans(_ daily: GeneratedAgency, _ once: GeneratedAgency) throws {
        let a = daily.path, b = once.path
        let outcome = try ScanWorkload.run(try Caseload.open(path: a), now: daily.now, days: 4, repeats: 1)
        #expect(outcome.dailyRuns.count == 4 && outcome.repeatRuns.count == 1)
        _ = try Caseload.open(path: b).scan(officer: nil, actorID: AgencyGenerator.supervisor, now: once.now)

        // Terms in the last scan's scope (supervised within 30 days of the clock): a term that
        // left it during the daily scans keeps what they recorded, which one scan at the end
        // does not look at.
        let today = daily.today.description, cutoff = daily.today.adding(days: -30).description
        func violations(_ path: String, noContact: Bool) throws -> Set<String> {
            let connection = try Connection(path: path)
            return Set(try connection.fetchAll("""
                SELECT v.term_id, v.kind, v.cause, v.occurred_on FROM violation v
                JOIN supervision_term t ON t.id = v.term_id
                WHERE (v.kind = 'no-contact') = ? AND t.starts_on <= ?
                  AND (CASE WHEN t.closed_on IS NULL THEN t.ends_on ELSE min(t.closed_on, t.ends_on) END) >= ?
                """, [noContact, today, cutoff]) { row in
                "\(try row.get(0) as Int64) \(try row.get(1) as String) \(try row.get(2) as String) \(try row.get(3) as String)"
            })
        }
        let everyDay = try violations(a, noContact: false)
        let atTheEnd = try violations(b, noContact: false)
        #expect(!atTheEnd.isEmpty)
        #expect(everyDay.subtracting(atTheEnd).sorted() == [], "recorded by the daily scans only")
        #expect(atTheEnd.subtracting(everyDay).sorted() == [], "recorded by the one scan only")
        #expect(try violations(a, noContact: true).isSuperset(of: try violations(b, noContact: true)))
        #expect(outcome.detected + outcome.dailyDetected.reduce(0, +) >= atTheEnd.count)
    }
}
