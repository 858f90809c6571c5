import Testing
@testable import PoseRunCore
@testable import PoseRunSynthetic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cleaning stage's parts against signals whose right answer is known in advance.
@Suite struct CleaningTests {
    static let frameRate = 100.0

    static func sine(frequencyHz: Double, count: Int = 1000, phase: Double = 0) -> [Double] {
        (0..<count).map { sin(2 * Double.pi * frequencyHz * Double($0) / frameRate + phase) }
    }

    static func amplitude(_ x: [Double], in range: Range<Int>) -> Double {
        x[range].map(abs).max() ?? 0
    }

    @Test func aSineWellBelowTheCutoffPassesAndOneWellAboveIsRemoved() throws {
        let filter = try #require(ButterworthLowPass(cutoffHz: 10, sampleRateHz: Self.frameRate))
        var scratch: [Double] = []
        // 3 Hz (0.3 × cut-off): the pair's gain is 1/(1 + (0.3 × 0.802… per pass)^4)… above 0.99.
        var low = Self.sine(frequencyHz: 3)
        filter.filterPresentRuns(&low, scratch: &scratch)
        #expect(Self.amplitude(low, in: 200..<800) > 0.98)
        #expect(Self.amplitude(low, in: 200..<800) < 1.0001)
        // 30 Hz (3 × cut-off): attenuated by far more than 90 %.
        var high = Self.sine(frequencyHz: 30)
        filter.filterPresentRuns(&high, scratch: &scratch)
        #expect(Self.amplitude(high, in: 200..<800) < 0.1)
    }

    @Test func theCutoffIsTheHalfPowerPointOfTheWholeZeroLagFilter() throws {
        // Winter's correction puts the −3 dB point of the forward–backward pair at the requested cut-off.
        let filter = try #require(ButterworthLowPass(cutoffHz: 10, sampleRateHz: Self.frameRate))
        var scratch: [Double] = []
        var x = Self.sine(frequencyHz: 10, count: 2000)
        filter.filterPresentRuns(&x, scratch: &scratch)
        #expect(abs(Self.amplitude(x, in: 500..<1500) - 0.5.squareRoot()) < 0.03)
    }

    @Test func filteringDoesNotShiftPeaks() throws {
        let filter = try #require(ButterworthLowPass(cutoffHz: 10, sampleRateHz: Self.frameRate))
        var scratch: [Double] = []
        var x = Self.sine(frequencyHz: 2, phase: 0.3)
        let raw = x
        filter.filterPresentRuns(&x, scratch: &scratch)
        for peak in 1..<999 where raw[peak] > raw[peak - 1] && raw[peak] >= raw[peak + 1] && peak > 100 && peak < 900 {
            #expect(x[peak] > x[peak - 1] && x[peak] >= x[peak + 1], "the filtered peak moved away from sample \(peak)")
        }
    }

    @Test func filterLeavesGapsAndHandlesEachRunWithoutEdgeTransients() throws {
        let filter = try #require(ButterworthLowPass(cutoffHz: 10, sampleRateHz: Self.frameRate))
        var scratch: [Double] = []
        // A straight line with a gap: a low-pass filter must return a line unchanged, ends included
        // (to a millionth of its length: the steady-state start leaves only a vanishing transient).
        var x = (0..<300).map { 0.5 + 0.01 * Double($0) }
        for i in 120..<140 { x[i] = .nan }
        filter.filterPresentRuns(&x, scratch: &scratch)
        for i in 0..<300 {
            if (120..<140).contains(i) { #expect(x[i].isNaN) } else { #expect(abs(x[i] - (0.5 + 0.01 * Double(i))) < 1e-6) }
        }
    }

    @Test func lowFrameRatesGetACappedCutoff() {
        let c = CleaningConfiguration()
        #expect(c.effectiveCutoffHz(frameRate: 240) == 10)
        #expect(abs(c.effectiveCutoffHz(frameRate: 30) - 6) < 1e-12)
        #expect(ButterworthLowPass(cutoffHz: 20, sampleRateHz: 30) == nil)
    }

    @Test func shortGapsInLinearAndParabolicTracksAreRestoredExactly() {
        let truthX = (0..<60).map { 0.3 * Double($0) + 2 }
        let truthY = (0..<60).map { -0.02 * Double($0 * $0) + 0.7 * Double($0) }
        var x = truthX, y = truthY
        var conf = [Double](repeating: 0.9, count: 60)
        for i in 20..<25 { x[i] = .nan; y[i] = .nan; conf[i] = 0 }  // 5 missing: filled
        for i in 40..<50 { x[i] = .nan; y[i] = .nan; conf[i] = 0 }  // 10 missing: too long
        let filled = GapInterpolator.fill(x: &x, y: &y, confidence: &conf, maximumGapFrames: 6)
        #expect(filled == 5)
        for i in 20..<25 {
            #expect(abs(x[i] - truthX[i]) < 1e-9)
            #expect(abs(y[i] - truthY[i]) < 1e-9)
            #expect(conf[i] == 0.9)
        }
        for i in 40..<50 { #expect(x[i].isNaN && y[i].isNaN) }
    }

    @Test func gapsAtTheEndsStayMissing() {
        var x: [Double] = [.nan, .nan, 1, 2, 3, .nan]
        var y: [Double] = [.nan, .nan, 1, 2, 3, .nan]
        var c: [Double] = [0, 0, 1, 1, 1, 0]
        #expect(GapInterpolator.fill(x: &x, y: &y, confidence: &c, maximumGapFrames: 5) == 0)
        #expect(x[0].isNaN && x[5].isNaN)
    }

    static func sequence(frames: Int, confidence: (Int) -> Double) -> KeypointSequence {
        var tracks: [Landmark: LandmarkTrack] = [:]
        for (k, l) in Landmark.allCases.enumerated() {
            tracks[l] = LandmarkTrack(
                x: (0..<frames).map { Double($0) * 0.01 + Double(k) },
                y: (0..<frames).map { _ in Double(k) * 0.1 },
                confidence: (0..<frames).map(confidence))
        }
        return KeypointSequence(
            times: (0..<frames).map { Double($0) / 60 }, tracks: tracks, lengthUnit: .metres, sourceKind: .video,
            frameRate: 60)
    }

    @Test func samplesBelowTheConfidenceGateBecomeMissingOrAreBridged() {
        // Frame 10 is doubtful (0.2 < 0.3): gated, then filled as a 1-frame gap. Frames 30–49: gated, too long to fill.
        let input = Self.sequence(frames: 80) { f in f == 10 || (30..<50).contains(f) ? 0.2 : 0.9 }
        var config = CleaningConfiguration()
        config.filters = false
        let result = KeypointCleaner(configuration: config).clean(input)
        let n = Landmark.allCases.count
        #expect(result.report.gatedSamples == 21 * n)
        #expect(result.report.interpolatedSamples == n)
        #expect(result.report.missingSamples == 20 * n)
        #expect(result.report.framesWithConfidentPose == 80 - 21)
        #expect(result.report.swapCorrections.isEmpty)
        for l in Landmark.allCases {
            #expect(result.sequence.point(l, at: 35) == nil)
            #expect(result.sequence.tracks[l]?.confidence[35] == 0)
            #expect(abs((result.sequence.point(l, at: 10)?.x ?? 0) - (input.point(l, at: 10)?.x ?? 1)) < 1e-12)
        }
    }

    @Test func aMissingFrameRateIsReportedNotFatal() {
        var input = Self.sequence(frames: 30) { $0 == 5 ? 0.1 : 0.9 }
        for rate in [0.0, -5, .nan, .infinity] {
            input.frameRate = rate
            let result = KeypointCleaner().clean(input)
            #expect(result.report.filterCutoffHz == nil)
            #expect(result.report.interpolatedSamples == 0)
            #expect(result.report.findings.contains { if case .frameRateUnusable = $0 { true } else { false } })
        }
    }

    @Test func cleaningARealisticRunKeepsTheKeypointsCloseToTheTruth() throws {
        let c = SyntheticRunner.Configuration.poseRunner.lasting(strides: 10)
            .with(.realistic(seed: 11, seconds: 4))
        let run = try SyntheticRunner(c).generate()
        let result = KeypointCleaner().clean(run.sequence)
        #expect(result.sequence.sourceKind == .synthetic)
        #expect(result.report.filterCutoffHz == 10)
        var errors: [Double] = []
        for l in Landmark.allCases {
            for f in 0..<run.sequence.frameCount {
                if let p = result.sequence.point(l, at: f), let q = run.cleanSequence.point(l, at: f) { errors.append(p.distance(to: q)) }
            }
        }
        errors.sort()
        // 1 cm noise per axis; after correction and filtering the typical error should be well under 1 cm.
        #expect(errors[errors.count / 2] < 0.01)
        #expect(errors[errors.count * 99 / 100] < 0.05)
    }

    @Test func tenMinutesAtSixtyFramesPerSecondCleansQuickly() throws {
        #if DEBUG
        let seconds = 20.0  // a debug build is not timed; this checks the path on a short clip
        #else
        let seconds = 600.0
        #endif
        var c = SyntheticRunner.Configuration.poseRunner.with(.realistic(seed: 3, seconds: seconds))
        c.durationSeconds = seconds - 1 / 60
        let run = try SyntheticRunner(c).generate()
        let cleaner = KeypointCleaner()
        let clock = ContinuousClock()
        var best = Duration.seconds(100)
        for _ in 0..<3 {
            let t = clock.measure { _ = cleaner.clean(run.sequence) }
            best = min(best, t)
        }
        print("cleaning \(run.sequence.frameCount) frames × \(run.sequence.tracks.count) landmarks: \(best)")
        #if !DEBUG
        #expect(run.sequence.frameCount == 36000)
        #expect(best < .milliseconds(300))
        #endif
    }
}

@Suite struct CleaningOutlierTests {
    @Test func aConfidentSpikeIsRemovedButASuddenStopIsNot() {
        var scratch: [Double] = []
        // A foot moving at 3 cm/frame that stops dead at frame 20 (real motion), with a 15 cm spike at frame 10.
        var x = (0..<40).map { Double(min($0, 20)) * 0.03 }
        var y = [Double](repeating: 0.1, count: 40)
        var c = [Double](repeating: 0.9, count: 40)
        y[10] += 0.15
        let removed = OutlierRejector.reject(x: &x, y: &y, confidence: &c, threshold: 6, floor: 0.035, scratch: &scratch)
        #expect(removed == 1)
        #expect(y[10].isNaN && c[10] == 0)
        #expect(x[20] == 0.6 && y[20] == 0.1)
        // Two-frame spike.
        var x2 = (0..<40).map { Double($0) * 0.02 }
        var y2 = [Double](repeating: 0, count: 40)
        y2[15] = 0.2
        y2[16] = 0.2
        #expect(OutlierRejector.reject(x: &x2, y: &y2, confidence: &c, threshold: 6, floor: 0.035, scratch: &scratch) == 2)
        #expect(y2[15].isNaN && y2[16].isNaN && y2[14] == 0 && y2[17] == 0)
    }

    @Test func nothingIsRemovedFromCleanOrMerelyNoisyRuns() throws {
        for preset in [SyntheticRunner.Configuration.poseRunner, .heelStriker, .walker] {
            for fps in [30.0, 60.0, 120.0, 240.0] {
                var c = preset
                c.durationSeconds = 20
                c.frameRate = fps
                #expect(KeypointCleaner().clean(try SyntheticRunner(c).generate().sequence).report.outlierSamples == 0)
                c.artefacts = .init(noiseSDMetres: 0.01, seed: 2)
                #expect(KeypointCleaner().clean(try SyntheticRunner(c).generate().sequence).report.outlierSamples == 0)
            }
        }
    }

    @Test func confidentGlitchesAreRemovedAndBridged() throws {
        for preset in [SyntheticRunner.Configuration.poseRunner, .heelStriker, .walker] {
            var c = preset
            c.durationSeconds = 30
            c.artefacts = .init(noiseSDMetres: 0.01, confidentGlitches: 100, seed: 2)
            let run = try SyntheticRunner(c).generate()
            let result = KeypointCleaner().clean(run.sequence)
            // Each glitch is 10–30 % of leg length (9–26 cm) off; after cleaning, none should stay far off.
            var caught = 0
            for g in run.truth.confidentGlitches {
                let p = try #require(result.sequence.point(g.landmark, at: g.frame))
                let q = try #require(run.cleanSequence.point(g.landmark, at: g.frame))
                if p.distance(to: q) < 0.06 { caught += 1 }
            }
            print("confident glitches at 60 fps, cadence \(preset.cadenceStepsPerMinute): \(caught)/100 within 6 cm after cleaning, \(result.report.outlierSamples) samples removed")
            #expect(caught >= 95)
        }
    }
}
