/// The points of the Pose Method that PoseRun judges, one criterion each (domain brief §1 and §3).
public enum CriterionID: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lean forward from the ankles (whole body), not a bend at the waist.
    case leanFromAnkles = "lean_from_ankles"
    /// Land under the centre of mass, not ahead of it.
    case landingUnderCentreOfMass = "landing_under_com"
    /// Land on the ball of the foot; no heel strike.
    case noHeelStrike = "no_heel_strike"
    /// A slightly bent knee at contact.
    case bentKneeAtContact = "bent_knee_at_contact"
    /// A short arm swing.
    case shortArmSwing = "short_arm_swing"
    /// A small knee drive.
    case smallKneeDrive = "small_knee_drive"
    /// The same body angle through the whole stride.
    case constantBodyAngle = "constant_body_angle"
    /// Pull the foot up with the hamstrings rather than push off.
    case pullNotPush = "pull_not_push"
    /// Quick steps: cadence.
    case cadence = "cadence"
}

/// A fault the assessment can report: what a coach would name, and what the coaching plan addresses.
///
/// Each fault belongs to one criterion; a criterion may have two (too little or too much).
public enum Fault: String, Sendable, Hashable, Codable, CaseIterable {
    case heelStrike = "heel_strike"
    case overstride = "overstride"
    case straightKneeAtContact = "straight_knee_at_contact"
    case waistBend = "waist_bend"
    case noForwardLean = "no_forward_lean"
    case excessiveLean = "excessive_lean"
    case pushOff = "push_off"
    case weakPull = "weak_pull"
    case bigArmSwing = "big_arm_swing"
    case bigKneeDrive = "big_knee_drive"
    case changingBodyAngle = "changing_body_angle"
    case lowCadence = "low_cadence"

    /// The criterion this fault fails.
    public var criterion: CriterionID {
        switch self {
        case .heelStrike: return .noHeelStrike
        case .overstride: return .landingUnderCentreOfMass
        case .straightKneeAtContact: return .bentKneeAtContact
        case .waistBend, .noForwardLean, .excessiveLean: return .leanFromAnkles
        case .pushOff, .weakPull: return .pullNotPush
        case .bigArmSwing: return .shortArmSwing
        case .bigKneeDrive: return .smallKneeDrive
        case .changingBodyAngle: return .constantBodyAngle
        case .lowCadence: return .cadence
        }
    }
}

/// How a criterion came out.
public enum CriterionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case good
    case workOnIt = "work_on_it"
    case fault
    /// The input cannot show this (missing landmarks, too few steps…); the reason says why.
    case notMeasurable = "not_measurable"
}

/// Where a target comes from. A target with no published source is heuristic and is labelled so.
public enum TargetBasis: String, Sendable, Hashable, Codable {
    case sourced
    case heuristic
}

/// The target a measured value is judged against.
public struct CriterionTarget: Sendable, Hashable, Codable {
    /// Human-readable target, e.g. "below 8° (not a rearfoot strike)".
    public var text: String
    /// Range that counts as good, in the metric's unit; `nil` where open-ended.
    public var goodLow: Double?
    public var goodHigh: Double?
    public var basis: TargetBasis
    /// The source, e.g. "Altman & Davis 2012, Gait Posture" or why it is heuristic.
    public var source: String

    public init(text: String, goodLow: Double?, goodHigh: Double?, basis: TargetBasis, source: String) {
        self.text = text
        self.goodLow = goodLow
        self.goodHigh = goodHigh
        self.basis = basis
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case text
        case goodLow = "good_low"
        case goodHigh = "good_high"
        case basis
        case source
    }
}

/// A moment in the clip that shows a criterion's finding.
public struct Evidence: Sendable, Hashable, Codable {
    public var side: Side?
    public var time: Double
    public var frame: Int
    /// The value measured at that moment, in the criterion's unit.
    public var value: Double

    public init(side: Side?, time: Double, frame: Int, value: Double) {
        self.side = side
        self.time = time
        self.frame = frame
        self.value = value
    }
}

/// One point of the Pose Method, judged.
public struct Criterion: Sendable, Hashable, Codable {
    public var id: CriterionID
    /// Short title, e.g. "No heel strike".
    public var title: String
    /// The metric the judgement rests on.
    public var metric: Metric
    /// The measured value (mean over steps) in `unit`; `nil` when not measurable.
    public var measured: Double?
    public var unit: MetricUnit
    public var target: CriterionTarget
    public var status: CriterionStatus
    /// The fault found, if any; what the coaching plan works on.
    public var fault: Fault?
    /// One plain sentence on what was found.
    public var finding: String
    /// Why it matters, in plain language.
    public var whyItMatters: String
    /// Which steps show it.
    public var evidence: [Evidence]
    /// Weight in the overall score.
    public var weight: Double

    public init(
        id: CriterionID, title: String, metric: Metric, measured: Double?, unit: MetricUnit,
        target: CriterionTarget, status: CriterionStatus, fault: Fault?, finding: String,
        whyItMatters: String, evidence: [Evidence], weight: Double
    ) {
        self.id = id
        self.title = title
        self.metric = metric
        self.measured = measured
        self.unit = unit
        self.target = target
        self.status = status
        self.fault = fault
        self.finding = finding
        self.whyItMatters = whyItMatters
        self.evidence = evidence
        self.weight = weight
    }

    enum CodingKeys: String, CodingKey {
        case id, title, metric, measured, unit, target, status, fault, finding
        case whyItMatters = "why_it_matters"
        case evidence, weight
    }
}

/// The Pose Method assessment: criteria and an overall score.
public struct Assessment: Sendable, Hashable, Codable {
    /// 0–100, or `nil` when nothing could be judged (e.g. the input is not running).
    public var score: Double?
    /// How the score is weighted, in words (also in docs/analysis-json.md).
    public var scoring: String
    public var criteria: [Criterion]

    public init(score: Double?, scoring: String, criteria: [Criterion]) {
        self.score = score
        self.scoring = scoring
        self.criteria = criteria
    }

    /// Faults found, most important (heaviest criterion, then worst status) first.
    public var faultsByPriority: [Fault] {
        criteria
            .filter { $0.fault != nil && ($0.status == .fault || $0.status == .workOnIt) }
            .sorted { a, b in
                let ra = a.status == .fault ? 2.0 : 1.0, rb = b.status == .fault ? 2.0 : 1.0
                return (ra * a.weight, a.id.rawValue) > (rb * b.weight, b.id.rawValue)
            }
            .compactMap(\.fault)
    }
}
