public import PoseRunCore

/// How `poserun compare` decides that a metric changed, and which way is better: the one place the
/// rule and its numbers live (also printed in comparison.html and comparison.json).
///
/// A difference of means counts as real only when it exceeds **both**
/// 1. `standardErrorMultiple` × the combined standard error `√(sd₁²/n₁ + sd₂²/n₂)` of the two means
///    (Welch's standard error over steps: is the change bigger than step-to-step scatter allows?), and
/// 2. the metric's minimal meaningful change (below: is it bigger than what the method can resolve
///    or what matters?).
/// Otherwise it is "within measurement noise". Each side needs `minimumSteps` steps to have a spread.
/// A real change is "improved" when the value moved closer to the Pose Method target (distance to the
/// good range, `PoseMethodTargets` or the extra directions below), "got worse" when it moved away,
/// and "changed" when it has no preferred direction or stayed inside the target both times.
public enum ChangeRules {
    /// 2 ≈ 1.96, the two-sided 95 % point of the normal distribution.
    public static let standardErrorMultiple = 2.0
    /// Fewest steps per clip for a spread (a standard deviation needs two values).
    public static let minimumSteps = 2

    /// The smallest change worth reporting for one comparison, with the reason: the metric's
    /// `MetricDefinition.minimalChange`, resolved for the clips' frame rate.
    public struct ResolvedMinimalChange: Sendable, Hashable {
        public var amount: Double
        /// `true`: `amount` is a fraction of the BEFORE value (cadence); `false`: in the metric's unit.
        public var isRelative: Bool
        public var reason: String
    }

    /// The minimal change for a metric. Times use one frame at the coarser clip's rate: a smaller change
    /// in contact or flight time cannot be seen.
    public static func minimalChange(for metric: Metric, frameRate: Double) -> ResolvedMinimalChange {
        let change = metric.definition.minimalChange
        switch change.amount {
        case .absolute(let amount): return ResolvedMinimalChange(amount: amount, isRelative: false, reason: change.source)
        case .fractionOfBefore(let fraction): return ResolvedMinimalChange(amount: fraction, isRelative: true, reason: change.source)
        case .oneFrame:
            let frame = frameRate > 0 ? 1 / frameRate : 1.0 / 30
            return ResolvedMinimalChange(
                amount: frame, isRelative: false,
                reason: "one frame (\(Int(measured: frame * 1000) ?? 0) ms at \(Int(measured: frameRate) ?? 0) fps): the timing resolution")
        }
    }

    /// Which way is better for a metric.
    public enum Better: Sendable, Hashable {
        /// Closer to (or inside) the good range; either bound may be open.
        case towardRange(low: Double?, high: Double?, source: String)
        /// No direction the brief can defend: a change is just a change.
        case none

        public var description: String {
            switch self {
            case .towardRange(let low?, let high?, _): return "toward \(MetricLabels.formatNumber(low))–\(MetricLabels.formatNumber(high))"
            case .towardRange(let low?, nil, _): return "higher (toward ≥ \(MetricLabels.formatNumber(low)))"
            case .towardRange(nil, let high?, _): return "lower (toward ≤ \(MetricLabels.formatNumber(high)))"
            default: return "no preferred direction"
            }
        }

        /// How far a value is from the good range (0 inside it).
        func distance(_ value: Double) -> Double? {
            guard case .towardRange(let low, let high, _) = self else { return nil }
            if let low, value < low { return low - value }
            if let high, value > high { return value - high }
            return 0
        }
    }

    /// Directions for metrics no criterion judges, from the domain brief.
    static let extraDirections: [Metric: Better] = [
        Metric.contactTime: .towardRange(
            low: nil, high: 0.2, source: "shorter contact: elites < 200 ms (secondary source); Pose training changed stance time (Fletcher 2008); heuristic"),
        Metric.peakStanceKneeFlexion: .towardRange(
            low: 40, high: nil, source: "< 40° linked to patellofemoral pain (Souza 2016)"),
        Metric.overstride: .towardRange(
            low: nil, high: 0.10, source: "heel-to-centre-of-mass distance predicts braking (Souza 2016, citing Wille); Pose: land under the GCM; heuristic"),
        Metric.shankAngleAtContact: .towardRange(
            low: nil, high: 0, source: "shank near vertical at loading (Souza 2016); Pose: land behind the knee's vertical; heuristic"),
        Metric.verticalOscillation(inMetres: true): .towardRange(
            low: nil, high: 0.0692, source: "Pose runners 6.92 cm vs 8.44 cm (Dallam 2005)"),
        Metric.verticalOscillation(inMetres: false): .towardRange(
            low: nil, high: 0, source: "lower: Pose runners bounced less (Dallam 2005); no cut-off in leg lengths"),
        Metric.heelToHipMinimum: .towardRange(
            low: nil, high: 0, source: "Pose pull: the heel comes up under the hip; heuristic"),
        Metric.verticalRatio: .towardRange(
            low: nil, high: 0, source: "less bounce per metre travelled (Folland 2017: pelvis oscillation predicted economy); heuristic"),
    ]

    /// The direction of "better" for a metric: the Pose Method criterion's good range when one judges
    /// it, else the brief's direction above, else none.
    public static func better(for key: Metric) -> Better {
        if let rule = PoseMethodTargets.rules.first(where: { $0.metric == key }) {
            return .towardRange(low: rule.target.goodLow, high: rule.target.goodHigh, source: rule.target.source)
        }
        return extraDirections[key] ?? .none
    }

    /// The whole rule in words, for the reports.
    public static let description =
        "A change counts only when the difference of means exceeds both \(MetricLabels.formatNumber(standardErrorMultiple)) × the "
        + "combined standard error √(sd₁²/n₁ + sd₂²/n₂) and the metric's minimal meaningful change "
        + "(angles 3°, cadence 2.5 %, times one frame, lengths 0.02 leg lengths or 2 cm (step and stride length 5 %, as speed), vertical oscillation 1 cm, "
        + "duty factor 0.012); otherwise it is within measurement noise. Improved = closer to the Pose Method target; "
        + "got worse = further from it; changed = a real change with no preferred direction or inside the target both times. "
        + "The score counts as improved or worse only when a criterion whose status moved that way also changed beyond noise."
}
