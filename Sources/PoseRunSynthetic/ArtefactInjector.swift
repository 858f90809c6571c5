import PoseRunCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spoils clean keypoints the way pose models do — noise, low-confidence glitches, left/right label
/// swaps, dropouts — from a seeded generator, and writes down exactly what it did.
struct ArtefactInjector {
    /// Single-landmark swaps pick among these: the hips sit within a few centimetres of each other
    /// in side view, so a hip-only swap is invisible and is left out.
    static let singleSwapCandidates: [Landmark] = [.leftKnee, .leftAnkle, .leftHeel, .leftToe]
    /// Frames kept free between injected swaps, so each stays a separate, countable event.
    static let swapSpacingFrames = 3

    var artefacts: SyntheticRunner.Artefacts
    /// Sequence units per metre.
    var scale: Double
    var legLength: Double

    init(_ artefacts: SyntheticRunner.Artefacts, scale: Double, legLength: Double) {
        self.artefacts = artefacts
        self.scale = scale
        self.legLength = legLength
    }

    func apply(to sequence: inout KeypointSequence, truth: inout SyntheticTruth) {
        let a = artefacts
        var rng = SplitMix64(seed: a.seed)
        let n = sequence.frameCount
        guard n > 0 else { return }
        var tracks = sequence.tracks
        let clean = sequence.tracks

        // Noise and confidence.
        for l in Landmark.allCases {
            guard var tr = tracks[l] else { continue }
            for i in 0..<n {
                if a.noiseSDMetres > 0 {
                    tr.x[i] += rng.gaussian() * a.noiseSDMetres * scale
                    tr.y[i] += rng.gaussian() * a.noiseSDMetres * scale
                }
                tr.confidence[i] = rng.uniform(a.confidenceRange)
            }
            tracks[l] = tr
        }

        // Low-confidence glitches: a detector's wild guess, flagged by its own low score.
        for _ in 0..<a.lowConfidenceGlitches {
            let l = Landmark.allCases[rng.integer(0...(Landmark.allCases.count - 1))]
            let f = rng.integer(0...(n - 1))
            guard var tr = tracks[l] else { continue }
            tr.x[f] += rng.uniform(-0.3...0.3) * legLength
            tr.y[f] += rng.uniform(-0.3...0.3) * legLength
            tr.confidence[f] = rng.uniform(0.02...0.2)
            tracks[l] = tr
            truth.glitches.append(InjectedSample(frame: f, landmark: l))
        }

        // Confident glitches: the same wild guess, but the detector is sure of it.
        for _ in 0..<a.confidentGlitches {
            let l = Landmark.allCases[rng.integer(0...(Landmark.allCases.count - 1))]
            let f = rng.integer(0...(n - 1))
            guard var tr = tracks[l] else { continue }
            let size = rng.uniform(0.1...0.3) * legLength, angle = rng.uniform(0...(2 * Double.pi))
            tr.x[f] += size * cos(angle)
            tr.y[f] += size * sin(angle)
            tracks[l] = tr
            truth.confidentGlitches.append(InjectedSample(frame: f, landmark: l))
        }

        // Left/right swaps in separate, non-overlapping runs of frames.
        var taken = [Bool](repeating: false, count: n)
        /// Frames where a left landmark and its mirror swap horizontal order (the legs cross there).
        func crossings(_ l: Landmark) -> [Int] {
            guard let a = clean[l], let b = clean[l.mirrored] else { return [] }
            return (0..<(n - 1)).filter { f in (a.x[f] - b.x[f]) * (a.x[f + 1] - b.x[f + 1]) <= 0 }
        }
        var crossingsByLandmark: [Landmark: [Int]] = [:]
        func place(_ length: Int, crossing landmark: Landmark) -> ClosedRange<Int>? {
            guard n > length + 2 else { return nil }
            if crossingsByLandmark[landmark] == nil { crossingsByLandmark[landmark] = crossings(landmark) }
            let candidates = crossingsByLandmark[landmark] ?? []
            for _ in 0..<200 {
                var s = rng.integer(1...(n - length - 1))
                if a.swapPlacement == .atCrossings, !candidates.isEmpty {
                    let c = candidates[rng.integer(0...(candidates.count - 1))]
                    // Start just after the crossing, or end just before it.
                    s = rng.nextUnit() < 0.5 ? c + 1 : c - length + 1
                    guard s >= 1, s + length - 1 <= n - 2 else { continue }
                }
                let lo = max(0, s - Self.swapSpacingFrames), hi = min(n - 1, s + length - 1 + Self.swapSpacingFrames)
                if !taken[lo...hi].contains(true) {
                    for i in lo...hi { taken[i] = true }
                    return s...(s + length - 1)
                }
            }
            return nil
        }
        let kinds = [InjectedSwap.Kind](repeating: .wholeLeg, count: a.legSwaps)
            + [InjectedSwap.Kind](repeating: .singleLandmark, count: a.singleLandmarkSwaps)
            + [InjectedSwap.Kind](repeating: .wholeArm, count: a.armSwaps)
        for kind in kinds {
            let lefts: [Landmark]
            switch kind {
            case .wholeLeg: lefts = Landmark.leg(.left)
            case .wholeArm: lefts = [.leftShoulder, .leftElbow, .leftWrist]
            case .singleLandmark:
                lefts = [Self.singleSwapCandidates[rng.integer(0...(Self.singleSwapCandidates.count - 1))]]
            }
            // A whole-leg swap is placed at an ankle crossing, an arm at a wrist crossing, a single one at its own.
            let crossing = kind == .wholeLeg ? Landmark.leftAnkle : kind == .wholeArm ? .leftWrist : lefts[0]
            guard let frames = place(rng.integer(1...max(1, a.maxSwapFrames)), crossing: crossing) else { continue }
            for l in lefts {
                guard var left = tracks[l], var right = tracks[l.mirrored] else { continue }
                for f in frames {
                    swap(&left.x[f], &right.x[f])
                    swap(&left.y[f], &right.y[f])
                    swap(&left.confidence[f], &right.confidence[f])
                }
                tracks[l] = left
                tracks[l.mirrored] = right
            }
            truth.injectedSwaps.append(InjectedSwap(kind: kind, frames: frames, leftLandmarks: lefts))
        }
        truth.injectedSwaps.sort { $0.frames.lowerBound < $1.frames.lowerBound }

        // Dropouts: short gaps in one landmark.
        for _ in 0..<a.dropoutGaps {
            let l = Landmark.allCases[rng.integer(0...(Landmark.allCases.count - 1))]
            let length = rng.integer(1...max(1, a.maxDropoutFrames))
            guard n > length, var tr = tracks[l] else { continue }
            let s = rng.integer(0...(n - length))
            for f in s..<(s + length) {
                tr.set(nil, confidence: 0, at: f)
                truth.dropouts.append(InjectedSample(frame: f, landmark: l))
            }
            tracks[l] = tr
        }
        sequence.tracks = tracks
    }
}
