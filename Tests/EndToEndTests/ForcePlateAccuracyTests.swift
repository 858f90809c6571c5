import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunTestSupport
import Testing

/// Gait events against force plates: the ground truth no video can give. The thresholds are the
/// issue's targets (IC ≤ 8 ms, TO ≤ 12 ms, contact time ≤ 10 ms mean absolute error; cadence within 1 %),
/// which sit at the better end of markers-only methods in the literature (3–25 ms, domain brief §4).
@Suite(.enabled(if: SharedData.contains("mocap"), "needs ../shared/data/mocap (absent in this checkout)"))
struct ForcePlateAccuracyTests {
    struct Trial: CustomTestStringConvertible, Sendable {
        var input: String
        var reference: String
        var source: ReferenceEvents.C3DSource
        var testDescription: String { input + " vs " + reference }
    }

    static let trials = [
        Trial(input: "hamner-subject01/run200.trc", reference: "hamner-subject01/run200_events_from_grf.csv", source: .automatic),
        Trial(input: "hamner-subject01/run300.trc", reference: "hamner-subject01/run300_events_from_grf.csv", source: .automatic),
        Trial(input: "dorn-sprint-ja1/JA1Gait35.c3d", reference: "dorn-sprint-ja1/JA1Gait35.c3d", source: .forcePlates),
    ]

    @Test(arguments: trials)
    func eventsAgreeWithForcePlates(_ trial: Trial) throws {
        let loaded = try InputLoader.load(path: SharedData.url("mocap").appendingPathComponent(trial.input).path)
        let s = loaded.sequence
        let analysis = try Analyzer().analyze(s, name: loaded.displayName)
        let timeBase = InputTimeBase(frameRate: s.frameRate, firstFrameNumber: s.frameNumbers[0], firstSampleTime: s.times[0])
        let reference = try ReferenceEvents.load(
            contentsOf: SharedData.url("mocap").appendingPathComponent(trial.reference), timeBase: timeBase, c3dSource: trial.source)
        let r = EventMatching.match(detected: analysis.events, reference: reference.events, within: analysis.quality.eventSpan ?? s.times[0]...s.times[s.frameCount - 1])

        #expect(r.missed.isEmpty, "every force-plate event inside the span events are looked for in is found")
        #expect(r.initialContact.count >= 4)
        #expect(try #require(r.initialContact.meanAbsoluteSeconds) <= 0.008)
        #expect(try #require(r.toeOff.meanAbsoluteSeconds) <= 0.012)
        #expect(try #require(r.contactTime.meanAbsoluteSeconds) <= 0.010)

        // Cadence over the contacts both agree on.
        let ics = r.pairs(of: .initialContact).sorted { $0.reference.time < $1.reference.time }
        let detected = try #require(ics.map(\.detected).cadenceOverAlternatingContacts())
        let truth = try #require(ics.map(\.reference).cadenceOverAlternatingContacts())
        #expect(abs(detected - truth) / truth < 0.01)
        #expect(analysis.running.isRunning)
    }

    @Test func hamnerIsARearfootTreadmillRunner() throws {
        // Hamner & Delp's subject 01 lands heel first at 2 and 3 m/s; the treadmill keeps the pelvis in place.
        let loaded = try InputLoader.load(path: SharedData.url("mocap/hamner-subject01/run300.trc").path)
        let analysis = try Analyzer().analyze(loaded.sequence, name: "run300")
        #expect(analysis.footStrikePattern.pattern == .rearfoot)
        #expect(analysis.input.setting == .treadmill)
        #expect(analysis.assessment.criteria.first { $0.id == .noHeelStrike }?.status == .fault)
    }

    @Test func dornSprinterIsNotARearfootStriker() throws {
        let loaded = try InputLoader.load(path: SharedData.url("mocap/dorn-sprint-ja1/JA1Gait35.c3d").path)
        let analysis = try Analyzer().analyze(loaded.sequence, name: "JA1Gait35")
        #expect(analysis.footStrikePattern.pattern != .rearfoot)
        #expect(analysis.input.setting == .overground)
        // Sprint contact times are short (≈ 0.1 s at 9.5 m/s; Dorn et al. 2012).
        let contact = try #require(analysis.summary[Metric.contactTime]?.measured)
        #expect(contact.mean > 0.08 && contact.mean < 0.14)
    }
}
