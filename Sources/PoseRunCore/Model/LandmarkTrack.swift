/// One landmark over time: one sample per frame, `NaN` where the landmark was not seen.
///
/// Columns of plain `Double`s rather than optionals so filters run over contiguous memory.
public struct LandmarkTrack: Sendable, Hashable {
    /// Horizontal coordinate per frame, in the sequence's length unit.
    public var x: [Double]
    /// Vertical coordinate per frame, up positive, in the sequence's length unit.
    public var y: [Double]
    /// Detection confidence per frame, 0…1 (1 for motion-capture markers that were tracked, 0 where missing).
    public var confidence: [Double]

    public init(x: [Double], y: [Double], confidence: [Double]) {
        precondition(x.count == y.count && y.count == confidence.count, "LandmarkTrack columns must have equal length")
        self.x = x
        self.y = y
        self.confidence = confidence
    }

    /// A track with every sample missing.
    public init(missingFrames count: Int) {
        self.init(
            x: Array(repeating: .nan, count: count),
            y: Array(repeating: .nan, count: count),
            confidence: Array(repeating: 0, count: count)
        )
    }

    public var count: Int { x.count }

    /// The position at a frame, or `nil` where it is missing.
    public func point(at frame: Int) -> PlanePoint? {
        guard frame >= 0, frame < x.count, x[frame].isFinite, y[frame].isFinite else { return nil }
        return PlanePoint(x: x[frame], y: y[frame])
    }

    /// Sets (or clears, with `nil`) the sample at a frame.
    public mutating func set(_ point: PlanePoint?, confidence value: Double, at frame: Int) {
        x[frame] = point?.x ?? .nan
        y[frame] = point?.y ?? .nan
        confidence[frame] = point == nil ? 0 : value
    }

    /// How many frames hold a finite position.
    public var presentCount: Int {
        var n = 0
        for i in 0..<x.count where x[i].isFinite && y[i].isFinite { n += 1 }
        return n
    }
}
