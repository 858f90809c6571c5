import PoseRunCore
import PoseRunSynthetic
import Testing
@testable import PoseRunReport

/// Core's findings are data; these are the sentences they read as (the ones Core wrote before schema 2).
struct QualityFindingTextTests {
    @Test func eachFindingReadsAsItsSentence() throws {
        let analysis = try Analyzer().analyze(try SyntheticRunner(.poseRunner.lasting(strides: 6)).generate().sequence, name: "s")
        func said(_ f: QualityFinding) -> String { QualityFindingText.sentence(f, in: analysis) }
        #expect(said(.legsSwapped(frames: 3)) == "Left and right legs were swapped by the pose source in 3 frame(s); corrected.")
        #expect(said(.coarseTiming(rate: 30, isDistinctRate: false, recommendedRate: 60))
            == "At 30 fps one frame is 33 ms: contact and flight times are coarse (60 fps or more is recommended).")
        #expect(said(.coarseTiming(rate: 24, isDistinctRate: true, recommendedRate: 60)).hasPrefix("At 24 distinct frames per second one frame is 42 ms"))
        #expect(said(.repeatedFrames(repeated: 60, frames: 300, distinctRate: 23.976, frameRate: 29.97))
            == "60 of 300 frames repeat the one before (the clip was converted from a lower rate): 24 distinct frames per second, not 30; the repeats were left out and bridged.")
        #expect(said(.pulldownRetimed(period: 5, captureRate: 23.976))
            == "The repeats fall on one frame in every 5, a regular pulldown of footage filmed at 24 fps: the steps were timed on that clock (each distinct frame at the moment it was filmed) and placed back on the clip's frames.")
        #expect(said(.groundTilted(degrees: 2.345)).hasPrefix("The ground runs at 2.3° in the image"))
        #expect(said(.footFromSinglePoint(.left)).hasPrefix("The left foot has no heel and toe pair"))
        #expect(said(.stepsAcrossMissedContacts(steps: 2, ratio: 1.75)).hasPrefix("2 step(s) reached the next contact only after over 1.75×"))
        #expect(said(.fewSteps(1)) == "Only 1 step: means and spreads are rough; film more strides for firmer numbers.")
        #expect(said(.cadenceDisagrees(eventStepsPerMinute: 226.4, rhythmStepsPerMinute: 168.2))
            .hasPrefix("The steps found give 226 steps/min but the legs' rhythm over the clip gives 168:"))
        #expect(said(.note("as written")) == "as written")
        // The slow-motion finding points to the running check, which says it in full.
        #expect(said(.slowMotion(factor: 4)) == analysis.running.reason)
        // A value no Int holds is printed, not trapped on.
        #expect(said(.cadenceDisagrees(eventStepsPerMinute: .infinity, rhythmStepsPerMinute: 1e300)).contains("inf"))
    }

    @Test func theTimingFindingsLimitTheTimingMetrics() {
        let limited = QualityFinding.coarseTiming(rate: 30, isDistinctRate: false, recommendedRate: 60).limits
        #expect(limited.contains(.contactTime) && limited.contains(.flightTime))
        #expect(!limited.contains(.trunkLean))
        #expect(QualityFinding.legsSwapped(frames: 1).limits.isEmpty)
    }
}
