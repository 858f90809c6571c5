/// The body points PoseRun works with, whatever the source (video model, mocap markers, keypoint files).
///
/// Raw values are the canonical names used in marker maps (`--markers`) and in the keypoints JSON.
public enum Landmark: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible, CodingKeyRepresentable {
    case head
    case leftShoulder = "left_shoulder"
    case rightShoulder = "right_shoulder"
    case leftElbow = "left_elbow"
    case rightElbow = "right_elbow"
    case leftWrist = "left_wrist"
    case rightWrist = "right_wrist"
    case leftHip = "left_hip"
    case rightHip = "right_hip"
    case leftKnee = "left_knee"
    case rightKnee = "right_knee"
    case leftAnkle = "left_ankle"
    case rightAnkle = "right_ankle"
    case leftHeel = "left_heel"
    case rightHeel = "right_heel"
    case leftToe = "left_toe"
    case rightToe = "right_toe"

    public var description: String { rawValue }

    /// The side this landmark belongs to, or `nil` for the head.
    public var side: Side? {
        switch self {
        case .head: return nil
        case .leftShoulder, .leftElbow, .leftWrist, .leftHip, .leftKnee, .leftAnkle, .leftHeel, .leftToe: return .left
        case .rightShoulder, .rightElbow, .rightWrist, .rightHip, .rightKnee, .rightAnkle, .rightHeel, .rightToe: return .right
        }
    }

    /// The same landmark on the other side of the body (the head is its own mirror).
    public var mirrored: Landmark {
        switch self {
        case .head: return .head
        case .leftShoulder: return .rightShoulder
        case .rightShoulder: return .leftShoulder
        case .leftElbow: return .rightElbow
        case .rightElbow: return .leftElbow
        case .leftWrist: return .rightWrist
        case .rightWrist: return .leftWrist
        case .leftHip: return .rightHip
        case .rightHip: return .leftHip
        case .leftKnee: return .rightKnee
        case .rightKnee: return .leftKnee
        case .leftAnkle: return .rightAnkle
        case .rightAnkle: return .leftAnkle
        case .leftHeel: return .rightHeel
        case .rightHeel: return .leftHeel
        case .leftToe: return .rightToe
        case .rightToe: return .leftToe
        }
    }

    /// The case's position in `allCases`. Hashing by it, not by the raw string that `RawRepresentable`'s
    /// default hashes, keeps the per-frame dictionary and set look-ups of the cleaner and kinematics cheap
    /// (they were a tenth of a whole analysis).
    var ordinal: Int {
        switch self {
        case .head: return 0
        case .leftShoulder: return 1
        case .rightShoulder: return 2
        case .leftElbow: return 3
        case .rightElbow: return 4
        case .leftWrist: return 5
        case .rightWrist: return 6
        case .leftHip: return 7
        case .rightHip: return 8
        case .leftKnee: return 9
        case .rightKnee: return 10
        case .leftAnkle: return 11
        case .rightAnkle: return 12
        case .leftHeel: return 13
        case .rightHeel: return 14
        case .leftToe: return 15
        case .rightToe: return 16
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
    public static func == (a: Landmark, b: Landmark) -> Bool { a.ordinal == b.ordinal }

    /// Landmarks of one side's body part, so call sites read `.shoulder(.left)`.
    public static func shoulder(_ side: Side) -> Landmark { side == .left ? .leftShoulder : .rightShoulder }
    public static func elbow(_ side: Side) -> Landmark { side == .left ? .leftElbow : .rightElbow }
    public static func wrist(_ side: Side) -> Landmark { side == .left ? .leftWrist : .rightWrist }
    public static func hip(_ side: Side) -> Landmark { side == .left ? .leftHip : .rightHip }
    public static func knee(_ side: Side) -> Landmark { side == .left ? .leftKnee : .rightKnee }
    public static func ankle(_ side: Side) -> Landmark { side == .left ? .leftAnkle : .rightAnkle }
    public static func heel(_ side: Side) -> Landmark { side == .left ? .leftHeel : .rightHeel }
    public static func toe(_ side: Side) -> Landmark { side == .left ? .leftToe : .rightToe }

    /// The landmarks of one leg, hip to toe: what a left/right swap exchanges.
    public static func leg(_ side: Side) -> [Landmark] {
        [.hip(side), .knee(side), .ankle(side), .heel(side), .toe(side)]
    }
}

extension Landmark {
    /// The points gait events and the leg metrics rest on.
    public static let legsAndFeet: [Landmark] = [
        .leftHip, .rightHip, .leftKnee, .rightKnee, .leftAnkle, .rightAnkle, .leftHeel, .rightHeel, .leftToe, .rightToe,
    ]
    /// The points only the arm metrics (arm swing, elbow angle) rest on.
    public static let arms: [Landmark] = [.leftShoulder, .rightShoulder, .leftElbow, .rightElbow, .leftWrist, .rightWrist]
}
