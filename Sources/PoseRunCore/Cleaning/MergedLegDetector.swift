/// Finds frames where a pose model drew both legs on one: the left and right knee, ankle, heel and toe
/// all at nearly the same place.
///
/// BlazePose does this for a frame now and then when the legs overlap in side view (jogging-overground-
/// side.mp4, frame 21: both legs 0.08 leg lengths apart at most, a blend of the planted and the swinging
/// leg). Such a frame carries no evidence of which leg is which, and it is a false anchor for the swap
/// corrector's constant-velocity predictions: it flipped the labels of the next contact there. Its leg
/// points are left out and bridged by the gap interpolator. Only brief runs count: someone standing with
/// the feet together shows the same picture for a long time, and that is real.
public struct MergedLegDetector: Sendable {
    /// Largest left–right distance of any of the four joints, in leg lengths.
    public var toleranceLegLengths: Double
    /// Longest run of such frames that is treated as a glitch.
    public var longestFrames: Int

    public init(toleranceLegLengths: Double, longestFrames: Int) {
        self.toleranceLegLengths = toleranceLegLengths
        self.longestFrames = longestFrames
    }

    /// The joints compared (and left out): the hips nearly coincide in side view whatever the legs do.
    public static func joints(_ side: Side) -> [Landmark] { [.knee(side), .ankle(side), .heel(side), .toe(side)] }

    /// Frames, in order, whose legs are merged, in runs no longer than `longestFrames`.
    public func frames(in tracks: [Landmark: LandmarkTrack], frameCount n: Int, legLength: Double) -> [Int] {
        guard legLength > 0, legLength.isFinite else { return [] }
        let pairs = Self.joints(.left).compactMap { l -> (LandmarkTrack, LandmarkTrack)? in
            guard let a = tracks[l], let b = tracks[l.mirrored], a.count == n, b.count == n else { return nil }
            return (a, b)
        }
        guard pairs.count == Self.joints(.left).count else { return [] }
        let tolerance = toleranceLegLengths * legLength
        let merged = (0..<n).map { f in
            pairs.allSatisfy { a, b in
                guard let p = a.point(at: f), let q = b.point(at: f) else { return false }
                return p.distance(to: q) < tolerance
            }
        }
        var result: [Int] = []
        var f = 0
        while f < n {
            guard merged[f] else { f += 1; continue }
            var g = f
            while g + 1 < n && merged[g + 1] { g += 1 }
            if g - f + 1 <= longestFrames { result += Array(f...g) }
            f = g + 1
        }
        return result
    }
}
