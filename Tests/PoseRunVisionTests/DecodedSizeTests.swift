import Foundation
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// Full-HD and larger frames are decoded 768 px high (three landmark-model inputs), and the landmarks are scaled back to the full frame.
struct DecodedSizeTests {
    static func info(_ width: Int, _ height: Int) -> VideoInfo {
        VideoInfo(
            width: width, height: height, storedWidth: width, storedHeight: height, rotationDegrees: 0,
            averageFrameRate: 30, baseFrameRate: 30, isVariableFrameRate: false, durationSeconds: 1,
            frameTimes: [0], codec: "h264")
    }

    @Test func fullHDAndLargerFramesAreDecodedAt720p() {
        let estimator = VideoPoseEstimator(cache: ModelCache(directory: URL(fileURLWithPath: "/nonexistent")))
        #expect(estimator.decodedSize(of: Self.info(1080, 1920)) == (432, 768))  // portrait phone
        // Aspect kept, sides even: 1920 × 768 / 1080 = 1365.3.
        #expect(estimator.decodedSize(of: Self.info(1920, 1080)) == (1366, 768))
        #expect(estimator.decodedSize(of: Self.info(3840, 2160)) == (1366, 768))
        // 1472 × 768 / 1080 = 1046.8.
        #expect(estimator.decodedSize(of: Self.info(1472, 1080)) == (1046, 768))
        // Smaller frames are decoded as they are (the shared clips: 1768 × 994 is the largest).
        #expect(estimator.decodedSize(of: Self.info(1768, 994)) == (1768, 994))
        #expect(estimator.decodedSize(of: Self.info(1280, 720)) == (1280, 720))
        #expect(estimator.decodedSize(of: Self.info(480, 352)) == (480, 352))
        var fullSize = estimator
        fullSize.decodeReduction = nil
        #expect(fullSize.decodedSize(of: Self.info(1080, 1920)) == (1080, 1920))
    }

    /// The jogging clip made 1080 px high (1472 × 1080, decoded at 1046 × 768, deblocking skipped) must give her landmarks where
    /// the same clip decoded at full size puts them. Resampling the model's input moves BlazePose's
    /// landmarks by a few % of the torso (re-encoding the clip larger moves them 3.2 % here), so the bound
    /// is 6 %; without the scaling back they would sit at 2/3 of their coordinates, over half a torso off.
    @Test(
        .enabled(if: Tools.modelsAvailable, Tools.modelsMissing),
        .enabled(if: SharedData.hasJoggingClip, SharedData.skipReason()),
        .enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
    func landmarksOfAReducedFrameAreInTheFullFramesPixels() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let large = dir.appendingPathComponent("jogging-1080.mp4")
        try VideoIOTests.make([
            "-i", ToolRunner.inputArgument(for: SharedData.joggingClip), "-vf", "scale=1472:1080:flags=lanczos",
            "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", ToolRunner.inputArgument(for: large)])
        let reduced = VideoPoseEstimator(cache: VisionTestSupport.cache)
        var fullSize = reduced
        fullSize.decodeReduction = nil
        let a = try fullSize.estimate(video: large)
        let b = try reduced.estimate(video: large)
        #expect(reduced.decodedSize(of: b.video) == (1046, 768))
        #expect(b.video.width == 1472 && b.video.height == 1080)
        #expect(b.decodedWidth == 1046 && b.decodedHeight == 768 && a.decodedWidth == 1472)
        #expect(VideoKeypoints(b).notes.contains { $0.contains("1472×1080 frames at 1046×768") })
        #expect(!VideoKeypoints(a).notes.contains { $0.contains("decoded 768 px high") })

        var distances: [Float] = []
        var torsos: [Float] = []
        for (p, q) in zip(a.frames, b.frames) {
            guard let p = p.landmarks, let q = q.landmarks else { continue }
            for (u, v) in zip(p, q) { distances.append(hypot(u.x - v.x, u.y - v.y)) }
            torsos.append(hypot((p[11].x + p[12].x - p[23].x - p[24].x) / 2, (p[11].y + p[12].y - p[23].y - p[24].y) / 2))
        }
        try #require(distances.count >= 30 * 33)
        let torso = torsos.sorted()[torsos.count / 2]
        let mean = distances.reduce(0, +) / Float(distances.count)
        #expect(mean < 0.06 * torso, "mean \(mean) px against a torso of \(torso) px")
        print("decoded 768 px high against full size: mean \(mean) px, \(100 * mean / torso) % of the torso (\(torso) px)")
    }
}
