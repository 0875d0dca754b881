import BenchmarkKit
import Foundation

// caseload-bench [--scale N] [--seed S] [--reps R] [--json PATH] [--dir DIR] [--keep] [--reuse] [--workloads LIST]
// caseload-bench --overdue-only DB --scale N     (the memory probe's child; prints one JSON line)

let usage = """
    usage: caseload-bench [--scale N] [--seed S] [--reps R] [--json PATH] [--dir DIR] [--keep] [--reuse]
                          [--workloads LIST]
      --scale N   supervisees in the synthetic agency (default 20000)
      --seed S    generator seed (default 1)
      --reps R    timed repetitions per workload; the median is reported (default 5)
      --json PATH also write the figures as JSON
      --dir DIR   build the databases in DIR (default: a temporary directory)
      --keep      keep the databases afterwards
      --reuse     use the databases kept in DIR by an earlier run (built if missing); this code's
                  migrations are applied to them, and a copy is written to when a workload writes
      --workloads LIST  comma-separated, of \(BenchmarkWorkload.allCases.map(\.rawValue).joined(separator: ", "));
                  default all; "none" only builds (use with --keep)
    """

func fail(_ message: String, _ code: Int32 = 64) -> Never {
    FileHandle.standardError.write(Data("caseload-bench: \(message)\n".utf8))
    exit(code)
}

var configuration = BenchmarkConfiguration(log: { line in
    FileHandle.standardError.write(Data("· \(line)\n".utf8))
})
var jsonPath: String?
var overdueOnly: String?
var profile: (workload: String, side: String, db: String?, times: Int) = ("", "app", nil, 1)
var arguments = Array(CommandLine.arguments.dropFirst())[...]

@MainActor func value(_ option: String) -> String {
    guard let next = arguments.popFirst() else { fail("\(option) needs a value\n\(usage)") }
    return next
}

while let argument = arguments.popFirst() {
    switch argument {
    case "--scale":
        guard let n = Int(value(argument)), n >= 1 else { fail("--scale must be a whole number ≥ 1") }
        configuration.scale = n
    case "--seed":
        guard let n = UInt64(value(argument)) else { fail("--seed must be a whole number ≥ 0") }
        configuration.seed = n
    case "--reps":
        guard let n = Int(value(argument)), n >= 1 else { fail("--reps must be a whole number ≥ 1") }
        configuration.repetitions = n
    case "--json": jsonPath = value(argument)
    case "--dir": configuration.directory = value(argument)
    case "--keep": configuration.keepDatabases = true
    case "--reuse": configuration.reuse = true
    case "--workloads":
        let list = value(argument)
        var chosen = Set<BenchmarkWorkload>()
        for name in list.split(separator: ",") where name != "none" {
            guard let workload = BenchmarkWorkload(rawValue: String(name)) else {
                fail("--workloads: no workload '\(name)' (\(BenchmarkWorkload.allCases.map(\.rawValue).joined(separator: ", ")), none)")
            }
            chosen.insert(workload)
        }
        configuration.workloads = chosen
    case "--overdue-only": overdueOnly = value(argument)
    // For profilers (see Benchmarks/README.md): one side of one workload on a kept database.
    case "--profile": profile.workload = value(argument)
    case "--side": profile.side = value(argument)
    case "--db": profile.db = value(argument)
    case "--times":
        guard let n = Int(value(argument)), n >= 1 else { fail("--times must be a whole number ≥ 1") }
        profile.times = n
    case "-h", "--help":
        print(usage)
        exit(0)
    default: fail("unknown argument '\(argument)'\n\(usage)")
    }
}

do {
    if let path = overdueOnly {
        let memory = try MemoryProbe.measureOverdue(path: path, scale: configuration.scale, freshProcess: true)
        print(try MemoryProbe.line(memory))
        exit(0)
    }
    if !profile.workload.isEmpty {
        guard let db = profile.db else { fail("--profile needs --db PATH (a database kept with --keep)") }
        let (rows, seconds) = try Benchmark.profile(workload: profile.workload, side: profile.side, path: db,
                                                    scale: configuration.scale, seed: configuration.seed,
                                                    times: profile.times)
        print("\(profile.workload) \(profile.side): \(rows) rows, median \(seconds) s per run")
        exit(0)
    }
    // The memory probe runs this same executable in fresh processes.
    configuration.probeExecutable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
    let report = try Benchmark.run(configuration)
    print(report.table)
    if let jsonPath {
        try report.json().write(to: URL(fileURLWithPath: jsonPath))
        FileHandle.standardError.write(Data("· wrote \(jsonPath)\n".utf8))
    }
} catch {
    fail("\(error)", 1)
}
