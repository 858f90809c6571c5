import Foundation
import PoseRunCore
import PoseRunSynthetic
import Testing
@testable import PoseRunReport

@Suite struct ComparisonTests {
    static func analysis(_ c: SyntheticRunner.Configuration, seed: UInt64? = nil) throws -> Analysis {
        var c = c
        c.durationSeconds = 8
        if let seed { c.artefacts = .realistic(seed: seed, seconds: c.durationSeconds) }
        return try Fixtures.analysed(c).analysis
    }

    /// The presets were built to differ in known directions (their configurations, not this code):
    /// the heel striker lands at 16° on a near-straight knee (6°), 0.30 leg lengths ahead, at 158 steps/min;
    /// the Pose runner at −6°, 22°, 0.15 leg lengths, 185 steps/min.
    @Test func heelStrikerToPoseRunnerImprovesTheKnownMetricsAndTheScore() throws {
        let heel = try Self.analysis(.heelStriker), pose = try Self.analysis(.poseRunner)
        let c = AnalysisComparison(before: heel, after: pose, beforeLabel: "before", afterLabel: "after")
        func verdict(_ key: Metric) -> ChangeVerdict? { c.metrics.first { $0.key == key }?.verdict }
        #expect(verdict(Metric.footStrikeAngle) == .improved)
        #expect(verdict(Metric.cadence) == .improved)
        #expect(verdict(Metric.kneeFlexionAtContact) == .improved)
        #expect(verdict(Metric.overstride) == .improved)
        #expect(verdict(Metric.landingReach) == .improved)
        #expect(c.score.verdict == .improved)

        // And the other way round, everything flips.
        let back = AnalysisComparison(before: pose, after: heel, beforeLabel: "before", afterLabel: "after")
        func backVerdict(_ key: Metric) -> ChangeVerdict? { back.metrics.first { $0.key == key }?.verdict }
        #expect(backVerdict(Metric.footStrikeAngle) == .gotWorse)
        #expect(backVerdict(Metric.cadence) == .gotWorse)
        #expect(backVerdict(Metric.kneeFlexionAtContact) == .gotWorse)
        #expect(back.score.verdict == .gotWorse)
    }

    @Test(arguments: [SyntheticRunner.Configuration.poseRunner, .heelStriker])
    func theSameRunnerWithDifferentNoiseIsWithinNoiseEverywhere(_ configuration: SyntheticRunner.Configuration) throws {
        let first = try Self.analysis(configuration, seed: 11), second = try Self.analysis(configuration, seed: 29)
        let c = AnalysisComparison(before: first, after: second, beforeLabel: "seed 11", afterLabel: "seed 29")
        let news = c.metrics.filter { $0.verdict == .improved || $0.verdict == .gotWorse || $0.verdict == .changed }
        #expect(news.isEmpty, "called progress or decline: \(news.map { "\($0.key) \($0.difference ?? .nan) > \($0.noiseThreshold ?? .nan)" })")
        #expect(c.score.verdict == .withinNoise || c.score.verdict == .notComparable)
        #expect(!c.metrics(.withinNoise).isEmpty)
    }

    @Test func theNoiseThresholdIsTheLargerOfTwiceTheStandardErrorAndTheMinimalChange() {
        // Trunk lean, 10 steps each, values 1, 6 and 11°: sd 4.38° → SE = √(2 × 19.17 / 10) = 1.96, so
        // 2 × SE = 3.92° is the threshold (above the 3° floor), and a +3.5° shift is within noise.
        let left: [Double] = [1, 11, 6, 1, 11], right: [Double] = [6, 1, 11, 6, 1]
        let b = MeasuredMetric(left: left, right: right, unit: .degrees)
        let a = MeasuredMetric(left: left.map { $0 + 3.5 }, right: right.map { $0 + 3.5 }, unit: .degrees)
        let c = AnalysisComparison.compare(key: Metric.trunkLean, before: b, after: a, frameRate: 60)
        let se = (b.sd * b.sd / 10 + a.sd * a.sd / 10).squareRoot()
        #expect(abs((c.noiseThreshold ?? 0) - 2 * se) < 1e-9)
        #expect(abs((c.noiseThreshold ?? 0) - 3.92) < 0.01)
        #expect(c.verdict == .withinNoise)
        // Contact time at 30 fps: one frame (33 ms) is the floor even with no scatter at all.
        let t0 = MeasuredMetric(left: [0.25, 0.25, 0.25], right: [0.25, 0.25], unit: .seconds)
        let t1 = MeasuredMetric(left: [0.23, 0.23, 0.23], right: [0.23, 0.23], unit: .seconds)
        let t = AnalysisComparison.compare(key: Metric.contactTime, before: t0, after: t1, frameRate: 30)
        #expect(abs((t.noiseThreshold ?? 0) - 1.0 / 30) < 1e-9)
        #expect(t.verdict == .withinNoise)
        // One step: no spread, so no verdict either way.
        let one = MeasuredMetric(left: [20], right: [], unit: .degrees)
        #expect(AnalysisComparison.compare(key: Metric.footStrikeAngle, before: one, after: b, frameRate: 60).verdict == .notComparable)
    }

    /// Each clip's numbers are Core's `Statistics`; comparison.json keeps them as `{"mean", "n", "sd"}`.
    @Test func eachClipsStatisticsKeepTheirJSONKeys() throws {
        let m = MeasuredMetric(left: [10, 12], right: [11], unit: .degrees)
        let change = AnalysisComparison.compare(key: Metric.footStrikeAngle, before: m, after: m, frameRate: 60)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(try #require(change.before)), as: UTF8.self)
        #expect(text == #"{"mean":11,"n":3,"sd":1}"#)
    }

    @Test func theDocumentsAreSelfContainedAndReadBack() throws {
        let c = AnalysisComparison(
            before: try Self.analysis(.heelStriker), after: try Self.analysis(.poseRunner),
            beforeLabel: "<before>", afterLabel: "after")
        let html = ComparisonDocuments.html(c)
        #expect(html.contains("&lt;before&gt;"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        let json = try ComparisonDocuments.json(c)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        #expect(try decoder.decode(AnalysisComparison.self, from: json) == c)
        let text = ComparisonTerminalView(useColour: false).render(c)
        #expect(text.contains("improved") && !text.contains("\u{1B}"))
    }
}
