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
        default: return rawValue.hasPrefix("left_") ? .left : .right
        }
    }

    /// The same landmark on the other side of the body (the head is its own mirror).
    public var mirrored: Landmark {
        switch self {
        case .head: return .head
        default:
            let name = rawValue.hasPrefix("left_")
                ? "right_" + rawValue.dropFirst("left_".count)
                : "left_" + rawValue.dropFirst("right_".count)
            return Landmark(rawValue: name) ?? self
        }
    }

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
