import SupervisionRules
import Foundation
import Testing

/// A private folder for one test's files, removed when the value goes.
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "caseload-lifecycle-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` as UTF-8 (after a byte-order mark when `bom`), with LF or CRLF line ends.
    func csv(_ text: String, name: String = "releases.csv", bom: Bool = false, crlf: Bool = false) throws -> String {
        var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        bytes += Array((crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text).utf8)
        let path = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Whether `needle` occurs anywhere in `haystack`.
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    let first = needle[0]
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
        if haystack[index] == first, Array(haystack[index..<index + needle.count]) == needle { return true }
        index += 1
    }
    return false
}
