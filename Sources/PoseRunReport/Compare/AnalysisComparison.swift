public import PoseRunCore

/// How one metric changed between two analyses.
public enum ChangeVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    case improved
    case gotWorse = "got_worse"
    /// The difference is within step-to-step scatter or below the minimal meaningful change.
    case withinNoise = "within_noise"
    /// A real change, but with no preferred direction (or inside the target both times).
    case changed
    /// Measured in only one clip, or with too few steps for a spread.
    case notComparable = "not_comparable"

    public var words: String {
        switch self {
        case .improved: return "improved"
        case .gotWorse: return "got worse"
        case .withinNoise: return "within noise"
        case .changed: return "changed"
        case .notComparable: return "not comparable"
        }
    }
}

/// One metric, before and after, and the verdict with the numbers behind it.
public struct MetricChange: Sendable, Hashable, Codable {
    public var key: Metric
    public var label: String
    public var unit: MetricUnit
    /// Mean, spread and count in each clip: Core's `Statistics`, which encodes as `{"mean", "sd", "n"}`.
    public var before: Statistics?
    public var after: Statistics?
    /// After − before.
    public var difference: Double?
    /// √(sd₁²/n₁ + sd₂²/n₂).
    public var standardError: Double?
    public var minimalChange: Double?
    /// The larger of k × standard error and the minimal change: what a difference must exceed.
    public var noiseThreshold: Double?
    public var verdict: ChangeVerdict
    /// Which way is better, in words ("lower (toward ≤ 8)").
    public var better: String
    /// The Pose Method criterion that judges this metric, with its status in each clip.
    public var criterion: CriterionID?
    public var statusBefore: CriterionStatus?
    public var statusAfter: CriterionStatus?
    /// Why the verdict, in a phrase (the minimal change's reason, or what is missing).
    public var note: String

    enum CodingKeys: String, CodingKey {
        case key, label, unit, before, after, difference
        case standardError = "standard_error"
        case minimalChange = "minimal_change"
        case noiseThreshold = "noise_threshold"
        case verdict, better, criterion
        case statusBefore = "status_before"
        case statusAfter = "status_after"
        case note
    }
}

/// The overall score, before and after, and whether its change is real.
public struct ScoreChange: Sendable, Hashable, Codable {
    public var before: Double?
    public var after: Double?
    public var verdict: ChangeVerdict
    public var note: String
}

/// Two analyses of the same runner compared metric by metric (`poserun compare`): what improved, what
/// got worse, what is within measurement noise. Pure: no files (see `ComparisonLoader` and the command).
public struct AnalysisComparison: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = 1

    /// One side of the comparison, as named by the user.
    public struct Clip: Sendable, Hashable, Codable {
        public var label: String
        public var name: String
        public var frameRate: Double
        public var steps: Int
        public var lengthUnit: String
    }

    public var schemaVersion: Int
    public var before: Clip
    public var after: Clip
    public var score: ScoreChange
    public var metrics: [MetricChange]
    /// The rule in words (`ChangeRules.description`).
    public var rule: String
    /// Caveats: different frame rates, scales or settings between the clips.
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case before, after, score, metrics, rule, warnings
    }

    /// Changes with this verdict.
    public func metrics(_ verdict: ChangeVerdict) -> [MetricChange] { metrics.filter { $0.verdict == verdict } }

    /// Compares two analyses. `beforeLabel`/`afterLabel` name them for the reader (e.g. the paths given).
    public init(before: Analysis, after: Analysis, beforeLabel: String, afterLabel: String) {
        schemaVersion = Self.currentSchemaVersion
        func clip(_ a: Analysis, _ label: String) -> Clip {
            Clip(label: label, name: a.input.name, frameRate: a.input.frameRate, steps: a.steps.count, lengthUnit: a.input.lengthUnit.description)
        }
        self.before = clip(before, beforeLabel)
        self.after = clip(after, afterLabel)
        rule = ChangeRules.description
        let coarserRate = min(before.input.frameRate, after.input.frameRate)
        var warnings: [String] = []
        if abs(before.input.frameRate - after.input.frameRate) > 1 {
            warnings.append("The clips were filmed at different frame rates (\(MetricLabels.formatNumber(before.input.frameRate)) and "
                + "\(MetricLabels.formatNumber(after.input.frameRate)) fps); times are compared at the coarser one's resolution.")
        }
        if before.input.setting != after.input.setting {
            warnings.append("One clip is \(before.input.setting), the other \(after.input.setting): speed, lengths and timing may differ for that reason alone.")
        }
        if before.input.lengthUnit.isMetres != after.input.lengthUnit.isMetres {
            warnings.append("Lengths are in metres in one clip and leg lengths in the other: length metrics are not compared.")
        }
        if !before.running.isRunning || !after.running.isRunning {
            warnings.append("At least one clip does not show running; its criteria were not judged.")
        }
        self.warnings = warnings

        let criteriaBefore = Dictionary(before.assessment.criteria.map { ($0.metric, $0) }, uniquingKeysWith: { a, _ in a })
        let criteriaAfter = Dictionary(after.assessment.criteria.map { ($0.metric, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = Self.orderedKeys(Set(before.summary.keys).union(after.summary.keys), criteria: before.assessment.criteria)
        metrics = keys.map { key in
            var change = Self.compare(
                key: key, before: before.summary[key]?.measured, after: after.summary[key]?.measured, frameRate: coarserRate)
            change.criterion = criteriaBefore[key]?.id ?? criteriaAfter[key]?.id
            change.statusBefore = criteriaBefore[key]?.status
            change.statusAfter = criteriaAfter[key]?.status
            return change
        }
        score = Self.compareScores(before: before.assessment, after: after.assessment, metrics: metrics)
    }

    /// Criteria's metrics first (in the assessment's order), then the rest by name.
    static func orderedKeys(_ keys: Set<Metric>, criteria: [Criterion]) -> [Metric] {
        let first = criteria.map(\.metric).filter { keys.contains($0) }
        return first + keys.subtracting(first).sorted { $0.key < $1.key }
    }

    /// The verdict for one metric (see `ChangeRules`).
    public static func compare(key: Metric, before: MeasuredMetric?, after: MeasuredMetric?, frameRate: Double) -> MetricChange {
        let unit = key.definition.unit
        let better = ChangeRules.better(for: key)
        var change = MetricChange(
            key: key, label: key.definition.name, unit: unit,
            before: before.map { Statistics(mean: $0.mean, sd: $0.sd, n: $0.n) },
            after: after.map { Statistics(mean: $0.mean, sd: $0.sd, n: $0.n) },
            difference: nil, standardError: nil, minimalChange: nil, noiseThreshold: nil, verdict: .notComparable,
            better: better.description, criterion: nil, statusBefore: nil, statusAfter: nil, note: "")
        guard let b = before, let a = after, b.mean.isFinite, a.mean.isFinite else {
            change.note = before == nil && after == nil ? "not measured in either clip"
                : before == nil ? "not measured before" : "not measured after"
            return change
        }
        guard b.unit == a.unit else {
            change.note = "measured in \(b.unit.rawValue) before and \(a.unit.rawValue) after"
            return change
        }
        let difference = a.mean - b.mean
        change.difference = difference
        guard b.n >= ChangeRules.minimumSteps, a.n >= ChangeRules.minimumSteps, b.sd.isFinite, a.sd.isFinite else {
            change.note = "fewer than \(ChangeRules.minimumSteps) steps in a clip: no spread to judge noise by"
            return change
        }
        let standardError = (b.sd * b.sd / Double(b.n) + a.sd * a.sd / Double(a.n)).squareRoot()
        let minimal = ChangeRules.minimalChange(for: key, frameRate: frameRate)
        let minimalAmount = minimal.isRelative ? minimal.amount * abs(b.mean) : minimal.amount
        let threshold = max(ChangeRules.standardErrorMultiple * standardError, minimalAmount)
        change.standardError = standardError
        change.minimalChange = minimalAmount
        change.noiseThreshold = threshold
        guard abs(difference) > threshold else {
            change.verdict = .withinNoise
            change.note = abs(difference) <= minimalAmount
                ? "below the minimal meaningful change (\(minimal.reason))"
                : "within the step-to-step scatter (\(MetricLabels.formatNumber(ChangeRules.standardErrorMultiple)) × standard error)"
            return change
        }
        if let distanceBefore = better.distance(b.mean), let distanceAfter = better.distance(a.mean), distanceBefore != distanceAfter {
            change.verdict = distanceAfter < distanceBefore ? .improved : .gotWorse
            change.note = distanceAfter == 0 ? "now within the target" : distanceBefore == 0 ? "was within the target" : ""
        } else {
            change.verdict = .changed
            change.note = better == .none ? "no preferred direction" : "within the target both times"
        }
        return change
    }

    /// The score moves in steps of criteria flipping status, so a small wobble across a threshold can move it.
    /// It counts only when a criterion whose status moved the same way also changed beyond noise.
    static func compareScores(before: Assessment, after: Assessment, metrics: [MetricChange]) -> ScoreChange {
        guard let b = before.score, let a = after.score else {
            return ScoreChange(before: before.score, after: after.score, verdict: .notComparable, note: "a clip has no score")
        }
        func rank(_ s: CriterionStatus?) -> Int? {
            switch s {
            case .good: return 2
            case .workOnIt: return 1
            case .fault: return 0
            default: return nil
            }
        }
        guard a != b else { return ScoreChange(before: b, after: a, verdict: .withinNoise, note: "the same score") }
        let wanted: ChangeVerdict = a > b ? .improved : .gotWorse
        let backing = metrics.filter { m in
            guard let rb = rank(m.statusBefore), let ra = rank(m.statusAfter), rb != ra else { return false }
            return (ra > rb) == (a > b) && m.verdict == wanted
        }
        if backing.isEmpty {
            return ScoreChange(
                before: b, after: a, verdict: .withinNoise,
                note: "the criteria that changed status did not change beyond measurement noise")
        }
        return ScoreChange(
            before: b, after: a, verdict: wanted,
            note: "backed by " + backing.map(\.label).joined(separator: ", "))
    }
}
