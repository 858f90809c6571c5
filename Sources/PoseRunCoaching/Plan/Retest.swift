public import PoseRunCore

/// When to film again, how, and what should have changed.
public struct Retest: Sendable, Hashable, Codable {
    public var week: Int
    public var date: CalendarDate
    /// How to film so the clips compare.
    public var instructions: String
    /// What the new analysis should show, criterion by criterion.
    public var expectations: [Expectation]

    public init(week: Int, date: CalendarDate, instructions: String, expectations: [Expectation]) {
        self.week = week
        self.date = date
        self.instructions = instructions
        self.expectations = expectations
    }
}

/// The change a re-test should show on one criterion.
public struct Expectation: Sendable, Hashable, Codable {
    public var criterion: CriterionID
    public var title: String
    /// The summary metric key (a key of `Analysis.summary`).
    public var metric: Metric
    public var unit: MetricUnit
    /// The value measured now, if any.
    public var measured: Double?
    /// The criterion's target in words, with its basis.
    public var target: String
    public var targetBasis: TargetBasis
    /// Which way the number should move, in words.
    public var change: String

    public init(
        criterion: CriterionID, title: String, metric: Metric, unit: MetricUnit, measured: Double?, target: String,
        targetBasis: TargetBasis, change: String
    ) {
        self.criterion = criterion
        self.title = title
        self.metric = metric
        self.unit = unit
        self.measured = measured
        self.target = target
        self.targetBasis = targetBasis
        self.change = change
    }

    enum CodingKeys: String, CodingKey {
        case criterion, title, metric, unit, measured, target
        case targetBasis = "target_basis"
        case change
    }
}
