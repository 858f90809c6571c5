import PoseRunCore
import PoseRunSynthetic
import Testing

/// Per-frame angles read back what the synthetic runner was built with (its configuration, not this code).
@Suite struct JointAngleSeriesTests {
    @Test(arguments: [1, -1])
    func trunkLeanIsForwardPositiveWhicheverWayTheRunnerGoes(_ direction: Int) throws {
        var c = SyntheticRunner.Configuration.poseRunner.lasting(strides: 4)
        c.directionOfTravel = direction
        let run = try SyntheticRunner(c).generate()
        let angles = JointAngleSeries(sequence: run.sequence, directionOfTravel: direction)
        let lean = angles.trunkLeanDegrees.filter(\.isFinite)
        #expect(lean.count == run.sequence.frameCount)
        // Configured: 8° mean lean with a 2° peak-to-peak sinusoid.
        let mean = lean.reduce(0, +) / Double(lean.count)
        #expect(abs(mean - c.trunkLeanDegrees) < 0.5)
        #expect((lean.max() ?? 0) - (lean.min() ?? 0) < c.trunkLeanRangeDegrees + 0.5)
        // Told the wrong direction, forward becomes backward.
        let wrong = JointAngleSeries(sequence: run.sequence, directionOfTravel: -direction).trunkLeanDegrees
        #expect(abs(wrong.reduce(0, +) / Double(wrong.count) + c.trunkLeanDegrees) < 0.5)
    }

    @Test func kneeFlexionAtEachContactIsTheConfiguredOne() throws {
        let c = SyntheticRunner.Configuration.poseRunner.lasting(strides: 4)
        let run = try SyntheticRunner(c).generate()
        let knee = JointAngleSeries(sequence: run.sequence, directionOfTravel: 1).kneeFlexionDegrees
        for step in run.truth.steps {
            let frame = Int((step.initialContactTime - c.startTimeSeconds) * c.frameRate).clamped(to: 0, run.sequence.frameCount - 1)
            let value = try #require(knee[step.side]?[frame])
            // Within a frame of contact the knee moves a degree or two; the configured value is 22°.
            #expect(abs(value - c.kneeFlexionAtContactDegrees) < 3, "\(step.side) at \(step.initialContactTime) s: \(value)°")
        }
    }
}

private extension Int {
    func clamped(to low: Int, _ high: Int) -> Int { Swift.max(low, Swift.min(high, self)) }
}
