import Foundation
import Supervision
import SupervisionRules

// Caseload against the raw SQLite C API, side by side, on the same database in the same process.
// `Benchmark.run` builds the agency, runs every workload and its raw twin, and returns a report;
// the `caseload-bench` executable only parses arguments and prints it. See Benchmarks/README.md.

/// The workloads `Benchmark.run` can run (`--workloads`), in the order it runs them.
public enum BenchmarkWorkload: String, CaseIterable, Sendable {
    case lookup, overdue
    case officerOverdue = "officer-overdue"
    case scan, memory, write
    case `import`

    /// Workloads that write into the agency (scan records violations; write and import add
    /// rows): a reused agency is copied before they run, so the kept one stays as generated.
    public var writes: Bool { self == .scan || self == .write || self == .import }
}

public struct BenchmarkConfiguration: Sendable {
    /// Supervisees in the agency.
    public var scale: Int
    public var seed: UInt64
    /// Timed repetitions per workload (the median is reported).
    public var repetitions: Int
    /// Where the databases are built; nil makes a fresh temporary directory.
    public var directory: String?
    /// Keep the databases afterwards (otherwise they are deleted).
    public var keepDatabases: Bool
    /// This executable, to measure the overdue listing's memory in fresh processes
    /// (`--overdue-only`); nil measures inside this process (tests).
    public var probeExecutable: String?
    /// Use the databases an earlier run kept in `directory` (`--reuse`) instead of building them;
    /// builds them when they are not there. A reused agency is migrated by this code first, and
    /// copied when a workload writes, so the kept file stays as generated.
    public var reuse: Bool
    /// The workloads to run (`--workloads`); empty builds the agency and stops.
    public var workloads: Set<BenchmarkWorkload>
    /// Progress lines (to standard error in the executable).
    public var log: @Sendable (String) -> Void

    public init(scale: Int = 20_000, seed: UInt64 = 1, repetitions: Int = 5, directory: String? = nil,
                keepDatabases: Bool = false, probeExecutable: String? = nil, reuse: Bool = false,
                workloads: Set<BenchmarkWorkload> = Set(BenchmarkWorkload.allCases),
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.scale = scale
        self.seed = seed
        self.repetitions = repetitions
        self.directory = directory
        self.keepDatabases = keepDatabases
        self.probeExecutable = probeExecutable
        self.reuse = reuse
        self.workloads = workloads
        self.log = log
    }

    /// Operations per repetition, sized to the agency and capped so scale 5,000 runs in well
    /// under a minute and scale 100,000 in minutes.
    var importCount: Int { min(5_000, max(20, scale / 4)) }
    var writeCount: Int { min(1_000, max(20, scale / 20)) }
    var lookupCount: Int { min(2_000, max(50, scale / 10)) }
    /// Officers' lists per repetition of `officer-overdue` (a sample spread over the agency).
    var officerListCount: Int { min(200, max(1, scale / 100)) }
}

/// One workload's figures: medians over the repetitions, app and raw measured in the same run.
public struct WorkloadResult: Sendable, Equatable {
    public let name: String
    /// Operations per repetition (registrations, transactions, look-ups; 1 for a listing).
    public let operations: Int
    /// Rows produced per repetition, app side and raw side.
    public let appRows: Int
    public let rawRows: Int?
    /// Order-independent folds of what each side produced (equal when they produced the same).
    public let appChecksum: UInt64
    public let rawChecksum: UInt64?
    public let appRuns: [Double]
    public let rawRuns: [Double]
    /// raw ÷ app at least this (1.0 = as fast as raw); nil for none.
    public let goal: Double?

    public var appSeconds: Double { median(appRuns) }
    public var rawSeconds: Double? { rawRuns.isEmpty ? nil : median(rawRuns) }
    /// raw time ÷ app time.
    public var ratio: Double? { rawSeconds.map { $0 / appSeconds } }
    public var meetsGoal: Bool? { goal.flatMap { goal in ratio.map { $0 >= goal } } }
}

/// The scan's figures: no raw twin, absolute times.
public struct ScanFigures: Sendable {
    /// The first scan (the history's backlog), as of `dailyRuns.count` days before the clock.
    public let firstSeconds: Double
    public let detected: Int
    public let terms: Int
    /// One scan a day after it, up to the clock: seconds and violations added each day.
    public let dailySeconds: Double
    public let dailyRuns: [Double]
    public let dailyDetected: [Int]
    /// Scans as of the clock again, adding nothing.
    public let repeatSeconds: Double
    public let repeatRuns: [Double]
}

public struct BenchmarkReport: Sendable {
    public let configuration: BenchmarkConfiguration
    public let agency: GeneratedAgency
    public let results: [WorkloadResult]
    /// The whole-agency scan: the first (the history's backlog), daily ones, and repeats; nil
    /// when not run.
    public let scan: ScanFigures?
    public let memory: [OverdueMemory]
    /// The audit chain checked after the raw twins wrote into it; nil when none wrote.
    public let auditEntries: Int?
    public let auditIntact: Bool?
    /// A reused agency: seconds taken to apply this code's pending migrations to it (nil: built).
    public let migrationSeconds: Double?
    /// Seconds taken to compute the kept due state the generator or a migration left pending.
    public let dueRefreshSeconds: Double
    /// Whether the overdue listings as of the clock read the kept due state (else they compute
    /// every term, which the raw twins refuse to mirror).
    public let keptStateAnswers: Bool
    public let totalSeconds: Double

    public func result(_ name: String) -> WorkloadResult? { results.first { $0.name == name } }
}

public enum Benchmark {
    /// Builds the agency and runs every workload. Throws only when the benchmark itself cannot
    /// run (a product error during a workload is a failure, not a figure).
    public static func run(_ configuration: BenchmarkConfiguration) throws -> BenchmarkReport {
        let started = monotonicSeconds()
        let log = configuration.log
        let selected = configuration.workloads
        let fileManager = FileManager.default
        let directory = configuration.directory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("caseload-bench-\(getpid())")
        try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let keptPath = (directory as NSString).appendingPathComponent("agency-\(configuration.scale).sqlite")
        let smallScale = max(1, configuration.scale / 4)
        let smallPath = (directory as NSString).appendingPathComponent("agency-\(smallScale)-small.sqlite")
        // A reused agency that a workload writes into is copied here first, and the copy removed.
        let runPath = (directory as NSString).appendingPathComponent("agency-\(configuration.scale)-run-\(getpid()).sqlite")
        let reusing = configuration.reuse && fileManager.fileExists(atPath: keptPath)
        let reusingSmall = configuration.reuse && fileManager.fileExists(atPath: smallPath)
        if !reusing { removeDatabase(keptPath) }
        if !reusingSmall { removeDatabase(smallPath) }
        var builtHere = reusing ? [] : [keptPath]
        defer {
            removeDatabase(runPath)
            if !configuration.keepDatabases {
                for path in builtHere { removeDatabase(path) }
                if configuration.directory == nil { try? fileManager.removeItem(atPath: directory) }
            }
        }

        let agency: GeneratedAgency
        var migrationSeconds: Double?
        let dueRefreshSeconds: Double
        if reusing {
            // This code's pending migrations, applied to the kept file once (and timed): the
            // copies made below, and later runs, start from the migrated file.
            let zone = AgencyZone(identifier: AgencyGenerator.timeZone)!
            var applied: [String] = []
            let seconds = try timed {
                applied = try Caseload.initialize(path: keptPath, timeZone: nil, agencyName: nil, adminID: nil,
                                                  now: zone.instant(of: AgencyGenerator.asOf)).appliedMigrations
            }
            migrationSeconds = seconds
            log(String(format: "reusing %@ (%@); migrations applied: %@ in %.1f s", keptPath,
                       fileSize(keptPath), applied.isEmpty ? "none" : applied.joined(separator: ", "), seconds))
            dueRefreshSeconds = try refreshDueState(keptPath, log: log)
            var path = keptPath
            if selected.contains(where: \.writes) {
                let copySeconds = try timed { try copyDatabase(keptPath, to: runPath) }
                log(String(format: "copied it to %@ in %.1f s (scan, write and import write into the copy)",
                           runPath, copySeconds))
                path = runPath
            }
            agency = try AgencyGenerator.load(path: path, scale: configuration.scale, seed: configuration.seed)
        } else {
            log("building an agency of \(configuration.scale.grouped) supervisees (seed \(configuration.seed)) at \(keptPath)")
            agency = try AgencyGenerator.build(at: keptPath, .init(scale: configuration.scale, seed: configuration.seed,
                                                                   restrictions: AgencyGenerator.writeRestrictions))
            log(String(format: "built in %.1f s (%@): %@ open terms, %@ appointments, %@ life-log entries",
                       agency.buildSeconds, fileSize(keptPath), agency.counts.openTerms.grouped,
                       agency.counts.appointments.grouped, agency.counts.lifeLogEntries.grouped))
            dueRefreshSeconds = try refreshDueState(keptPath, log: log)
        }
        let context = try WorkloadContext(agency: agency)
        let keptStateAnswers = try context.caseload.dueStateAnswers(now: agency.now)
        let reps = max(1, configuration.repetitions)
        let settle = { try context.raw.exec("PRAGMA wal_checkpoint(RESTART)") }
        var results: [WorkloadResult] = []

        // Read-only workloads first, on the agency as generated; then the writes.
        if selected.contains(.lookup) {
            log("lookup")
            let lookup = LookupWorkload(count: configuration.lookupCount)
            let lookupStatement = try context.raw.prepare(LookupWorkload.rawSQL)
            let grace = try OverdueWorkload.RawSettings(context.raw).grace
            results.append(try measure("lookup", settle: settle, operations: lookup.count, goal: 0.6, reps: reps,
                                       input: { lookup.targets(context, rep: $0) },
                                       app: { try lookup.app(context, $0) },
                                       raw: { try lookup.raw(context, lookupStatement, grace: grace, $0) }))
        }

        if selected.contains(.overdue) {
            log("overdue")
            let overdueStatement = try OverdueWorkload.RawListing(context.raw, officer: false)
            results.append(try measure("overdue", settle: settle, operations: 1, goal: 0.8, reps: reps,
                                       input: { _ in () },
                                       app: { try OverdueWorkload.app(context) },
                                       raw: { try OverdueWorkload.rawFolded(context, overdueStatement) }))
        }

        if selected.contains(.officerOverdue) {
            log("officer-overdue")
            let lists = OfficerOverdueWorkload(count: configuration.officerListCount)
            let statement = try OverdueWorkload.RawListing(context.raw, officer: true)
            results.append(try measure("officer-overdue", settle: settle,
                                       operations: min(lists.count, agency.officers.count), goal: 0.8, reps: reps,
                                       input: { lists.officers(context, rep: $0) },
                                       app: { try lists.app(context, $0) },
                                       raw: { try lists.raw(context, statement, $0) }))
        }

        var scan: ScanFigures?
        if selected.contains(.scan) {
            log("scan")
            let scanOutcome = try ScanWorkload.run(context, reps: reps)
            scan = ScanFigures(firstSeconds: scanOutcome.firstSeconds, detected: scanOutcome.detected,
                               terms: scanOutcome.terms, dailySeconds: scanOutcome.dailySeconds,
                               dailyRuns: scanOutcome.dailyRuns, dailyDetected: scanOutcome.dailyDetected,
                               repeatSeconds: scanOutcome.repeatSeconds, repeatRuns: scanOutcome.repeatRuns)
        }

        var memory: [OverdueMemory] = []
        if selected.contains(.memory) {
            if reusingSmall {
                log("memory: reusing \(smallPath)")
                _ = try Caseload.initialize(path: smallPath, timeZone: nil, agencyName: nil, adminID: nil,
                                            now: agency.now)
            } else {
                log("memory: building a second agency of \(smallScale.grouped) supervisees")
                builtHere.append(smallPath)
                _ = try AgencyGenerator.build(at: smallPath, .init(scale: smallScale, seed: configuration.seed))
            }
            for (path, scale) in [(agency.path, configuration.scale), (smallPath, smallScale)] {
                if let executable = configuration.probeExecutable {
                    memory.append(try MemoryProbe.measureInChild(executable: executable, path: path, scale: scale))
                } else {
                    memory.append(try MemoryProbe.measureOverdue(path: path, scale: scale, freshProcess: false))
                }
            }
        }

        if selected.contains(.write) {
            log("write")
            let write = WriteWorkload(count: configuration.writeCount)
            let writeRaw = try WriteWorkload.Raw(context.raw)
            results.append(try measure("write", settle: settle, operations: write.count, goal: 0.8, reps: reps,
                                       input: { rep in (write.targets(context, rep: rep, side: 0),
                                                        write.targets(context, rep: rep, side: 1)) },
                                       app: { try write.app(context, $0.0) },
                                       raw: { try write.raw(context, writeRaw, $0.1) }))
        }

        if selected.contains(.import) {
            log("import")
            let importer = ImportWorkload(count: configuration.importCount)
            let importRaw = try ImportWorkload.Raw(context.raw)
            results.append(try measure("import", settle: settle, operations: importer.count, goal: 0.7, reps: reps,
                                       input: { rep in (importer.inputs(context, rep: rep, prefix: "IA"),
                                                        importer.inputs(context, rep: rep, prefix: "IR")) },
                                       app: { try importer.app(context, $0.0) },
                                       raw: { try importer.raw(context, importRaw, $0.1) }))
        }

        var auditEntries: Int?, auditIntact: Bool?
        if selected.contains(.write) || selected.contains(.import) {
            log("verifying the audit chain")
            let verification = try context.caseload.verifyAudit()
            auditEntries = verification.entries
            auditIntact = verification.firstBadSeq == nil
        }
        // The report's order: the writes first, as the table has always listed them.
        let order = ["import", "write", "lookup", "overdue", "officer-overdue"]
        results.sort { order.firstIndex(of: $0.name)! < order.firstIndex(of: $1.name)! }
        return BenchmarkReport(configuration: configuration, agency: agency, results: results, scan: scan,
                               memory: memory, auditEntries: auditEntries, auditIntact: auditIntact,
                               migrationSeconds: migrationSeconds, dueRefreshSeconds: dueRefreshSeconds,
                               keptStateAnswers: keptStateAnswers, totalSeconds: monotonicSeconds() - started)
    }

    /// The generated history and a migration leave terms whose kept due state is not computed
    /// (`due_state_pending`); the app computes them at its next write, here before any timing.
    static func refreshDueState(_ path: String, log: (String) -> Void) throws -> Double {
        let zone = AgencyZone(identifier: AgencyGenerator.timeZone)!
        let seconds = try timed {
            try Caseload.open(path: path).refreshDueState(now: zone.instant(of: AgencyGenerator.asOf))
        }
        log(String(format: "kept due state computed in %.1f s", seconds))
        return seconds
    }

    /// Copies a database file (checkpointed first, so the file alone holds every page).
    static func copyDatabase(_ source: String, to destination: String) throws {
        try RawDatabase(path: source).exec("PRAGMA wal_checkpoint(TRUNCATE)")
        removeDatabase(destination)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    /// "7.41 GB" (decimal units, as `ls -l --si` and `df -H` print).
    static func fileSize(_ path: String) -> String {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.doubleValue ?? 0
        return bytes >= 1e9 ? String(format: "%.2f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }

    /// Times `app` and `raw` on the input of each repetition, alternating which goes first so
    /// neither always runs on a cache the other warmed. Inputs are made before the clock starts.
    ///
    /// Each side first runs once, untimed, on an input no repetition uses (`input(reps)`: for a
    /// workload that writes, other supervisees). Without it the first timed write of a run
    /// created the WAL file and grew it to its working size (~40 MB at 20,000), which only the
    /// app's first repetition paid: 376–427 ms against 205–278 ms for its others.
    ///
    /// Before each timed run the WAL is checkpointed and restarted (untimed), so every run starts
    /// from the same state: otherwise a run inherits the WAL the previous one left (at scale
    /// 100,000 the import ratio moved from 0.55 to 0.82 with the order of the workloads alone).
    static func measure<Input>(_ name: String, settle: () throws -> Void, operations: Int, goal: Double?,
                               reps: Int, input: (Int) -> Input, app: (Input) throws -> SideOutcome,
                               raw: (Input) throws -> SideOutcome) throws -> WorkloadResult {
        let warm = input(reps)
        _ = try app(warm)
        _ = try raw(warm)
        var appRuns: [Double] = [], rawRuns: [Double] = []
        var appOutcome = SideOutcome(), rawOutcome = SideOutcome()
        for rep in 0..<reps {
            let value = input(rep)
            func runApp() throws {
                try settle()
                appRuns.append(try timed { appOutcome = try app(value) })
            }
            func runRaw() throws {
                try settle()
                rawRuns.append(try timed { rawOutcome = try raw(value) })
            }
            if rep % 2 == 0 {
                try runApp()
                try runRaw()
            } else {
                try runRaw()
                try runApp()
            }
        }
        return WorkloadResult(name: name, operations: operations, appRows: appOutcome.rows, rawRows: rawOutcome.rows,
                              appChecksum: appOutcome.checksum, rawChecksum: rawOutcome.checksum,
                              appRuns: appRuns, rawRuns: rawRuns, goal: goal)
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

extension Benchmark {
    /// Runs one side of one workload `times` times on a database kept by an earlier run
    /// (`--keep`), for a profiler: `valgrind --tool=callgrind caseload-bench --profile overdue
    /// --side app --db PATH`. Returns the rows of the last run.
    public static func profile(workload: String, side: String, path: String, scale: Int, seed: UInt64,
                               times: Int) throws -> (rows: Int, medianSeconds: Double) {
        let agency = try AgencyGenerator.load(path: path, scale: scale, seed: seed)
        let context = try WorkloadContext(agency: agency)
        let app = side == "app"
        var outcome = SideOutcome()
        var runs: [Double] = []
        switch workload {
        case "lookup":
            let lookup = LookupWorkload(count: 2_000)
            let statement = try context.raw.prepare(LookupWorkload.rawSQL)
            let grace = try OverdueWorkload.RawSettings(context.raw).grace
            for rep in 0..<times {
                let targets = lookup.targets(context, rep: rep)
                runs.append(try timed {
                    outcome = app ? try lookup.app(context, targets)
                        : try lookup.raw(context, statement, grace: grace, targets)
                })
            }
        case "scan":
            // Scans as of the agency's clock (the first records what is new; later ones add nothing).
            for _ in 0..<times {
                runs.append(try timed {
                    let report = try context.caseload.scan(officer: nil, actorID: AgencyGenerator.supervisor,
                                                           now: context.agency.now)
                    outcome.rows = report.termsScanned
                })
            }
        case "overdue":
            let statement = try OverdueWorkload.RawListing(context.raw, officer: false)
            for _ in 0..<times {
                runs.append(try timed {
                    outcome = app ? try OverdueWorkload.app(context) : try OverdueWorkload.rawFolded(context, statement)
                })
            }
        case "officer-overdue":
            let lists = OfficerOverdueWorkload(count: 200)
            let statement = try OverdueWorkload.RawListing(context.raw, officer: true)
            for rep in 0..<times {
                let officers = lists.officers(context, rep: rep)
                runs.append(try timed {
                    outcome = app ? try lists.app(context, officers) : try lists.raw(context, statement, officers)
                })
            }
        case "write":
            let write = WriteWorkload(count: 200)
            let raw = try WriteWorkload.Raw(context.raw)
            for rep in 0..<times {
                let targets = write.targets(context, rep: rep + 1_000, side: app ? 0 : 1)
                runs.append(try timed {
                    outcome = app ? try write.app(context, targets) : try write.raw(context, raw, targets)
                })
            }
        case "import":
            let importer = ImportWorkload(count: 1_000)
            let raw = try ImportWorkload.Raw(context.raw)
            for rep in 0..<times {
                let inputs = importer.inputs(context, rep: rep + 1_000, prefix: (app ? "PA" : "PR") + String(getpid()) + "-")
                runs.append(try timed {
                    outcome = app ? try importer.app(context, inputs) : try importer.raw(context, raw, inputs)
                })
            }
        default:
            throw BenchmarkError("no workload '\(workload)' to profile (import, write, lookup, overdue, officer-overdue, scan)")
        }
        return (outcome.rows, median(runs))
    }
}
