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
        var frames = self.frames
        return Self.keypointSequence(
            points: Self.pointTracks(releasing: &frames), times: self.frames.map(\.time),
            frameNumbers: self.frames.map(\.frameIndex), frameRate: video.nominalFrameRate)
    }

    /// BlazePose's 33 points as tracks (index with `BlazePoseLandmark.rawValue`), pixels, y = −row, confidence
    /// the visibility; a frame without a pose, or a point off the number line, is missing.
    ///
    /// Empties `frames` from the end as it goes, so that a long clip's landmarks are held once, as frames or
    /// as tracks, never both (a frame's 33 landmarks take about 0.7 kB; the tracks of 30 minutes at 60 fps, 85 MB).
    static func pointTracks(releasing frames: inout [PoseFrame]) -> [LandmarkTrack] {
        var tracks = Array(repeating: LandmarkTrack(missingFrames: frames.count), count: BlazePoseLandmark.allCases.count)
        while let frame = frames.popLast() {
            guard let points = frame.landmarks else { continue }
            let i = frames.count
            for (k, p) in points.enumerated() where k < tracks.count && p.x.isFinite && p.y.isFinite {
                tracks[k].set(PlanePoint(x: Double(p.x), y: -Double(p.y)), confidence: Double(min(max(p.visibility, 0), 1)), at: i)
            }
        }
        return tracks
    }

    /// The legs of the mirrored reading (`PoseFrame.mirroredLandmarks`) as Core's tracks, the second reading
    /// the swap corrector may take a frame's legs from; empty when no frame has one.
    static func mirroredLegTracks(_ frames: [PoseFrame]) -> [Landmark: LandmarkTrack] {
        guard frames.contains(where: { $0.mirroredLandmarks != nil }) else { return [:] }
        let legs = Set(Side.allCases.flatMap { Landmark.leg($0) })
        var tracks: [Landmark: LandmarkTrack] = [:]
        for (target, source) in bodyMapping where legs.contains(target) {
            var track = LandmarkTrack(missingFrames: frames.count)
            for (i, frame) in frames.enumerated() {
                guard let points = frame.mirroredLandmarks, source.rawValue < points.count else { continue }
                let p = points[source.rawValue]
                guard p.x.isFinite, p.y.isFinite else { continue }
                track.set(PlanePoint(x: Double(p.x), y: -Double(p.y)), confidence: Double(min(max(p.visibility, 0), 1)), at: i)
            }
            tracks[target] = track
        }
        return tracks
    }

    /// Core's sequence from the 33 point tracks. The body's tracks are the very arrays of the points they
    /// come from (shared, not copied: Swift arrays are copied only when written), so a video's keypoints
    /// and the 33 points that `keypoints.json` also carries are held once.
    static func keypointSequence(points: [LandmarkTrack], times: [Double], frameNumbers: [Int], frameRate: Double) -> KeypointSequence {
        var tracks: [Landmark: LandmarkTrack] = [:]
        for (target, source) in bodyMapping { tracks[target] = points[source.rawValue] }
        let count = times.count
        let leftEar = points[BlazePoseLandmark.leftEar.rawValue], rightEar = points[BlazePoseLandmark.rightEar.rawValue]
        let nose = points[BlazePoseLandmark.nose.rawValue]
        var head = LandmarkTrack(missingFrames: count)
        let seen = Double(seenVisibility)
        for i in 0..<count {
            if let l = leftEar.point(at: i), let r = rightEar.point(at: i),
               leftEar.confidence[i] >= seen, rightEar.confidence[i] >= seen {
                head.set(PlanePoint(x: (l.x + r.x) / 2, y: (l.y + r.y) / 2),
                         confidence: min(leftEar.confidence[i], rightEar.confidence[i]), at: i)
            } else if let n = nose.point(at: i) {
                head.set(n, confidence: nose.confidence[i], at: i)
            }
        }
        tracks[.head] = head
        return KeypointSequence(
            times: times, frameNumbers: frameNumbers, tracks: tracks, lengthUnit: .pixels, sourceKind: .video, frameRate: frameRate)
    }
}
