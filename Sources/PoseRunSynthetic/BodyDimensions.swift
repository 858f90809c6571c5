/// Segment lengths of the synthetic body, scaled from standing height.
///
/// Fractions of height from Winter 2009, *Biomechanics and Motor Control of Human Movement*,
/// 4th ed., Fig. 4.1 (segment lengths as fractions of height H). Where Winter gives no number
/// (where the ankle sits along the foot, the head landmark), the choice is marked as ours.
public struct BodyDimensions: Sendable, Hashable, Codable {
    /// Winter 2009 Fig. 4.1: greater trochanter (hip) 0.530 H, knee 0.285 H, lateral malleolus 0.039 H,
    /// shoulder 0.818 H, eye 0.936 H, upper arm 0.186 H, forearm 0.146 H, foot length 0.152 H.
    enum WinterFraction {
        static let hipHeight = 0.530
        static let kneeHeight = 0.285
        static let ankleHeight = 0.039
        static let shoulderHeight = 0.818
        static let eyeHeight = 0.936
        static let upperArm = 0.186
        static let forearm = 0.146
        static let footLength = 0.152
    }
    /// Ours, not Winter's: the ankle (lateral malleolus) sits a quarter of the foot length ahead of the heel.
    static let ankleFractionAlongFoot = 0.25

    public var heightMetres: Double
    /// Hip joint to knee joint.
    public var thighMetres: Double
    /// Knee joint to ankle.
    public var shankMetres: Double
    /// Heel to toe.
    public var footLengthMetres: Double
    /// Ankle above the heel–toe line.
    public var ankleHeightMetres: Double
    /// Ankle ahead of the heel along the heel–toe line.
    public var ankleForwardOfHeelMetres: Double
    /// Mid-hip to mid-shoulder.
    public var trunkMetres: Double
    /// Mid-shoulder to the head landmark (eye level), along the trunk line.
    public var headAboveShouldersMetres: Double
    public var upperArmMetres: Double
    public var forearmMetres: Double

    public init(heightMetres h: Double) {
        heightMetres = h
        thighMetres = (WinterFraction.hipHeight - WinterFraction.kneeHeight) * h
        shankMetres = (WinterFraction.kneeHeight - WinterFraction.ankleHeight) * h
        footLengthMetres = WinterFraction.footLength * h
        ankleHeightMetres = WinterFraction.ankleHeight * h
        ankleForwardOfHeelMetres = Self.ankleFractionAlongFoot * footLengthMetres
        trunkMetres = (WinterFraction.shoulderHeight - WinterFraction.hipHeight) * h
        headAboveShouldersMetres = (WinterFraction.eyeHeight - WinterFraction.shoulderHeight) * h
        upperArmMetres = WinterFraction.upperArm * h
        forearmMetres = WinterFraction.forearm * h
    }

    /// Leg length as PoseRun's metrics use it: hip-to-knee plus knee-to-ankle (thigh + shank).
    public var legLengthMetres: Double { thighMetres + shankMetres }
}
