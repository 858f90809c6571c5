import Foundation
import PoseRunCore
import PoseRunImage
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// The whole pipeline on the shared jogging clip (480×352, about one stride, side view).
/// Expected values come from the clip itself: one upright runner, seen from the side.
@Suite(
    .enabled(if: Tools.modelsAvailable, Tools.modelsMissing),
    .enabled(if: SharedData.hasJoggingClip, SharedData.skipReason()),
    .enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct VideoPoseEndToEndTests {
    @Test func withMediaPipesSearchRuleEveryFrameWithoutAPoseRunsTheDetector() throws {
        let options = BlazePoseOptions(emptySearchInterval: 1)
        let result = try VideoPoseEstimator(cache: VisionTestSupport.cache, options: options)
            .estimate(video: SharedData.joggingClip)
        let lost = result.frames.filter { $0.landmarks == nil }.count
        // The first frame finds her; of the frames without her, the first was a tracked frame that lost her.
        #expect(result.timings.stages.detectorRuns == 1 + (lost - 1))
        #expect(result.timings.stages.skippedSearches == 0)
        // The same poses as with the default interval wherever she is in view: skipping only touches empty frames.
        let skipping = try VideoPoseEstimator(cache: VisionTestSupport.cache).estimate(video: SharedData.joggingClip)
        #expect(zip(result.frames, skipping.frames).allSatisfy { ($0.landmarks == nil) == ($1.landmarks == nil) })
    }

    /// The search rate is per second of video, not per frame: the same clip with its timestamps halved
    /// (the same frames at 59.94 fps) searches every fourth frame while nobody is in view, not every other.
    @Test func whileNobodyIsInViewTheDetectorLooksFifteenTimesASecondWhateverTheFrameRate() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fast = dir.appendingPathComponent("jogging-60fps.mp4")
        try VideoIOTests.make([
            "-itsscale", "0.5", "-i", ToolRunner.inputArgument(for: SharedData.joggingClip), "-map", "0:v:0", "-c", "copy",
            ToolRunner.inputArgument(for: fast)])
        let estimator = VideoPoseEstimator(cache: VisionTestSupport.cache)
        let normal = try estimator.estimate(video: SharedData.joggingClip)
        let result = try estimator.estimate(video: fast)
        let interval = { (info: VideoInfo) in info.frameTimes[1] - info.frameTimes[0] }
        #expect(abs(interval(result.video) - interval(normal.video) / 2) < 1e-4)
        // The same frames, so the same poses while she is fully in view (the first 30 frames).
        #expect(zip(result.frames, normal.frames).prefix(30).allSatisfy { $0.landmarks != nil && $1.landmarks != nil })
        // Of the frames without her, the first was a tracked frame that lost her; the rest are searched
        // from the first on: every other at 30 fps, every fourth at 60.
        func searchable(_ r: VideoPoseResult) -> Int { r.frames.filter { $0.landmarks == nil }.count - 1 }
        #expect(searchable(result) >= 8)
        #expect(normal.timings.stages.detectorRuns == 1 + (searchable(normal) + 1) / 2)
        #expect(result.timings.stages.detectorRuns == 1 + (searchable(result) + 3) / 4)
    }

    @Test func joggingClipIsTrackedWhileTheRunnerIsInView() throws {
        let estimator = VideoPoseEstimator(cache: VisionTestSupport.cache)
        let result = try estimator.estimate(video: SharedData.joggingClip)
        #expect(result.video.width == 480 && result.video.height == 352)
        #expect(result.frames.count == result.video.frameCount)
        #expect(result.frames.count >= 40)

        // She runs left to right and is fully in view for the first 30 frames (the detector alone
        // finds her in each of them); from frame 36 on the field is empty.
        let found = result.frames.filter { $0.landmarks != nil }
        #expect(result.frames.prefix(30).allSatisfy { $0.landmarks != nil })
        #expect(result.frames.dropFirst(36).allSatisfy { $0.landmarks == nil })
        // MediaPipe's rule: the detector runs on the first frame, then only on frames after one
        // whose pose presence fell below 0.5. She is lost once, as she leaves: the frame that
        // loses her was tracked, and the frames after it search for her — every frame with
        // MediaPipe's rule, every other frame at this clip's 30 fps once a search came back empty (emptySearchesPerSecond 15).
        let lostFrames = result.frames.count - found.count
        let searches = lostFrames - 1
        let stages = result.timings.stages
        #expect(stages.detectorRuns + stages.skippedSearches == 1 + searches)
        #expect(stages.detectorRuns == 1 + (searches + 1) / 2)
        // Tracking follows her: the mid-hip moves right by more than half the frame.
        let firstHip = try #require(found.first?.landmark(.leftHip)).x
        let lastHip = try #require(found.last?.landmark(.leftHip)).x
        #expect(lastHip - firstHip > 240)

        var upright = 0
        for frame in found {
            let p = try #require(frame.landmarks)
            let shoulderRow = (p[BlazePoseLandmark.leftShoulder.rawValue].y + p[BlazePoseLandmark.rightShoulder.rawValue].y) / 2
            let hipRow = (p[BlazePoseLandmark.leftHip.rawValue].y + p[BlazePoseLandmark.rightHip.rawValue].y) / 2
            let ankleRow = max(p[BlazePoseLandmark.leftAnkle.rawValue].y, p[BlazePoseLandmark.rightAnkle.rawValue].y)
            let noseRow = p[BlazePoseLandmark.nose.rawValue].y
            if noseRow < shoulderRow && shoulderRow < hipRow && hipRow < ankleRow { upright += 1 }
        }
        #expect(upright >= found.count - 2, "image rows must go head < shoulders < hips < ankles (she is half out at the edge at the end)")

        // Times are the container's: 29.97 fps from zero.
        #expect(abs(result.frames[1].time - 1001.0 / 30000.0) < 1e-4)
        #expect(abs(result.video.nominalFrameRate - 30000.0 / 1001.0) < 1e-6)
        #expect(!result.video.isVariableFrameRate)

        let timings = result.timings
        let n = Double(timings.stages.frames)
        print(String(
            format: "vision end-to-end: %d frames in %.3f s = %.1f frames/s; landmark model %.2f ms/frame, "
                + "landmark stage %.2f ms/frame, detector model %.2f ms/run (%d runs), decode %.2f ms/frame, "
                + "inference waited %.2f ms/frame for frames",
            timings.stages.frames, timings.wallSeconds, timings.framesPerSecond,
            timings.stages.landmarkModelSeconds / n * 1000, timings.stages.landmarkSeconds / n * 1000,
            timings.stages.detectorModelSeconds / Double(max(1, timings.stages.detectorRuns)) * 1000,
            timings.stages.detectorRuns, timings.decodeSeconds / n * 1000, timings.waitSeconds / n * 1000))

        // A picture to look at: POSERUN_VISION_PNG=/path/frame.png swift test --filter VideoPoseEndToEnd
        if let png = ProcessInfo.processInfo.environment["POSERUN_VISION_PNG"], let frame = found.dropFirst(found.count / 2).first,
            let landmarks = frame.landmarks
        {
            let reader = try VideoFrameReader(video: SharedData.joggingClip, width: 480, height: 352)
            var image: RGBImage?
            for _ in 0...frame.frameIndex { image = try reader.nextFrame() }
            reader.close()
            let drawn = PoseOverlay.draw(landmarks, on: try #require(image))
            try PoseOverlay.writePNG(drawn, to: URL(fileURLWithPath: png))
            print("vision end-to-end: frame \(frame.frameIndex) drawn to \(png)")
        }
    }

    @Test func keypointSequenceTurnsRowsUpAndMapsFeet() throws {
        let result = try VideoPoseEstimator(cache: VisionTestSupport.cache).estimate(video: SharedData.joggingClip)
        let sequence = result.keypointSequence()
        #expect(sequence.lengthUnit == .pixels && sequence.sourceKind == .video)
        #expect(sequence.frameCount == result.frames.count)
        let i = try #require(result.frames.firstIndex { $0.landmarks != nil })
        let hip = try #require(sequence.point(.leftHip, at: i))
        let ankle = try #require(sequence.point(.leftAnkle, at: i))
        #expect(hip.y > ankle.y, "up is positive: the hip is above the ankle")
        let heel = try #require(result.frames[i].landmark(.leftHeel))
        #expect(sequence.point(.leftHeel, at: i) == PlanePoint(x: Double(heel.x), y: -Double(heel.y)))
        let toe = try #require(result.frames[i].landmark(.rightFootIndex))
        #expect(sequence.point(.rightToe, at: i)?.x == Double(toe.x))
    }
}

/// The async entry point gives the same frames as the blocking one.
@Suite(
    .enabled(if: Tools.modelsAvailable, Tools.modelsMissing),
    .enabled(if: SharedData.hasJoggingClip, SharedData.skipReason()),
    .enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct VideoPoseAsyncTests {
    @Test func asyncEstimateMatchesTheBlockingOne() async throws {
        let estimator = VideoPoseEstimator(cache: VisionTestSupport.cache)
        let asynchronous = try await estimator.estimate(video: SharedData.joggingClip, progress: nil)
        let blocking = try Self.blockingEstimate(estimator)
        #expect(asynchronous.frames == blocking.frames)
    }

    /// A synchronous context, where the blocking overload is the one chosen.
    static func blockingEstimate(_ estimator: VideoPoseEstimator) throws -> VideoPoseResult {
        try estimator.estimate(video: SharedData.joggingClip)
    }
}

/// MediaPipe's optional landmark smoothing (off by default in PoseRun).
@Suite(
    .enabled(if: Tools.modelsAvailable, Tools.modelsMissing),
    .enabled(if: SharedData.hasJoggingClip, SharedData.skipReason()),
    .enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct LandmarkSmoothingTests {
    /// Sum over tracked frames of |second difference| of every landmark's x and y: jitter.
    static func roughness(_ result: VideoPoseResult) -> Double {
        var total = 0.0
        let frames = result.frames.compactMap(\.landmarks)
        for i in 1..<(frames.count - 1) {
            for k in 0..<33 {
                total += abs(Double(frames[i + 1][k].x - 2 * frames[i][k].x + frames[i - 1][k].x))
                total += abs(Double(frames[i + 1][k].y - 2 * frames[i][k].y + frames[i - 1][k].y))
            }
        }
        return total
    }

    @Test func smoothingPassesTheFirstFrameAndCalmsTheRest() throws {
        let raw = try VideoPoseEstimator(cache: VisionTestSupport.cache).estimate(video: SharedData.joggingClip)
        let smoothed = try VideoPoseEstimator(cache: VisionTestSupport.cache, options: BlazePoseOptions(smoothLandmarks: true))
            .estimate(video: SharedData.joggingClip)
        // A filter's first output is its input; the region does not depend on body smoothing.
        #expect(smoothed.frames[0].landmarks == raw.frames[0].landmarks)
        #expect(smoothed.frames.map { $0.landmarks == nil } == raw.frames.map { $0.landmarks == nil })
        #expect(Self.roughness(smoothed) < Self.roughness(raw))
    }
}
