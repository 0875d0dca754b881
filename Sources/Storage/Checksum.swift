import Crypto

/// Lower-case hex SHA-256 of the UTF-8 bytes of `text` (migration checksums, the audit chain).
public func sha256Hex(_ text: String) -> String {
    sha256Hex(joining: [text], separator: "")
}

/// Lower-case hex SHA-256 of `fields` joined by `separator`, the same digest as
/// `sha256Hex(fields.joined(separator: separator))` without building the joined text: every
/// audit entry hashes its eight fields this way, and joining them (and copying the result into
/// an array to hash it) cost more than the hash itself.
public func sha256Hex(joining fields: [String], separator: String) -> String {
    var hasher = SHA256()
    var separator = separator
    for (index, field) in fields.enumerated() {
        if index > 0 { separator.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) } }
        var field = field
        field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
    let digest = hasher.finalize()
    return String(unsafeUninitializedCapacity: 64) { out in
        var index = 0
        digest.withUnsafeBytes { bytes in
            for byte in bytes {
                out[index] = hexDigits[Int(byte >> 4)]
                out[index + 1] = hexDigits[Int(byte & 0x0F)]
                index += 2
            }
        }
        return index
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
