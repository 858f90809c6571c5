public import PoseRunCore

/// What the synthetic runner really did, computed from its own geometry before any noise:
/// the answers the analysis should recover. Definitions follow pose-method.md §3.
/// Codable (camelCase keys; encode with `.convertToSnakeCase` for snake_case JSON) so a command can write
/// it beside the keypoints.
public struct SyntheticTruth: Sendable, Hashable, Codable {
    /// Every initial contact and toe-off inside the clip, at exact (not frame-rounded) times.
    public var events: [GaitEvent]
    /// One record per initial contact inside the clip.
    public var steps: [SyntheticStepTruth]
    /// Label exchanges injected into the keypoints (empty for clean runs).
    public var injectedSwaps: [InjectedSwap]
    /// Samples displaced and given a low confidence.
    public var glitches: [InjectedSample]
    /// Samples displaced with a normal confidence.
    public var confidentGlitches: [InjectedSample]
    /// Samples removed (NaN, confidence 0).
    public var dropouts: [InjectedSample]
    public var body: BodyDimensions
    /// Thigh + shank, in metres and in the sequence's unit.
    public var legLengthMetres: Double
    public var legLengthInSequenceUnits: Double
    public var stepTimeSeconds: Double
    public var strideTimeSeconds: Double
    /// True when there is a flight phase (contact time shorter than a step).
    public var hasFlightPhase: Bool
    public var setting: SyntheticRunner.Setting
    public var directionOfTravel: Int
    public var speedMetresPerSecond: Double
}

/// The true values for one step: one foot's contact (IC → TO) and the stride that starts with it.
public struct SyntheticStepTruth: Sendable, Hashable, Codable {
    public var side: Side
    public var initialContactTime: Double
    public var toeOffTime: Double
    public var contactTimeSeconds: Double
    /// Toe-off → the other foot's next contact; 0 when there is none (walking: double support).
    public var flightTimeSeconds: Double
    /// Contact → the other foot's next contact.
    public var stepTimeSeconds: Double
    public var cadenceStepsPerMinute: Double
    /// Contact time / stride time.
    public var dutyFactor: Double
    /// Heel→toe line vs ground at contact, toe up positive (standing offset 0).
    public var footStrikeAngleDegrees: Double
    /// Heel for a rearfoot strike (> 8°, Altman & Davis 2012), ball of the foot otherwise.
    public var landingPoint: LandingPoint
    /// 180° − hip–knee–ankle angle at contact.
    public var kneeFlexionAtContactDegrees: Double
    public var peakStanceKneeFlexionDegrees: Double
    /// Largest knee flexion in the swing that follows this step's toe-off.
    public var peakSwingKneeFlexionDegrees: Double
    /// Knee→ankle line vs vertical at contact, positive when the ankle is ahead of the knee.
    public var shankAngleAtContactDegrees: Double
    /// Landing point → whole-body centre of mass (de Leva 1996 segments) at contact, horizontal, over leg
    /// length; positive when the foot lands ahead.
    public var overstrideLegLengths: Double
    /// The same with mid-hip in place of the centre of mass (the fallback when segments are missing).
    public var overstrideFromMidHipLegLengths: Double
    /// Trunk lean (mid-shoulder → mid-hip vs vertical, forward positive) over the stride from this contact.
    public var trunkLeanMeanDegrees: Double
    public var trunkLeanRangeDegrees: Double
    public var trunkLeanStandardDeviationDegrees: Double
    /// Whole-body centre-of-mass vertical range over the stride, metres.
    public var verticalOscillationMetres: Double
    /// Mid-hip vertical range over the stride, metres.
    public var pelvisVerticalOscillationMetres: Double
    /// Range of this side's upper-arm angle relative to the trunk over the stride.
    public var armSwingRangeDegrees: Double
    /// Largest forward thigh angle in swing (knee drive) and the thigh angle at toe-off (negative = behind).
    public var peakSwingThighAngleDegrees: Double
    public var thighAngleAtToeOffDegrees: Double
    /// Hip extension at toe-off: the thigh angle behind vertical (push-off), i.e. −thigh angle at toe-off.
    public var hipExtensionAtToeOffDegrees: Double
    /// Toe-off → peak swing knee flexion.
    public var timeToPeakSwingKneeFlexionSeconds: Double
    /// Smallest heel-to-hip (same side) distance in swing, over leg length (the pull).
    public var heelToHipMinimumLegLengths: Double
    /// Ball of the stance foot → centre of mass line vs vertical, forward positive: at mid-stance
    /// (halfway from contact to toe-off) and at toe-off.
    public var fallingAngleMidStanceDegrees: Double
    public var fallingAngleToeOffDegrees: Double
    /// Mean shoulder–elbow–wrist interior angle over the stride (180 = straight arm).
    public var elbowAngleDegrees: Double
    /// Speed × step time and speed × stride time.
    public var stepLengthMetres: Double
    public var strideLengthMetres: Double
    /// Centre-of-mass vertical oscillation over stride length, in per cent.
    public var verticalRatioPercent: Double
}

/// The point of the foot overstride is measured from.
public enum LandingPoint: String, Sendable, Hashable, Codable {
    case heel
    /// 70 % of the way from heel to toe.
    case ballOfFoot = "ball_of_foot"
}

/// A run of frames in which some left/right labels were exchanged.
public struct InjectedSwap: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case wholeLeg, singleLandmark, wholeArm }
    public var kind: Kind
    public var frames: ClosedRange<Int>
    /// The left-side landmarks whose data was exchanged with their right-side mirror.
    public var leftLandmarks: [Landmark]

    /// Every (frame, landmark) sample whose label is wrong, both sides.
    public var samples: [(frame: Int, landmark: Landmark)] {
        frames.flatMap { f in leftLandmarks.flatMap { [(f, $0), (f, $0.mirrored)] } }
    }
}

/// One landmark at one frame.
public struct InjectedSample: Sendable, Hashable, Codable {
    public var frame: Int
    public var landmark: Landmark
}
