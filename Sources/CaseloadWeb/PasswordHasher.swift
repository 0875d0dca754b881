import SupervisionRules
import Crypto
import Foundation
import HummingbirdBcrypt

/// bcrypt for passwords, run off the event loop.
///
/// bcrypt reads only the first 72 bytes of its input, so two long passwords that differ after
/// byte 72 would match. docs/accounts.md §12 says every character counts, so the password (already in NFC)
/// is first reduced to the base64 of its SHA-256 (44 ASCII bytes) and that is what bcrypt
/// hashes. The whole password counts, up to the 128-character limit, and no length is refused
/// that the rules allow. (Base64, not the raw digest: a raw digest may contain a zero byte,
/// where bcrypt's C string would end.)
struct PasswordHasher: Sendable {
    let cost: UInt8
    /// A hash of a random password at the same cost: sign-in with an unknown user name, or for
    /// a locked account, is checked against it so it takes as long as a real check.
    let dummyHash: String

    init(cost: UInt8) {
        self.cost = cost
        self.dummyHash = Bcrypt.hash(PasswordHasher.prehash(UUID().uuidString), cost: cost)
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await offload { Bcrypt.hash(PasswordHasher.prehash(password), cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await offload { Bcrypt.verify(PasswordHasher.prehash(password), hash: hash) }
    }
}
