import SupervisionRules
import CSV
import Foundation

/// One release read from an import file, with where it starts in the file.
public struct ReleaseCSVRecord: Sendable {
    /// The physical line the record starts on (1 is the header): what a person finds in an
    /// editor. A record with a quoted line break in a field spans several physical lines.
    public let line: Int
    public let release: ReleaseRegistration
    /// The `firstInterviewAt` column: a first office interview to schedule, or nil.
    public let firstInterviewAt: String?
    /// The file's bytes read so far (an estimate, for progress only).
    public let bytesRead: Int
}

/// Reads `caseload import releases` files (docs/lifecycle.md §15) one record at a time with yaslab/CSV.swift:
/// RFC 4180 quoting, UTF-8 with or without a byte-order mark, CRLF or LF line ends. The header
/// names the columns, in any order; an unknown, missing or repeated column refuses the file.
public final class ReleaseCSVReader {
    public static let requiredColumns = ["caseRef", "name", "born", "released", "months", "level", "officer"]
    public static let optionalColumns = ["home", "firstInterviewAt"]

    /// The file's size in bytes (for progress), 0 when unknown.
    public let totalBytes: Int
    private let reader: CSVReader
    private let columns: [String: Int]
    private let width: Int
    private var nextLine: Int
    private var bytesRead: Int

    /// Opens `path` and reads its header.
    public init(path: String) throws {
        guard let stream = InputStream(fileAtPath: path),
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw CaseloadError(.notFound, "cannot read the import file \(path)")
        }
        totalBytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false)
        } catch {
            throw CaseloadError(.invalidInput, "cannot read the import file \(path); it must be CSV text in UTF-8")
        }
        if case CSVError.unicodeDecoding? = reader.error {
            throw CaseloadError(.invalidInput, "line 1: the import file is not UTF-8 text")
        }
        guard let header = reader.next(), header != [""] else {
            throw CaseloadError(.invalidInput, "the import file is empty; its first line must name the columns (\(Self.requiredColumns.joined(separator: ",")))")
        }
        if case CSVError.unicodeDecoding? = reader.error {
            throw CaseloadError(.invalidInput, "line 1: the import file is not UTF-8 text")
        }
        var columns: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard Self.requiredColumns.contains(name) || Self.optionalColumns.contains(name) else {
                throw CaseloadError(.invalidInput, "line 1: the header names an unknown column \(InputHygiene.quoted(name)); the columns are \((Self.requiredColumns + Self.optionalColumns).joined(separator: ", "))")
            }
            guard columns[name] == nil else {
                throw CaseloadError(.invalidInput, "line 1: the header names the column '\(name)' twice")
            }
            columns[name] = index
        }
        let missing = Self.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw CaseloadError(.invalidInput, "line 1: the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))")
        }
        self.columns = columns
        width = header.count
        nextLine = 1 + Self.lineBreaks(in: header) + 1
        bytesRead = Self.estimatedBytes(header)
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public func next() throws -> ReleaseCSVRecord? {
        while true {
            let line = nextLine
            guard let fields = reader.next() else {
                try checkReadError(line: line)
                return nil
            }
            try checkReadError(line: line)
            nextLine = line + 1 + Self.lineBreaks(in: fields)
            bytesRead += Self.estimatedBytes(fields)
            if fields.count == 1, fields[0].isEmpty { continue }
            guard fields.count == width else {
                throw CaseloadError(.invalidInput, "line \(line): \(fields.count) fields where the header names \(width)")
            }
            func field(_ name: String) -> String? { columns[name].map { fields[$0] } }
            let monthsText = field("months") ?? ""
            guard let months = Int(monthsText.trimmingCharacters(in: .whitespaces)) else {
                let ref = field("caseRef").flatMap { try? InputHygiene.caseRef($0) }.map { " (\($0))" } ?? ""
                throw CaseloadError(.invalidInput, "line \(line)\(ref): months: \(InputHygiene.quoted(monthsText)) is not a whole number of months")
            }
            let home = field("home").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let firstInterview = field("firstInterviewAt").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let release = ReleaseRegistration(caseRef: field("caseRef") ?? "", name: field("name") ?? "",
                                              born: field("born") ?? "", released: field("released") ?? "",
                                              months: months, level: field("level") ?? "",
                                              officer: field("officer") ?? "", home: home)
            return ReleaseCSVRecord(line: line, release: release, firstInterviewAt: firstInterview,
                                    bytesRead: Swift.min(bytesRead, totalBytes))
        }
    }

    /// CSV.swift reports the end of the file as `cannotReadFile` on Linux (a file stream says it
    /// has bytes available until a read returns none), so only a decoding or stream error counts.
    private func checkReadError(line: Int) throws {
        switch reader.error {
        case CSVError.unicodeDecoding?:
            throw CaseloadError(.invalidInput, "line \(line): the import file is not UTF-8 text")
        case CSVError.streamErrorHasOccurred?:
            throw CaseloadError(.invalidInput, "line \(line): the import file could not be read to its end")
        default:
            return
        }
    }

    /// Line breaks inside a record's fields (only quoted fields can hold them); CRLF is one.
    static func lineBreaks(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var previousCR = false
            for scalar in field.unicodeScalars {
                if scalar == "\r" { count += 1; previousCR = true; continue }
                if scalar == "\n", !previousCR { count += 1 }
                previousCR = false
            }
        }
        return count
    }

    /// The record's size in the file give or take its quotes and line end.
    private static func estimatedBytes(_ fields: [String]) -> Int {
        fields.reduce(fields.count) { $0 + $1.utf8.count }
    }
}
