import Testing
import PoseRunSynthetic
@testable import PoseRunCore

/// Frames where the pose source drew both legs on one are left out and bridged (`MergedLegDetector`).
struct MergedLegTests {
    static let distal: [Landmark] = Side.allCases.flatMap(MergedLegDetector.joints)

    static func run(_ preset: SyntheticRunner.Configuration, fps: Double) throws -> SyntheticRunner.Run {
        var c = preset
        c.durationSeconds = 10
        c.frameRate = fps
        return try SyntheticRunner(c).generate()
    }

    /// Draws both legs' knee, ankle, heel and toe at the midpoint of the two (a blend, as BlazePose did on
    /// jogging-overground-side.mp4 frame 21) in `frames`.
    static func merge(_ sequence: inout KeypointSequence, frames: ClosedRange<Int>) {
        for f in frames {
            for left in MergedLegDetector.joints(.left) {
                guard let p = sequence.tracks[left]?.point(at: f), let q = sequence.tracks[left.mirrored]?.point(at: f) else { continue }
                let mid = PlanePoint.midpoint(p, q)
                sequence.tracks[left]?.set(mid, confidence: 0.9, at: f)
                sequence.tracks[left.mirrored]?.set(mid, confidence: 0.9, at: f)
            }
        }
    }

    /// Running legs never come that close: the swing foot passes the stance foot well above it.
    @Test(arguments: [30.0, 60, 240])
    func runnersLegsAreNeverTakenForMerged(fps: Double) throws {
        for preset in [SyntheticRunner.Configuration.poseRunner, .heelStriker] {
            let report = KeypointCleaner().clean(try Self.run(preset, fps: fps).sequence).report
            #expect(report.mergedLegFrames.isEmpty, "\(preset.cadenceStepsPerMinute) spm at \(fps) fps: \(report.mergedLegFrames)")
        }
    }

    @Test func aBlendedFrameIsLeftOutAndBridgedNearTheTruth() throws {
        let run = try Self.run(.poseRunner, fps: 30)
        // A frame where the legs are far apart, so the blend is far from both.
        let n = run.sequence.frameCount
        let f = try #require((n / 2..<n).first { f in
            guard let p = run.cleanSequence.point(.leftToe, at: f), let q = run.cleanSequence.point(.rightToe, at: f) else { return false }
            return p.distance(to: q) > 0.5
        })
        var input = run.sequence
        Self.merge(&input, frames: f...f)
        let blend = try #require(input.point(.leftToe, at: f))
        let truth = try #require(run.cleanSequence.point(.leftToe, at: f))
        #expect(blend.distance(to: truth) > 0.25)  // the premise: the blend is a quarter metre off

        let cleaned = KeypointCleaner().clean(input)
        #expect(cleaned.report.mergedLegFrames == [f])
        let bridged = try #require(cleaned.sequence.point(.leftToe, at: f))
        // Bridged from the frames either side (33 ms away) and low-passed: a few centimetres from the truth.
        #expect(bridged.distance(to: truth) < 0.05, "\(bridged.distance(to: truth)) m")
    }

    @Test func feetTogetherForLongerThanAGlitchAreKept() throws {
        let run = try Self.run(.poseRunner, fps: 30)
        var input = run.sequence
        Self.merge(&input, frames: 100...103)  // 4 frames = 0.13 s, longer than the 0.1 s a glitch may last
        #expect(KeypointCleaner().clean(input).report.mergedLegFrames.isEmpty)
        var brief = run.sequence
        Self.merge(&brief, frames: 100...102)  // 3 frames = 0.1 s
        #expect(KeypointCleaner().clean(brief).report.mergedLegFrames == [100, 101, 102])
    }

    @Test func mergedLegsAreSaidInTheAnalysisWarnings() throws {
        var run = try Self.run(.poseRunner, fps: 60)
        Self.merge(&run.sequence, frames: 200...200)
        let analysis = try Analyzer().analyze(run.sequence, name: "synthetic")
        #expect(analysis.quality.findings.contains(.legsMerged(frames: 1)))
    }
}
