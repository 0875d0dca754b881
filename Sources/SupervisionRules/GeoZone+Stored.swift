import Foundation

extension GeoZone {
    /// A zone from its stored JSON (`restriction.zone`), as `JSONDecoder` would read it, and
    /// validated the same way; nil when the text is not a valid zone.
    ///
    /// Why not `JSONDecoder`: a scan reads every restriction of the agency each time it runs,
    /// and the decoder spent some 44,000 instructions on each zone. This reads the one shape
    /// the zone is stored in (objects, arrays, numbers and strings) and falls back to the
    /// decoder for anything else it does not recognise; a test compares the two.
    public init?(storedJSON text: String) {
        var text = text
        let parsed: GeoZone?? = text.withUTF8 { bytes in
            var reader = StoredJSONReader(bytes: bytes)
            guard let value = reader.document() else { return .none }   // not understood here
            return .some(GeoZone(json: value))
        }
        switch parsed {
        case .some(let zone?):
            self = zone
        case .some(nil):
            return nil
        case .none:
            guard let zone = try? JSONDecoder().decode(GeoZone.self, from: Data(text.utf8)) else { return nil }
            self = zone
        }
    }

    private init?(json: StoredJSON) {
        guard case .object(let fields) = json, case .string(let type)? = fields["type"] else { return nil }
        func point(_ value: StoredJSON?) -> GeoPoint? {
            guard case .object(let p)? = value, case .number(let lat)? = p["latitude"],
                  case .number(let lon)? = p["longitude"] else { return nil }
            return GeoPoint(latitude: lat, longitude: lon)
        }
        let zone: GeoZone
        switch type {
        case "circle":
            guard let center = point(fields["center"]), case .number(let radius)? = fields["radiusMeters"] else { return nil }
            zone = .circle(center: center, radiusMeters: radius)
        case "polygon":
            guard case .array(let items)? = fields["points"] else { return nil }
            var points: [GeoPoint] = []
            for item in items {
                guard let p = point(item) else { return nil }
                points.append(p)
            }
            zone = .polygon(points)
        default:
            return nil
        }
        guard (try? zone.validate()) != nil else { return nil }
        self = zone
    }
}

private indirect enum StoredJSON {
    case object([String: StoredJSON])
    case array([StoredJSON])
    case number(Double)
    case string(String)
}

/// Objects, arrays, numbers and strings without escapes: nil for anything else (`true`,
/// `null`, an escaped string), which sends the caller to `JSONDecoder`.
private struct StoredJSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func document() -> StoredJSON? {
        guard let value = value() else { return nil }
        skipSpace()
        return index == bytes.count ? value : nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func value() -> StoredJSON? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var fields: [String: StoredJSON] = [:]
            if consume(UInt8(ascii: "}")) { return .object(fields) }
            repeat {
                skipSpace()
                guard let key = string(), consume(UInt8(ascii: ":")), let value = value(),
                      fields.updateValue(value, forKey: key) == nil else { return nil }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}")) ? .object(fields) : nil
        case UInt8(ascii: "["):
            index += 1
            var items: [StoredJSON] = []
            if consume(UInt8(ascii: "]")) { return .array(items) }
            repeat {
                guard let item = value() else { return nil }
                items.append(item)
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]")) ? .array(items) : nil
        case UInt8(ascii: "\""):
            return string().map(StoredJSON.string)
        default:
            return number().map(StoredJSON.number)
        }
    }

    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() -> Double? {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }
}
