import Testing
@testable import PoseRunCore
@testable import PoseRunSynthetic

/// How well the cleaner finds and undoes left/right swaps, scored against the synthetic runner's record.
struct SwapScore: CustomStringConvertible {
    var injected = 0
    var corrected = 0
    var falseSamples = 0
    var falseRuns = 0
    var rate: Double { injected == 0 ? 1 : Double(corrected) / Double(injected) }
    var description: String { "\(corrected)/\(injected) swaps corrected (\(rate * 100) %), \(falseSamples) false samples in \(falseRuns) runs" }

    /// A (frame, joint) sample counts as ambiguous when the true left and right joints are within
    /// `tolerance` of each other (either label is then right), or when both samples are missing.
    static func score(_ run: SyntheticRunner.Run, corrections: [SwapCorrection], tolerance: Double) -> SwapScore {
        let lefts = Landmark.leg(.left)
        func key(_ f: Int, _ l: Landmark) -> Int { f * 8 + (lefts.firstIndex(of: l) ?? 7) }
        var injected = Set<Int>()
        for s in run.truth.injectedSwaps { for f in s.frames { for l in s.leftLandmarks { injected.insert(key(f, l)) } } }
        var corrected = Set<Int>()
        for c in corrections { for f in c.frames { for l in c.leftLandmarks { corrected.insert(key(f, l)) } } }
        func ambiguous(_ f: Int, _ l: Landmark) -> Bool {
            guard let a = run.cleanSequence.point(l, at: f), let b = run.cleanSequence.point(l.mirrored, at: f) else { return true }
            if run.sequence.point(l, at: f) == nil && run.sequence.point(l.mirrored, at: f) == nil { return true }
            return a.distance(to: b) <= tolerance
        }
        var score = SwapScore()
        for s in run.truth.injectedSwaps {
            score.injected += 1
            let ok = s.frames.allSatisfy { f in s.leftLandmarks.allSatisfy { corrected.contains(key(f, $0)) || ambiguous(f, $0) } }
            if ok { score.corrected += 1 }
        }
        for c in corrections {
            var wrong = 0
            for f in c.frames { for l in c.leftLandmarks where !injected.contains(key(f, l)) && !ambiguous(f, l) { wrong += 1 } }
            score.falseSamples += wrong
            if wrong > 0 { score.falseRuns += 1 }
        }
        return score
    }
}

@Suite struct CleaningSwapTests {
    @Test func scratch() throws {
        for (name, preset) in [("pose", SyntheticRunner.Configuration.poseRunner), ("heel", .heelStriker), ("walk", .walker)] {
            for (fps, noise, maxLen) in [(60.0, 0.01, 6), (30.0, 0.02, 12), (120.0, 0.03, 15)] {
                var total = SwapScore(), off = SwapScore()
                for seed in UInt64(1)...3 {
                    var c = preset
                    c.durationSeconds = 60
                    c.frameRate = fps
                    c.artefacts = .init(noiseSDMetres: noise, confidenceRange: 0.5...1, dropoutGaps: 40, maxDropoutFrames: 4,
                                        lowConfidenceGlitches: 30, legSwaps: 30, singleLandmarkSwaps: 30, maxSwapFrames: maxLen, seed: seed)
                    let run = try SyntheticRunner(c).generate()
                    let result = KeypointCleaner().clean(run.sequence)
                    let tol = 3 * noise * 2.0.squareRoot()
                    let s = SwapScore.score(run, corrections: result.report.swapCorrections, tolerance: tol)
                    total.injected += s.injected; total.corrected += s.corrected; total.falseSamples += s.falseSamples; total.falseRuns += s.falseRuns
                    let s0 = SwapScore.score(run, corrections: [], tolerance: tol)
                    off.injected += s0.injected; off.corrected += s0.corrected
                }
                print(name, fps, noise, maxLen, "noisy:", total, "| without correction:", off)
            }
        }
    }
}
