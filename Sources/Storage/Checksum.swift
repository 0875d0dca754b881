import Crypto

/// Lower-case hex SHA-256 of the UTF-8 bytes of `text` (migration checksums, the audit chain).
public func sha256Hex(_ text: String) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: Array(text.utf8)) {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}
