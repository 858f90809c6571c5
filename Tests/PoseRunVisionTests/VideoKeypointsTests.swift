import Foundation
import PoseRunCore
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// A pose result becomes Core's keypoints and the 33 named points, held once; a video too long for one
/// analysis is refused before it is decoded.
struct VideoKeypointsTests {
    /// Three frames at 30 fps: both ears seen; the left ear hidden (visibility 0.2, so the head is the nose);
    /// no pose. Every point sits at (10 k + frame, 100 + k) px, so each value says where it came from.
    static func result() -> VideoPoseResult {
        func landmarks(frame: Int, hiddenLeftEar: Bool) -> [PoseLandmark] {
            BlazePoseLandmark.allCases.map { point in
                let k = Float(point.rawValue)
                let hidden = hiddenLeftEar && point == .leftEar
                return PoseLandmark(x: 10 * k + Float(frame), y: 100 + k, z: 0, visibility: hidden ? 0.2 : 0.9, presence: 1)
            }
        }
        let frames = [
            PoseFrame(frameIndex: 0, time: 0, posePresence: 1, landmarks: landmarks(frame: 0, hiddenLeftEar: false)),
            PoseFrame(frameIndex: 1, time: 1.0 / 30, posePresence: 1, landmarks: landmarks(frame: 1, hiddenLeftEar: true)),
            PoseFrame(frameIndex: 2, time: 2.0 / 30, posePresence: 0, landmarks: nil),
        ]
        let info = VideoInfo(
            width: 640, height: 480, storedWidth: 640, storedHeight: 480, rotationDegrees: 0,
            averageFrameRate: 30, baseFrameRate: 30, isVariableFrameRate: false, durationSeconds: 0.1,
            frameTimes: frames.map(\.time), codec: "h264")
        return VideoPoseResult(video: info, frames: frames, timings: PipelineTimings())
    }

    @Test func theBodysKeypointsAreThePointsTheyComeFromAndTheHeadIsBetweenTheEars() throws {
        let keypoints = VideoKeypoints(Self.result())
        let hip = try #require(keypoints.sequence.tracks[.leftHip])
        // left_hip is BlazePose point 23: x = 230 + frame, row 123, so y = −123 (y up).
        #expect(hip.x[0] == 230 && hip.x[1] == 231 && hip.y[0] == -123)
        #expect(hip.confidence[0] == Double(Float(0.9)))
        #expect(hip.x[2].isNaN && hip.confidence[2] == 0)
        // The very same arrays as the named point written to keypoints.json (held once), and the toe is the
        // foot index (31).
        let named = try #require(keypoints.extraTracks["left_hip"])
        #expect(named.x.withUnsafeBufferPointer { $0.baseAddress } == hip.x.withUnsafeBufferPointer { $0.baseAddress })
        #expect(named.confidence.withUnsafeBufferPointer { $0.baseAddress } == hip.confidence.withUnsafeBufferPointer { $0.baseAddress })
        #expect(keypoints.sequence.tracks[.rightToe]?.x[0] == 320)
        #expect(keypoints.extraPointNames.count == 33 && keypoints.extraPointNames[31] == "left_foot_index")
        // Head: frame 0 between the ears (points 7 and 8: x 70 and 80, rows 107 and 108); frame 1 the nose (0).
        let head = try #require(keypoints.sequence.tracks[.head])
        #expect(head.x[0] == 75 && head.y[0] == -107.5)
        #expect(head.x[1] == 1 && head.y[1] == -100)
        #expect(head.x[2].isNaN)
        #expect(keypoints.sequence.times == [0, 1.0 / 30, 2.0 / 30] && keypoints.sequence.frameNumbers == [0, 1, 2])
        // The result's own conversion is the same one.
        // (Compared as text: a missing sample is NaN, which is not equal to itself.)
        #expect(Self.result().keypointSequence().tracks.mapValues { "\($0)" } == keypoints.sequence.tracks.mapValues { "\($0)" })
    }

    @Test(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
    func aVideoWithMoreFramesThanTheLimitIsRefusedBeforeTheModelsRun() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("twelve.mp4")
        try VideoIOTests.make(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "12", "-pix_fmt", "yuv420p",
                               ToolRunner.inputArgument(for: clip)])
        // No model files: a refusal that came after the models were loaded would be a model error instead.
        let estimator = VideoPoseEstimator(cache: ModelCache(directory: dir), maximumFrameCount: 10)
        #expect(throws: VideoError.tooManyFrames(path: clip.path, frames: 12, limit: 10)) {
            try estimator.estimate(video: clip)
        }
        let info = try VideoProbe.probe(clip)
        #expect(throws: VideoError.tooManyFrames(path: clip.path, frames: 12, limit: 10)) {
            try estimator.estimate(video: clip, info: info)
        }
    }
}
