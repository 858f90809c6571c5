public import Foundation
import PoseRunCore
import PoseRunFormats
public import PoseRunVision

/// Reads a video: probe, pose, keypoints, camera-view check. Errors name the file and what to do.
public enum VideoInput {
    public static let source = "BlazePose GHUM full (MediaPipe 0.10.14 models) on LiteRT 2.3.0, run by PoseRun"

    /// The most frames one analysis takes: 30 minutes at 60 fps, an hour at 30. Every frame's keypoints are kept
    /// for the analysis and the files written, about 2 kB a frame at the peak (`poserun-bench memory-after-pose`,
    /// docs/vision.md), so this bounds the whole command under 300 MB whatever the clip's length; a longer clip is
    /// refused before its pose pass, with how to cut it, rather than let memory grow without end.
    public static let maximumFrames = 108_000

    /// File signatures of common video containers, to say "install ffmpeg" rather than "unknown format"
    /// when ffprobe is missing: ISO BMFF (`ftyp` at byte 4: MP4, MOV, 3GP), Matroska/WebM, AVI.
    public static func looksLikeVideo(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        if head.count >= 8, Array(head[4..<8]) == Array("ftyp".utf8) { return true }
        if head.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return true }
        if head.count >= 12, Array(head[0..<4]) == Array("RIFF".utf8), Array(head[8..<12]) == Array("AVI ".utf8) { return true }
        return ["mp4", "mov", "m4v", "mkv", "webm", "avi", "3gp", "mts", "ts"].contains(url.pathExtension.lowercased())
    }

    /// Runs the pose model over the video at `url`, telling `progress` the frames done of those expected.
    /// `notRecognised` is the error the keypoint and motion-capture readers gave, used when the file is not
    /// a video either.
    static func load(
        _ url: URL, displayPath: String, captureFrameRate: Double?, mirroredReading: MirroredReading = .whereLegsJump,
        progress: ((Int, Int) -> Void)?,
        notRecognised: FormatError
    ) throws -> AnalysisInput {
        guard ExecutableLocator.find("ffprobe") != nil, ExecutableLocator.find("ffmpeg") != nil else {
            if looksLikeVideo(url) { throw VideoError.toolMissing(name: "ffmpeg") }
            var error = notRecognised
            error.remedy = (error.remedy ?? "") + "; videos need ffmpeg, which is not installed (run \(ModelCache.setupCommand))"
            throw error
        }
        let cache = ModelCache.standard()
        let result: VideoPoseResult
        do {
            // Probes while the models load (see `estimate(video:)`); a probe error comes first.
            result = try VideoPoseEstimator(
                cache: cache, options: BlazePoseOptions(silencesRuntimeLog: true, mirroredReading: mirroredReading), maximumFrameCount: maximumFrames)
                .estimate(video: url) { done, total in progress?(done, total) }
        } catch VideoError.tooManyFrames(_, let frames, let limit) {
            throw FormatError(.unsupported, file: displayPath,
                              problem: "the clip has \(frames.map { "\($0) frames" } ?? "more than \(limit) frames (more than its header lists)"); "
                                + "one analysis takes at most \(limit) (\(limit / 3600) minutes at 60 fps, \(limit / 1800) at 30 fps)",
                              remedy: "cut out the strides to analyse, e.g. ffmpeg -ss 60 -t 30 -i CLIP -c copy part.mp4 (30 s from the first minute)")
        } catch VideoError.noVideoStream {
            throw FormatError(.noData, file: displayPath, problem: "the file has no video stream (audio only?)",
                              remedy: "give a video of the runner, filmed side-on")
        } catch VideoError.unreadable(_, let reason) {
            throw FormatError(.unrecognisedFormat, file: displayPath,
                              problem: "not a video ffmpeg can read (\(reason)), nor a format PoseRun reads",
                              remedy: "give a video (MP4, MOV…; if it is one, it may be damaged or cut short: export it again) "
                                + "or one of: \(InputLoader.acceptedFormats)")
        } catch where !cache.missingFiles.isEmpty {
            let missing = cache.missingFiles.first?.path ?? cache.directory.path
            throw FormatError(.unreadable, file: missing, problem: "the pose model files are not installed",
                              remedy: "run \(ModelCache.setupCommand) once (it downloads nothing when they are present)")
        } catch let error as LiteRTError {
            if case .callFailed = error {
                throw FormatError(.unreadable, file: cache.directory.path, problem: "the pose model could not be run (\(error))",
                                  remedy: "the model files may be damaged: run \(ModelCache.setupCommand), which re-checks and replaces them")
            }
            throw error
        }
        return try input(from: consume result, url: url, displayPath: displayPath, captureFrameRate: captureFrameRate)
    }

    /// The analysis input from a video's pose, estimated already: keypoints, camera-view check, the
    /// keypoint file to write. Takes the result (`consume` it): its landmarks are released as the tracks fill.
    public static func input(
        from result: consuming VideoPoseResult, url: URL, displayPath: String, captureFrameRate: Double?
    ) throws -> AnalysisInput {
        let info = result.video
        let keypoints = VideoKeypoints(consume result, captureFrameRate: captureFrameRate)
        let view = CameraViewCheck().check(keypoints.sequence, imageWidth: keypoints.imageWidth, imageHeight: keypoints.imageHeight)
        if let blocking = view.blockingFinding {
            throw FormatError(.noData, file: displayPath, problem: blocking.message)
        }
        let slowMotion = abs(keypoints.captureFrameRate - keypoints.containerFrameRate) > 1e-4 * keypoints.containerFrameRate
        let file = PoseRunKeypointsFile(
            sequence: keypoints.sequence, imageWidth: keypoints.imageWidth, imageHeight: keypoints.imageHeight,
            containerFrameRate: slowMotion ? keypoints.containerFrameRate : nil,
            source: "\(source); video \(url.lastPathComponent)",
            extraPointNames: keypoints.extraPointNames, extraTracks: keypoints.extraTracks)
        return AnalysisInput(video: keypoints, file: file, cameraView: view, name: url.lastPathComponent, url: url, path: displayPath, info: info)
    }
}
