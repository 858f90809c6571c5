import Testing
@testable import PoseRunCore

/// Running needs a flight phase the frames can show.
struct RunningClassifierTests {
    static func steps(flightSeconds: Double, duty: Double) -> [StepRecord] {
        (0..<4).map { i in
            StepRecord(
                side: i.isMultiple(of: 2) ? .left : .right, initialContactTime: Double(i) * 0.33, initialContactFrame: i * 10,
                toeOffTime: nil, toeOffFrame: nil,
                metrics: [Metric.flightTime: flightSeconds, Metric.dutyFactor: duty, Metric.contactTime: 0.27])
        }
    }

    @Test func aFlightOfSeveralFramesIsRunning() {
        // 100 ms of flight at 30 fps: three frames with both feet off the ground.
        #expect(RunningClassifier.classify(steps: Self.steps(flightSeconds: 0.1, duty: 0.35), minimumFlightSeconds: 1.0 / 30).isRunning)
    }

    @Test func aFlightShorterThanHalfAFrameIsNotSeenAsRunning() {
        // Two feet landing together after a jump: 5 ms of "flight" between them at 30 fps (33 ms a frame).
        let check = RunningClassifier.classify(steps: Self.steps(flightSeconds: 0.005, duty: 0.34), minimumFlightSeconds: 0.5 / 30)
        #expect(!check.isRunning)
        #expect(check.reason.contains("shorter than 17 ms"))
        // At 1000 Hz the same 5 ms is five samples of flight: running, as far as flight goes.
        #expect(RunningClassifier.classify(steps: Self.steps(flightSeconds: 0.005, duty: 0.34), minimumFlightSeconds: 0.001).isRunning)
    }

    @Test func aFlightUnderAFrameButOverHalfIsRunning() {
        // A treadmill heel-striker with 0–1 frames of flight: 30 ms a step at 30 fps, duty factor 45 %, against
        // the analysis's own default of half a frame.
        let halfFrame = AnalysisConfiguration().minimumFlightFrames / 30
        #expect(abs(halfFrame - 0.5 / 30) < 1e-12)
        #expect(RunningClassifier.classify(steps: Self.steps(flightSeconds: 0.03, duty: 0.45), minimumFlightSeconds: halfFrame).isRunning)
        #expect(!RunningClassifier.classify(steps: Self.steps(flightSeconds: 0.015, duty: 0.45), minimumFlightSeconds: halfFrame).isRunning)
    }

    @Test func aFlightWithAHighDutyFactorIsNotCalledFlightless() {
        // 30 ms of flight is seen, but the feet are down for 55 % of the stride: not running, and the reason says
        // which of the two failed.
        let check = RunningClassifier.classify(steps: Self.steps(flightSeconds: 0.03, duty: 0.55), minimumFlightSeconds: 0.5 / 30)
        #expect(!check.isRunning)
        #expect(check.reason.hasPrefix("Feet on the ground for half the stride or more"), "\(check.reason)")
        #expect(!check.reason.contains("cannot be told from none"))
    }

    @Test func doubleSupportIsWalking() {
        #expect(!RunningClassifier.classify(steps: Self.steps(flightSeconds: -0.1, duty: 0.6), minimumFlightSeconds: 1.0 / 30).isRunning)
    }
}
