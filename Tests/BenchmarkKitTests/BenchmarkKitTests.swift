import Foundation
import Testing
@testable import BenchmarkKit

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
        #expect(report.results.map(\.name) == ["import", "write", "lookup", "overdue"])
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

        // The scan found the generated breaches and missed entries, and a second one added none
        // (the workload throws otherwise).
        #expect(report.agency.restrictionsWritten == report.agency.restrictionPlans.count)
        #expect(report.scan.terms > 0 && report.scan.detected > 0)

        // The raw twins keep the audit chain valid.
        #expect(report.auditIntact)
        #expect(report.memory.count == 2)
        #expect(report.memory.allSatisfy { $0.rows > 0 && $0.peakKiB > 0 })
        #expect(report.memory[0].rows == overdue.appRows)
    }

    @Test func tableAndJSONCarryEveryWorkload() throws {
        let report = try Self.run(scale: 20)
        let table = report.table
        for name in ["import", "write", "lookup", "overdue"] { #expect(table.contains(name)) }
        #expect(table.contains("scan: first"))
        let scan = try #require(object(report)?["scan"] as? [String: Any])
        #expect(scan["name"] as? String == "scan")
        #expect((scan["app_s"] as? Double).map { $0 > 0 } == true)
        let object = try object(report)
        #expect(object?["scale"] as? Int == 20)
        let results = try #require(object?["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["name"] as? String } == ["import", "write", "lookup", "overdue"])
        for result in results {
            #expect(result["app_s"] as? Double != nil)
            #expect(result["raw_s"] as? Double != nil)
            #expect(result["ratio"] as? Double != nil)
        }
    }

    private func object(_ report: BenchmarkReport) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
    }

    @Test func theGeneratorIsDeterministic() throws {
        let directory = NSTemporaryDirectory()
        let a = (directory as NSString).appendingPathComponent("caseload-bench-det-a-\(getpid()).sqlite")
        let b = (directory as NSString).appendingPathComponent("caseload-bench-det-b-\(getpid()).sqlite")
        defer { for path in [a, b] { Benchmark.removeDatabase(path) } }
        let first = try AgencyGenerator.build(at: a, .init(scale: 30, seed: 3))
        let second = try AgencyGenerator.build(at: b, .init(scale: 30, seed: 3))
        #expect(first.counts == second.counts)
        #expect(first.openCaseRefs == second.openCaseRefs)
        #expect(first.restrictionPlans == second.restrictionPlans)
    }
}
