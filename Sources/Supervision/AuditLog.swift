import Foundation
import Storage
import SupervisionRules

/// The append-only, hash-chained audit log (docs/audit.md §11).
///
/// Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields, so
/// editing, deleting or reordering any entry breaks every hash after it. The personal part of
/// an entry is hashed through a digest, so that it can be erased (see AuditLog+Erasure.swift).
public enum AuditLog {
    /// The hash before the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// One entry to append; the instant and actor are the change's.
    public struct Entry: Sendable {
        public let action: String
        public let entity: String
        public let entityID: String
        public let details: [String: String]

        public init(action: String, entity: String, entityID: String, details: [String: String] = [:]) {
            self.action = action
            self.entity = entity
            self.entityID = entityID
            self.details = details
        }
    }

    /// Appends one entry. Must run inside the write transaction of the change it records.
    public static func append(_ connection: Connection, at: Instant, actor: String, action: String,
                              entity: String, entityID: String, details: [String: String] = [:]) throws {
        try append(connection, at: at, actor: actor,
                   entries: [Entry(action: action, entity: entity, entityID: entityID, details: details)])
    }

    /// Appends `entries` in order, each chained to the one before: the end of the chain is read
    /// once. One entry (a command's usual case) is a plain single-row INSERT; more go fifty to a
    /// statement (`BatchedInsert`). Must run inside the write transaction of the change they
    /// record.
    public static func append(_ connection: Connection, at: Instant, actor: String, entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        let previous: (seq: Int64, hash: String)? = try connection.fetchOne(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") { (try $0.get(0), try $0.get(1)) }
        var seq = previous?.seq ?? 0
        var prevHash = previous?.hash ?? genesisHash
        let at = at.description
        var batch = entries.count == 1 ? nil : BatchedInsert(
            connection, prefix: "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash, nonce, digest)",
            row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", columns: 11)
        for entry in entries {
            seq += 1
            let detailText = encode(entry.details)
            let nonce = makeNonce()
            let digest = payloadDigest(nonce: nonce, actor: actor, entityID: entry.entityID, details: detailText)
            let hash = erasableEntryHash(prevHash: prevHash, seq: seq, at: at, actor: actor, action: entry.action,
                                         entity: entry.entity, entityID: entry.entityID, digest: digest)
            let row: StatementArguments = [seq, at, actor, entry.action, entry.entity, entry.entityID, detailText,
                                                prevHash, hash, nonce, digest]
            if batch != nil { try batch?.append(row) } else { try connection.execute(singleInsertSQL, row) }
            prevHash = hash
        }
        try batch?.finish()
    }

    private static let singleInsertSQL = """
        INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash, nonce, digest)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The fields are joined with the ASCII unit separator, which input hygiene never lets
    /// into a value, so two different entries cannot hash the same text.
    static func entryHash(prevHash: String, seq: Int64, at: String, actor: String, action: String,
                          entity: String, entityID: String, details: String) -> String {
        let separator = "\u{1F}"
        return sha256Hex(joining: [prevHash, String(seq), at, actor, action, entity, entityID, details],
                         separator: separator)
    }

    /// Details as JSON with sorted keys, so the same details always give the same text.
    ///
    /// Written by hand, byte for byte what `JSONEncoder` with `[.sortedKeys,
    /// .withoutEscapingSlashes]` writes for a `[String: String]` (keys in UTF-8 byte order; `"`
    /// and `\` escaped, `\b \f \n \r \t` for those controls, `\u00xx` for the others; nothing
    /// else escaped); a test compares the two. JSONEncoder cost more per audit entry than the
    /// insert it describes (Benchmarks/README.md).
    static func encode(_ details: [String: String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2 + details.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        out.append(UInt8(ascii: "{"))
        let sorted = details.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, element) in sorted.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(element.key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendJSONString(element.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00...0x1F:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hexDigit(byte >> 4), hexDigit(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    public struct Verification: Sendable, Equatable {
        public let entries: Int
        /// The first entry that does not match, or nil when the chain is intact.
        public let firstBadSeq: Int64?
        public let problem: String?
    }

    /// Recomputes the chain from the first entry.
    public static func verify(_ connection: Connection) throws -> Verification {
        var expectedSeq: Int64 = 1
        var prevHash = genesisHash
        var count = 0
        var failure: (Int64, String)?
        try connection.forEachRow("""
            SELECT seq, at, actor, action, entity, entity_id, details, prev_hash, hash, nonce, digest
            FROM audit_log ORDER BY seq
            """) { row in
            guard failure == nil else { return }
            let seq: Int64 = try row.get(0)
            count += 1
            if seq != expectedSeq {
                failure = (expectedSeq, seq > expectedSeq
                    ? "entry \(expectedSeq) is missing (the next entry is \(seq))"
                    : "entry \(seq) is out of order")
                return
            }
            let storedPrev: String = try row.get(7)
            let stored: String = try row.get(8)
            let digest: String? = try row.get(10)
            let computed: String
            if let digest {
                // The new form: a payload still held must match its digest; an erased one
                // (no nonce) is vouched for by the digest alone, which the chain hashes.
                let nonce: String? = try row.get(9)
                if !payloadHolds(nonce: nonce, digest: digest, actor: try row.get(2), entity: try row.get(4),
                                 entityID: try row.get(5), details: try row.get(6)) {
                    failure = (seq, "entry \(seq) was altered (its details do not match their digest)")
                    return
                }
                computed = erasableEntryHash(prevHash: prevHash, seq: seq, at: try row.get(1), actor: try row.get(2),
                                             action: try row.get(3), entity: try row.get(4),
                                             entityID: try row.get(5), digest: digest)
            } else {
                computed = entryHash(prevHash: prevHash, seq: seq, at: try row.get(1), actor: try row.get(2),
                                     action: try row.get(3), entity: try row.get(4), entityID: try row.get(5),
                                     details: try row.get(6))
            }
            if storedPrev != prevHash {
                failure = (seq, "entry \(seq) does not follow entry \(seq - 1) (the chain is broken: an entry was removed, reordered or altered)")
            } else if computed != stored {
                failure = (seq, "entry \(seq) was altered (its contents do not match its hash)")
            }
            prevHash = stored
            expectedSeq += 1
        }
        return Verification(entries: count, firstBadSeq: failure?.0, problem: failure?.1)
    }
}

extension Caseload {
    /// `caseload audit verify`: recomputes the chain. Reading the audit log needs no actor: it
    /// holds no case records, and an integrity check must work even when accounts are broken.
    public func verifyAudit() throws -> AuditLog.Verification {
        try look(actorID: nil, now: Instant(secondsSinceEpoch: 0)) { try AuditLog.verify($0.connection) }
    }
}
