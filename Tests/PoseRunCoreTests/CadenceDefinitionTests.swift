import PoseRunSynthetic
import Testing
@testable import PoseRunCore

/// The clip's cadence is steps ÷ the time they took, 60 / mean step time, not the mean of the per-step
/// cadences (60 / each step time), which variable step times bias upward (`MetricAveraging`). Expected values
/// are worked by hand from step times of 0.30, 0.40 and 0.50 s: mean 0.40 s, so 60 / 0.40 = 150 steps/min
/// (the per-step cadences 200, 150 and 120 average 156.7); step-time SD 0.10 s, a coefficient of variation of
/// 0.10 / 0.40 = 25 %, so the cadence's SD is 25 % of 150 = 37.5 steps/min.
@Suite struct CadenceDefinitionTests {
    @Test func cadenceIsTheRateOfTheMeanStepTime() {
        #expect(Metric.cadence.definition.averaging == .rateOfMeanInterval)
        // Every other metric is a plain mean of its steps.
        #expect(Metric.allCases.filter { $0.definition.averaging != .arithmetic } == [.cadence])
    }

    @Test func theRateOfTheMeanIntervalIsTheHarmonicMean() throws {
        let s = try #require(Statistics([200, 150, 120], averaging: .rateOfMeanInterval))
        #expect(abs(s.mean - 150) < 1e-9)
        #expect(abs(s.sd - 37.5) < 1e-9)
        #expect(s.n == 3)
        // The plain mean, for contrast: (200 + 150 + 120) / 3.
        #expect(abs(try #require(Statistics([200, 150, 120])).mean - 470.0 / 3) < 1e-9)
        // One step: its own rate, no spread; no positive rate: nothing to average.
        let one = try #require(Statistics([160], averaging: .rateOfMeanInterval))
        #expect(abs(one.mean - 160) < 1e-9 && one.sd == 0 && one.n == 1)
        #expect(Statistics([0, .nan], averaging: .rateOfMeanInterval) == nil)
    }

    @Test func eachSideIsTheRateOfItsOwnMeanStepTime() {
        // Left steps of 0.30 and 0.50 s (200 and 120 steps/min): 60 / 0.40 = 150; right one step of 0.40 s: 150.
        let m = MeasuredMetric(left: [200, 120], right: [150], unit: .stepsPerMinute, averaging: .rateOfMeanInterval)
        #expect(abs(m.mean - 150) < 1e-9)
        #expect(abs((m.left ?? 0) - 150) < 1e-9)
        #expect(abs((m.right ?? 0) - 150) < 1e-9)
        #expect(abs(m.asymmetryPercent ?? 1) < 1e-9)
        // Left step-time SD √0.02 s over a mean of 0.40 s: SD 150 × √0.02 / 0.40.
        #expect(abs((m.leftSD ?? 0) - 150 * 0.02.squareRoot() / 0.4) < 1e-9)
    }

    /// Through the step measurer and the summary, on contacts placed by hand on a synthetic runner's
    /// kinematics: L 1.00 s, R 1.30 s, L 1.70 s, R 2.20 s are steps of 0.30, 0.40 and 0.50 s.
    @Test func theSummaryCadenceOfStepsOf030040And050SecondsIs150() throws {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 4
        let run = try SyntheticRunner(c).generate()
        let kinematics = BodyKinematics(sequence: run.sequence)
        let legLength = try #require(kinematics.legLength)
        let detection = GaitEventDetector(configuration: EventDetectionConfiguration())
            .detect(in: run.sequence, legLength: legLength, midHip: kinematics.midHip)
        var measurer = StepMeasurer(
            kinematics: kinematics, feet: detection.feet, metresPerUnit: 1, treadmillSpeed: nil, rearfootThresholdDegrees: 8,
            contactLagFrames: 1)
        measurer.missedContactRatio = AnalysisConfiguration().missedContactStepRatio
        let contacts: [(Side, Double)] = [(.left, 1.0), (.right, 1.3), (.left, 1.7), (.right, 2.2)]
        let events = contacts.map { GaitEvent(side: $0.0, kind: .initialContact, time: $0.1, frame: Int(($0.1 * run.sequence.frameRate).rounded())) }
        let steps = measurer.measure(events: events).steps
        let perStep = steps.compactMap { $0.metrics[Metric.cadence] }
        #expect(perStep.count == 3)
        let summary = MetricSummarizer(
            sequence: run.sequence, steps: steps, inMetres: true, centreOfMassMethod: .segmental, configuration: AnalysisConfiguration()
        ).summarize()
        let cadence = try #require(summary[Metric.cadence]?.measured)
        #expect(abs(cadence.mean - 150) < 1e-6, "60 / 0.40 s, not the mean of 200, 150 and 120 (156.7)")
        #expect(abs(cadence.sd - 37.5) < 1e-6)
        #expect(cadence.n == 3)
    }
}
