import SupervisionRules
import Storage

/// Random secrets handed to people once (activation codes, session and API tokens), and the
/// one form in which they are stored: the lowercase hex SHA-256 of the secret.
///
/// `SystemRandomNumberGenerator` reads the kernel's CSPRNG (getrandom on Linux), so every
/// byte is unpredictable. A SHA-256 (not bcrypt) is enough for these: each secret has at least
/// 128 random bits, so there is nothing to guess from its hash.
public enum SecretToken {
    /// 256 random bits, base64url without padding (43 characters): session and API tokens.
    public static func token() -> String {
        base64URL(randomBytes(32))
    }

    /// 160 random bits as 32 lowercase base32 letters and digits in groups of four
    /// (`abcd-efgh-…`): typed by a person, so no case to get wrong and no 0/O or 1/l pairs.
    public static func activationCode() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)  // 32 symbols
        var bits: UInt64 = 0, count = 0
        var symbols: [UInt8] = []
        for byte in randomBytes(20) {
            bits = bits << 8 | UInt64(byte)
            count += 8
            while count >= 5 {
                count -= 5
                symbols.append(alphabet[Int((bits >> UInt64(count)) & 31)])
            }
        }
        var grouped: [UInt8] = []
        for (index, symbol) in symbols.enumerated() {
            if index > 0, index % 4 == 0 { grouped.append(UInt8(ascii: "-")) }
            grouped.append(symbol)
        }
        return String(decoding: grouped, as: UTF8.self)
    }

    /// An activation code as typed: without spaces or dashes, in lower case.
    public static func normalizedCode(_ typed: String) -> String {
        String(typed.lowercased().unicodeScalars.filter { $0 != "-" && $0 != " " })
    }

    /// The stored form of a secret.
    public static func hash(_ secret: String) -> String { sha256Hex(secret) }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for byte in chunk { value = value << 8 | UInt32(byte) }
            value <<= UInt32(8 * (3 - chunk.count))
            for position in 0...chunk.count {
                out.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 63)])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
