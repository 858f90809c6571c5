/// BlazePose's 33 landmarks, in the model's output order.
public enum BlazePoseLandmark: Int, Sendable, CaseIterable, Codable {
    case nose
    case leftEyeInner, leftEye, leftEyeOuter
    case rightEyeInner, rightEye, rightEyeOuter
    case leftEar, rightEar
    case mouthLeft, mouthRight
    case leftShoulder, rightShoulder
    case leftElbow, rightElbow
    case leftWrist, rightWrist
    case leftPinky, rightPinky
    case leftIndex, rightIndex
    case leftThumb, rightThumb
    case leftHip, rightHip
    case leftKnee, rightKnee
    case leftAnkle, rightAnkle
    case leftHeel, rightHeel
    case leftFootIndex, rightFootIndex
}

extension BlazePoseLandmark {
    /// The same point on the other side of the body (the nose is its own): what a landmark becomes when the
    /// picture is mirrored.
    public var mirrored: BlazePoseLandmark {
        switch self {
        case .nose: .nose
        case .leftEyeInner: .rightEyeInner
        case .leftEye: .rightEye
        case .leftEyeOuter: .rightEyeOuter
        case .rightEyeInner: .leftEyeInner
        case .rightEye: .leftEye
        case .rightEyeOuter: .leftEyeOuter
        case .leftEar: .rightEar
        case .rightEar: .leftEar
        case .mouthLeft: .mouthRight
        case .mouthRight: .mouthLeft
        case .leftShoulder: .rightShoulder
        case .rightShoulder: .leftShoulder
        case .leftElbow: .rightElbow
        case .rightElbow: .leftElbow
        case .leftWrist: .rightWrist
        case .rightWrist: .leftWrist
        case .leftPinky: .rightPinky
        case .rightPinky: .leftPinky
        case .leftIndex: .rightIndex
        case .rightIndex: .leftIndex
        case .leftThumb: .rightThumb
        case .rightThumb: .leftThumb
        case .leftHip: .rightHip
        case .rightHip: .leftHip
        case .leftKnee: .rightKnee
        case .rightKnee: .leftKnee
        case .leftAnkle: .rightAnkle
        case .rightAnkle: .leftAnkle
        case .leftHeel: .rightHeel
        case .rightHeel: .leftHeel
        case .leftFootIndex: .rightFootIndex
        case .rightFootIndex: .leftFootIndex
        }
    }
}
