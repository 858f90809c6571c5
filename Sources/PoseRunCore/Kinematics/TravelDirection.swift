/// Which way the runner travels along x. Never assumed: found from the feet, or from the body's motion.
enum TravelDirection {
    /// Frames of heel and toe needed before their direction is trusted, and the net share of frames that
    /// must agree (0.3: 65 % one way); heuristics — a side-view foot points forward in nearly every frame.
    static let minimumFootFrames = 10
    static let minimumAgreement = 0.3
    /// Frames at or below this percentile of foot height count as stance when the feet lack a heel/toe pair.
    static let stanceHeightPercentile = 30.0

    /// +1 when the runner moves toward +x, −1 toward −x, with the evidence used; `nil` when undecidable.
    static func detect(in sequence: KeypointSequence) -> (sign: Int, evidence: String)? {
        // 1. Toes point forward: the heel→toe vector's horizontal component.
        var votes = 0.0, count = 0
        for side in Side.allCases {
            guard let heel = sequence.tracks[.heel(side)], let toe = sequence.tracks[.toe(side)] else { continue }
            for i in 0..<sequence.frameCount where heel.x[i].isFinite && toe.x[i].isFinite {
                votes += toe.x[i] - heel.x[i] > 0 ? 1 : -1
                count += 1
            }
        }
        if count >= minimumFootFrames, abs(votes) / Double(count) > minimumAgreement {
            return (votes > 0 ? 1 : -1, "heel-to-toe direction of the feet")
        }
        // 2. A stance foot moves backward relative to the hips (treadmill, overground or panning camera).
        var rel = 0.0, n = 0
        for side in Side.allCases {
            let foot = sequence.tracks[.ankle(side)] ?? sequence.tracks[.heel(side)] ?? sequence.tracks[.toe(side)]
            guard let foot, let hip = sequence.tracks[.hip(side)] else { continue }
            let y = foot.y.filter(\.isFinite)
            guard let low = Signal.quantile(y, stanceHeightPercentile / 100) else { continue }
            for i in 1..<max(1, sequence.frameCount) where foot.y[i].isFinite && foot.y[i] <= low {
                let dt = sequence.times[i] - sequence.times[i - 1]
                let a = foot.x[i] - hip.x[i], b = foot.x[i - 1] - hip.x[i - 1]
                if dt > 0, a.isFinite, b.isFinite { rel += (a - b) / dt; n += 1 }
            }
        }
        if n >= 5, rel != 0 {
            return (rel < 0 ? 1 : -1, "stance foot moving backward relative to the hips")
        }
        return nil
    }

    /// The sequence mirrored so that forward is +x.
    static func oriented(_ sequence: KeypointSequence, sign: Int) -> KeypointSequence {
        guard sign < 0 else { return sequence }
        var s = sequence
        for (landmark, var track) in s.tracks {
            for i in 0..<track.count { track.x[i] = -track.x[i] }
            s.tracks[landmark] = track
        }
        return s
    }
}
