/// The values PoseRun measures from. Outside them a number is a data error (a corrupt file, a typo in an
/// option), never a measurement: readers reject it naming the field, so nothing downstream — cleaning,
/// drawing, a frame index — meets a value it cannot hold. The bounds are far beyond any real recording,
/// so no genuine input is near them; heuristic, chosen that way.
public enum Plausibility {
    /// Samples per second: a phone films at 24–240, high-speed cameras reach 10⁴, motion capture 10³. Past
    /// this, a rate is a corrupt header (a DataRate of 10¹² once asked for 1.6 TB).
    public static let frameRates: ClosedRange<Double> = 0.5...100_000
    /// A coordinate's magnitude in the input's units: 10 km in millimetres, far wider than any 8K frame in pixels.
    public static let largestCoordinate = 1e7
    /// A time's magnitude in seconds: 115 days.
    public static let largestTime = 1e7
    /// A treadmill or running speed in m/s (the fastest sprint is 12.4).
    public static let speeds: ClosedRange<Double> = 0.1...20
    /// A runner's height in metres, and a leg length (greater trochanter to floor).
    public static let heights: ClosedRange<Double> = 0.5...2.8
    public static let legLengths: ClosedRange<Double> = 0.25...1.5
    /// Any number in an analysis (angles, seconds, frames, leg lengths, percentages) is far below this;
    /// 1e308 in a curve's SD once made `report` loop without end.
    public static let largestAnalysisNumber = 1e9
    /// A video's pixel shape (width over height): anamorphic formats stretch by up to 2:1; past 10:1 the
    /// metadata is damaged, and the widened frame it asks for would not fit in memory.
    public static let pixelAspectRatios: ClosedRange<Double> = 0.1...10
    /// Frames a video stream without timestamps may claim from its duration × rate: a day at 120 fps.
    public static let mostFramesWithoutTimestamps = 24 * 3600 * 120

    /// One value out of bounds, as data: the presentation layers word it.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// What the value is ("frame rate", "left_heel x"…).
        public var field: String
        public var value: Double
        /// The sample it is in, when it is in one.
        public var frame: Int?
        /// The bounds it broke, as a reader says them.
        public var allowed: String

        public var description: String {
            "\(field) \(value) is outside what PoseRun reads (\(allowed))"
        }
    }

    /// Whether a rate is one PoseRun can time with.
    public static func frameRateViolation(_ rate: Double, field: String = "frame rate") -> Violation? {
        rate.isFinite && frameRates.contains(rate) ? nil
            : Violation(field: field, value: rate, frame: nil, allowed: "\(frameRates.lowerBound)–\(Int(frameRates.upperBound)) per second")
    }

    /// The first value of `sequence` out of bounds: its rate, a time, or a coordinate (missing values,
    /// NaN, are gaps and fine).
    public static func firstViolation(in sequence: KeypointSequence) -> Violation? {
        if let v = frameRateViolation(sequence.frameRate) { return v }
        for (i, t) in sequence.times.enumerated() where !(t.isFinite && abs(t) <= largestTime) {
            return Violation(field: "time", value: t, frame: frameLabel(sequence, i), allowed: "finite, within ±\(Int(largestTime)) s")
        }
        for landmark in Landmark.allCases {
            guard let track = sequence.tracks[landmark] else { continue }
            for (axis, values) in [("x", track.x), ("y", track.y)] {
                for (i, v) in values.enumerated() where v.isInfinite || abs(v) > largestCoordinate {
                    return Violation(
                        field: "\(landmark.rawValue) \(axis)", value: v, frame: frameLabel(sequence, i),
                        allowed: "within ±\(Int(largestCoordinate)) \(sequence.lengthUnit.rawValue)")
                }
            }
        }
        return nil
    }

    private static func frameLabel(_ s: KeypointSequence, _ i: Int) -> Int? {
        i < s.frameNumbers.count ? s.frameNumbers[i] : i
    }
}

extension Int {
    /// The integer nearest a measured value, or `nil` when it has none (NaN, ±∞, beyond ±2⁵³, where a
    /// `Double` no longer holds every integer). The one checked path from a measurement to a count, a
    /// pixel or a frame index: `Int(_:)` traps on what this refuses.
    public init?(measured value: Double) {
        guard value.isFinite, abs(value) <= 9_007_199_254_740_992 else { return nil }
        self = Int(value.rounded())
    }
}
