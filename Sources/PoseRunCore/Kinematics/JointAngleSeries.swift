/// Per-frame body angles of a sequence, by the same definitions the metrics use, for drawing on
/// video and charting over time (the metrics themselves only keep values at events).
///
/// Degrees; `NaN` where a frame lacks the landmarks an angle needs.
public struct JointAngleSeries: Sendable, Hashable {
    /// Mid-hip → mid-shoulder line vs vertical, forward positive.
    public var trunkLeanDegrees: [Double]
    /// 180° − hip–knee–ankle angle: 0 with a straight knee.
    public var kneeFlexionDegrees: [Side: [Double]]
    /// Hip → knee line vs vertical, positive when the knee is ahead of the hip.
    public var thighAngleDegrees: [Side: [Double]]

    /// - Parameters:
    ///   - sequence: keypoints in the source's own orientation (as cleaned, before the analysis flips x).
    ///   - directionOfTravel: +1 or −1, as in `InputDescription.directionOfTravel`, so "forward" is the runner's.
    public init(sequence: KeypointSequence, directionOfTravel: Int) {
        let oriented = TravelDirection.oriented(sequence, sign: directionOfTravel < 0 ? -1 : 1)
        let kinematics = BodyKinematics(sequence: oriented, computesCentreOfMass: false)
        trunkLeanDegrees = kinematics.trunkLean()
        var knee: [Side: [Double]] = [:]
        var thigh: [Side: [Double]] = [:]
        for side in Side.allCases {
            knee[side] = kinematics.kneeFlexion(side)
            thigh[side] = kinematics.thighAngle(side)
        }
        kneeFlexionDegrees = knee
        thighAngleDegrees = thigh
    }
}
