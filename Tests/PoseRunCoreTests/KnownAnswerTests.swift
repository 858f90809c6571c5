import PoseRunCore
import PoseRunSynthetic
import Testing

/// The analysis recovers what the synthetic runner was built with. The generator's truth comes from its
/// own parameters and geometry (before noise), not from this analysis, so these tests can fail.
///
/// Tolerances are the issue's: foot-strike angle ±2°, knee angles ±3°, trunk lean ±1.5°, cadence ±0.5 %,
/// contact time ±1 frame.
@Suite struct KnownAnswerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var configuration: SyntheticRunner.Configuration
        /// Per-event tolerance in frames: 1.5 on clean keypoints, 2.5 with 1 cm noise, dropouts and swaps.
        var eventToleranceFrames: Double { configuration.artefacts.noiseSDMetres > 0 ? 2.5 : 1.5 }
        var testDescription: String { name }
    }

    static func cases(noisy: Bool) -> [Case] {
        func artefacts(_ seed: UInt64, _ c: SyntheticRunner.Configuration) -> SyntheticRunner.Artefacts {
            noisy ? .realistic(seed: seed, seconds: c.durationSeconds) : .none
        }
        var pose = SyntheticRunner.Configuration.poseRunner
        pose.durationSeconds = 8
        var heel = SyntheticRunner.Configuration.heelStriker
        heel.durationSeconds = 8
        var treadmillLeftward = SyntheticRunner.Configuration()
        treadmillLeftward.setting = .treadmill
        treadmillLeftward.directionOfTravel = -1
        treadmillLeftward.durationSeconds = 8
        var pannedPixels = SyntheticRunner.Configuration.poseRunner
        pannedPixels.lengthUnit = .pixels
        pannedPixels.cameraPan = SyntheticRunner.CameraPan(driftMetresPerSecond: 2.5, amplitudeMetres: 0.3, periodSeconds: 2)
        pannedPixels.durationSeconds = 8
        return [
            Case(name: "Pose runner, overground, 60 fps", configuration: pose.with(artefacts(11, pose))),
            Case(name: "heel striker, overground, 60 fps", configuration: heel.with(artefacts(12, heel))),
            Case(name: "treadmill, running toward −x", configuration: treadmillLeftward.with(artefacts(13, treadmillLeftward))),
            Case(name: "pixels with a panning camera", configuration: pannedPixels.with(artefacts(14, pannedPixels))),
        ]
    }

    static let clean = cases(noisy: false)
    static let noisy = cases(noisy: true)

    @Test(arguments: clean)
    func recoversTheChosenGaitFromCleanKeypoints(_ c: Case) throws {
        try check(c)
    }

    @Test(arguments: noisy)
    func recoversTheChosenGaitWithRealisticNoise(_ c: Case) throws {
        try check(c)
    }

    func check(_ c: Case) throws {
        let run = try SyntheticRunner(c.configuration).generate()
        let analysis = try Analyzer().analyze(run.sequence, name: c.name)
        let truth = run.truth
        let frame = 1 / c.configuration.frameRate

        #expect(analysis.running.isRunning)
        #expect(analysis.input.directionOfTravel == c.configuration.directionOfTravel)

        // Every true event is found, within `eventToleranceFrames` (except in the first and last frames,
        // where the motion before or after the clip cannot be seen).
        let first = run.sequence.times[0] + 3 * frame, last = run.sequence.times[run.sequence.frameCount - 1] - 3 * frame
        for t in truth.events where t.time > first && t.time < last {
            let nearest = analysis.events.filter { $0.side == t.side && $0.kind == t.kind }
                .min { abs($0.time - t.time) < abs($1.time - t.time) }
            let error = try #require(nearest).time - t.time
            #expect(abs(error) <= c.eventToleranceFrames * frame, "\(t.side) \(t.kind.rawValue) at \(t.time): off by \(error * 1000) ms")
        }

        func measured(_ key: Metric) throws -> Double { try #require(analysis.summary[key]?.measured).mean }
        func truthMean(_ f: (SyntheticStepTruth) -> Double) -> Double {
            let v = truth.steps.map(f)
            return v.reduce(0, +) / Double(v.count)
        }

        let cadence = try measured(Metric.cadence)
        #expect(abs(cadence - c.configuration.cadenceStepsPerMinute) / c.configuration.cadenceStepsPerMinute <= 0.005, "cadence \(cadence)")
        let contact = try measured(Metric.contactTime)
        let fsa = try measured(Metric.footStrikeAngle)
        let kneeIC = try measured(Metric.kneeFlexionAtContact)
        // Contact time: toe-off − contact, averaged over ~24 steps. The detector reads both events a few
        // milliseconds late (the speed threshold is crossed after an abrupt touchdown and after the toe
        // starts moving), so contact time is within one frame. Foot-strike angle: per step, 1 cm noise on
        // heel and toe (√2 cm on their height difference over a 27 cm foot) gives ±3° per frame, ±1.9°
        // after the 12 Hz filter, so ±0.4° on the mean of ~24 steps, and the standing angle it is measured from
        // spreads ±0.8° per foot (synthetic seeds): the 2° tolerance leaves room for noise, not for a bias.
        #expect(abs(contact - truthMean(\.contactTimeSeconds)) <= frame, "contact \(contact) vs \(truthMean(\.contactTimeSeconds))")
        #expect(abs(fsa - truthMean(\.footStrikeAngleDegrees)) <= 2, "foot-strike angle \(fsa) vs \(truthMean(\.footStrikeAngleDegrees))")
        #expect(abs(kneeIC - truthMean(\.kneeFlexionAtContactDegrees)) <= 3, "knee at contact \(kneeIC) vs \(truthMean(\.kneeFlexionAtContactDegrees))")
        let kneeStance = try measured(Metric.peakStanceKneeFlexion)
        #expect(abs(kneeStance - truthMean(\.peakStanceKneeFlexionDegrees)) <= 3, "peak stance knee \(kneeStance)")
        let kneeSwing = try measured(Metric.peakSwingKneeFlexion)
        #expect(abs(kneeSwing - truthMean(\.peakSwingKneeFlexionDegrees)) <= 3, "peak swing knee \(kneeSwing)")
        let lean = try measured(Metric.trunkLean)
        #expect(abs(lean - truthMean(\.trunkLeanMeanDegrees)) <= 1.5, "trunk lean \(lean) vs \(truthMean(\.trunkLeanMeanDegrees))")
    }

    @Test func aWalkerIsNotScored() throws {
        var walker = SyntheticRunner.Configuration.walker
        walker.durationSeconds = 8
        let run = try SyntheticRunner(walker).generate()
        let analysis = try Analyzer().analyze(run.sequence, name: "walker")
        #expect(!analysis.running.isRunning)
        #expect(analysis.assessment.score == nil)
        #expect(analysis.assessment.criteria.allSatisfy { $0.status == .notMeasurable })
    }

    @Test func thePoseRunnerScoresAboveTheHeelStriker() throws {
        var pose = SyntheticRunner.Configuration.poseRunner
        pose.durationSeconds = 8
        var heel = SyntheticRunner.Configuration.heelStriker
        heel.durationSeconds = 8
        let a = try Analyzer().analyze(try SyntheticRunner(pose).generate().sequence, name: "pose")
        let b = try Analyzer().analyze(try SyntheticRunner(heel).generate().sequence, name: "heel")
        #expect(try #require(a.assessment.score) > #require(b.assessment.score))
        // The heel striker's chosen faults are the ones found.
        let faults = Set(b.assessment.faultsByPriority)
        #expect(faults.contains(.heelStrike))
        #expect(faults.contains(.overstride))
        #expect(faults.contains(.straightKneeAtContact))
        #expect(faults.contains(.lowCadence))
        #expect(b.footStrikePattern.pattern == .rearfoot)
    }
}
