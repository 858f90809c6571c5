import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunTestSupport
import Testing

/// The default command on real phone clips against the eye labels in Tests/Fixtures/video-labels (made from
/// frame strips, never from PoseRun's output; PROTOCOL.md). Bounds are looser than the benchmark's targets
/// (`poserun-bench video-events` prints the figures): a test that fails here means a real regression.
@Suite(.serialized) struct RealClipEventsTests {
    typealias S = VideoTestSupport
    static let labelsFolder = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/video-labels")
    static var available: Bool { Tools.modelsAvailable && SharedData.contains("video-dev") }
    static let needs: Comment = "needs the models (scripts/setup-models.sh) and ../shared/data/video-dev"

    struct Outcome {
        var labels: VideoEventLabels
        var analysis: Analysis
        var agreement: VideoEventLabels.Agreement
    }

    static func analyse(_ name: String) throws -> Outcome {
        let labels = try VideoEventLabels.read(contentsOf: labelsFolder.appendingPathComponent("\(name).labels"))
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let r = try S.run(["analyze", SharedData.url(labels.clip).path, "--out", out.path, "--quiet"])
        S.expectNoCrash(r)
        let analysis = try AnalysisWriter.readAnalysis(from: out.appendingPathComponent("analysis.json"))
        let sequence = try InputLoader.load(path: out.appendingPathComponent("keypoints.json").path).sequence
        let agreement = labels.agreement(
            with: analysis.events, times: sequence.times, frameNumbers: sequence.frameNumbers)
        return Outcome(labels: labels, analysis: analysis, agreement: agreement)
    }

    /// Real-time treadmill clips, 30 fps, three of them 24 fps footage with repeated frames: the contacts the
    /// eye sees are found, within a frame and a half, at the labels' cadence, and the legs' rhythm agrees.
    @Test(.enabled(if: available, needs), arguments: [
        "F_Running_2_flipped", "F_Running_8_flipped", "Overstride_2_flipped", "Overstride_3_flipped", "Overstride_4_flipped",
    ])
    func treadmillContactsAreTheOnesTheEyeSees(_ name: String) throws {
        let o = try Self.analyse(name)
        let a = o.agreement
        // 92–100 % on each since the 24-in-30 clips are measured on their capture clock (81–94 % before).
        #expect(try #require(a.recall) >= 0.9, "recall \(a.found)/\(a.labelled)")
        #expect(try #require(a.precision) >= 0.9, "precision \(a.correct)/\(a.detected)")
        #expect(try #require(a.medianAbsoluteFrameError) <= 1.5)
        let truth = try #require(o.labels.stepsPerMinute)
        let cadence = try #require(o.analysis.summary[Metric.cadence]?.measured?.mean)
        // Within 3 % (the target is 2 %), but Overstride_4 (+3.5 %: its first contact is found late and its last
        // early, against labels both marked unsure; +4.8 % before it was measured on its capture clock, +8.6 % as the mean
        // of per-step cadences before cadence became 60 / mean step time). A contact found twice no longer counts as a
        // step (F_Running_8: +4.2 % before, its doubled step read 300 steps/min).
        let cadenceBound = name == "Overstride_4_flipped" ? 0.045 : 0.03
        #expect(abs(cadence - truth) / truth < cadenceBound, "cadence \(cadence) against the labels' \(truth)")
        let rhythm = try #require(o.analysis.quality.cadenceCheck?.rhythmStepsPerMinute)
        #expect(abs(rhythm - truth) / truth < 0.03, "rhythm \(rhythm) against the labels' \(truth)")
        #expect(o.analysis.running.isRunning)
        if let strike = o.labels.footStrike { #expect(o.analysis.footStrikePattern.pattern?.rawValue == strike, "the eye saw \(strike)") }
        // The clips with repeated frames report about 24 distinct frames per second (the labels: 23.9–24).
        if let distinct = o.labels.distinctFramesPerSecond, distinct < 29 {
            let found = try #require(o.analysis.quality.distinctFramesPerSecond)
            #expect(abs(found - distinct) < 1.5, "distinct rate \(found) against the labels' \(distinct)")
        }
    }

    /// Slow-motion clips stored at 30 fps (×2 on a road, ×4 on a track, by the labels): said, not scored,
    /// with a factor whose range holds the labels', and their events still found.
    @Test(.enabled(if: available, needs), arguments: [
        "F_Running_3_flipped", "F_Running_5_flipped", "F_Running_4_flipped", "F_Running_7_flipped",
    ])
    func slowMotionIsSaidAndNotScored(_ name: String) throws {
        let o = try Self.analyse(name)
        let slow = try #require(o.analysis.input.slowMotion, "no slow motion found")
        let truth = try #require(o.labels.slowMotionFactor)
        #expect(slow.lowestFactor * 0.9 <= truth && truth <= slow.highestFactor * 1.1, "×\(slow.lowestFactor)–\(slow.highestFactor) against ×\(truth)")
        #expect(!o.analysis.running.isRunning)
        #expect(o.analysis.running.reason.contains("give the rate it was filmed at"))
        #expect(o.analysis.assessment.score == nil)
        #expect(o.analysis.summary[Metric.cadence]?.measured == nil)
        #expect(try #require(o.agreement.recall) >= 0.4, "recall \(o.agreement.found)/\(o.agreement.labelled)")
        if let strike = o.labels.footStrike { #expect(o.analysis.footStrikePattern.pattern?.rawValue == strike, "the eye saw \(strike)") }
    }

    /// Legs slower than any walk (the ×9 lab treadmill, a ×4 clip with three steps in view): told as slow motion
    /// and not scored, even where the contacts are too poorly found to show a flight phase.
    @Test(.enabled(if: available, needs), arguments: ["lab-treadmill-slow-motion", "Overstride_5_flipped"])
    func legsSlowerThanAnyWalkAreSlowMotion(_ name: String) throws {
        let o = try Self.analyse(name)
        let slow = try #require(o.analysis.input.slowMotion, "no slow motion found")
        #expect(slow.givenStepsPerMinute < SlowMotionEstimate.slowestGaitStepsPerMinute)
        #expect(!o.analysis.running.isRunning && o.analysis.assessment.score == nil)
        #expect(o.analysis.running.reason.contains("slow motion"))
    }

    /// A mirrored clip gives the same events as the original, with the sides exchanged.
    @Test(.enabled(if: available, needs))
    func aMirroredClipGivesTheSameEventsWithTheSidesExchanged() throws {
        let original = try Self.analyse("F_Running_6").analysis.events
        let mirrored = try Self.analyse("F_Running_6_flipped").analysis.events
        #expect(original.count == mirrored.count)
        for event in original {
            let partner = mirrored.filter { $0.kind == event.kind && $0.side == event.side.opposite }
                .map { abs($0.time - event.time) }.min() ?? .infinity
            #expect(partner < 1.5 / 30, "\(event.side) \(event.kind) at \(event.time) s has no mirrored partner")
        }
    }

    /// Where BlazePose draws the legs wrong, the mirrored reading of those frames is often right and the swap
    /// corrector takes it (`MirroredReading.whereLegsJump`): the jogger's contacts and most of the sprinter's are
    /// the eye's (with one reading, 83 % / 71 % and 56 % / 87 % recall / precision). The sprinter's 90 % needs the
    /// contacts read as sliding too (`slidingLandingSpeedFraction`; 79 % without).
    @Test(.enabled(if: available && SharedData.contains("video"), needs), arguments: [
        ("jogging-overground-side", 0.9), ("sprint-100m-panning", 0.85),
    ])
    func theMirroredReadingMendsTheLegsTheModelDrewWrong(_ name: String, recall: Double) throws {
        let a = try Self.analyse(name).agreement
        #expect(try #require(a.recall) >= recall, "recall \(a.found)/\(a.labelled)")
        #expect(try #require(a.precision) >= 0.9, "precision \(a.correct)/\(a.detected)")
    }

    /// The football replay (slow motion, not detected as such) finds contacts closer together than anyone steps:
    /// nothing is measured, and the reason says so.
    @Test(.enabled(if: available && SharedData.contains("video"), needs))
    func stepsQuickerThanAnyoneRunsAreNotMeasured() throws {
        let o = try Self.analyse("football-sprint-two-players")
        #expect(!o.analysis.running.isRunning && o.analysis.assessment.score == nil)
        #expect(o.analysis.summary[Metric.cadence]?.measured == nil)
        #expect(o.analysis.running.reason.contains("faster than anyone runs"), "\(o.analysis.running.reason)")
    }
}
