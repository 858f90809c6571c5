/// Mean, spread and count of a metric over the steps of one side or of both.
public struct Statistics: Sendable, Hashable, Codable {
    public var mean: Double
    /// Sample standard deviation (0 with a single value).
    public var sd: Double
    public var n: Int

    public init(mean: Double, sd: Double, n: Int) {
        self.mean = mean
        self.sd = sd
        self.n = n
    }

    /// Statistics of the finite values given, or `nil` when there are none.
    public init?(_ values: [Double]) {
        let v = values.filter(\.isFinite)
        guard !v.isEmpty else { return nil }
        let mean = v.reduce(0, +) / Double(v.count)
        let variance = v.count > 1 ? v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1) : 0
        self.init(mean: mean, sd: variance.squareRoot(), n: v.count)
    }

    /// Statistics of the finite values given combined as `averaging` says, or `nil` when there are none (for
    /// a rate, none finite and positive: a rate of zero or below has no interval).
    public init?(_ values: [Double], averaging: MetricAveraging) {
        switch averaging {
        case .arithmetic:
            self.init(values)
        case .rateOfMeanInterval:
            let rates = values.filter { $0.isFinite && $0 > 0 }
            guard let intervals = Statistics(rates.map { 1 / $0 }), intervals.mean > 0 else { return nil }
            let rate = 1 / intervals.mean
            self.init(mean: rate, sd: rate * intervals.sd / intervals.mean, n: intervals.n)
        }
    }
}

/// A metric summarised over the clip, or the reason it could not be measured.
///
/// Encodes as `{"mean", "sd", "left", "right", "n", …}` or `{"measurable": false, "reason": "…"}`.
public enum MetricSummary: Sendable, Hashable, Codable {
    case measured(MeasuredMetric)
    case notMeasurable(reason: String)

    /// The measured values, or `nil` when not measurable.
    public var measured: MeasuredMetric? {
        if case .measured(let m) = self { return m }
        return nil
    }

    enum CodingKeys: String, CodingKey { case measurable, reason }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .measured(let m):
            try m.encode(to: encoder)
        case .notMeasurable(let reason):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(false, forKey: .measurable)
            try c.encode(reason, forKey: .reason)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let measurable = try c.decodeIfPresent(Bool.self, forKey: .measurable), !measurable {
            self = .notMeasurable(reason: try c.decode(String.self, forKey: .reason))
        } else {
            self = .measured(try MeasuredMetric(from: decoder))
        }
    }
}

/// How much a number can be trusted, carried with it.
public enum MeasurementQuality: String, Sendable, Hashable, Codable {
    /// Enough steps, confident keypoints, adequate frame rate.
    case good
    /// Usable with caution (few steps, lower confidence or frame rate); the caveat says why.
    case limited
    /// Measured, but barely: treat as indicative only.
    case poor
}

/// A measured metric: both sides together, each side, and their symmetry.
public struct MeasuredMetric: Sendable, Hashable, Codable {
    /// Mean over all steps of both sides (for a rate such as cadence, the rate of the mean interval; see
    /// `MetricAveraging`).
    public var mean: Double
    public var sd: Double
    public var n: Int
    /// Per-side means (nil when that side has no measured step).
    public var left: Double?
    public var right: Double?
    public var leftSD: Double?
    public var rightSD: Double?
    public var leftN: Int
    public var rightN: Int
    /// Symmetry index, |L − R| / mean(|L|, |R|) × 100; `nil` when a side is missing or the mean is ~0.
    public var asymmetryPercent: Double?
    /// The unit (its definition's; written "deg", "s", "steps/min", "m", "leg lengths"…).
    public var unit: MetricUnit
    public var quality: MeasurementQuality
    /// Caveats a reader must know (assumed offsets, low frame rate, fallback centre of mass…).
    public var notes: [String]

    /// `averaging` is the metric's (`MetricDefinition.averaging`): both sides together and each side alike.
    public init(
        left: [Double], right: [Double], unit: MetricUnit, quality: MeasurementQuality = .good, notes: [String] = [],
        averaging: MetricAveraging = .arithmetic
    ) {
        let all = Statistics(left + right, averaging: averaging)
        let l = Statistics(left, averaging: averaging), r = Statistics(right, averaging: averaging)
        self.mean = all?.mean ?? .nan
        self.sd = all?.sd ?? .nan
        self.n = all?.n ?? 0
        self.left = l?.mean
        self.right = r?.mean
        self.leftSD = l?.sd
        self.rightSD = r?.sd
        self.leftN = l?.n ?? 0
        self.rightN = r?.n ?? 0
        if let lm = l?.mean, let rm = r?.mean {
            let scale = (abs(lm) + abs(rm)) / 2
            self.asymmetryPercent = scale > 1e-9 ? abs(lm - rm) / scale * 100 : nil
        } else {
            self.asymmetryPercent = nil
        }
        self.unit = unit
        self.quality = quality
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case mean, sd, n, left, right
        case leftSD = "left_sd"
        case rightSD = "right_sd"
        case leftN = "left_n"
        case rightN = "right_n"
        case asymmetryPercent = "asymmetry_pct"
        case unit, quality, notes
    }
}
