import Foundation
import Supervision
import SupervisionRules

/// Peak resident memory of the agency-wide overdue listing. A listing that streams stays flat
/// as the agency grows; one that collects grows with it.
public struct OverdueMemory: Sendable, Codable, Equatable {
    public let scale: Int
    public let rows: Int
    /// Resident set just before the listing (the database open, the agency read).
    public let residentBeforeKiB: Int
    /// Peak resident set during the listing (VmHWM after resetting it before the listing).
    public let peakKiB: Int
    /// True when measured in a fresh process (`caseload-bench --overdue-only`), whose peak is
    /// the listing's own; false when measured inside the benchmark process (tests).
    public let freshProcess: Bool

    public var growthKiB: Int { peakKiB - residentBeforeKiB }

    enum CodingKeys: String, CodingKey {
        case scale, rows, freshProcess = "fresh_process"
        case residentBeforeKiB = "rss_before_kib", peakKiB = "peak_kib"
    }
}

public enum MemoryProbe {
    /// Opens the database at `path`, resets the peak, lists every overdue item as of the
    /// generator's clock (rows counted, not kept) and reads the peak.
    public static func measureOverdue(path: String, scale: Int, freshProcess: Bool) throws -> OverdueMemory {
        let caseload = try Caseload.open(path: path)
        let zone = AgencyZone(identifier: AgencyGenerator.timeZone)!
        let now = zone.instant(of: AgencyGenerator.asOf)
        ProcessMemory.resetPeak()
        let before = ProcessMemory.residentKiB ?? 0
        var rows = 0
        try caseload.overdue(officer: nil, actorID: AgencyGenerator.supervisor, now: now) { _ in rows += 1 }
        let peak = ProcessMemory.peakKiB ?? 0
        return OverdueMemory(scale: scale, rows: rows, residentBeforeKiB: before, peakKiB: peak,
                             freshProcess: freshProcess)
    }

    /// Runs `executable --overdue-only PATH --scale N` and reads the one JSON line it prints.
    public static func measureInChild(executable: String, path: String, scale: Int) throws -> OverdueMemory {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--overdue-only", path, "--scale", String(scale)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("the memory probe exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(OverdueMemory.self, from: data)
    }

    /// The JSON line a child prints.
    public static func line(_ memory: OverdueMemory) throws -> String {
        String(decoding: try JSONEncoder().encode(memory), as: UTF8.self)
    }
}
