/// The cleaning stage: confidence gating → merged legs left out → left/right swap correction → spike
/// rejection → short-gap interpolation → zero-lag low-pass filtering. Pure computation over plain arrays; no I/O.
///
/// Order matters: swaps are undone on the raw (gated) samples, before interpolation could bridge a
/// gap with the wrong leg and before filtering could smear a swap into its neighbours.
public struct KeypointCleaner: Sendable {
    public var configuration: CleaningConfiguration

    public init(configuration: CleaningConfiguration = .init()) { self.configuration = configuration }

    /// A cleaned sequence and what was done to it.
    public struct Result: Sendable {
        public var sequence: KeypointSequence
        public var report: CleaningReport
    }

    public func clean(_ input: KeypointSequence) -> Result {
        let c = configuration
        let n = input.frameCount
        var report = CleaningReport()
        // Tracks whose length disagrees with the frame count are passed through untouched.
        let landmarks = Landmark.allCases.filter { input.tracks[$0]?.count == n }
        var tracks = input.tracks

        // 0. A frame that repeats the one before shows no new pose: it is left out and bridged like a gap.
        let repeated = input.repeatedFrames.filter { $0 >= 0 && $0 < n }

        // 1. Confidence gate.
        var confidentInFrame = [Int](repeating: 0, count: n)
        var confidentLegsInFrame = [Int](repeating: 0, count: n)
        var confidentArmsInFrame = [Int](repeating: 0, count: n)
        let legs = Set(Landmark.legsAndFeet).intersection(landmarks), arms = Set(Landmark.arms).intersection(landmarks)
        for l in landmarks {
            guard var t = tracks.removeValue(forKey: l) else { continue }
            report.gatedSamples += Self.gate(&t, repeated: repeated, threshold: c.confidenceThreshold)
            for i in 0..<n where t.x[i].isFinite && t.y[i].isFinite {
                confidentInFrame[i] += 1
                if legs.contains(l) { confidentLegsInFrame[i] += 1 }
                if arms.contains(l) { confidentArmsInFrame[i] += 1 }
            }
            tracks[l] = t
        }
        // The second reading of the legs, if any, gated the same way (it is not counted in the report).
        var second: [Landmark: LandmarkTrack] = [:]
        let legJoints = Side.allCases.flatMap { Landmark.leg($0) }
        if legJoints.allSatisfy({ input.secondReading[$0]?.count == n }) {
            for l in legJoints {
                guard var t = input.secondReading[l] else { continue }
                _ = Self.gate(&t, repeated: repeated, threshold: c.confidenceThreshold)
                second[l] = t
            }
        }
        report.framesWithConfidentPose = confidentInFrame.reduce(0) { $0 + ($1 == landmarks.count ? 1 : 0) }
        report.framesWithConfidentLegs = legs.isEmpty ? 0 : confidentLegsInFrame.reduce(0) { $0 + ($1 == legs.count ? 1 : 0) }
        report.framesWithConfidentArms = arms.isEmpty ? 0 : confidentArmsInFrame.reduce(0) { $0 + ($1 == arms.count ? 1 : 0) }
        report.repeatedFrames = repeated.count

        // 1b. Both legs drawn on one: such a frame says nothing about which leg is which, and as an anchor for
        // the swap corrector's motion predictions it can flip the labels of the frames after it.
        let legRate = input.frameRate.isFinite && input.frameRate > 0 ? input.frameRate : c.fullSwapEvidenceFrameRate
        if let legLength = Self.legLength(tracks, frameCount: n) {
            let detector = MergedLegDetector(
                toleranceLegLengths: c.mergedLegsToleranceLegLengths,
                longestFrames: max(1, Int((c.mergedLegsLongestSeconds * legRate + 1e-9).rounded(.down))))
            report.mergedLegFrames = detector.frames(in: tracks, frameCount: n, legLength: legLength)
            Self.leaveOutLegs(at: report.mergedLegFrames, in: &tracks)
            if !second.isEmpty {
                Self.leaveOutLegs(at: detector.frames(in: second, frameCount: n, legLength: legLength), in: &second)
            }
        }

        // 2. Left/right swaps, with the change penalty eased at low frame rates (see `fullSwapEvidenceFrameRate`).
        if c.correctsLeftRightSwaps && n > 2 {
            let rate = input.frameRate.isFinite && input.frameRate > 0 ? input.frameRate : c.fullSwapEvidenceFrameRate
            var costs = c.swapDetection
            costs.changePenalty *= min(1, rate / c.fullSwapEvidenceFrameRate)
            let legs = correctSwaps(&tracks, chain: .leg, second: second, frameCount: n, costs: costs)
            report.swapCorrections += legs.corrections
            report.framesFromSecondReading = legs.framesFromSecond
            report.swapCorrections += correctSwaps(&tracks, chain: .arm, second: [:], frameCount: n, costs: costs).corrections
            // A planted foot keeps its label through its contact (static camera, runner crossing the view).
            if let legLength = Self.legLength(tracks, frameCount: n) {
                let planted = StanceLabelCorrector(
                    toleranceLegLengths: c.plantedFootToleranceLegLengths,
                    minimumFrames: max(3, Int((c.plantedFootMinimumSeconds * rate).rounded(.up))),
                    minimumTravelLegLengths: c.plantedFootMinimumTravelLegLengths,
                    stillCameraHipSpeedFraction: c.plantedFootStillCameraHipSpeedFraction)
                for f in planted.correct(&tracks, frameCount: n, legLength: legLength) {
                    report.swapCorrections.append(SwapCorrection(frames: f...f, leftLandmarks: [.leftAnkle, .leftHeel, .leftToe]))
                }
            }
            report.swapCorrections.sort { $0.frames.lowerBound < $1.frames.lowerBound }
        }

        // 3. Confident spikes (after swaps: a swapped run would otherwise look like spikes and be deleted).
        if c.rejectsOutliers, let legLength = Self.legLength(tracks, frameCount: n) {
            var scratch = [Double](repeating: 0, count: n)
            for l in landmarks {
                guard var t = tracks.removeValue(forKey: l) else { continue }
                report.outlierSamples += OutlierRejector.reject(
                    x: &t.x, y: &t.y, confidence: &t.confidence, threshold: c.outlierThreshold,
                    floor: c.outlierFloorLegLengths * legLength, scratch: &scratch)
                tracks[l] = t
            }
        }

        // Without a usable frame rate, durations mean nothing: gaps are left and nothing is filtered.
        let frameRate = input.frameRate.isFinite && input.frameRate > 0 ? input.frameRate : 0
        if frameRate == 0 {
            report.findings.append(.frameRateUnusable(input.frameRate))
        }

        // 4. Short gaps.
        let gapFrames = c.maximumGapSeconds * frameRate
        let maximumGap = gapFrames > 0 ? Int(measured: min(gapFrames + 1e-9, Double(n)).rounded(.down)) ?? 0 : 0
        for l in landmarks {
            guard var t = tracks.removeValue(forKey: l) else { continue }
            report.interpolatedSamples += GapInterpolator.fill(
                x: &t.x, y: &t.y, confidence: &t.confidence, maximumGapFrames: maximumGap)
            tracks[l] = t
        }

        // 5. Zero-lag low-pass.
        if c.filters && frameRate > 0 {
            // The cut-off used is reported (`filterCutoffHz`); lowering it at low frame rates is the design,
            // not something to warn a user about on every clip.
            let cutoff = c.effectiveCutoffHz(frameRate: frameRate)
            if let filter = ButterworthLowPass(cutoffHz: cutoff, sampleRateHz: frameRate) {
                var scratch = [Double](repeating: 0, count: n + 2 * filter.padFrames)
                for l in landmarks {
                    guard var t = tracks.removeValue(forKey: l) else { continue }
                    filter.filterPresentRuns(&t.x, scratch: &scratch)
                    filter.filterPresentRuns(&t.y, scratch: &scratch)
                    tracks[l] = t
                }
                report.filterCutoffHz = cutoff
            } else {
                report.findings.append(.noLowPassFilter(cutoffHz: cutoff))
            }
        }

        for l in landmarks { report.missingSamples += (tracks[l]?.count ?? 0) - (tracks[l]?.presentCount ?? 0) }
        var output = input
        output.tracks = tracks
        return Result(sequence: output, report: report)
    }

    /// The confidence gate on one track: frames that repeat the one before, and samples below `threshold`,
    /// become missing (confidence 0). Returns how many present samples fell below the threshold.
    static func gate(_ t: inout LandmarkTrack, repeated: Set<Int>, threshold: Double) -> Int {
        var gated = 0
        for i in repeated {
            t.x[i] = .nan
            t.y[i] = .nan
        }
        for i in t.x.indices {
            if t.x[i].isFinite && t.y[i].isFinite && !(t.confidence[i] >= threshold) {
                t.x[i] = .nan
                t.y[i] = .nan
                gated += 1
            }
            if !(t.x[i].isFinite && t.y[i].isFinite) { t.confidence[i] = 0 }
        }
        return gated
    }

    /// Leaves out the knees, ankles, heels and toes of both legs at `frames` (merged legs), to be bridged later.
    static func leaveOutLegs(at frames: [Int], in tracks: inout [Landmark: LandmarkTrack]) {
        for side in Side.allCases {
            for l in MergedLegDetector.joints(side) {
                guard var t = tracks.removeValue(forKey: l) else { continue }
                for f in frames {
                    t.x[f] = .nan
                    t.y[f] = .nan
                    t.confidence[f] = 0
                }
                tracks[l] = t
            }
        }
    }

    /// A robust leg length (thigh + shank, median over frames and sides), or — without knees and
    /// ankles — the 95th percentile of hip-to-heel distance (the leg near straight); `nil` when neither exists.
    static func legLength(_ tracks: [Landmark: LandmarkTrack], frameCount n: Int) -> Double? {
        var values: [Double] = []
        let step = max(1, n / 4000)
        func distance(_ a: Landmark, _ b: Landmark, _ f: Int) -> Double? {
            guard let p = tracks[a]?.point(at: f), let q = tracks[b]?.point(at: f) else { return nil }
            return p.distance(to: q)
        }
        for side in Side.allCases {
            for f in stride(from: 0, to: n, by: step) {
                if let thigh = distance(.hip(side), .knee(side), f), let shank = distance(.knee(side), .ankle(side), f) {
                    values.append(thigh + shank)
                }
            }
        }
        // Ranks ⌊q·n⌋: the upper median, and the 95th percentile's order statistic, as this stage was tuned.
        if let median = Signal.quantile(values, 0.5, method: .rankOfFloorQN) { return median }
        for side in Side.allCases {
            for f in stride(from: 0, to: n, by: step) {
                if let d = distance(.hip(side), .heel(side), f) { values.append(d) }
            }
        }
        return Signal.quantile(values, 0.95, method: .rankOfFloorQN)
    }

    /// Runs the swap corrector over one limb and exchanges the data back where it finds swaps.
    /// With a `second` reading of the chain's joints, each frame may also take its joints from it (the
    /// corrector chooses); returns the corrections and the frames taken from the second reading.
    private func correctSwaps(
        _ tracks: inout [Landmark: LandmarkTrack], chain: LeftRightSwapCorrector.Chain,
        second: [Landmark: LandmarkTrack], frameCount n: Int, costs: CleaningConfiguration.SwapDetection
    ) -> (corrections: [SwapCorrection], framesFromSecond: [Int]) {
        let missing = [Double](repeating: .nan, count: n)
        func limb(_ side: Side, in tracks: [Landmark: LandmarkTrack]) -> LeftRightSwapCorrector.Limb {
            let ls = chain.joints(side)
            let usable = ls.map { tracks[$0]?.count == n ? tracks[$0] : nil }
            return .init(x: usable.map { $0?.x ?? missing }, y: usable.map { $0?.y ?? missing })
        }
        let joints = Side.allCases.flatMap { chain.joints($0) }
        let hasSecond = joints.allSatisfy { second[$0]?.count == n && tracks[$0]?.count == n }
        var readings = [LeftRightSwapCorrector.Reading(left: limb(.left, in: tracks), right: limb(.right, in: tracks))]
        if hasSecond { readings.append(.init(left: limb(.left, in: second), right: limb(.right, in: second))) }
        let choices = LeftRightSwapCorrector(chain: chain, costs: costs).choices(readings: readings)
        let fromSecond = choices.indices.filter { choices[$0].reading == 1 }
        if hasSecond, !fromSecond.isEmpty {
            for l in joints {
                guard var t = tracks.removeValue(forKey: l), let s = second[l] else { continue }
                for f in fromSecond {
                    t.x[f] = s.x[f]
                    t.y[f] = s.y[f]
                    t.confidence[f] = s.confidence[f]
                }
                tracks[l] = t
            }
        }
        let path = choices.map(\.state)
        guard path.contains(where: { $0 != 0 }) else { return ([], fromSecond) }

        let lefts = chain.joints(.left)
        var corrections: [SwapCorrection] = []
        for (j, l) in lefts.enumerated() {
            guard tracks[l]?.count == n, tracks[l.mirrored]?.count == n,
                var a = tracks.removeValue(forKey: l), var b = tracks.removeValue(forKey: l.mirrored)
            else { continue }
            for f in 0..<n where (path[f] >> UInt8(j)) & 1 == 1 {
                swap(&a.x[f], &b.x[f])
                swap(&a.y[f], &b.y[f])
                swap(&a.confidence[f], &b.confidence[f])
            }
            tracks[l] = a
            tracks[l.mirrored] = b
        }
        var f = 0
        while f < n {
            let s = path[f]
            var g = f
            while g + 1 < n && path[g + 1] == s { g += 1 }
            if s != 0 {
                let swapped = lefts.enumerated().filter { (s >> UInt8($0.offset)) & 1 == 1 }.map(\.element)
                corrections.append(SwapCorrection(frames: f...g, leftLandmarks: swapped))
            }
            f = g + 1
        }
        return (corrections, fromSecond)
    }
}
