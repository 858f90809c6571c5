/// The names of the metrics in `analysis.json`'s `summary` and in the per-step table: the one place
/// they are spelled. Definitions follow ../shared/docs/pose-method.md §3 (see docs/analysis-json.md).
public enum MetricKey {
    public static let cadence = "cadence_spm"
    public static let contactTime = "contact_time_s"
    public static let flightTime = "flight_time_s"
    public static let dutyFactor = "duty_factor"
    public static let footStrikeAngle = "foot_strike_angle_deg"
    public static let kneeFlexionAtContact = "knee_flexion_at_contact_deg"
    public static let peakStanceKneeFlexion = "peak_stance_knee_flexion_deg"
    public static let peakSwingKneeFlexion = "peak_swing_knee_flexion_deg"
    public static let timeToPeakSwingKneeFlexion = "time_to_peak_swing_knee_flexion_s"
    public static let shankAngleAtContact = "shank_angle_at_contact_deg"
    public static let overstride = "overstride_leg_lengths"
    /// How far ahead of the hips the landing point reaches before contact (leg lengths); see StepMeasurer.
    public static let landingReach = "landing_reach_leg_lengths"
    public static let trunkLean = "trunk_lean_deg"
    public static let trunkLeanRange = "trunk_lean_range_deg"
    public static let fallingAngleMidStance = "falling_angle_mid_stance_deg"
    public static let fallingAngleToeOff = "falling_angle_toe_off_deg"
    public static let kneeDrive = "knee_drive_deg"
    public static let hipExtensionAtToeOff = "hip_extension_at_toe_off_deg"
    public static let heelToHipMinimum = "heel_to_hip_min_leg_lengths"
    public static let armSwingRange = "arm_swing_range_deg"
    public static let elbowAngle = "elbow_angle_deg"
    public static let verticalRatio = "vertical_ratio_pct"

    /// Length metrics take their unit suffix from the scale: `_m` with one, `_leg_lengths` without.
    public static func verticalOscillation(inMetres: Bool) -> String {
        inMetres ? "vertical_oscillation_m" : "vertical_oscillation_leg_lengths"
    }
    public static func stepLength(inMetres: Bool) -> String { inMetres ? "step_length_m" : "step_length_leg_lengths" }
    public static func strideLength(inMetres: Bool) -> String { inMetres ? "stride_length_m" : "stride_length_leg_lengths" }
    public static func runningSpeed(inMetres: Bool) -> String {
        inMetres ? "running_speed_m_per_s" : "running_speed_leg_lengths_per_s"
    }
}
