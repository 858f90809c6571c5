import Foundation
import PoseRunCore
import PoseRunTestSupport
import Testing
@testable import PoseRunFormats

/// The real TRC files: Hamner & Delp 2013 treadmill running (Y-up, metres, 100 Hz) and
/// Dorn et al. 2012 overground running (Y-up, 250 Hz; JA1Gait35 in m, run0350cms in mm).
@Suite(.enabled(if: SharedData.contains("mocap"), "needs ../shared/data (real mocap recordings)"))
struct RealMocapTests {
    func load(_ relative: String) throws -> LoadedInput {
        try InputLoader.load(path: SharedData.url("mocap/" + relative).path)
    }

    @Test func hamnerIsTreadmillYUpRunningAlongPlusX() throws {
        for name in ["run200", "run300"] {
            let input = try load("hamner-subject01/\(name).trc")
            #expect(input.kind == .trc)
            #expect(input.sequence.frameRate == 100)
            #expect(input.sequence.frameCount == (name == "run200" ? 233 : 216))
            let report = try #require(input.projection)
            #expect(report.vertical == .init(.y, sign: 1))
            #expect(report.setting == .treadmill)
            // The ASIS markers are at larger x than the PSIS markers and toes ahead of heels: +x is forward.
            #expect(report.forwardNearestAxis == .init(.x, sign: 1))
            #expect(report.directionKnown)
            let mapping = try #require(input.mapping)
            #expect(mapping.markerSetName == MarkerSet.hamner.name)
            // Hamner's set has thigh and shank clusters only: knees and ankles are missing, not invented.
            for l in [Landmark.leftKnee, .rightKnee, .leftAnkle, .rightAnkle, .head] { #expect(mapping.missing.contains(l)) }
            for l in [Landmark.leftHeel, .rightToe, .leftHip, .rightShoulder, .leftElbow, .rightWrist] {
                #expect(input.sequence.has(l))
            }
        }
    }

    @Test func dornSprintIsOvergroundAlongPlusX() throws {
        let input = try load("dorn-sprint-ja1/JA1Gait35.trc")
        #expect(input.sequence.frameRate == 250)
        #expect(input.sequence.frameCount == 322)
        let report = try #require(input.projection)
        #expect(report.vertical == .init(.y, sign: 1))
        #expect(report.setting == .overground)
        #expect(report.forwardNearestAxis == .init(.x, sign: 1))
        // 9.5 m/s sprint (Dorn 2012): the pelvis covers about 12 m in 1.28 s.
        #expect(report.pelvisSpeedMetresPerSecond > 8 && report.pelvisSpeedMetresPerSecond < 11)
        let mapping = try #require(input.mapping)
        #expect(mapping.markerSetName == MarkerSet.dorn.name)
        for l in Landmark.allCases where l != .head { #expect(input.sequence.has(l)) }
    }

    @Test func dornMillimetreFileIsConvertedToMetres() throws {
        let input = try load("dorn-sprint-ja1/run0350cms.trc")
        #expect(input.sequence.frameRate == 250)
        #expect(input.sequence.frameCount == 836)
        let report = try #require(input.projection)
        #expect(report.setting == .overground)
        // 3.5 m/s trial.
        #expect(report.pelvisSpeedMetresPerSecond > 3 && report.pelvisSpeedMetresPerSecond < 4)
        // Shoulders at about 1.5 m in metres (the file says mm: 1588 → 1.588).
        let shoulder = try #require(input.sequence.point(.leftShoulder, at: 0))
        #expect(shoulder.y > 1.3 && shoulder.y < 1.7)
    }

    @Test func heelsComeDownToTheGroundDuringStance() throws {
        for name in ["hamner-subject01/run200.trc", "dorn-sprint-ja1/JA1Gait35.trc", "dorn-sprint-ja1/run0350cms.trc"] {
            let input = try load(name)
            for side in Side.allCases {
                let track = try #require(input.sequence.tracks[.heel(side)])
                let low = track.y.filter(\.isFinite).min() ?? .nan
                let high = track.y.filter(\.isFinite).max() ?? .nan
                // A heel marker sits a few cm above the floor in stance, and rises well clear in swing.
                #expect(low > -0.02 && low < 0.12, "\(name) \(side) heel min \(low)")
                #expect(high - low > 0.15, "\(name) \(side) heel range \(high - low)")
            }
        }
    }

    @Test func hipJointCentresSitBelowAndInsideTheASIS() throws {
        let url = SharedData.url("mocap/hamner-subject01/run200.trc")
        let trc = try TRCReader.read(contentsOf: url)
        let mapping = try MarkerMapping.detect(markerNames: trc.trajectories.markerNames, fileName: url.path)
        let body = mapping.apply(to: trc.trajectories)
        let hip = try #require(body.positions[.rightHip]?[0])
        let asis = try #require(trc.trajectories.positions["RASI"]?[0])
        let lasis = try #require(trc.trajectories.positions["LASI"]?[0])
        // Y-up file: the joint centre lies several cm below the ASIS and closer to the midline (z).
        #expect(asis.y - hip.y > 0.05 && asis.y - hip.y < 0.15)
        let mid = (asis.z + lasis.z) / 2
        #expect(abs(hip.z - mid) < abs(asis.z - mid))
    }

    @Test func truncatedRealFileIsAnErrorNotACrash() throws {
        let text = try String(contentsOf: SharedData.url("mocap/hamner-subject01/run200.trc"), encoding: .utf8)
        let bytes = Array(text.utf8)
        // Cut inside the header, inside the name row, mid-row and exactly at a row end.
        let rowEnd = bytes.indices.filter { bytes[$0] == 0x0A }[100] + 1
        for cut in [40, 300, bytes.count / 2, rowEnd] {
            #expect(throws: FormatError.self, "cut at \(cut)") {
                try TRCReader.parse(String(decoding: bytes[0..<cut], as: UTF8.self), fileName: "run200.trc")
            }
        }
    }
}
