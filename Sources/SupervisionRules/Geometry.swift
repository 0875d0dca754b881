import Foundation

/// Distances and polygon tests on the Earth's surface.
///
/// Distances between points are great-circle distances (haversine on a sphere of radius
/// `earthRadiusMeters`, as docs/restrictions.md §6 requires).
///
/// A polygon's edges are straight lines in latitude/longitude, as mapping tools draw short edges
/// (from a great-circle edge, a 1 km edge differs by a few centimetres, a 10 km edge by metres).
/// Containment and the nearest boundary point are found in one local equirectangular plane
/// centred on the point being judged (metres north and east of it), so "inside" and the sign of
/// the distance always agree; the distance itself is then the great-circle distance to that
/// nearest boundary point. Longitudes are unwrapped, so a zone across the 180° meridian works.
public enum Geometry {
    public static let earthRadiusMeters = 6_371_008.8

    /// Closer than this to a zone's boundary counts as on it (inside for `polygonContains`, a
    /// signed distance of 0). A millimetre is far below what any phone can measure; it only
    /// absorbs floating-point noise so that a point on an edge is treated the same on every edge.
    public static let boundaryToleranceMeters = 0.001

    /// A polygon may have at most this many points (validation compares every pair of edges).
    public static let maxPolygonPoints = 1_000

    /// Great-circle distance in metres (haversine).
    public static func distanceMeters(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let φ1 = radians(a.latitude), φ2 = radians(b.latitude)
        let sinHalfΔφ = sin(radians(b.latitude - a.latitude) / 2)
        let sinHalfΔλ = sin(radians(b.longitude - a.longitude) / 2)
        let h = sinHalfΔφ * sinHalfΔφ + cos(φ1) * cos(φ2) * sinHalfΔλ * sinHalfΔλ
        return 2 * earthRadiusMeters * asin(sqrt(min(1, max(0, h))))
    }

    /// Whether `p` is inside `polygon` (implicitly closed); a point on an edge or a vertex counts
    /// as inside. Fewer than 3 points enclose nothing.
    public static func polygonContains(_ polygon: [GeoPoint], _ p: GeoPoint) -> Bool {
        guard polygon.count >= 3 else { return false }
        return measure(polygon, p).inside
    }

    /// The shortest distance in metres from `p` to any edge of `polygon` (whether `p` is inside or
    /// outside). Infinity for an empty polygon.
    public static func distanceToPolygonEdgeMeters(_ polygon: [GeoPoint], _ p: GeoPoint) -> Double {
        if polygon.isEmpty { return .infinity }
        if polygon.count == 1 { return distanceMeters(polygon[0], p) }
        return measure(polygon, p).edgeDistance
    }

    /// Refuses what cannot be a zone's boundary: fewer than 3 distinct points, a repeated point,
    /// edges that cross or touch each other, edges that double back along one line, a polygon
    /// that goes round a pole or spans 180° of longitude or more, more than `maxPolygonPoints`.
    public static func validatePolygon(_ points: [GeoPoint]) throws(InputError) {
        let n = points.count
        guard n >= 3 else {
            throw InputError("A polygon needs at least 3 distinct points; got \(n).")
        }
        guard n <= maxPolygonPoints else {
            throw InputError("A polygon may have at most \(maxPolygonPoints) points; got \(n).")
        }
        var firstIndex: [GeoPoint: Int] = [:]
        for (i, point) in points.enumerated() {
            if let earlier = firstIndex[point] {
                let hint = earlier == 0 && i == n - 1 ? " (the polygon closes by itself; do not repeat the first point)" : ""
                throw InputError("Point \(i + 1) of the polygon repeats point \(earlier + 1)\(hint).")
            }
            firstIndex[point] = i
        }

        let longitudes = unwrappedLongitudes(points)
        let closing = points[0].longitude + 360 * ((longitudes[n - 1] - points[0].longitude) / 360).rounded()
        guard closing == longitudes[0] else {
            throw InputError("A polygon must not go round a pole.")
        }
        guard longitudes.max()! - longitudes.min()! < 180 else {
            throw InputError("A polygon must span less than 180 degrees of longitude.")
        }

        // Crossing tests are unchanged by any scaling of the axes, so degrees do as well as metres.
        let v = zip(points, longitudes).map { Vector(x: $1, y: $0.latitude) }
        for i in 0..<n {
            let u = v[i], w = v[(i + 1) % n], next = v[(i + 2) % n]
            // Adjacent edges u→w and w→next may only share w: collinear and pointing back means overlap.
            if orientation(u, w, next) == 0 && (u - w).dot(next - w) > 0 {
                throw InputError("Points \(i + 1), \((i + 1) % n + 1) and \((i + 2) % n + 1) of the polygon double back along one line; its boundary must not overlap itself.")
            }
        }
        for i in 0..<n {
            for j in (i + 2)..<max(i + 2, n) where !(i == 0 && j == n - 1) {
                if segmentsTouch(v[i], v[(i + 1) % n], v[j], v[(j + 1) % n]) {
                    throw InputError("Edges \(i + 1)–\(i + 2) and \(j + 1)–\((j + 1) % n + 1) of the polygon cross or touch; its boundary must not cross itself.")
                }
            }
        }
        var twiceArea = 0.0
        for i in 0..<n { twiceArea += v[i].cross(v[(i + 1) % n]) }
        guard twiceArea != 0 else {
            throw InputError("The polygon encloses no area.")
        }
    }

    // MARK: - Internals

    struct Vector {
        var x: Double
        var y: Double
        static func - (a: Vector, b: Vector) -> Vector { Vector(x: a.x - b.x, y: a.y - b.y) }
        func dot(_ o: Vector) -> Double { x * o.x + y * o.y }
        func cross(_ o: Vector) -> Double { x * o.y - y * o.x }
        var length: Double { (x * x + y * y).squareRoot() }
    }

    /// Inside-or-on and the distance to the nearest edge. Both are decided in the plane centred
    /// on `p`; the distance is then measured as a great circle from `p` to the nearest boundary
    /// point found there, so it stays right for a report far from the zone.
    static func measure(_ polygon: [GeoPoint], _ p: GeoPoint) -> (inside: Bool, edgeDistance: Double) {
        let plane = LocalPlane(polygon, around: p)
        let v = plane.vertices
        let n = v.count
        var nearest = Vector(x: .infinity, y: .infinity)
        var crossings = 0
        for i in 0..<n {
            let a = v[i], b = v[(i + 1) % n]
            let candidate = nearestPointToOrigin(onSegment: a, b)
            if candidate.length < nearest.length { nearest = candidate }
            // Ray from p (the origin) towards +x; half-open rule so a vertex on the ray counts once.
            if (a.y > 0) != (b.y > 0) {
                let x = a.x + (0 - a.y) * (b.x - a.x) / (b.y - a.y)
                if x > 0 { crossings += 1 }
            }
        }
        let distance = plane.geoPoint(nearest).map { distanceMeters(p, $0) } ?? nearest.length
        let inside = n >= 3 && (distance <= boundaryToleranceMeters || crossings % 2 == 1)
        return (inside, distance)
    }

    /// An equirectangular plane centred on a point: metres east (x) and north (y) of it, with the
    /// polygon's longitudes unwrapped so that it does not split at the 180° meridian.
    struct LocalPlane {
        let origin: GeoPoint
        let originLongitude: Double       // unwrapped to sit beside the polygon
        let metresPerDegreeNorth: Double
        let metresPerDegreeEast: Double
        let vertices: [Vector]

        init(_ polygon: [GeoPoint], around p: GeoPoint) {
            let longitudes = unwrappedLongitudes(polygon)
            let middle = ((longitudes.min() ?? 0) + (longitudes.max() ?? 0)) / 2
            origin = p
            originLongitude = p.longitude + 360 * ((middle - p.longitude) / 360).rounded()
            metresPerDegreeNorth = earthRadiusMeters * .pi / 180
            metresPerDegreeEast = metresPerDegreeNorth * cos(radians(p.latitude))
            let (north, east, lon0) = (metresPerDegreeNorth, metresPerDegreeEast, originLongitude)
            vertices = zip(polygon, longitudes).map { point, longitude in
                Vector(x: (longitude - lon0) * east, y: (point.latitude - p.latitude) * north)
            }
        }

        /// The point at plane position `v`; nil where the plane is degenerate (at a pole).
        func geoPoint(_ v: Vector) -> GeoPoint? {
            guard metresPerDegreeEast > 1e-9, v.x.isFinite, v.y.isFinite else { return nil }
            let latitude = min(90, max(-90, origin.latitude + v.y / metresPerDegreeNorth))
            var longitude = (originLongitude + v.x / metresPerDegreeEast).truncatingRemainder(dividingBy: 360)
            if longitude > 180 { longitude -= 360 } else if longitude < -180 { longitude += 360 }
            return GeoPoint(latitude: latitude, longitude: longitude)
        }
    }

    /// Each longitude moved by whole turns so that consecutive vertices are less than 180° apart
    /// (a vertex that needs no move keeps its exact value).
    static func unwrappedLongitudes(_ polygon: [GeoPoint]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(polygon.count)
        for point in polygon {
            if let previous = result.last {
                result.append(point.longitude + 360 * ((previous - point.longitude) / 360).rounded())
            } else {
                result.append(point.longitude)
            }
        }
        return result
    }

    static func nearestPointToOrigin(onSegment a: Vector, _ b: Vector) -> Vector {
        let ab = b - a
        let lengthSquared = ab.dot(ab)
        guard lengthSquared > 0 else { return a }
        let t = min(1, max(0, -a.dot(ab) / lengthSquared))
        return Vector(x: a.x + t * ab.x, y: a.y + t * ab.y)
    }

    static func orientation(_ a: Vector, _ b: Vector, _ c: Vector) -> Double {
        (b - a).cross(c - a)
    }

    /// Whether closed segments pq and rs share any point.
    static func segmentsTouch(_ p: Vector, _ q: Vector, _ r: Vector, _ s: Vector) -> Bool {
        let d1 = orientation(r, s, p), d2 = orientation(r, s, q)
        let d3 = orientation(p, q, r), d4 = orientation(p, q, s)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
            return true
        }
        return (d1 == 0 && within(r, s, p)) || (d2 == 0 && within(r, s, q))
            || (d3 == 0 && within(p, q, r)) || (d4 == 0 && within(p, q, s))
    }

    /// For a point already known to be on the line ab: whether it lies between a and b.
    private static func within(_ a: Vector, _ b: Vector, _ c: Vector) -> Bool {
        min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
    }

    static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
}
