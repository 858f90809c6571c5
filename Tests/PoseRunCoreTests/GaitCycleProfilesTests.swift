import Foundation
import Testing
@testable import PoseRunCore
import PoseRunSynthetic

/// Gait-cycle profiles read back the knee angles a synthetic runner is built with, and key frames sit on the events.
struct GaitCycleProfilesTests {
    /// Built with: knee 15° at contact, 42° peak in stance at 45 % of contact, 95° peak in swing at 70 % of the stride.
    static let configuration = SyntheticRunner.Configuration(
        cadenceStepsPerMinute: 172, contactTimeSeconds: 0.25, kneeFlexionAtContactDegrees: 15,
        peakStanceKneeFlexionDegrees: 42, peakSwingKneeFlexionDegrees: 95, swingKneePeakStrideFraction: 0.70,
        durationSeconds: 6)

    static func make() throws -> (Analysis, GaitCycleProfiles) {
        let run = try SyntheticRunner(configuration).generate()
        let analysis = try Analyzer().analyze(run.sequence, name: "synthetic")
        let profiles = try #require(GaitCycleProfiles(sequence: run.sequence, analysis: analysis))
        return (analysis, profiles)
    }

    @Test func kneeCurvePeaksAtTheRunnersKnownAngles() throws {
        let (_, profiles) = try Self.make()
        let strideSeconds = 2 * 60 / Self.configuration.cadenceStepsPerMinute
        let stancePeakPercent = 0.45 * Self.configuration.contactTimeSeconds / strideSeconds * 100   // ≈ 16 %
        for side in Side.allCases {
            let profile = try #require(profiles.profile(side))
            #expect(profile.cycles >= 5)
            let knee = try #require(profile.curve(.kneeFlexion)).mean
            let samples = knee.enumerated().compactMap { i, v in v.map { (CycleCurve.percent(ofSample: i), $0) } }
            #expect(samples.count == GaitCycleProfiles.samplesPerCycle)
            let swing = try #require(samples.filter { $0.0 > 40 }.max { $0.1 < $1.1 })
            #expect(abs(swing.1 - 95) < 3, "\(side) swing peak \(swing.1)°")
            #expect(abs(swing.0 - 70) <= 4, "\(side) swing peak at \(swing.0) %")
            let stance = try #require(samples.filter { $0.0 < 35 }.max { $0.1 < $1.1 })
            #expect(abs(stance.1 - 42) < 3, "\(side) stance peak \(stance.1)°")
            #expect(abs(stance.0 - stancePeakPercent) <= 5, "\(side) stance peak at \(stance.0) %")
            #expect(abs(samples[0].1 - 15) < 4, "\(side) knee at contact \(samples[0].1)°")
            // Toe-off: contact time over stride time.
            let toeOff = try #require(profile.toeOffPercent)
            #expect(abs(toeOff - Self.configuration.contactTimeSeconds / strideSeconds * 100) < 4)
        }
    }

    @Test func keyFramesSitOnTheDetectedEvents() throws {
        let (analysis, profiles) = try Self.make()
        for side in Side.allCases {
            let ic = try #require(profiles.keyFrame(side, .initialContact))
            let pose = try #require(profiles.keyFrame(side, .pose))
            let fall = try #require(profiles.keyFrame(side, .fall))
            let pull = try #require(profiles.keyFrame(side, .pull))
            #expect(analysis.events.initialContacts(of: side).contains { $0.time == ic.time && $0.frame == ic.frame })
            #expect(analysis.events.toeOffs(of: side).contains { $0.time == fall.time && $0.frame == fall.frame })
            #expect(ic.time < pose.time && pose.time < fall.time && fall.time < pull.time)
            let next = try #require(analysis.events.initialContacts(of: side).first { $0.time > ic.time })
            #expect(pull.time < next.time)
            // The Pull is the swing's deepest knee bend: near the built-in 95°.
            #expect(abs((pull.angle(.kneeFlexion) ?? 0) - 95) < 4)
            #expect(ic.point(.knee(side)) != nil && ic.centreOfMass != nil && ic.supportPoint != nil)
        }
    }

    @Test func theAnalyzerAttachesTheProfilesOfTheKeypointsItMeasured() throws {
        let (analysis, profiles) = try Self.make()
        // Built once, in the analysis: the same as profiles drawn from the input cleaned again.
        #expect(analysis.gaitCycleProfiles == profiles)
    }

    @Test func analysisWithoutProfilesStillDecodesAndProfilesRoundTrip() throws {
        var (analysis, profiles) = try Self.make()
        analysis.gaitCycleProfiles = nil   // as in a file written before the profiles were added
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let old = try encoder.encode(analysis)
        #expect(!String(decoding: old, as: UTF8.self).contains("gait_cycle_profiles"))
        #expect(try decoder.decode(Analysis.self, from: old).gaitCycleProfiles == nil)
        analysis.gaitCycleProfiles = profiles
        let new = try encoder.encode(analysis)
        #expect(try decoder.decode(Analysis.self, from: new).gaitCycleProfiles == profiles)
        #expect(new.count - old.count < 120_000, "profiles stay small: \(new.count - old.count) bytes")
    }

    @Test func aStrideOverALostTrackGivesNoKeyFrames() throws {
        let run = try SyntheticRunner(Self.configuration).generate()
        var analysis = try Analyzer().analyze(run.sequence, name: "synthetic")
        // Keep only two left contacts 2 s apart, as if the track was lost in between: with one stride the
        // median is that stride, so only the absolute limit (1.5 s; a running stride is under 0.9 s) catches it.
        let leftContacts = analysis.events.filter { $0.side == .left && $0.kind == .initialContact }
        let first = try #require(leftContacts.first)
        let far = try #require(leftContacts.first { $0.time - first.time > 1.9 })
        analysis.events.removeAll { $0.side == .left && $0.kind == .initialContact && $0 != first && $0 != far }
        let profiles = try #require(GaitCycleProfiles(sequence: run.sequence, analysis: analysis))
        #expect(profiles.keyFrame(.left, .pull) == nil, "no Pull a second away from its toe-off")
        #expect(profiles.keyFrame(.right, .pull) != nil, "the right side is untouched")
    }
}
