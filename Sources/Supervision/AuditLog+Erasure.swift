import SupervisionRules
import Foundation
import Storage

/// Audit entries whose personal part can be erased while the chain stays verifiable (docs/lifecycle.md §15).
///
/// What is personal: the details (they name people, quote reasons and notes, give coordinates),
/// the actor when it is a supervisee (`supervisee:CASE-REF`), and the entity id when the entity
/// is a person (a case reference). Staff accounts, actions, entity kinds, row ids and instants are
/// not: they stay in the clear and the chain hashes them directly, so tampering with them is
/// caught even after an erasure. The personal part is hashed as
/// `digest = SHA-256(nonce, actor, entity_id, details)` and the chain hashes the digest; erasing
/// replaces the personal part by its public form and clears the nonce, and changes no hash.
extension AuditLog {
    /// What an erased entry's details read.
    public static let erasedDetails = "{\"erased\":true}"

    /// The actor as the chain hashes it directly: a supervisee's case reference is personal.
    static func publicActor(_ actor: String) -> String {
        actor.hasPrefix("supervisee:") ? "supervisee" : actor
    }

    /// The entity id as the chain hashes it directly: a person's id is their case reference.
    static func publicEntityID(entity: String, entityID: String) -> String {
        entity == "person" ? "" : entityID
    }

    /// 128 random bits, so that the digest of an erased entry cannot confirm a guess of it.
    /// One `getentropy` call (the kernel's generator, as `SystemRandomNumberGenerator` uses,
    /// which would take two calls of eight bytes).
    package static func makeNonce() -> String {
        var bytes: (UInt64, UInt64) = (0, 0)
        let status = withUnsafeMutableBytes(of: &bytes) { getentropy($0.baseAddress, $0.count) }
        if status != 0 {
            // getentropy fails only for more than 256 bytes or a bad address; never here.
            var generator = SystemRandomNumberGenerator()
            bytes = (generator.next(), generator.next())
        }
        return withUnsafeBytes(of: &bytes) { raw in
            String(unsafeUninitializedCapacity: 32) { out in
                for (index, byte) in raw.enumerated() {
                    out[2 * index] = hexDigits[Int(byte >> 4)]
                    out[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
                }
                return 2 * raw.count
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    package static func payloadDigest(nonce: String, actor: String, entityID: String, details: String) -> String {
        sha256Hex(joining: [nonce, actor, entityID, details], separator: "\u{1F}")
    }

    /// The new form's hash: the non-personal fields and the digest of the personal part. The
    /// leading "2" keeps it apart from the legacy form's text.
    package static func erasableEntryHash(prevHash: String, seq: Int64, at: String, actor: String, action: String,
                                  entity: String, entityID: String, digest: String) -> String {
        sha256Hex(joining: ["2", prevHash, String(seq), at, publicActor(actor), action, entity,
                            publicEntityID(entity: entity, entityID: entityID), digest],
                  separator: "\u{1F}")
    }

    /// A held payload must match its digest; an erased one must read as erased (so nothing can be
    /// slipped into an erased entry's columns either).
    static func payloadHolds(nonce: String?, digest: String, actor: String, entity: String, entityID: String,
                             details: String) -> Bool {
        guard let nonce else {
            return details == erasedDetails && actor == publicActor(actor)
                && entityID == publicEntityID(entity: entity, entityID: entityID)
        }
        return payloadDigest(nonce: nonce, actor: actor, entityID: entityID, details: details) == digest
    }

    /// Erases the personal part of the entries `seqs`, keeping every hash. Must run inside the
    /// write transaction of the purge that records it, with the lifecycle permit held.
    static func erase(_ connection: Connection, seqs: [Int64]) throws {
        for seq in seqs {
            guard let (actor, entity, entityID) = try connection.fetchOne(
                "SELECT actor, entity, entity_id FROM audit_log WHERE seq = ? AND digest IS NOT NULL", [seq], {
                    (try $0.get(0) as String, try $0.get(1) as String, try $0.get(2) as String)
                }) else { continue }
            try connection.execute("""
                UPDATE audit_log SET actor = ?, entity_id = ?, details = ?, nonce = NULL WHERE seq = ?
                """, [publicActor(actor), publicEntityID(entity: entity, entityID: entityID), erasedDetails, seq])
        }
    }

    /// Rewrites entries of the legacy form (written before migration 0012, hashing their details
    /// directly) into the erasable form, re-chaining from the first of them, and records that it
    /// did so with the legacy head it replaced. It refuses a legacy chain that does not verify:
    /// re-chaining it would launder the tampering. Returns the number of entries rewritten.
    ///
    /// Why re-chain rather than keep legacy entries as they are: their hashes cover their details
    /// verbatim, so they could never be erased, and retention must erase them.
    @discardableResult
    static func upgradeLegacyEntries(_ connection: Connection, at: Instant) throws -> Int {
        guard let firstLegacy: Int64 = try connection.scalar("SELECT min(seq) FROM audit_log WHERE digest IS NULL") else {
            return 0
        }
        let check = try verify(connection)
        if let bad = check.firstBadSeq {
            throw CaseloadError(.other, "the audit chain fails its check at entry \(bad), so it was not converted to the erasable form; run 'caseload audit verify'")
        }
        let legacyHead: String = try connection.fetchOne(
            "SELECT seq || ':' || hash FROM audit_log ORDER BY seq DESC LIMIT 1") { try $0.get(0) } ?? ""
        try connection.execute("INSERT INTO lifecycle_permit (id) VALUES (1)")
        var prevHash: String = try connection.scalar("SELECT hash FROM audit_log WHERE seq = ?", [firstLegacy - 1])
            ?? genesisHash
        var rewritten = 0
        var after = firstLegacy - 1
        while true {
            // A page at a time: the log may be long, and rows are rewritten as they are read.
            let page = try connection.fetchAll("""
                SELECT seq, at, actor, action, entity, entity_id, details FROM audit_log
                WHERE seq > ? ORDER BY seq LIMIT 500
                """, [after]) { row in
                (try row.get(0) as Int64, try row.get(1) as String, try row.get(2) as String, try row.get(3) as String,
                 try row.get(4) as String, try row.get(5) as String, try row.get(6) as String)
            }
            guard !page.isEmpty else { break }
            for (seq, entryAt, actor, action, entity, entityID, details) in page {
                let nonce = makeNonce()
                let digest = payloadDigest(nonce: nonce, actor: actor, entityID: entityID, details: details)
                let hash = erasableEntryHash(prevHash: prevHash, seq: seq, at: entryAt, actor: actor, action: action,
                                             entity: entity, entityID: entityID, digest: digest)
                try connection.execute("UPDATE audit_log SET nonce = ?, digest = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                                       [nonce, digest, prevHash, hash, seq])
                prevHash = hash
                rewritten += 1
                after = seq
            }
        }
        try connection.execute("DELETE FROM lifecycle_permit")
        try append(connection, at: at, actor: "system", action: "audit.rechain", entity: "audit_log", entityID: "",
                   details: ["entries": String(rewritten), "fromSeq": String(firstLegacy), "legacyHead": legacyHead])
        return rewritten
    }
}
