/// Finds video frames that repeat the one before, from how much each frame differs from its predecessor
/// (mean absolute pixel difference, any scale). A clip re-timed from a lower rate repeats frames; an
/// encoded repeat differs from its original only by compression noise.
public enum RepeatedFrameDetector {
    /// A frame repeats when it differs from the one before by less than this fraction of the clip's
    /// typical (90th percentile) difference between frames. Measured on the shared clips: repeats of
    /// F_Running_2 (24 fps in 30) differ by 0.12–0.31 grey levels, its real frames by 1.35 and more,
    /// with a 90th percentile of 8.3; heuristic.
    public static let repeatFractionOfTypical = 0.1
    /// …and by less than this fraction of the larger of its neighbours' differences, so that a still
    /// scene (sprinters in their blocks) is not taken for repeats; a repeat's neighbours are real changes.
    public static let repeatFractionOfNeighbours = 0.3

    /// Positions of repeated frames. `differences[i]` is frame i's difference from frame i − 1 (the first
    /// is ignored); nil or non-finite where unknown.
    public static func repeatedFrames(differences: [Double?]) -> Set<Int> {
        let known = differences.dropFirst().compactMap { $0 }.filter(\.isFinite)
        guard known.count >= 4, let typical = Signal.quantile(known, 0.9), typical > 0 else { return [] }
        var repeated: Set<Int> = []
        for i in 1..<differences.count {
            guard let d = differences[i], d.isFinite, d < repeatFractionOfTypical * typical else { continue }
            let before = i > 1 ? differences[i - 1] ?? 0 : 0
            let after = i + 1 < differences.count ? differences[i + 1] ?? 0 : 0
            if d < repeatFractionOfNeighbours * max(before, after) { repeated.insert(i) }
        }
        return repeated
    }
}
