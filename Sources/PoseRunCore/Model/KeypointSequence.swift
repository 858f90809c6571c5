/// The unit lengths of a keypoint sequence are measured in.
public enum LengthUnit: String, Sendable, Hashable, Codable {
    /// Metres: motion capture, or video scaled by a known length.
    case metres
    /// Image pixels: video without a known length. Lengths are reported in leg lengths.
    case pixels
}

/// Where a sequence came from; the analysis uses it to choose defaults and to word its caveats.
public enum SourceKind: String, Sendable, Hashable, Codable {
    /// Marker-based motion capture (TRC, C3D).
    case motionCapture = "motion_capture"
    /// A pose model run on video (PoseRun's own, OpenPose, Sports2D…).
    case video
    /// The synthetic runner.
    case synthetic
}

/// A body's keypoints over time in the sagittal plane: what every input becomes, and what Core analyses.
public struct KeypointSequence: Sendable, Hashable {
    /// Time of each frame in seconds, in the input's own time base (so events line up with the source).
    public var times: [Double]
    /// The input's own frame number for each frame (C3D frame numbers, video frame indices).
    public var frameNumbers: [Int]
    /// One track per landmark present in the input. A landmark the input lacks has no entry.
    public var tracks: [Landmark: LandmarkTrack]
    /// What a length of 1 means.
    public var lengthUnit: LengthUnit
    /// What kind of source produced the keypoints.
    public var sourceKind: SourceKind
    /// The nominal frame rate in frames per second (the capture rate, not a slow-motion container's).
    public var frameRate: Double
    /// Positions (0-based, into `times`) of frames that repeat the one before: a clip converted from a lower
    /// rate (24 fps in a 30 fps file repeats every fifth frame). They carry no new pose, so the cleaner
    /// treats them as missing. Empty when none were found or the source cannot tell.
    public var repeatedFrames: Set<Int> = []
    /// A second reading of some landmarks in the same frames, made independently of `tracks`: a pose model run
    /// on the mirrored picture, mirrored back. Its left/right leg confusions fall on other frames, so the
    /// swap corrector may take a frame's legs from it (`KeypointCleaner`). Empty when the source made none.
    public var secondReading: [Landmark: LandmarkTrack] = [:]

    /// Distinct (non-repeated) frames per second: what the timing precision rests on.
    public var distinctFrameRate: Double {
        guard frameCount > 0, !repeatedFrames.isEmpty else { return frameRate }
        return frameRate * Double(frameCount - repeatedFrames.count) / Double(frameCount)
    }

    public init(
        times: [Double],
        frameNumbers: [Int]? = nil,
        tracks: [Landmark: LandmarkTrack],
        lengthUnit: LengthUnit,
        sourceKind: SourceKind,
        frameRate: Double
    ) {
        self.times = times
        self.frameNumbers = frameNumbers ?? Array(0..<times.count)
        self.tracks = tracks
        self.lengthUnit = lengthUnit
        self.sourceKind = sourceKind
        self.frameRate = frameRate
    }

    /// Number of frames.
    public var frameCount: Int { times.count }

    /// Duration from first to last frame, in seconds.
    public var duration: Double { (times.last ?? 0) - (times.first ?? 0) }

    /// The position of a landmark at a frame, or `nil` where it is missing or the input lacks it.
    public func point(_ landmark: Landmark, at frame: Int) -> PlanePoint? {
        tracks[landmark]?.point(at: frame)
    }

    /// The input's own frame number of the frame nearest a time (the first frame's for an empty sequence's 0).
    func frameNumber(nearest time: Double) -> Int {
        Signal.nearest(time, in: times).map { frameNumbers[$0] } ?? 0
    }

    /// Whether the input provides this landmark at all.
    public func has(_ landmark: Landmark) -> Bool { tracks[landmark] != nil }
}
