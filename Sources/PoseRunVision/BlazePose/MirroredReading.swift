/// When the landmark model also reads a frame's region mirrored left to right (`BlazePoseOptions.mirroredReading`).
///
/// BlazePose's left/right leg confusions depend on which way the runner faces: on the same crop, mirrored, the
/// model often draws the legs right where it drew them wrong (docs/vision.md, "a second reading"). The swap
/// corrector then chooses, frame by frame, between the two readings. A second reading of every frame doubles the
/// landmark model's time, so by default it is made only where the first reading's legs jump.
public enum MirroredReading: String, Sendable, Hashable, CaseIterable {
    /// One reading per frame (MediaPipe's behaviour).
    case never
    /// A second reading of the frame where a knee or ankle of the first reading jumps (`LegJumpGate`), and of the
    /// frame after: what the mirrored reading is for, at about a tenth of the frames.
    case whereLegsJump = "where-legs-jump"
    /// A second reading of every frame with a pose.
    case always
}

/// Whether a frame's legs jump: a knee or ankle whose position relative to the mid-hip has a second difference
/// over this frame and the two before of more than `limitLegLengths` leg lengths (this frame's thigh + shank, mean
/// of both sides). Relative to the hips, so that a camera panning with the runner adds nothing. Holds the last
/// two frames' knees and ankles; a frame without a pose clears them.
struct LegJumpGate: Sendable {
    /// 0.6 leg lengths per frame²: five times the hardest a real foot accelerates between 30 fps frames (about
    /// 100 m/s², a swing foot stopping in 0.1 s from 10 m/s, 0.11 m or 0.12 leg lengths per frame²), and more at
    /// higher rates, so only a drawing error passes it. Heuristic; on the 17 labelled clips it sends 12 % of the
    /// frames to the mirrored reading (1–17 % a clip) and finds as many events as mirroring every frame (docs/vision.md).
    static let limitLegLengths: Float = 0.6

    /// Knees and ankles (left knee, right knee, left ankle, right ankle) relative to the mid-hip, of the last two
    /// frames, newest last.
    private var history: [[SIMD2<Float>]] = []
    /// Whether the last frame jumped (its successor is read mirrored too).
    private var lastJumped = false

    /// Records this frame's body landmarks (33, pixels) and says whether to read it mirrored: it jumps, the frame
    /// before jumped, or there are fewer than two frames before it to judge by.
    mutating func needsMirroredReading(_ body: [PoseLandmark]) -> Bool {
        let hips = [BlazePoseLandmark.leftHip, .rightHip], knees = [BlazePoseLandmark.leftKnee, .rightKnee]
        let ankles = [BlazePoseLandmark.leftAnkle, .rightAnkle]
        guard body.count >= BlazePoseConstants.bodyLandmarkCount else {
            clear()
            return false
        }
        func point(_ l: BlazePoseLandmark) -> SIMD2<Float> { body[l.rawValue].point }
        let midHip = (point(.leftHip) + point(.rightHip)) / 2
        let joints = (knees + ankles).map { point($0) - midHip }
        var legLength: Float = 0
        for side in 0..<2 {
            let hip = point(hips[side]), knee = point(knees[side]), ankle = point(ankles[side])
            legLength += (simdLength(knee - hip) + simdLength(ankle - knee)) / 2
        }
        var jumps = history.count < 2 || !legLength.isFinite
        if !jumps {
            let limit = Self.limitLegLengths * legLength
            for (k, p) in joints.enumerated() where simdLength(p - 2 * history[1][k] + history[0][k]) > limit {
                jumps = true
                break
            }
        }
        let answer = jumps || lastJumped
        lastJumped = jumps
        history.append(joints)
        if history.count > 2 { history.removeFirst() }
        return answer
    }

    /// Forgets the history (the pose was lost).
    mutating func clear() {
        history.removeAll()
        lastJumped = false
    }
}

@inline(__always)
func simdLength(_ v: SIMD2<Float>) -> Float { (v * v).sum().squareRoot() }
