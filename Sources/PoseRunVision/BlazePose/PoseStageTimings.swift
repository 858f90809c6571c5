/// Seconds spent in each stage, summed over frames.
public struct PoseStageTimings: Sendable, Hashable {
    public var frames = 0
    public var detectorRuns = 0
    /// Frames where the detector was not run because nobody was found a frame ago (`emptySearchInterval`).
    public var skippedSearches = 0
    /// Detector: letterbox + model + decoding.
    public var detectorSeconds = 0.0
    /// Detector model alone.
    public var detectorModelSeconds = 0.0
    /// Landmarks: crop + model + decoding + projection.
    public var landmarkSeconds = 0.0
    /// Landmark model alone.
    public var landmarkModelSeconds = 0.0
    /// The landmark model's second reading, on the mirrored region (`BlazePoseOptions.readsMirroredPicture`).
    public var mirroredLandmarkSeconds = 0.0
    /// Frames read a second time, mirrored.
    public var mirroredReadings = 0

    public init() {}
}
