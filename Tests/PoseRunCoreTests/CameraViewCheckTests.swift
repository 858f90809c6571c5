import Foundation
import Testing
@testable import PoseRunCore
import PoseRunSynthetic

/// The camera-view check on the synthetic runner (a true side view) and on views bent to fail it.
struct CameraViewCheckTests {
    /// The synthetic runner in pixels (400 px per metre, so a 1.75 m runner is ~700 px tall), y up.
    static func runner(frameRate: Double = 60, scale: Double = 1) throws -> KeypointSequence {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 2
        c.frameRate = frameRate
        c.lengthUnit = .pixels
        var s = try SyntheticRunner(c).generate().sequence
        for (l, t) in s.tracks {
            var u = t
            for i in u.x.indices { u.x[i] *= scale; u.y[i] *= scale }
            s.tracks[l] = u
        }
        return s
    }

    static func width(of s: KeypointSequence) -> Int {
        Int((s.tracks.values.flatMap(\.x).filter(\.isFinite).max() ?? 0) + 500)
    }

    @Test func aSideViewOfAWellFramedRunnerPasses() throws {
        let s = try Self.runner()
        let report = CameraViewCheck().check(s, imageWidth: Self.width(of: s), imageHeight: 1080)
        #expect(report.findings.isEmpty, "\(report.warnings)")
        #expect(report.framesWithPose == s.frameCount)
        #expect(try #require(report.medianBodyHeightPixels) > 500)
        #expect(try #require(report.estimatedAngleFromSideOnDegrees) < 10)
    }

    @Test func pixelLimitsFollowFromFootLengthAndAngleError() {
        // Foot = 0.152 H; heel and toe off by a pixel each turn it by atan(√2 / foot).
        // 3°: √2 / tan 3° / 0.152 = 177.5 px; 8°: √2 / tan 8° / 0.152 = 66.2 px (worked by hand).
        let c = CameraViewConfiguration()
        #expect(abs(c.smallBodyHeightPixels - 177.5) < 0.5)
        #expect(abs(c.smallestAnalysableBodyHeightPixels - 66.2) < 0.5)
    }

    @Test func aSmallRunnerIsWarnedAboutAndATinyOneBlocksTheAnalysis() throws {
        // Scale the ~700 px runner to ~140 px and ~50 px.
        let small = try Self.runner(scale: 0.2)
        let smallReport = CameraViewCheck().check(small, imageWidth: Self.width(of: small), imageHeight: 1080)
        #expect(smallReport.findings.map(\.kind) == [.runnerSmall])
        #expect(smallReport.blockingFinding == nil)
        let tiny = try Self.runner(scale: 0.07)
        let tinyReport = CameraViewCheck().check(tiny, imageWidth: Self.width(of: tiny), imageHeight: 1080)
        #expect(tinyReport.blockingFinding?.kind == .runnerTooSmallToAnalyse)
    }

    @Test func shouldersApartMeanTheViewIsOblique() throws {
        var s = try Self.runner()
        // Push the shoulders 0.6 torso lengths apart: the view is asin(0.6 / 0.899) = 41.8° off side-on.
        for i in 0..<s.frameCount {
            guard let l = s.point(.leftShoulder, at: i), let r = s.point(.rightShoulder, at: i),
                  let lh = s.point(.leftHip, at: i), let rh = s.point(.rightHip, at: i) else { continue }
            let torso = PlanePoint.midpoint(l, r).distance(to: PlanePoint.midpoint(lh, rh))
            let mid = PlanePoint.midpoint(l, r)
            s.tracks[.leftShoulder]?.set(PlanePoint(x: mid.x - 0.3 * torso, y: mid.y), confidence: 1, at: i)
            s.tracks[.rightShoulder]?.set(PlanePoint(x: mid.x + 0.3 * torso, y: mid.y), confidence: 1, at: i)
        }
        let report = CameraViewCheck().check(s, imageWidth: Self.width(of: s), imageHeight: 1080)
        let angle = try #require(report.estimatedAngleFromSideOnDegrees)
        #expect(abs(angle - 41.8) < 1.5)
        #expect(report.findings.map(\.kind) == [.notSideOn])
    }

    @Test func feetThatNeverSeparateMeanRunningTowardTheCamera() throws {
        var s = try Self.runner()
        // Both ankles at the mid-hip's x: the legs only move in depth.
        for i in 0..<s.frameCount {
            guard let l = s.point(.leftHip, at: i), let r = s.point(.rightHip, at: i) else { continue }
            for side in Side.allCases {
                if let a = s.point(.ankle(side), at: i) {
                    s.tracks[.ankle(side)]?.set(PlanePoint(x: (l.x + r.x) / 2, y: a.y), confidence: 1, at: i)
                }
            }
        }
        let report = CameraViewCheck().check(s, imageWidth: Self.width(of: s), imageHeight: 1080)
        #expect(report.findings.map(\.kind).contains(.headOn))
    }

    @Test func aRunnerLeavingTheFrameAndALostTrackAreNamed() throws {
        var s = try Self.runner()
        let n = s.frameCount
        let width = Int((s.point(.rightToe, at: n - 21)?.x ?? 0) + 5)  // a toe touches the right edge
        for l in s.tracks.keys {
            for i in (n - 20)..<n { s.tracks[l]?.set(nil, confidence: 0, at: i) }
            for i in 10..<20 { s.tracks[l]?.set(nil, confidence: 0, at: i) }
        }
        let report = CameraViewCheck().check(s, imageWidth: width, imageHeight: 1080)
        let kinds = report.findings.map(\.kind)
        #expect(kinds.contains(.leavesFrame))
        #expect(kinds.contains(.trackLost))
        #expect(report.framesWithPose == n - 30)
    }

    @Test func nobodyFoundBlocksTheAnalysis() throws {
        var s = try Self.runner()
        for l in s.tracks.keys { s.tracks[l] = LandmarkTrack(missingFrames: s.frameCount) }
        let report = CameraViewCheck().check(s, imageWidth: 1920, imageHeight: 1080)
        #expect(report.blockingFinding?.kind == .noPose)
    }

    @Test func aLowFrameRateIsReportedOnceInTheAnalysis() throws {
        let s = try Self.runner(frameRate: 30)
        let report = CameraViewCheck().check(s, imageWidth: Self.width(of: s), imageHeight: 1080)
        #expect(report.findings.map(\.kind) == [.lowFrameRate])
        let analysis = try Analyzer().analyze(s, name: "30 fps").addingCameraView(report)
        #expect(analysis.quality.cameraView == report)
        // The metric summary already warns about the frame rate: the check does not repeat it.
        // The frame rate is said once, by the summary's coarse-timing finding, not again by the camera's.
        #expect(analysis.quality.findings.filter { if case .coarseTiming = $0 { true } else { false } }.count == 1)
        #expect(!analysis.quality.findings.contains { if case .cameraView(let c) = $0 { c.kind == .lowFrameRate } else { false } })
    }
}
