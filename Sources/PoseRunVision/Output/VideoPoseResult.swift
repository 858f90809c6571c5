public import PoseRunCore

/// The 33 BlazePose landmarks of every frame of a video, with the video's facts.
public struct VideoPoseResult: Sendable {
    public var video: VideoInfo
    public var frames: [PoseFrame]
    public var timings: PipelineTimings
    /// The size the frames were decoded at for the models (smaller than the video for 1080p and up,
    /// see `DecodeReduction`); the landmarks are in the full frame's pixels whatever it is.
    public var decodedWidth: Int
    public var decodedHeight: Int

    public init(video: VideoInfo, frames: [PoseFrame], timings: PipelineTimings, decodedWidth: Int? = nil, decodedHeight: Int? = nil) {
        self.video = video
        self.frames = frames
        self.timings = timings
        self.decodedWidth = decodedWidth ?? video.width
        self.decodedHeight = decodedHeight ?? video.height
    }

    /// Frames in which the followed person was lost (after the first was found): what an
    /// analysis reports as frames it could not measure.
    public var lostFrameCount: Int { frames.count { $0.trackState == .lost } }

    /// Times the track was picked up again after a loss: as the same person (`reacquired`) or,
    /// after a long loss, possibly someone else (`newPerson`).
    public var reacquisitions: (samePerson: Int, newPerson: Int) {
        (frames.count { $0.trackState == .reacquired }, frames.count { $0.trackState == .newPerson })
    }

    /// Visibility above which a landmark counts as seen when choosing the head point
    /// (MediaPipe's drawing_utils.py draws landmarks with visibility ≥ 0.5: `_VISIBILITY_THRESHOLD`).
    public static let seenVisibility: Float = 0.5

    /// The landmarks PoseRun analyses, from BlazePose's: the person's left and right, heel and
    /// foot index for heel and toe.
    static let bodyMapping: [(Landmark, BlazePoseLandmark)] = [
        (.leftShoulder, .leftShoulder), (.rightShoulder, .rightShoulder),
        (.leftElbow, .leftElbow), (.rightElbow, .rightElbow),
        (.leftWrist, .leftWrist), (.rightWrist, .rightWrist),
        (.leftHip, .leftHip), (.rightHip, .rightHip),
        (.leftKnee, .leftKnee), (.rightKnee, .rightKnee),
        (.leftAnkle, .leftAnkle), (.rightAnkle, .rightAnkle),
        (.leftHeel, .leftHeel), (.rightHeel, .rightHeel),
        (.leftToe, .leftFootIndex), (.rightToe, .rightFootIndex),
    ]

    /// The keypoints in Core's form: image pixels with y turned up (`y = −row`, the PoseRun keypoints
    /// convention, so re-reading `keypoints.json` gives the same values and drawing back is `row = −y`),
    /// x as in the image, confidence = BlazePose visibility. The head is the midpoint of the ears when
    /// both are seen, else the nose. Frames without a pose are missing (NaN, confidence 0).
    public func keypointSequence() -> KeypointSequence {
        let count = frames.count
        var tracks: [Landmark: LandmarkTrack] = [:]
        for landmark in Landmark.allCases { tracks[landmark] = LandmarkTrack(missingFrames: count) }
        for (i, frame) in frames.enumerated() {
            guard let points = frame.landmarks else { continue }
            func set(_ landmark: Landmark, x: Float, y: Float, confidence: Float) {
                tracks[landmark]?.set(
                    PlanePoint(x: Double(x), y: -Double(y)), confidence: Double(confidence), at: i)
            }
            for (target, source) in Self.bodyMapping {
                let p = points[source.rawValue]
                set(target, x: p.x, y: p.y, confidence: p.visibility)
            }
            let leftEar = points[BlazePoseLandmark.leftEar.rawValue]
            let rightEar = points[BlazePoseLandmark.rightEar.rawValue]
            if leftEar.visibility >= Self.seenVisibility, rightEar.visibility >= Self.seenVisibility {
                set(.head, x: (leftEar.x + rightEar.x) / 2, y: (leftEar.y + rightEar.y) / 2,
                    confidence: min(leftEar.visibility, rightEar.visibility))
            } else {
                let nose = points[BlazePoseLandmark.nose.rawValue]
                set(.head, x: nose.x, y: nose.y, confidence: nose.visibility)
            }
        }
        return KeypointSequence(
            times: frames.map(\.time), frameNumbers: frames.map(\.frameIndex), tracks: tracks,
            lengthUnit: .pixels, sourceKind: .video, frameRate: video.nominalFrameRate)
    }
}
