/// BlazePose's result for one frame.
public struct PoseEstimate: Sendable, Hashable {
    /// The model's pose-presence probability; 0 when the detector found nobody.
    public var posePresence: Float
    /// The 33 body landmarks, or `nil` when no pose was found (presence below 0.5).
    public var landmarks: [PoseLandmark]?
    /// The 33 body landmarks read from the mirrored region and mirrored back (`BlazePoseOptions.readsMirroredPicture`),
    /// or `nil` when not read or no pose was found in it.
    public var mirroredLandmarks: [PoseLandmark]?
    /// The region the landmark model looked at.
    public var region: PoseRegion?
    /// Whether this frame ran the detector (first frame, or the track was lost).
    public var ranDetector: Bool
    /// How this frame's pose relates to the person followed (found, followed, lost, found again).
    public var trackState: PoseTrackState
    /// People the detector found, when it ran (0 otherwise).
    public var detectionCount: Int

    public init(
        posePresence: Float, landmarks: [PoseLandmark]?, region: PoseRegion?, ranDetector: Bool,
        trackState: PoseTrackState? = nil, detectionCount: Int = 0
    ) {
        self.posePresence = posePresence
        self.landmarks = landmarks
        self.region = region
        self.ranDetector = ranDetector
        self.trackState = trackState ?? (landmarks == nil ? .lost : .tracked)
        self.detectionCount = detectionCount
    }
}
