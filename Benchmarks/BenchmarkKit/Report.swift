import Foundation

extension BenchmarkReport {
    /// The readable table.
    public var table: String {
        let agency = self.agency
        let c = agency.counts
        var lines: [String] = []
        lines.append("caseload-bench: scale \(configuration.scale.grouped) supervisees, seed \(configuration.seed), median of \(configuration.repetitions) repetitions")
        lines.append("agency as of \(AgencyGenerator.asOf.isoMinutes) \(agency.timeZone): \(agency.officers.count.grouped) officers, \(c.openTerms.grouped) open terms, \(c.appointments.grouped) appointments, \(c.lifeLogEntries.grouped) life-log entries, \(c.locationReports.grouped) location reports (\(c.breachingSupervisees.grouped) supervisees breaching); built in \(String(format: "%.1f", agency.buildSeconds)) s")
        if let migrationSeconds {
            lines.append(String(format: "reused a kept agency (its pending migrations took %.1f s); %@ terms with restrictions",
                                migrationSeconds, agency.restrictionsWritten.grouped))
        } else {
            lines.append("restrictions: \(agency.restrictionPlans.count.grouped) supervisees with a curfew and an exclusion zone (\(agency.restrictionsWritten.grouped) written through the use case)")
        }
        lines.append(String(format: "kept due state: pending terms computed in %.1f s; the listings as of the clock %@",
                            dueRefreshSeconds, keptStateAnswers ? "read it" : "DO NOT read it (computed in full)"))
        lines.append("")
        let header = ["workload", "ops/rep", "rows/rep", "app", "raw", "app/op", "raw/op", "ratio", "goal", ""]
        var rows: [[String]] = [header]
        for result in results {
            let raw = result.rawSeconds ?? .nan
            let goalText = result.goal.map { String(format: "≥ %.2f", $0) } ?? ""
            let verdict = result.meetsGoal.map { $0 ? "met" : "MISSED" } ?? ""
            rows.append([result.name, result.operations.grouped, result.appRows.grouped,
                         formatDuration(result.appSeconds), formatDuration(raw),
                         formatDuration(result.appSeconds / Double(result.operations)),
                         formatDuration(raw / Double(result.operations)),
                         result.ratio.map { String(format: "%.3f", $0) } ?? "",
                         goalText, verdict])
        }
        lines.append(contentsOf: align(rows))
        if let overdue = result("overdue") {
            let under = overdue.appSeconds < 1 ? "under" : "OVER"
            lines.append("overdue: \(overdue.appRows.grouped) items listed in \(formatDuration(overdue.appSeconds)) (\(under) 1 s), \(Int(Double(overdue.appRows) / overdue.appSeconds).grouped) rows/s; raw twin listed \((overdue.rawRows ?? 0).grouped)")
        }
        if let lists = result("officer-overdue") {
            let perList = lists.appSeconds / Double(lists.operations)
            lines.append("officer-overdue: \(lists.operations.grouped) officers' lists a repetition, \(formatDuration(perList)) a list (\(perList < 0.01 ? "under" : "OVER") 10 ms), \(lists.appRows.grouped) items in all; raw twin \(formatDuration((lists.rawSeconds ?? .nan) / Double(lists.operations))) a list")
        }
        if let scan {
            let daily = scan.dailyDetected
            lines.append("scan, first (the history's backlog, as of the clock): \(formatDuration(scan.firstSeconds)), recording \(scan.detected.grouped) violations (\(Int(Double(scan.detected) / scan.firstSeconds).grouped) violations/s)")
            lines.append("scan, daily (\(daily.count) day\(daily.count == 1 ? "" : "s") after it, each after a day's changes): \(formatDuration(scan.dailySeconds)) (\(scan.dailySeconds < 1 ? "under" : "OVER") 1 s) over \(scan.terms.grouped) terms, \(Int(Double(scan.terms) / scan.dailySeconds).grouped) terms/s, adding \((daily.min() ?? 0).grouped)–\((daily.max() ?? 0).grouped) violations a day")
            lines.append("scan, again as of the last daily scan's instant: \(formatDuration(scan.repeatSeconds)) (\(scan.repeatSeconds < 1 ? "under" : "OVER") 1 s), nothing added")
        }
        for m in memory {
            lines.append("memory (overdue listing, \(m.freshProcess ? "fresh process" : "in process")): scale \(m.scale.grouped): \(m.rows.grouped) rows, peak RSS \(kib(m.peakKiB)) (\(kib(m.residentBeforeKiB)) before the listing, +\(kib(m.growthKiB)))")
        }
        if memory.count == 2, memory[1].peakKiB > 0 {
            lines.append(String(format: "memory: peak at scale %@ is %.2f× the peak at scale %@ (flat = streaming)",
                                memory[0].scale.grouped, Double(memory[0].peakKiB) / Double(memory[1].peakKiB),
                                memory[1].scale.grouped))
        }
        for name in ["lookup", "overdue", "officer-overdue"] {
            guard let r = result(name) else { continue }
            let agrees = r.appRows == r.rawRows && r.appChecksum == r.rawChecksum
            lines.append("check: \(name) twin \(agrees ? "agrees with the app (same rows, same checksum)" : "DISAGREES with the app")")
        }
        if let auditEntries, let auditIntact {
            lines.append("audit chain: \(auditEntries.grouped) entries, \(auditIntact ? "intact" : "BROKEN")")
        }
        lines.append(String(format: "total %.1f s", totalSeconds))
        return lines.joined(separator: "\n")
    }

    private func kib(_ value: Int) -> String { String(format: "%.1f MiB", Double(value) / 1024) }

    private func align(_ rows: [[String]]) -> [String] {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == row.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }

    /// `{"scale": N, "results": [{"name": "import", "app_s": …, "raw_s": …, "ratio": …}, …], …}`
    public func json() throws -> Data {
        struct Result: Encodable {
            let name: String
            let app_s: Double
            let raw_s: Double?
            let ratio: Double?
            let goal: Double?
            let ops: Int
            let rows: Int
            let app_runs_s: [Double]
            let raw_runs_s: [Double]
        }
        struct Scan: Encodable {
            let name = "scan"
            /// The daily scan (one a day after the first, up to the clock): the median.
            let app_s: Double
            let app_runs_s: [Double]
            let daily_rows: [Int]
            let terms: Int
            let terms_per_s: Double
            /// The first scan, which records the backlog of the agency's history.
            let first_s: Double
            let rows: Int
            let rows_per_s: Double
            /// Scans as of the clock again (nothing new): the median of the repeats.
            let repeat_s: Double
            let repeat_runs_s: [Double]
        }
        struct Document: Encodable {
            let scale: Int
            let seed: UInt64
            let repetitions: Int
            let as_of: String
            let results: [Result]
            let scan: Scan?
            let memory: [OverdueMemory]
            let build_s: Double
            /// A reused agency: its pending migrations' time (absent when built in the run).
            let migration_s: Double?
            let due_refresh_s: Double
            let kept_state_answers: Bool
            let audit_intact: Bool?
        }
        let document = Document(
            scale: configuration.scale, seed: configuration.seed, repetitions: configuration.repetitions,
            as_of: agency.now.description,
            results: results.map {
                Result(name: $0.name, app_s: $0.appSeconds, raw_s: $0.rawSeconds, ratio: $0.ratio, goal: $0.goal,
                       ops: $0.operations, rows: $0.appRows, app_runs_s: $0.appRuns, raw_runs_s: $0.rawRuns)
            },
            scan: scan.map { scan in
                Scan(app_s: scan.dailySeconds, app_runs_s: scan.dailyRuns, daily_rows: scan.dailyDetected,
                     terms: scan.terms, terms_per_s: Double(scan.terms) / scan.dailySeconds,
                     first_s: scan.firstSeconds, rows: scan.detected,
                     rows_per_s: Double(scan.detected) / scan.firstSeconds, repeat_s: scan.repeatSeconds,
                     repeat_runs_s: scan.repeatRuns)
            },
            memory: memory, build_s: agency.buildSeconds, migration_s: migrationSeconds,
            due_refresh_s: dueRefreshSeconds, kept_state_answers: keptStateAnswers,
            audit_intact: auditIntact)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
