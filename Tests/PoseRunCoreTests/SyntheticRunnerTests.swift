import Foundation
import Testing
@testable import PoseRunCore
@testable import PoseRunSynthetic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The synthetic runner's own consistency: the geometry it produces must say what its truth says,
/// checked from the keypoints alone with independent formulas.
@Suite struct SyntheticRunnerTests {
    static let presets: [(String, SyntheticRunner.Configuration)] = [
        ("poseRunner", .poseRunner), ("heelStriker", .heelStriker), ("walker", .walker), ("default", .init()),
    ]

    /// 180° − the hip–knee–ankle angle, from three points.
    static func kneeFlexionDegrees(_ hip: PlanePoint, _ knee: PlanePoint, _ ankle: PlanePoint) -> Double {
        let a = hip - knee, b = ankle - knee
        let cosine = (a.x * b.x + a.y * b.y) / (a.length * b.length)
        return 180 - acos(max(-1, min(1, cosine))) * 180 / Double.pi
    }

    /// Toe-off is not an impact (the ground force fades to zero), so the toe, at rest on the ground until
    /// then, must leave it from rest: a velocity step there would take an infinite force. Checked at
    /// 10 000 fps: 2 ms after toe-off the toe moves at under 5 % of running speed, not the ~85 % a foot
    /// that stops rolling at toe-off would jump to.
    @Test func theToeLeavesTheGroundFromRest() throws {
        for (name, preset) in Self.presets where name != "walker" {
            var c = preset
            c.frameRate = 10_000
            c.durationSeconds = 1.2
            let run = try SyntheticRunner(c).generate()
            let s = run.sequence
            for to in run.truth.events.toeOffs(of: .left) {
                let i = Int(((to.time - s.times[0]) * c.frameRate).rounded()) + 20
                guard i + 1 < s.frameCount, let a = s.point(.leftToe, at: i - 1), let b = s.point(.leftToe, at: i + 1) else { continue }
                let speed = (b - a).length * c.frameRate / 2
                #expect(speed < 0.05 * run.truth.speedMetresPerSecond, "\(name): toe at \(speed) m/s 2 ms after toe-off")
            }
        }
    }

    @Test(arguments: [SyntheticRunner.Setting.overground, .treadmill])
    func stanceFootRestsOnTheGroundAndStaysPutThenLifts(setting: SyntheticRunner.Setting) throws {
        for (name, preset) in Self.presets {
            var c = preset.lasting(strides: 4)
            c.setting = setting
            c.frameRate = 240
            let run = try SyntheticRunner(c).generate()
            let s = run.sequence
            let beltStep = setting == .treadmill ? run.truth.speedMetresPerSecond / c.frameRate : 0
            for side in Side.allCases {
                let ics = run.truth.events.initialContacts(of: side), tos = run.truth.events.toeOffs(of: side)
                for ic in ics {
                    guard let to = tos.first(where: { $0.time > ic.time }) else { continue }
                    var grounded: [Landmark: (x: Double, frame: Int)] = [:]
                    for f in 0..<s.frameCount where s.times[f] > ic.time + 1e-9 && s.times[f] < to.time - 1e-9 {
                        let heel = try #require(s.point(.heel(side), at: f)), toe = try #require(s.point(.toe(side), at: f))
                        #expect(abs(min(heel.y, toe.y)) < 1e-9, "\(name) \(side): lowest foot point off the ground at frame \(f)")
                        for (l, p) in [(Landmark.heel(side), heel), (.toe(side), toe)] where abs(p.y) < 1e-9 {
                            if let first = grounded[l] {
                                // Overground the grounded point is still; on a treadmill it moves back at belt speed.
                                let expected = first.x - beltStep * Double(f - first.frame)
                                #expect(abs(p.x - expected) < 1e-9, "\(name) \(side): \(l) slid at frame \(f)")
                            } else {
                                grounded[l] = (p.x, f)
                            }
                        }
                    }
                    #expect(!grounded.isEmpty)
                    // Swing: from toe-off to the next contact the foot is clear of the ground.
                    let nextIC = ics.first(where: { $0.time > to.time })?.time ?? .infinity
                    for f in 0..<s.frameCount where s.times[f] > to.time + 1e-9 && s.times[f] < nextIC - 1e-9 {
                        let heel = try #require(s.point(.heel(side), at: f)), toe = try #require(s.point(.toe(side), at: f))
                        #expect(min(heel.y, toe.y) > 0, "\(name) \(side): swing foot touches the ground at frame \(f)")
                    }
                }
            }
        }
    }

    @Test func measuredAnglesAtAFrameAlignedContactEqualTheChosenValues() throws {
        // 200 fps, 150 steps/min: a step is 0.4 s = 80 frames; left contact at 0.1 s = frame 20.
        var c = SyntheticRunner.Configuration(
            cadenceStepsPerMinute: 150, footStrikeAngleDegrees: 12, kneeFlexionAtContactDegrees: 17,
            trunkLeanDegrees: 7, trunkLeanRangeDegrees: 0, overstrideLegLengths: 0.28, frameRate: 200,
            leftContactTimeSeconds: 0.1)
        c = c.lasting(strides: 3)
        let run = try SyntheticRunner(c).generate()
        let s = run.sequence
        let ics = run.truth.events.filter { $0.kind == .initialContact }
        #expect(ics.count >= 4)
        for ic in ics {
            let f = ic.frame
            #expect(abs(s.times[f] - ic.time) < 1e-12, "contact should fall on frame \(f)")
            let side = ic.side
            let hip = try #require(s.point(.hip(side), at: f)), knee = try #require(s.point(.knee(side), at: f))
            let ankle = try #require(s.point(.ankle(side), at: f))
            #expect(abs(Self.kneeFlexionDegrees(hip, knee, ankle) - 17) < 1e-6)
            let heel = try #require(s.point(.heel(side), at: f)), toe = try #require(s.point(.toe(side), at: f))
            let strike = atan2(toe.y - heel.y, toe.x - heel.x) * 180 / Double.pi
            #expect(abs(strike - 12) < 1e-6)
            // Trunk lean: mid-shoulder above and ahead of mid-hip.
            let ms = PlanePoint.midpoint(try #require(s.point(.leftShoulder, at: f)), try #require(s.point(.rightShoulder, at: f)))
            let mh = PlanePoint.midpoint(try #require(s.point(.leftHip, at: f)), try #require(s.point(.rightHip, at: f)))
            #expect(abs(atan2(ms.x - mh.x, ms.y - mh.y) * 180 / Double.pi - 7) < 1e-6)
            // Overstride: rearfoot (12° > 8°) so from the heel, to the de Leva centre of mass, over thigh + shank.
            let com = SegmentalCentreOfMass.of { s.point($0, at: f) ?? PlanePoint(x: .nan, y: .nan) }
            let legLength = hip.distance(to: knee) + knee.distance(to: ankle)
            #expect(abs((heel.x - com.x) / legLength - 0.28) < 1e-6)
            let step = try #require(run.truth.steps.first { $0.initialContactTime == ic.time })
            #expect(abs(step.shankAngleAtContactDegrees - atan2(ankle.x - knee.x, knee.y - ankle.y) * 180 / Double.pi) < 1e-9)
        }
    }

    /// One centre-of-mass model: the analysis's per-frame estimate is the synthetic truth's formula, bit for bit.
    @Test func theAnalysisCentreOfMassIsTheSegmentalDefinition() throws {
        let s = try SyntheticRunner(SyntheticRunner.Configuration.poseRunner.lasting(strides: 2)).generate().cleanSequence
        let kinematics = BodyKinematics(sequence: s)
        #expect(kinematics.centreOfMassMethod == .segmental)
        for f in 0..<s.frameCount {
            let expected = SegmentalCentreOfMass.of { s.point($0, at: f) ?? PlanePoint(x: .nan, y: .nan) }
            let com = try #require(kinematics.centreOfMass[f])
            #expect(com == expected, "frame \(f)")
        }
    }

    @Test func eventTimesFollowCadenceAndContactTime() throws {
        for (name, preset) in Self.presets {
            let run = try SyntheticRunner(preset.lasting(strides: 5)).generate()
            let ics = run.truth.events.filter { $0.kind == .initialContact }
            for (a, b) in zip(ics, ics.dropFirst()) {
                #expect(a.side != b.side, "\(name): contacts alternate feet")
                #expect(abs((b.time - a.time) - 60 / preset.cadenceStepsPerMinute) < 1e-9, "\(name): step time")
            }
            for side in Side.allCases {
                for ic in run.truth.events.initialContacts(of: side) {
                    if let to = run.truth.events.toeOffs(of: side).first(where: { $0.time > ic.time }) {
                        #expect(abs(to.time - ic.time - preset.contactTimeSeconds) < 1e-9)
                    }
                }
            }
            for step in run.truth.steps {
                #expect(abs(step.cadenceStepsPerMinute - preset.cadenceStepsPerMinute) < 1e-9)
                #expect(abs(step.dutyFactor - preset.contactTimeSeconds * preset.cadenceStepsPerMinute / 120) < 1e-12)
            }
        }
    }

    @Test func walkerHasNoFlightAndRunnersDo() throws {
        let walk = try SyntheticRunner(.walker.lasting(strides: 3)).generate().truth
        #expect(!walk.hasFlightPhase)
        #expect(walk.steps.allSatisfy { $0.dutyFactor > 0.5 && $0.flightTimeSeconds == 0 })
        for preset in [SyntheticRunner.Configuration.poseRunner, .heelStriker] {
            let run = try SyntheticRunner(preset.lasting(strides: 3)).generate().truth
            #expect(run.hasFlightPhase)
            #expect(run.steps.allSatisfy { $0.dutyFactor < 0.5 && $0.flightTimeSeconds > 0 })
        }
    }

    @Test func truthCarriesTheChosenPeaksAndRanges() throws {
        for (name, preset) in Self.presets {
            let truth = try SyntheticRunner(preset.lasting(strides: 3)).generate().truth
            for step in truth.steps {
                #expect(abs(step.kneeFlexionAtContactDegrees - preset.kneeFlexionAtContactDegrees) < 1e-9, "\(name)")
                #expect(abs(step.footStrikeAngleDegrees - preset.footStrikeAngleDegrees) < 1e-9, "\(name)")
                #expect(abs(step.peakSwingKneeFlexionDegrees - preset.peakSwingKneeFlexionDegrees) < 1e-9, "\(name)")
                #expect(abs(step.overstrideLegLengths - preset.overstrideLegLengths) < 1e-9, "\(name)")
                #expect(abs(step.trunkLeanMeanDegrees - preset.trunkLeanDegrees) < 1e-6, "\(name)")
                #expect(abs(step.trunkLeanRangeDegrees - preset.trunkLeanRangeDegrees) < 1e-3, "\(name)")
                #expect(abs(step.armSwingRangeDegrees - preset.armSwingRangeDegrees) < 1e-3, "\(name)")
                if truth.hasFlightPhase {
                    #expect(abs(step.peakStanceKneeFlexionDegrees - preset.peakStanceKneeFlexionDegrees) < 1e-9, "\(name)")
                }
                #expect(abs(step.elbowAngleDegrees - (180 - preset.elbowFlexionDegrees)) < 1e-6, "\(name)")
                #expect(abs(step.stepLengthMetres - preset.speedMetresPerSecond * 60 / preset.cadenceStepsPerMinute) < 1e-9)
                #expect(abs(step.peakSwingThighAngleDegrees - preset.peakSwingThighAngleDegrees) < 1e-9, "\(name)")
                #expect(step.hipExtensionAtToeOffDegrees == -step.thighAngleAtToeOffDegrees)
                // The swing knee peak is placed at its chosen fraction of the stride from contact.
                let peakAfterContact = preset.swingKneePeakStrideFraction * 120 / preset.cadenceStepsPerMinute
                #expect(abs(step.timeToPeakSwingKneeFlexionSeconds - (peakAfterContact - preset.contactTimeSeconds)) < 1e-9)
                #expect(abs(step.verticalRatioPercent - 100 * step.verticalOscillationMetres / step.strideLengthMetres) < 1e-9)
                #expect(step.heelToHipMinimumLegLengths > 0 && step.heelToHipMinimumLegLengths < 1)
            }
        }
        // Asked for, a larger pelvis oscillation is reached by raising the flight.
        let c = SyntheticRunner.Configuration(verticalOscillationMetres: 0.09)
        let truth = try SyntheticRunner(c.lasting(strides: 2)).generate().truth
        #expect(abs((truth.steps.first?.pelvisVerticalOscillationMetres ?? 0) - 0.09) < 1e-4)
    }

    @Test func runnersPelvisIsLowestAroundMidStanceAndHighestInFlight() throws {
        for (name, preset) in Self.presets {
            var c = preset.lasting(strides: 2)
            c.frameRate = 500
            let run = try SyntheticRunner(c).generate()
            let s = run.sequence
            let y = (0..<s.frameCount).map { f in ((s.point(.leftHip, at: f)?.y ?? .nan) + (s.point(.rightHip, at: f)?.y ?? .nan)) / 2 }
            let lowest = try #require(y.indices.min { y[$0] < y[$1] }), highest = try #require(y.indices.max { y[$0] < y[$1] })
            func inStance(_ f: Int) -> Bool {
                let t = s.times[f]
                return Side.allCases.contains { side in
                    run.truth.events.initialContacts(of: side).contains { ic in t >= ic.time && t <= ic.time + c.contactTimeSeconds }
                }
            }
            #expect(inStance(lowest), "\(name): pelvis lowest at \(s.times[lowest]) s, outside stance")
            // Running: lowest within the middle half of a contact, highest in flight. (Walking is an inverted
            // pendulum: its pelvis is lowest in double support, so it is not held to this.)
            let t = s.times[lowest]
            let nearMid = run.truth.steps.contains { abs(t - ($0.initialContactTime + $0.contactTimeSeconds / 2)) < $0.contactTimeSeconds / 4 }
            if run.truth.hasFlightPhase {
                #expect(nearMid, "\(name): pelvis lowest at \(t) s, not around mid-stance")
                #expect(!inStance(highest), "\(name): pelvis highest at \(s.times[highest]) s, in stance")
            }
        }
    }

    @Test func segmentLengthsAreTheSameInEveryFrame() throws {
        for (name, preset) in Self.presets {
            var c = preset.lasting(strides: 3)
            c.setting = .treadmill
            c.directionOfTravel = -1
            c.cameraPan = .init(driftMetresPerSecond: -1, amplitudeMetres: 0.3, periodSeconds: 1.7)
            let s = try SyntheticRunner(c).generate().sequence
            var pairs: [(Landmark, Landmark)] = []
            for side in Side.allCases {
                pairs += [(.hip(side), .knee(side)), (.knee(side), .ankle(side)), (.heel(side), .toe(side)),
                          (.heel(side), .ankle(side)), (.ankle(side), .toe(side)), (.shoulder(side), .elbow(side)),
                          (.elbow(side), .wrist(side))]
            }
            for (a, b) in pairs {
                var lengths: [Double] = []
                for f in 0..<s.frameCount {
                    lengths.append(try #require(s.point(a, at: f)).distance(to: try #require(s.point(b, at: f))))
                }
                let spread = (lengths.max() ?? 0) - (lengths.min() ?? 0)
                #expect(spread < 1e-9, "\(name): \(a)–\(b) length varies by \(spread)")
            }
        }
    }

    @Test func outputUnitsDirectionAndSettingTransformOnlyTheFrame() throws {
        let base = try SyntheticRunner(.heelStriker.lasting(strides: 2)).generate()
        var c = SyntheticRunner.Configuration.heelStriker.lasting(strides: 2)
        c.lengthUnit = .pixels
        c.pixelsPerMetre = 500
        c.directionOfTravel = -1
        let px = try SyntheticRunner(c).generate()
        #expect(px.sequence.lengthUnit == .pixels && px.sequence.sourceKind == .synthetic)
        #expect(abs(px.truth.legLengthInSequenceUnits - 500 * base.truth.legLengthMetres) < 1e-9)
        for f in stride(from: 0, to: base.sequence.frameCount, by: 7) {
            let a = try #require(base.sequence.point(.leftAnkle, at: f)), b = try #require(px.sequence.point(.leftAnkle, at: f))
            #expect(abs(b.x + 500 * a.x) < 1e-6 && abs(b.y - 500 * a.y) < 1e-6)
        }
        var t = SyntheticRunner.Configuration.heelStriker.lasting(strides: 2)
        t.setting = .treadmill
        let tread = try SyntheticRunner(t).generate().sequence
        let hips = (0..<tread.frameCount).compactMap { f -> Double? in
            guard let l = tread.point(.leftHip, at: f), let r = tread.point(.rightHip, at: f) else { return nil }
            return (l.x + r.x) / 2
        }
        #expect(((hips.max() ?? 0) - (hips.min() ?? 0)) < 1e-9, "on a treadmill the pelvis stays in place")
    }

    @Test func injectedSwapsAppearExactlyWhereReported() throws {
        let artefacts = SyntheticRunner.Artefacts(
            confidenceRange: 1...1, legSwaps: 6, singleLandmarkSwaps: 6, armSwaps: 4, seed: 42)
        let run = try SyntheticRunner(SyntheticRunner.Configuration.poseRunner.lasting(strides: 8).with(artefacts)).generate()
        #expect(run.truth.injectedSwaps.count == 16)
        var swapped: Set<String> = []
        for swap in run.truth.injectedSwaps {
            for sample in swap.samples { swapped.insert("\(sample.frame) \(sample.landmark)") }
        }
        for l in Landmark.allCases {
            for f in 0..<run.sequence.frameCount {
                let observed = try #require(run.sequence.point(l, at: f))
                let expected = try #require(run.cleanSequence.point(swapped.contains("\(f) \(l)") ? l.mirrored : l, at: f))
                #expect(observed == expected, "\(l) at frame \(f)")
            }
        }
    }

    @Test func truthSurvivesAJSONRoundTrip() throws {
        let truth = try SyntheticRunner(.poseRunner.lasting(strides: 2).with(.realistic(seed: 1, seconds: 2))).generate().truth
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(truth)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(SyntheticTruth.self, from: data) == truth)
        #expect(String(decoding: data, as: UTF8.self).contains("\"knee_flexion_at_contact_degrees\""))
    }

    @Test func sameSeedSameKeypointsOtherSeedOtherKeypoints() throws {
        let c = SyntheticRunner.Configuration.poseRunner.lasting(strides: 2)
        let a = try SyntheticRunner(c.with(.realistic(seed: 7, seconds: 2))).generate()
        let b = try SyntheticRunner(c.with(.realistic(seed: 7, seconds: 2))).generate()
        let d = try SyntheticRunner(c.with(.realistic(seed: 8, seconds: 2))).generate()
        #expect(a.sequence.tracks[.leftKnee]?.x.map(\.bitPattern) == b.sequence.tracks[.leftKnee]?.x.map(\.bitPattern))
        #expect(a.truth.injectedSwaps == b.truth.injectedSwaps)
        #expect(a.sequence.tracks[.leftKnee]?.x.map(\.bitPattern) != d.sequence.tracks[.leftKnee]?.x.map(\.bitPattern))
    }

    @Test func impossibleRequestsAreRefusedWithAReason() {
        var tooLong = SyntheticRunner.Configuration()
        tooLong.contactTimeSeconds = 0.8
        #expect(throws: SyntheticRunnerError.self) { try SyntheticRunner(tooLong).generate() }
        var unreachable = SyntheticRunner.Configuration()
        unreachable.overstrideLegLengths = -0.5
        do {
            _ = try SyntheticRunner(unreachable).generate()
            Issue.record("a foot landing far behind the body cannot carry it through a 0.25 s contact")
        } catch {
            #expect("\(error)".contains("not physically possible"))
        }
    }
}
