/// A point in the sagittal plane of the analysis.
///
/// `y` is up (image rows are flipped on the way in). `x` is horizontal in the source's own
/// direction; the analysis finds which way the runner travels and never assumes left-to-right.
public struct PlanePoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static func + (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x + b.x, y: a.y + b.y) }
    public static func - (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x - b.x, y: a.y - b.y) }
    public static func * (a: PlanePoint, s: Double) -> PlanePoint { PlanePoint(x: a.x * s, y: a.y * s) }

    /// The midpoint of two points (mid-hip, mid-shoulder).
    public static func midpoint(_ a: PlanePoint, _ b: PlanePoint) -> PlanePoint {
        PlanePoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
    }

    /// Euclidean length of the vector from the origin.
    public var length: Double { (x * x + y * y).squareRoot() }

    /// Distance to another point.
    public func distance(to other: PlanePoint) -> Double { (self - other).length }

    /// True when both coordinates are finite (a missing sample is stored as NaN).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
