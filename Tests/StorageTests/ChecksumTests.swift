import Storage
import Testing

@Suite("SHA-256 checksums")
struct ChecksumTests {
    /// FIPS 180-2 test vectors.
    @Test("known digests", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(text: String, digest: String) {
        #expect(sha256Hex(text) == digest)
        #expect(sha256Hex(joining: [text], separator: "\u{1F}") == digest)
    }

    @Test("hashing fields with a separator is hashing the joined text", arguments: [
        [], [""], ["", ""], ["a", "b", "c"], ["José", "e\u{301}", "🦉", "nul\u{0}inside"],
        [String(repeating: "x", count: 1_000), "", "tail"],
    ] as [[String]])
    func joiningEqualsJoined(fields: [String]) {
        for separator in ["\u{1F}", "", ", "] {
            #expect(sha256Hex(joining: fields, separator: separator) == sha256Hex(fields.joined(separator: separator)))
        }
    }

    @Test("a field boundary moved is a different digest")
    func boundaries() {
        #expect(sha256Hex(joining: ["ab", "c"], separator: "\u{1F}") != sha256Hex(joining: ["a", "bc"], separator: "\u{1F}"))
    }
}
