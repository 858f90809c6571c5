import Foundation

/// How PoseRun runs BlazePose.
public struct BlazePoseOptions: Sendable, Hashable {
    /// XNNPACK threads per model. By default 2 (or 1 on a single core): measured on the
    /// project's 2-core machines, 2 threads gave 81–89 frames/s against 59–61 with 1, even with
    /// ffmpeg decoding alongside (docs/vision.md).
    public var threadCount: Int
    /// Apply MediaPipe's one-euro smoothing to the 33 body landmarks (Python's default). Off by
    /// default: PoseRun's analysis filters the tracks itself, with a filter it documents, and a
    /// second, speed-adaptive filter before it would blur foot strikes. The two auxiliary
    /// landmarks that place the next frame's region are always smoothed, as in MediaPipe.
    public var smoothLandmarks: Bool

    public static let defaultThreadCount = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))

    public init(threadCount: Int = BlazePoseOptions.defaultThreadCount, smoothLandmarks: Bool = false) {
        self.threadCount = threadCount
        self.smoothLandmarks = smoothLandmarks
    }
}

/// BlazePose's result for one frame.
public struct PoseEstimate: Sendable, Hashable {
    /// The model's pose-presence probability; 0 when the detector found nobody.
    public var posePresence: Float
    /// The 33 body landmarks, or `nil` when no pose was found (presence below 0.5).
    public var landmarks: [PoseLandmark]?
    /// The region the landmark model looked at.
    public var region: PoseRegion?
    /// Whether this frame ran the detector (first frame, or the track was lost).
    public var ranDetector: Bool

    public init(posePresence: Float, landmarks: [PoseLandmark]?, region: PoseRegion?, ranDetector: Bool) {
        self.posePresence = posePresence
        self.landmarks = landmarks
        self.region = region
        self.ranDetector = ranDetector
    }
}

/// Seconds spent in each stage, summed over frames.
public struct PoseStageTimings: Sendable, Hashable {
    public var frames = 0
    public var detectorRuns = 0
    /// Detector: letterbox + model + decoding.
    public var detectorSeconds = 0.0
    /// Detector model alone.
    public var detectorModelSeconds = 0.0
    /// Landmarks: crop + model + decoding + projection.
    public var landmarkSeconds = 0.0
    /// Landmark model alone.
    public var landmarkModelSeconds = 0.0

    public init() {}
}

/// BlazePose as MediaPipe's pose_landmark_cpu.pbtxt runs it on a video: detect a person, track
/// them frame to frame with the region from the previous frame's auxiliary landmarks, and detect
/// again when the pose-presence score drops below the threshold.
///
/// Holds per-video state (the tracked region, the filters) and two `LiteRTModel`s, so it is a
/// confined class: one tracker per video, used from one task.
public final class BlazePoseTracker {
    public let options: BlazePoseOptions
    private let detector: PoseDetector
    private let landmarker: PoseLandmarker
    private var trackedRegion: PoseRegion?
    private var auxiliaryFilters: [OneEuroFilter] = []
    private var bodyFilters: [OneEuroFilter] = []
    private var visibilityFilters: [OneEuroFilter.LowPass] = []
    public private(set) var timings = PoseStageTimings()

    /// Loads both models from the cache folder.
    public init(cache: ModelCache = .standard(), options: BlazePoseOptions = BlazePoseOptions()) throws {
        let runtime = try LiteRTRuntime.shared(in: cache)
        self.options = options
        detector = try PoseDetector(runtime: runtime, modelPath: cache.detectorModel.path, threadCount: options.threadCount)
        landmarker = try PoseLandmarker(runtime: runtime, modelPath: cache.landmarkModel.path, threadCount: options.threadCount)
        resetFilters()
    }

    /// Forgets the tracked person (call between unrelated clips).
    public func reset() {
        trackedRegion = nil
        resetFilters()
    }

    private func resetFilters() {
        let auxCount = BlazePoseConstants.auxiliaryLandmarkRange.count * 3
        auxiliaryFilters = Array(repeating: OneEuroFilter(parameters: BlazePoseConstants.auxiliaryFilter), count: auxCount)
        let bodyCount = BlazePoseConstants.bodyLandmarkCount
        bodyFilters = Array(repeating: OneEuroFilter(parameters: BlazePoseConstants.bodyFilter), count: bodyCount * 3)
        visibilityFilters = Array(repeating: OneEuroFilter.LowPass(), count: bodyCount)
    }

    /// The detector's people in a frame, without tracking (for checks and tests).
    public func detections(in image: RGBImage) throws -> [PoseDetection] {
        try detector.detect(in: image)
    }

    /// Processes the next frame of the video. Times must increase.
    public func process(_ image: RGBImage, timeMicroseconds: Int64) throws -> PoseEstimate {
        timings.frames += 1
        var ranDetector = false
        let region: PoseRegion
        if let trackedRegion {
            region = trackedRegion
        } else {
            ranDetector = true
            let start = ContinuousClock.now
            let found = try detector.detect(in: image)
            timings.detectorRuns += 1
            timings.detectorSeconds += (ContinuousClock.now - start).seconds
            timings.detectorModelSeconds += detector.lastModelSeconds
            guard let best = found.first else {
                resetFilters()
                return PoseEstimate(posePresence: 0, landmarks: nil, region: nil, ranDetector: true)
            }
            region = best.region(imageWidth: image.width, imageHeight: image.height)
        }

        let start = ContinuousClock.now
        let result = try landmarker.landmarks(in: image, region: region)
        timings.landmarkSeconds += (ContinuousClock.now - start).seconds
        timings.landmarkModelSeconds += landmarker.lastModelSeconds

        guard result.posePresence >= BlazePoseConstants.posePresenceThreshold else {
            trackedRegion = nil
            resetFilters()
            return PoseEstimate(posePresence: result.posePresence, landmarks: nil, region: region, ranDetector: ranDetector)
        }

        // The next region, from the smoothed auxiliary landmarks (pose_landmark_filtering.pbtxt,
        // then pose_landmarks_to_roi.pbtxt).
        let aux = Array(result.landmarks[BlazePoseConstants.auxiliaryLandmarkRange])
        let objectScale = PoseRegion.objectScale(centreX: aux[0].x, centreY: aux[0].y, scaleX: aux[1].x, scaleY: aux[1].y)
        let smoothedAux = smooth(aux, with: &auxiliaryFilters, objectScale: objectScale, timeMicroseconds: timeMicroseconds)
        trackedRegion = PoseRegion.aligned(
            centreX: smoothedAux[0].x, centreY: smoothedAux[0].y, scaleX: smoothedAux[1].x, scaleY: smoothedAux[1].y)

        var body = Array(result.landmarks[0..<BlazePoseConstants.bodyLandmarkCount])
        if options.smoothLandmarks {
            for i in body.indices {
                body[i].visibility = visibilityFilters[i].apply(body[i].visibility, alpha: BlazePoseConstants.visibilitySmoothingAlpha)
            }
            body = smooth(body, with: &bodyFilters, objectScale: objectScale, timeMicroseconds: timeMicroseconds)
        }
        return PoseEstimate(posePresence: result.posePresence, landmarks: body, region: region, ranDetector: ranDetector)
    }

    /// LandmarksSmoothingCalculator with a one-euro filter per coordinate, speeds scaled by the
    /// object's size; MediaPipe passes landmarks through unchanged when the size is ~0.
    private func smooth(
        _ landmarks: [PoseLandmark], with filters: inout [OneEuroFilter], objectScale: Float, timeMicroseconds: Int64
    ) -> [PoseLandmark] {
        guard objectScale >= 1e-6 else { return landmarks }
        let valueScale = 1 / Double(objectScale)
        return landmarks.enumerated().map { i, landmark in
            var out = landmark
            out.x = filters[i * 3].apply(landmark.x, timeMicroseconds: timeMicroseconds, valueScale: valueScale)
            out.y = filters[i * 3 + 1].apply(landmark.y, timeMicroseconds: timeMicroseconds, valueScale: valueScale)
            out.z = filters[i * 3 + 2].apply(landmark.z, timeMicroseconds: timeMicroseconds, valueScale: valueScale)
            return out
        }
    }
}
