import Foundation
public import PoseRunImage

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
    /// The next frame's region, from this frame's smoothed auxiliary landmarks (MediaPipe's
    /// prev_pose_rect_from_landmarks), in MediaPipe's normalised arithmetic.
    private var trackedRect: NormalizedRect?
    /// The region of the last frame with a pose, and its time: whom a re-detection must match.
    private var lastSeen: (region: PoseRegion, timeMicroseconds: Int64)?
    /// Whether the last detector run found nobody to follow, when it ran, and frames skipped since
    /// (`emptySearchesPerSecond`, `emptySearchInterval`).
    private var lastSearchWasEmpty = false
    private var lastSearchMicroseconds: Int64 = 0
    private var framesSinceSearch = 0
    /// The previous frame's time, for the frame interval.
    private var previousFrameMicroseconds: Int64?
    private var auxiliaryFilters: [OneEuroFilter] = []
    private var bodyFilters: [OneEuroFilter] = []
    private var visibilityFilters: [OneEuroFilter.LowPass] = []
    public private(set) var timings = PoseStageTimings()
    /// Which frames' legs jump, for `MirroredReading.whereLegsJump`.
    private var legJumps = LegJumpGate()

    /// Loads both models from the cache folder.
    public init(cache: ModelCache = .standard(), options: BlazePoseOptions = BlazePoseOptions()) throws {
        let runtime = try LiteRTRuntime.shared(in: cache)
        self.options = options
        detector = try PoseDetector(
            runtime: runtime, modelPath: cache.detectorModel.path, threadCount: options.threadCount,
            silencesRuntimeLog: options.silencesRuntimeLog)
        landmarker = try PoseLandmarker(
            runtime: runtime, modelPath: cache.landmarkModel.path, threadCount: options.threadCount,
            silencesRuntimeLog: options.silencesRuntimeLog)
        resetFilters()
    }

    /// Forgets the tracked person (call between unrelated clips).
    public func reset() {
        trackedRect = nil
        lastSeen = nil
        lastSearchWasEmpty = false
        lastSearchMicroseconds = 0
        framesSinceSearch = 0
        previousFrameMicroseconds = nil
        legJumps.clear()
        resetFilters()
    }

    /// Fresh filters. When the pose is lost MediaPipe resets its position filters
    /// (LandmarksSmoothingCalculator runs on every frame through its IMAGE_SIZE input and resets on
    /// empty landmarks) but not the visibility low-pass: VisibilitySmoothingCalculator's only input
    /// is the landmarks, so it never runs on a frame without them and carries its last values over
    /// the gap (measured: visibilities after a re-detection on the sprint clip differed by up to
    /// 0.6 until PoseRun kept them too). `keepingVisibility` is that loss; `reset()` clears all.
    private func resetFilters(keepingVisibility: Bool = false) {
        legJumps.clear()
        let auxCount = BlazePoseConstants.auxiliaryLandmarkRange.count * 3
        auxiliaryFilters = Array(repeating: OneEuroFilter(parameters: BlazePoseConstants.auxiliaryFilter), count: auxCount)
        let bodyCount = BlazePoseConstants.bodyLandmarkCount
        bodyFilters = Array(repeating: OneEuroFilter(parameters: BlazePoseConstants.bodyFilter), count: bodyCount * 3)
        if !keepingVisibility {
            visibilityFilters = Array(repeating: OneEuroFilter.LowPass(), count: bodyCount)
        }
    }

    /// The detector's people in a frame, without tracking (for checks and tests).
    public func detections(in image: RGBImage) throws -> [PoseDetection] {
        try detector.detect(in: image)
    }

    /// The landmark model on one region, without tracking or smoothing (for checks and tests,
    /// such as feeding both PoseRun and MediaPipe the same region): the pose-presence score and
    /// all 39 model landmarks (33 body, 2 auxiliary, 4 unused) in image pixels.
    public func landmarks(in image: RGBImage, region: PoseRegion) throws -> (posePresence: Float, landmarks: [PoseLandmark]) {
        let w = Float(image.width)
        let h = Float(image.height)
        let rect = NormalizedRect(
            xCenter: region.centreX / w, yCenter: region.centreY / h, width: region.side / w, height: region.side / h,
            rotation: region.rotation)
        let result = try landmarker.landmarks(in: image, rect: rect)
        return (result.posePresence, result.pixels(imageWidth: image.width, imageHeight: image.height))
    }

    /// Processes the next frame of the video. Times must increase.
    public func process(_ image: RGBImage, timeMicroseconds: Int64) throws -> PoseEstimate {
        timings.frames += 1
        let frameInterval = previousFrameMicroseconds.map { timeMicroseconds - $0 } ?? 0
        previousFrameMicroseconds = timeMicroseconds
        var ranDetector = false
        var state = PoseTrackState.tracked
        var detectionCount = 0
        let rect: NormalizedRect
        if let trackedRect {
            rect = trackedRect
        } else if lastSearchWasEmpty, waitsBeforeSearching(at: timeMicroseconds, frameInterval: frameInterval) {
            // Nobody was found a moment ago: look again on the next frame of the interval.
            framesSinceSearch += 1
            timings.skippedSearches += 1
            return PoseEstimate(
                posePresence: 0, landmarks: nil, region: nil, ranDetector: false, trackState: missingState, detectionCount: 0)
        } else {
            ranDetector = true
            framesSinceSearch = 0
            lastSearchMicroseconds = timeMicroseconds
            let start = ContinuousClock.now
            let found = try detector.detect(in: image)
            timings.detectorRuns += 1
            timings.detectorSeconds += (ContinuousClock.now - start).seconds
            timings.detectorModelSeconds += detector.lastModelSeconds
            detectionCount = found.count
            let regions = found.map { $0.region(imageWidth: image.width, imageHeight: image.height) }
            let chosen = choose(among: regions, image: image, timeMicroseconds: timeMicroseconds)
            lastSearchWasEmpty = chosen == nil
            guard let (choice, foundState) = chosen else {
                resetFilters(keepingVisibility: true)
                return PoseEstimate(
                    posePresence: 0, landmarks: nil, region: nil, ranDetector: true, trackState: missingState,
                    detectionCount: found.count)
            }
            rect = found[choice].normalizedRect(imageWidth: image.width, imageHeight: image.height)
            state = foundState
        }

        let start = ContinuousClock.now
        let result = try landmarker.landmarks(in: image, rect: rect)
        let region = result.region
        timings.landmarkSeconds += (ContinuousClock.now - start).seconds
        timings.landmarkModelSeconds += landmarker.lastModelSeconds

        guard result.posePresence >= BlazePoseConstants.posePresenceThreshold else {
            trackedRect = nil
            resetFilters(keepingVisibility: true)
            return PoseEstimate(
                posePresence: result.posePresence, landmarks: nil, region: region, ranDetector: ranDetector,
                trackState: missingState, detectionCount: detectionCount)
        }

        // The next region, from the smoothed auxiliary landmarks (pose_landmark_filtering.pbtxt,
        // then pose_landmarks_to_roi.pbtxt). The smoothing's object scale comes from the
        // unsmoothed auxiliary landmarks, and serves the body landmarks too.
        let (width, height) = (image.width, image.height)
        let auxNormalized = Array(result.normalized[BlazePoseConstants.auxiliaryLandmarkRange])
        let objectScale = NormalizedRect.aligned(
            auxNormalized[0].point, auxNormalized[1].point, imageWidth: width, imageHeight: height
        ).objectScale(imageWidth: width, imageHeight: height)
        let aux = auxNormalized.map { $0.inPixels(imageWidth: width, imageHeight: height) }
        let smoothedAux = smooth(aux, with: &auxiliaryFilters, objectScale: objectScale, timeMicroseconds: timeMicroseconds)
            .map { $0.normalized(imageWidth: width, imageHeight: height) }
        let next = NormalizedRect.aligned(smoothedAux[0].point, smoothedAux[1].point, imageWidth: width, imageHeight: height)
            .transformed(imageWidth: width, imageHeight: height)
        trackedRect = next
        lastSeen = (next.cropRegion(imageWidth: width, imageHeight: height).region, timeMicroseconds)

        var body = Array(result.normalized[0..<BlazePoseConstants.bodyLandmarkCount])
            .map { $0.inPixels(imageWidth: width, imageHeight: height) }
        if options.smoothLandmarks {
            for i in body.indices {
                body[i].visibility = visibilityFilters[i].apply(body[i].visibility, alpha: BlazePoseConstants.visibilitySmoothingAlpha)
            }
            body = smooth(body, with: &bodyFilters, objectScale: objectScale, timeMicroseconds: timeMicroseconds)
        }
        var estimate = PoseEstimate(
            posePresence: result.posePresence, landmarks: body, region: region, ranDetector: ranDetector, trackState: state,
            detectionCount: detectionCount)
        let mirrors: Bool
        switch options.mirroredReading {
        case .never: mirrors = false
        case .always: mirrors = true
        case .whereLegsJump: mirrors = legJumps.needsMirroredReading(body)
        }
        if mirrors {
            // The same region mirrored: a second reading of the legs for the swap corrector (never smoothed, so
            // it stays independent of the first).
            let start = ContinuousClock.now
            let mirrored = try landmarker.landmarks(in: image, rect: rect, mirrored: true)
            timings.mirroredLandmarkSeconds += (ContinuousClock.now - start).seconds
            timings.mirroredReadings += 1
            if mirrored.posePresence >= BlazePoseConstants.posePresenceThreshold {
                estimate.mirroredLandmarks = Array(mirrored.normalized[0..<BlazePoseConstants.bodyLandmarkCount])
                    .map { $0.inPixels(imageWidth: width, imageHeight: height) }
            }
        }
        return estimate
    }

    /// Whether to skip the search on this frame, after one that found nobody: until 1/`emptySearchesPerSecond`
    /// has passed, less a quarter frame so that timestamp rounding never pushes a search one frame later
    /// (at 30 fps, every other frame; at 60, every fourth).
    private func waitsBeforeSearching(at time: Int64, frameInterval: Int64) -> Bool {
        if let frames = options.emptySearchInterval { return framesSinceSearch + 1 < frames }
        let period = Int64((1e6 / options.emptySearchesPerSecond).rounded())
        return time - lastSearchMicroseconds + max(frameInterval, 0) / 4 < period
    }

    /// A frame without a pose: before anyone was found, or a lost track.
    private var missingState: PoseTrackState { lastSeen == nil ? .notFound : .lost }

    /// Which detection to follow (PersonSelection), and how it relates to the track; `nil` when
    /// nobody fits (the person last followed is not among them and the loss is still short).
    private func choose(
        among regions: [PoseRegion], image: RGBImage, timeMicroseconds: Int64
    ) -> (index: Int, state: PoseTrackState)? {
        guard !regions.isEmpty else { return nil }
        guard options.followOnePerson else {
            // MediaPipe: the best-scored detection (the decoder returns them best first).
            return (0, lastSeen == nil ? .acquired : .reacquired)
        }
        guard let lastSeen else {
            return PersonSelection.firstPerson(among: regions, imageWidth: image.width, imageHeight: image.height)
                .map { ($0, .acquired) }
        }
        let secondsLost = Double(timeMicroseconds - lastSeen.timeMicroseconds) / 1e6
        if let same = PersonSelection.samePerson(as: lastSeen.region, secondsLost: secondsLost, among: regions) {
            return (same, .reacquired)
        }
        let gone = PersonSelection.hasLeftThePicture(lastSeen.region, imageWidth: image.width)
        guard gone || secondsLost >= PersonSelection.giveUpSeconds else { return nil }
        return PersonSelection.firstPerson(among: regions, imageWidth: image.width, imageHeight: image.height)
            .map { ($0, .newPerson) }
    }

    /// LandmarksSmoothingCalculator with a one-euro filter per coordinate, speeds scaled by the
    /// object's size; MediaPipe passes landmarks through unchanged when the size is ~0.
    private func smooth(
        _ landmarks: [PoseLandmark], with filters: inout [OneEuroFilter], objectScale: Float, timeMicroseconds: Int64
    ) -> [PoseLandmark] {
        guard objectScale >= 1e-6 else { return landmarks }
        let valueScale = Double(1 / objectScale)  // a float in MediaPipe
        return landmarks.enumerated().map { i, landmark in
            var out = landmark
            out.x = filters[i * 3].apply(landmark.x, timeMicroseconds: timeMicroseconds, valueScale: valueScale)
            out.y = filters[i * 3 + 1].apply(landmark.y, timeMicroseconds: timeMicroseconds, valueScale: valueScale)
            out.z = filters[i * 3 + 2].apply(landmark.z, timeMicroseconds: timeMicroseconds, valueScale: valueScale)
            return out
        }
    }
}
