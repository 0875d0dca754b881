import Foundation
import Testing
@testable import SupervisionRules

/// Shared builders for the geo tests (here because the other geo test files need them too).
enum GeoFixtures {
    static func point(_ latitude: Double, _ longitude: Double) -> GeoPoint {
        GeoPoint(latitude: latitude, longitude: longitude)!
    }

    /// The point `meters` due north (south when negative) of `p`, along its meridian: there the
    /// haversine distance is exactly R × Δlatitude, so the test controls distances to the millimetre.
    static func north(of p: GeoPoint, meters: Double) -> GeoPoint {
        point(p.latitude + meters / Geometry.earthRadiusMeters * 180 / .pi, p.longitude)
    }

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func zone(_ identifier: String) -> AgencyZone { AgencyZone(identifier: identifier)! }

    /// The instant at which `zone`'s wall clock shows `iso` ("2026-03-10T23:30").
    static func instant(_ iso: String, in zone: AgencyZone = .utc) -> Instant {
        zone.instant(of: LocalDateTime(iso: iso)!)
    }

    /// An instant given in UTC ("2026-10-25T01:30"), for wall times that happen twice.
    static func utc(_ iso: String) -> Instant { LocalDateTime(iso: iso)!.instantIfUTC }

    static let london = point(51.5074, -0.1278)
}

private typealias F = GeoFixtures

struct KnownDistance: Sendable, CustomTestStringConvertible {
    let name: String
    let a: GeoPoint, b: GeoPoint
    let meters: Double, within: Double
    var testDescription: String { name }
}

@Suite struct GeometryDistanceTests {
    static let known: [KnownDistance] = [
        .init(name: "London–Paris ≈ 343.5 km", a: F.london, b: F.point(48.8566, 2.3522), meters: 343_500, within: 500),
        .init(name: "Sydney–Auckland ≈ 2156 km", a: F.point(-33.8688, 151.2093), b: F.point(-36.8485, 174.7633), meters: 2_156_000, within: 1_000),
        .init(name: "1° of latitude ≈ 111.195 km", a: F.point(0, 0), b: F.point(1, 0), meters: 111_195.08, within: 0.01),
        .init(name: "1° of latitude at 51° ≈ 111.195 km", a: F.point(51, -1), b: F.point(52, -1), meters: 111_195.08, within: 0.01),
        .init(name: "1° of longitude on the equator", a: F.point(0, 10), b: F.point(0, 11), meters: 111_195.08, within: 0.01),
        .init(name: "1° of longitude at 60° ≈ 55.597 km", a: F.point(60, 0), b: F.point(60, 1), meters: 55_597.01, within: 0.01),
        .init(name: "across the 180° meridian", a: F.point(0, 179.5), b: F.point(0, -179.5), meters: 111_195.08, within: 0.01),
        .init(name: "half way round", a: F.point(0, 0), b: F.point(0, 180), meters: 20_015_114.44, within: 0.01),
        .init(name: "same point", a: F.london, b: F.london, meters: 0, within: 0),
    ]

    @Test(arguments: known)
    func haversineMatchesKnownDistances(_ c: KnownDistance) {
        let d = Geometry.distanceMeters(c.a, c.b)
        #expect(abs(d - c.meters) <= c.within, "\(d) m")
        #expect(Geometry.distanceMeters(c.b, c.a) == d)
    }

    @Test(arguments: [0.001, 1, 99, 100, 101, 500, 10_000])
    func pointsBuiltAlongAMeridianAreAtTheirDistance(_ meters: Double) {
        let p = F.north(of: F.london, meters: meters)
        #expect(abs(Geometry.distanceMeters(F.london, p) - meters) < 1e-6)
    }
}

struct PolygonCase: Sendable, CustomTestStringConvertible {
    let name: String
    let polygon: [GeoPoint]
    let point: GeoPoint
    let inside: Bool
    var testDescription: String { name }
}

@Suite struct GeometryPolygonTests {
    // A square of 0.01° (about 1.1 km × 0.7 km) near London.
    static let square = [F.point(51.50, -0.13), F.point(51.50, -0.12), F.point(51.51, -0.12), F.point(51.51, -0.13)]
    // A U opening north: arms at x 0–1 and 2–3, base y 0–1, notch x 1–2, y 1–3 (in 0.001°).
    static let u: [GeoPoint] = [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)].map {
        F.point(51.500 + Double($0.1) * 0.001, -0.130 + Double($0.0) * 0.001)
    }
    // A square straddling the 180° meridian.
    static let dateLine = [F.point(-17.0, 179.9), F.point(-17.0, -179.9), F.point(-16.9, -179.9), F.point(-16.9, 179.9)]

    static let cases: [PolygonCase] = [
        .init(name: "centre of the square", polygon: square, point: F.point(51.505, -0.125), inside: true),
        .init(name: "west of the square", polygon: square, point: F.point(51.505, -0.135), inside: false),
        .init(name: "north of the square", polygon: square, point: F.point(51.515, -0.125), inside: false),
        .init(name: "on the south edge", polygon: square, point: F.point(51.50, -0.125), inside: true),
        .init(name: "on the east edge", polygon: square, point: F.point(51.505, -0.12), inside: true),
        .init(name: "on a vertex", polygon: square, point: F.point(51.51, -0.13), inside: true),
        .init(name: "on another vertex", polygon: square, point: F.point(51.50, -0.12), inside: true),
        .init(name: "just outside a vertex", polygon: square, point: F.point(51.5101, -0.1301), inside: false),
        .init(name: "in the U's notch", polygon: u, point: F.point(51.502, -0.1285), inside: false),
        .init(name: "in the U's left arm", polygon: u, point: F.point(51.502, -0.1295), inside: true),
        .init(name: "in the U's right arm", polygon: u, point: F.point(51.502, -0.1275), inside: true),
        .init(name: "in the U's base", polygon: u, point: F.point(51.5005, -0.1285), inside: true),
        .init(name: "on the notch's floor", polygon: u, point: F.point(51.501, -0.1285), inside: true),
        .init(name: "level with a notch vertex, outside", polygon: u, point: F.point(51.501, -0.1305), inside: false),
        .init(name: "across the 180° meridian, east side", polygon: dateLine, point: F.point(-16.95, 179.95), inside: true),
        .init(name: "across the 180° meridian, west side", polygon: dateLine, point: F.point(-16.95, -179.95), inside: true),
        .init(name: "far side of the Earth from a 180° polygon", polygon: dateLine, point: F.point(-16.95, 0), inside: false),
    ]

    @Test(arguments: cases)
    func containment(_ c: PolygonCase) {
        #expect(Geometry.polygonContains(c.polygon, c.point) == c.inside)
        let signed = GeoZone.polygon(c.polygon).signedDistanceMeters(to: c.point)
        #expect(c.inside ? signed <= 0 : signed > 0, "signed distance \(signed)")
    }

    @Test func slantedEdgeMidpointIsInside() {
        let triangle = [F.point(51.50, -0.13), F.point(51.51, -0.12), F.point(51.52, -0.14)]
        let mid = F.point((51.50 + 51.51) / 2, (-0.13 + -0.12) / 2)
        #expect(Geometry.polygonContains(triangle, mid))
        #expect(GeoZone.polygon(triangle).signedDistanceMeters(to: mid) == 0)
    }

    @Test(arguments: [-50.0, -1, 1, 50])
    func distanceToAnEdgeAlongAMeridian(_ metersNorthOfNorthEdge: Double) {
        // The north edge runs along the parallel 51.51°; the point is due north or south of it.
        let onEdge = F.point(51.51, -0.125)
        let p = F.north(of: onEdge, meters: metersNorthOfNorthEdge)
        #expect(abs(Geometry.distanceToPolygonEdgeMeters(Self.square, p) - abs(metersNorthOfNorthEdge)) < 1e-6)
        #expect(abs(GeoZone.polygon(Self.square).signedDistanceMeters(to: p) - metersNorthOfNorthEdge) < 1e-6)
    }

    /// Far from a zone, the distance is still a great-circle distance (the plane only finds the
    /// nearest boundary point): Paris to a 100 m square in London ≈ London–Paris.
    @Test func farDistanceIsGreatCircle() {
        let tiny = [F.point(51.5070, -0.1280), F.point(51.5070, -0.1270), F.point(51.5080, -0.1270), F.point(51.5080, -0.1280)]
        let paris = F.point(48.8566, 2.3522)
        let nearestVertex = tiny.map { Geometry.distanceMeters($0, paris) }.min()!
        let d = Geometry.distanceToPolygonEdgeMeters(tiny, paris)
        #expect(d <= nearestVertex && d > nearestVertex - 120, "\(d) vs \(nearestVertex)")
    }

    @Test func fewerThanThreePointsContainNothing() {
        #expect(!Geometry.polygonContains([F.london, F.point(51.6, -0.1)], F.london))
        #expect(Geometry.distanceToPolygonEdgeMeters([], F.london) == .infinity)
    }
}

struct InvalidPolygon: Sendable, CustomTestStringConvertible {
    let name: String
    let points: [GeoPoint]
    let messageContains: String
    var testDescription: String { name }
}

@Suite struct GeometryValidationTests {
    static let invalid: [InvalidPolygon] = [
        .init(name: "no points", points: [], messageContains: "at least 3 distinct points; got 0"),
        .init(name: "two points", points: [F.point(51.50, -0.13), F.point(51.51, -0.12)], messageContains: "at least 3 distinct points; got 2"),
        .init(name: "bow-tie", points: [F.point(51.50, -0.13), F.point(51.51, -0.12), F.point(51.50, -0.12), F.point(51.51, -0.13)],
              messageContains: "Edges 1–2 and 3–4 of the polygon cross or touch"),
        .init(name: "repeated point", points: [F.point(51.50, -0.13), F.point(51.50, -0.12), F.point(51.50, -0.13), F.point(51.51, -0.12)],
              messageContains: "Point 3 of the polygon repeats point 1"),
        .init(name: "closing repeat", points: [F.point(51.50, -0.13), F.point(51.50, -0.12), F.point(51.51, -0.12), F.point(51.50, -0.13)],
              messageContains: "do not repeat the first point"),
        .init(name: "three points on a line", points: [F.point(51.50, -0.13), F.point(51.50, -0.12), F.point(51.50, -0.11)],
              messageContains: "double back along one line"),
        .init(name: "a vertex touching an edge", points: [F.point(0, 0), F.point(0, 4), F.point(4, 4), F.point(0, 2), F.point(4, 0)],
              messageContains: "cross or touch"),
        .init(name: "round the North Pole", points: [F.point(80, 0), F.point(80, 120), F.point(80, -120)],
              messageContains: "must not go round a pole"),
        .init(name: "wider than 180°", points: [F.point(0, -100), F.point(0, 0), F.point(0, 100), F.point(10, 0)],
              messageContains: "less than 180 degrees"),
    ]

    @Test(arguments: invalid)
    func refused(_ c: InvalidPolygon) {
        #expect {
            try Geometry.validatePolygon(c.points)
        } throws: { error in
            (error as? InputError)?.message.contains(c.messageContains) == true
        }
    }

    @Test func triangleAndConcaveAreAccepted() throws {
        try Geometry.validatePolygon([F.point(51.50, -0.13), F.point(51.51, -0.12), F.point(51.52, -0.14)])
        try Geometry.validatePolygon(GeometryPolygonTests.u)
        try Geometry.validatePolygon(GeometryPolygonTests.dateLine)
    }

    @Test func tooManyPointsRefused() {
        let ring = (0...Geometry.maxPolygonPoints).map { i -> GeoPoint in
            let angle = Double(i) / Double(Geometry.maxPolygonPoints + 1) * 2 * .pi
            return F.point(51.5 + 0.01 * sin(angle), -0.12 + 0.01 * cos(angle))
        }
        #expect(throws: InputError("A polygon may have at most 1000 points; got 1001.")) {
            try Geometry.validatePolygon(ring)
        }
    }
}

struct ParseCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: GeoPoint?
    var testDescription: String { "\"\(text)\"" }
}

@Suite struct GeoPointTests {
    static let parses: [ParseCase] = [
        .init(text: "51.5074,-0.1278", expected: F.point(51.5074, -0.1278)),
        .init(text: " 51.5074 , -0.1278 ", expected: F.point(51.5074, -0.1278)),
        .init(text: "-90,180", expected: F.point(-90, 180)),
        .init(text: "90,-180", expected: F.point(90, -180)),
        .init(text: "+1.5,.5", expected: F.point(1.5, 0.5)),
        .init(text: "90.0001,0", expected: nil),
        .init(text: "0,180.0001", expected: nil),
        .init(text: "51.5", expected: nil),
        .init(text: "51.5,-0.1,3", expected: nil),
        .init(text: "nan,0", expected: nil),
        .init(text: "inf,0", expected: nil),
        .init(text: "1e1,0", expected: nil),
        .init(text: "0x10,0", expected: nil),
        .init(text: ",", expected: nil),
        .init(text: "", expected: nil),
        .init(text: "5 1,0", expected: nil),
        .init(text: "\t51.5\n,\r-0.1\u{0B}", expected: F.point(51.5, -0.1)),
        .init(text: "\u{A0}51.5,-0.1\u{2003}", expected: F.point(51.5, -0.1)),   // Unicode spaces: the general path
        .init(text: "51.5,-0.1\u{301}", expected: nil),
        .init(text: "5-1,0", expected: nil),
        .init(text: "1..5,0", expected: nil),
        .init(text: "-,0", expected: nil),
        .init(text: ".,0", expected: nil),
        .init(text: "51.5,", expected: nil),
        .init(text: "00051.50000,-000.1", expected: F.point(51.5, -0.1)),
        .init(text: "51.50000000000000000001,-0.1", expected: F.point(51.5, -0.1)),
    ]

    @Test(arguments: parses)
    func parse(_ c: ParseCase) {
        if let expected = c.expected {
            #expect((try? GeoPoint.parse(c.text, field: "--home")) == expected)
        } else {
            #expect {
                try GeoPoint.parse(c.text, field: "--home")
            } throws: { error in
                (error as? InputError)?.message.hasPrefix("--home ") == true
            }
        }
    }

    @Test(arguments: [(91.0, 0.0), (-90.5, 0), (0, 181), (0, -180.5), (.nan, 0), (0, .infinity), (-.infinity, 0)])
    func outOfRangeIsNil(_ latitude: Double, _ longitude: Double) {
        #expect(GeoPoint(latitude: latitude, longitude: longitude) == nil)
    }

    @Test func descriptionReadsBack() throws {
        let p = F.point(51.5074, -0.1278)
        #expect(p.description == "51.5074,-0.1278")
        #expect(try GeoPoint.parse(p.description, field: "x") == p)
    }
}

@Suite struct GeoZoneTests {
    @Test(arguments: [
        ("51.5074,-0.1278,500", "circle 51.5074,-0.1278 r=500 m"),
        ("51.5074, -0.1278, 0.5", "circle 51.5074,-0.1278 r=0.5 m"),
        ("0,0,100000", "circle 0,0 r=100000 m"),
    ])
    func circleParses(_ text: String, _ summary: String) throws {
        #expect(try GeoZone.parseCircle(text).summary == summary)
    }

    @Test(arguments: ["51.5,-0.12,0", "51.5,-0.12,-5", "51.5,-0.12,100000.1", "51.5,-0.12", "51.5,-0.12,abc", "91,0,10", "x,0,10"])
    func circleRefused(_ text: String) {
        #expect(throws: InputError.self) { try GeoZone.parseCircle(text) }
    }

    @Test func polygonParses() throws {
        let zone = try GeoZone.parsePolygon("51.50,-0.13; 51.50,-0.12; 51.51,-0.12; 51.51,-0.13; 51.505,-0.135")
        #expect(zone.summary == "polygon of 5 points")
        // A ring closed GeoJSON-style is accepted and the repeat dropped.
        let closed = try GeoZone.parsePolygon("51.50,-0.13;51.50,-0.12;51.51,-0.12;51.50,-0.13")
        #expect(closed == .polygon([F.point(51.50, -0.13), F.point(51.50, -0.12), F.point(51.51, -0.12)]))
    }

    @Test func polygonErrorsNameThePoint() {
        #expect(throws: InputError("--polygon point 2 must be LAT,LON in decimal degrees (for example 51.5074,-0.1278); got \"51.50\".")) {
            try GeoZone.parsePolygon("51.50,-0.13;51.50;51.51,-0.12")
        }
        #expect(throws: InputError.self) { try GeoZone.parsePolygon("51.50,-0.13;51.51,-0.12;51.50,-0.12;51.51,-0.13") }
        #expect(throws: InputError.self) { try GeoZone.parsePolygon("51.50,-0.13;51.51,-0.12") }
    }

    @Test(arguments: [-600.0, -500, -1, 0, 1, 500])
    func circleSignedDistance(_ metersOutside: Double) {
        let zone = GeoZone.circle(center: F.london, radiusMeters: 600)
        let p = F.north(of: F.london, meters: 600 + metersOutside)
        #expect(abs(zone.signedDistanceMeters(to: p) - metersOutside) < 1e-6)
    }

    @Test func codableRoundTripAndValidation() throws {
        let zones: [GeoZone] = [.circle(center: F.london, radiusMeters: 250), .polygon(GeometryPolygonTests.square)]
        for zone in zones {
            let data = try JSONEncoder().encode(zone)
            #expect(try JSONDecoder().decode(GeoZone.self, from: data) == zone)
        }
        let bad = #"{"type":"circle","center":{"latitude":51.5,"longitude":-0.12},"radiusMeters":0}"#
        #expect(throws: (any Error).self) { try JSONDecoder().decode(GeoZone.self, from: Data(bad.utf8)) }
        let badPoint = #"{"latitude":95,"longitude":0}"#
        #expect(throws: (any Error).self) { try JSONDecoder().decode(GeoPoint.self, from: Data(badPoint.utf8)) }
    }
}
