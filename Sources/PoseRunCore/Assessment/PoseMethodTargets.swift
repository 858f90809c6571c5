/// The targets each Pose Method criterion is judged against: the one place they live, with sources.
///
/// `good` is the range that counts as good; `fault` is where the finding is a fault; between the two is
/// "work on it". A target with no published number is `.heuristic` and says so in the report.
public struct CriterionRule: Sendable, Hashable {
    public var id: CriterionID
    public var title: String
    public var metric: Metric
    /// The metric's unit (from its definition).
    public var unit: MetricUnit { metric.definition.unit }
    public var target: CriterionTarget
    /// Beyond this (in the direction of `faultAbove`) the finding is a fault.
    public var faultBeyond: Double
    /// `true` when larger values are worse (heel strike, overstride…), `false` when smaller are worse.
    public var faultAbove: Bool
    public var fault: Fault
    public var weight: Double
    public var whyItMatters: String
}

public enum PoseMethodTargets {
    /// Foot-strike angle above which a landing is rearfoot (Altman & Davis 2012, Gait Posture; rearfoot > 8°).
    public static let rearfootAboveDegrees = 8.0
    /// Landing reach (the ankle ahead of the hips as the foot lands, leg lengths): good up to 0.30, a fault
    /// beyond 0.40. Heuristic: on the 12 labelled phone clips "good" runners read 0.24–0.30 and "overstride"
    /// ones 0.34–0.45 (0.34 the slow-motion Overstride_5); the synthetic Pose runner 0.09, the heel striker
    /// 0.43. Chosen on those clips, so not a held-out figure.
    public static let landingReachGoodHigh = 0.30
    public static let landingReachFaultAbove = 0.40
    /// Self-selected trunk lean 7.3 ± 3.6° (Teng & Powers 2014, JOSPT): the good range is mean ± 1 SD. The
    /// report's normative band on the trunk-lean curve reads the same two numbers.
    public static let trunkLeanGoodLow = 3.7
    public static let trunkLeanGoodHigh = 10.9
    /// Foot-strike angle below which a landing is forefoot (Altman & Davis 2012: forefoot < −1.6°).
    public static let forefootBelowDegrees = -1.6

    public static let rules: [CriterionRule] = [
        CriterionRule(
            id: .noHeelStrike, title: "Land on the ball of the foot, not the heel",
            metric: Metric.footStrikeAngle,
            target: CriterionTarget(
                text: "foot-strike angle ≤ 8° (not a rearfoot strike)", goodLow: nil, goodHigh: rearfootAboveDegrees,
                basis: .sourced, source: "Altman & Davis 2012, Gait Posture: rearfoot > 8°, forefoot < −1.6°"),
            faultBeyond: rearfootAboveDegrees, faultAbove: true, fault: .heelStrike, weight: 1.5,
            whyItMatters: "Landing on the forefoot stretches the calf and Achilles and lets them spring back at once, like a rubber band released straight away; a heel strike brakes and sends the impact up through the leg."),
        CriterionRule(
            id: .landingUnderCentreOfMass, title: "Land under the body, not ahead of it",
            metric: Metric.landingReach,
            target: CriterionTarget(
                text: "ankle ≤ 0.30 leg lengths ahead of the hips as the foot lands", goodLow: nil, goodHigh: landingReachGoodHigh,
                basis: .heuristic,
                source: "Heuristic thresholds, set from 12 phone clips a person labelled by eye (good 0.24–0.30, overstride 0.34–0.45; docs/analysis.md), not held out. Heel-to-centre-of-mass distance predicts braking (Souza 2016, citing Wille); Pose: land under the GCM; no published cut-off."),
            faultBeyond: landingReachFaultAbove, faultAbove: true, fault: .overstride, weight: 1.5,
            whyItMatters: "A foot landing ahead of the body acts as a brake on every step and loads the knee; landing under the body lets gravity keep you moving."),
        CriterionRule(
            id: .bentKneeAtContact, title: "A bent knee at contact",
            metric: Metric.kneeFlexionAtContact,
            target: CriterionTarget(
                text: "knee flexion at contact ≥ 15°", goodLow: 15, goodHigh: nil, basis: .heuristic,
                source: "Heuristic threshold. Injured runners landed with a more extended knee (Bramah 2018, AJSM); Pose: visibly bent; no published cut-off."),
            faultBeyond: 10, faultAbove: false, fault: .straightKneeAtContact, weight: 1.0,
            whyItMatters: "With a bent knee the muscles (glutes, quadriceps) take the landing; with a straight knee the ligaments, cartilage and tendons take it."),
        CriterionRule(
            id: .leanFromAnkles, title: "Lean from the ankles, not the waist",
            metric: Metric.trunkLean,
            target: CriterionTarget(
                text: "trunk lean 3.7–10.9° (self-selected 7.3 ± 3.6°)", goodLow: trunkLeanGoodLow, goodHigh: trunkLeanGoodHigh, basis: .sourced,
                source: "Teng & Powers 2014, JOSPT: self-selected trunk lean 7.3 ± 3.6° (mean ± SD); fault beyond ±2 SD (heuristic)"),
            faultBeyond: 14.5, faultAbove: true, fault: .waistBend, weight: 1.0,
            whyItMatters: "The Pose Method's forward fall comes from the whole body leaning from the support foot; bending at the waist instead puts the hips behind and the effort in the lower back."),
        CriterionRule(
            id: .constantBodyAngle, title: "Keep the same body angle through the stride",
            metric: Metric.trunkLeanRange,
            target: CriterionTarget(
                text: "trunk-lean range within a stride ≤ 8°", goodLow: nil, goodHigh: 8, basis: .heuristic,
                source: "Heuristic threshold. Pose Method point 4 (the body keeps the same angle); no published number."),
            faultBeyond: 12, faultAbove: true, fault: .changingBodyAngle, weight: 1.0,
            whyItMatters: "A trunk that rocks back and forth wastes energy and breaks the fall forward that the method relies on."),
        CriterionRule(
            id: .pullNotPush, title: "Pull the foot up, don't push off",
            metric: Metric.hipExtensionAtToeOff,
            target: CriterionTarget(
                text: "thigh ≤ 20° behind vertical at toe-off", goodLow: nil, goodHigh: 20, basis: .heuristic,
                source: "Heuristic threshold. Pose Method: the foot is pulled from the ground, not pushed; large hip extension at toe-off = pushing; no published cut-off."),
            faultBeyond: 28, faultAbove: true, fault: .pushOff, weight: 1.0,
            whyItMatters: "Pushing off drives the leg far behind the body and delays its return; pulling the foot straight up under the hip with the hamstrings makes the next step quicker and cheaper."),
        CriterionRule(
            id: .cadence, title: "Quick steps",
            metric: Metric.cadence,
            target: CriterionTarget(
                text: "≥ 178 steps/min; ≤ 166 is a fault", goodLow: 178, goodHigh: nil, basis: .sourced,
                source: "Thakkar 2019, MSSE (female runners): ≥178 steps/min had the lowest tibiofemoral forces, ≤166 higher; +5–10 % step rate lowers loading (Heiderscheit 2011). \"180\" is folklore."),
            faultBeyond: 166, faultAbove: false, fault: .lowCadence, weight: 1.0,
            whyItMatters: "Shorter, quicker steps land closer under the body and lower the load on the knee."),
        CriterionRule(
            id: .shortArmSwing, title: "A short arm swing",
            metric: Metric.armSwingRange,
            target: CriterionTarget(
                text: "upper-arm swing ≤ 70° per stride", goodLow: nil, goodHigh: 70, basis: .heuristic,
                source: "Heuristic threshold. Pose Method point 3 (shorter arm swing); bent arms cut shoulder torque (Yegian 2019, JEB); no published cut-off."),
            faultBeyond: 90, faultAbove: true, fault: .bigArmSwing, weight: 0.5,
            whyItMatters: "The arms are for balance; a big swing costs energy and can pull the body off its line."),
        CriterionRule(
            id: .smallKneeDrive, title: "A small knee drive",
            metric: Metric.kneeDrive,
            target: CriterionTarget(
                text: "peak thigh angle in swing ≤ 50° ahead of vertical", goodLow: nil, goodHigh: 50, basis: .heuristic,
                source: "Heuristic threshold. Pose Method point 3 (smaller knee drive than traditional running); knee drive grows with speed; no published cut-off."),
            faultBeyond: 65, faultAbove: true, fault: .bigKneeDrive, weight: 0.5,
            whyItMatters: "Driving the knee high and forward tends to throw the foot out ahead of the body; the Pose runner lets the foot come up under the hip and drop."),
    ]

    /// How the overall score is made (also in docs/analysis-json.md).
    public static let scoringDescription =
        "Weighted mean over the measurable criteria of 1 (good), 0.5 (work on it) or 0 (fault), × 100. " +
        "Weights: no heel strike 1.5, landing under the centre of mass 1.5, the other criteria 1.0, " +
        "arm swing and knee drive 0.5. No score when fewer than 3 criteria are measurable or the input is not running."
    /// Fewest measurable criteria for an overall score.
    public static let minimumCriteriaForScore = 3
}
