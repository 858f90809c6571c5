/// How a frame's pose relates to the person PoseRun follows, so an analysis can say which
/// frames it lost and whether the person found again is the same one.
public enum PoseTrackState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nobody found yet: the clip has not shown a person so far.
    case notFound
    /// The first person found in the clip (chosen by `PersonSelection.firstPerson`).
    case acquired
    /// Followed from the previous frame's landmarks, as MediaPipe tracks.
    case tracked
    /// No pose in this frame, after a person had been followed: the track is lost.
    case lost
    /// Found again by the detector after a loss, where and as large as the person last followed.
    case reacquired
    /// Found by the detector after a loss too long to match by place: possibly another person.
    case newPerson

    /// Whether the frame has landmarks.
    public var hasPose: Bool {
        switch self {
        case .acquired, .tracked, .reacquired, .newPerson: true
        case .notFound, .lost: false
        }
    }
}
