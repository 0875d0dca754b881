import Foundation
import Testing
@testable import SupervisionRules

@Suite("Restriction zones read from their stored JSON")
struct GeoZoneStoredTests {
    static let valid = [
        #"{"type":"circle","radiusMeters":500,"center":{"latitude":51.44826,"longitude":-0.27053}}"#,
        #"{"type":"circle","center":{"latitude":51.59523,"longitude":-0.24467},"radiusMeters":500}"#,
        #"{ "center" : { "longitude" : 1e-3, "latitude" : -33.8688 }, "radiusMeters" : 1.5E2, "type" : "circle" }"#,
        #"{"type":"polygon","points":[{"latitude":51.5,"longitude":-0.1},{"latitude":51.6,"longitude":-0.1},{"latitude":51.6,"longitude":0}]}"#,
        #"{"points":[{"longitude":151.2,"latitude":-33.87},{"longitude":151.21,"latitude":-33.86},{"longitude":151.19,"latitude":-33.85}],"type":"polygon"}"#,
        #"{"type":"circle","center":{"latitude":0.1000000000000000055511151231257827,"longitude":-0.0},"radiusMeters":99999.99}"#,
    ]

    @Test("reads what JSONDecoder reads, to the last bit", arguments: valid)
    func agreesWithTheDecoder(text: String) throws {
        let decoded = try JSONDecoder().decode(GeoZone.self, from: Data(text.utf8))
        let read = try #require(GeoZone(storedJSON: text))
        #expect(read == decoded)
    }

    @Test("what the restriction use case writes reads back", arguments: [
        GeoZone.circle(center: GeoPoint(latitude: 51.501, longitude: -0.1419)!, radiusMeters: 250),
        GeoZone.polygon([GeoPoint(latitude: 51.5, longitude: -0.12)!, GeoPoint(latitude: 51.51, longitude: -0.12)!,
                         GeoPoint(latitude: 51.505, longitude: -0.11)!]),
    ])
    func roundTrip(zone: GeoZone) throws {
        let text = String(decoding: try JSONEncoder().encode(zone), as: UTF8.self)
        #expect(GeoZone(storedJSON: text) == zone)
    }

    @Test("refuses what the decoder refuses", arguments: [
        "", "{}", "[]", "null", #"{"type":"square"}"#,
        #"{"type":"circle","center":{"latitude":91,"longitude":0},"radiusMeters":5}"#,          // no such point
        #"{"type":"circle","center":{"latitude":10,"longitude":0},"radiusMeters":-5}"#,         // negative radius
        #"{"type":"circle","center":{"latitude":10,"longitude":0}}"#,                           // no radius
        #"{"type":"polygon","points":[{"latitude":1,"longitude":1},{"latitude":2,"longitude":2}]}"#,   // two points
        #"{"type":"polygon","points":[{"latitude":0,"longitude":0},{"latitude":1,"longitude":1},{"latitude":0,"longitude":1},{"latitude":1,"longitude":0}]}"#,  // bow-tie
        #"{"type":"circle","center":{"latitude":"10","longitude":0},"radiusMeters":5}"#,        // a string for a number
        #"{"type":"circle","center":{"latitude":10,"longitude":0},"radiusMeters":05}"#,          // not JSON
        #"{"type":"circle","center":{"latitude":10,"longitude":0},"radiusMeters":5} x"#,        // trailing text
        #"{"points":[{"longitude":179.9,"latitude":-89.5},{"longitude":-179.9,"latitude":-89.5},{"longitude":0,"latitude":-89.9}],"type":"polygon"}"#,  // round the pole
    ])
    func refuses(text: String) {
        let decoded = try? JSONDecoder().decode(GeoZone.self, from: Data(text.utf8))
        #expect(decoded == nil)
        #expect(GeoZone(storedJSON: text) == nil)
    }

    @Test("text this reader does not handle goes to the decoder")
    func fallsBack() throws {
        let escaped = #"{"typ\u0065":"circle","center":{"latitude":10,"longitude":0},"radiusMeters":5}"#
        let decoded = try JSONDecoder().decode(GeoZone.self, from: Data(escaped.utf8))
        #expect(GeoZone(storedJSON: escaped) == decoded)
    }
}
