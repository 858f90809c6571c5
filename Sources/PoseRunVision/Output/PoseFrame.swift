/// BlazePose's result for one video frame.
public struct PoseFrame: Sendable, Hashable {
    /// The frame's index in decoding order (0-based).
    public var frameIndex: Int
    /// Presentation time in seconds, in the video's own time base.
    public var time: Double
    /// The model's pose-presence probability (0 when nobody was detected).
    public var posePresence: Float
    /// The 33 landmarks (index with `BlazePoseLandmark.rawValue`), or `nil` when no pose was found.
    public var landmarks: [PoseLandmark]?
    /// The landmarks read from the mirrored picture and mirrored back, when that second reading was made
    /// (`BlazePoseOptions.readsMirroredPicture`).
    public var mirroredLandmarks: [PoseLandmark]?
    /// Whether the person was followed, lost or found again in this frame (several people in view).
    public var trackState: PoseTrackState
    /// Mean absolute difference from the frame before, grey levels on a sparse pixel grid (nil for the
    /// first frame): near zero for a frame that repeats its predecessor (`RepeatedFrameDetector`).
    public var differenceFromPrevious: Double?

    public init(
        frameIndex: Int, time: Double, posePresence: Float, landmarks: [PoseLandmark]?, trackState: PoseTrackState? = nil
    ) {
        self.frameIndex = frameIndex
        self.time = time
        self.posePresence = posePresence
        self.landmarks = landmarks
        self.trackState = trackState ?? (landmarks == nil ? .lost : .tracked)
    }

    /// One landmark, or `nil` when the frame has no pose.
    public func landmark(_ which: BlazePoseLandmark) -> PoseLandmark? {
        landmarks?[which.rawValue]
    }
}
