/// Body-segment numbers, each with its source. The one place they live.
public enum Anthropometry {
    /// Segment mass fractions and centre-of-mass positions (fraction of the segment from its proximal end).
    /// de Leva P. (1996) Adjustments to Zatsiorsky–Seluyanov's segment inertia parameters, J Biomech 29:1223,
    /// Table 4, male values (the female table differs by ≤ 1.5 % of body mass per segment).
    public struct Segment: Sendable, Hashable {
        public var massFraction: Double
        public var centreFromProximal: Double
    }

    /// Head and neck; PoseRun places its centre at the head landmark (no vertex landmark exists).
    public static let head = Segment(massFraction: 0.0694, centreFromProximal: 0)
    /// Trunk, from mid-shoulder (standing in for C7) to mid-hip.
    public static let trunk = Segment(massFraction: 0.4346, centreFromProximal: 0.4486)
    public static let upperArm = Segment(massFraction: 0.0271, centreFromProximal: 0.5772)
    public static let forearm = Segment(massFraction: 0.0162, centreFromProximal: 0.4574)
    /// Hand; placed at the wrist (no hand landmark).
    public static let hand = Segment(massFraction: 0.0061, centreFromProximal: 0)
    public static let thigh = Segment(massFraction: 0.1416, centreFromProximal: 0.4095)
    public static let shank = Segment(massFraction: 0.0433, centreFromProximal: 0.4459)
    /// Foot, heel to toe tip.
    public static let foot = Segment(massFraction: 0.0137, centreFromProximal: 0.4415)

    /// Thigh + shank length as a fraction of standing height: 0.245 + 0.246 (Winter D.A. 2009,
    /// Biomechanics and Motor Control of Human Movement, 4th ed., Fig. 4.1). Turns `--height` into a scale.
    public static let legLengthFractionOfHeight = 0.491

    /// Foot length (heel to toe tip), shoulder width (biacromial) and shoulder-to-hip height
    /// (0.818 − 0.530) as fractions of standing height (Winter 2009, Fig. 4.1, after Drillis & Contini
    /// 1966). Used by the camera-view check: how many pixels a foot spans, and how far apart the
    /// shoulders look when the camera is not side-on.
    public static let footLengthFractionOfHeight = 0.152
    public static let shoulderWidthFractionOfHeight = 0.259
    public static let shoulderToHipFractionOfHeight = 0.288

    /// Where the ball of the foot (first metatarsal head) lies along heel→toe, as a fraction.
    /// Approximation: the metatarsal heads sit at roughly 70 % of foot length from the heel (heuristic;
    /// used for the landing point of non-rearfoot strikes and the support point of the fall).
    public static let ballOfFootFraction = 0.7
}
