/// How load grows from week to week. General training practice, not a study result: the plan says so.
public struct ProgressionRule: Sendable, Hashable, Codable {
    /// Most a week's drill-and-strength minutes may grow over the last full week (0.10 = 10 %).
    public var maxWeeklyGrowth: Double
    /// Barefoot minutes may grow by the larger of `maxWeeklyGrowth` and this many minutes a week,
    /// because 10 % of a few minutes is too small to time.
    public var minimumBarefootStepMinutes: Int
    /// Every this many weeks, a lighter week (also the re-test week).
    public var lighterWeekEvery: Int
    /// A lighter week's volume as a fraction of the last full week.
    public var lighterWeekFraction: Double
    /// The first week's total as a fraction of the runner's weekly cap.
    public var firstWeekFraction: Double
    /// Barefoot minutes may take at most this fraction of the weekly cap.
    public var maxBarefootShare: Double
    /// Film again every this many weeks, and at the end.
    public var retestEveryWeeks: Int

    public init(
        maxWeeklyGrowth: Double, minimumBarefootStepMinutes: Int, lighterWeekEvery: Int, lighterWeekFraction: Double,
        firstWeekFraction: Double, maxBarefootShare: Double, retestEveryWeeks: Int
    ) {
        self.maxWeeklyGrowth = maxWeeklyGrowth
        self.minimumBarefootStepMinutes = minimumBarefootStepMinutes
        self.lighterWeekEvery = lighterWeekEvery
        self.lighterWeekFraction = lighterWeekFraction
        self.firstWeekFraction = firstWeekFraction
        self.maxBarefootShare = maxBarefootShare
        self.retestEveryWeeks = retestEveryWeeks
    }

    /// The rule PoseRun uses: the common "about 10 % a week" guideline with a lighter week every
    /// fourth week (general practice, not a study).
    public static let standard = ProgressionRule(
        maxWeeklyGrowth: 0.10, minimumBarefootStepMinutes: 2, lighterWeekEvery: 4, lighterWeekFraction: 0.7,
        firstWeekFraction: 0.6, maxBarefootShare: 0.4, retestEveryWeeks: 4)

    /// Whether a week (1-based) is a lighter week.
    public func isLighterWeek(_ week: Int) -> Bool { lighterWeekEvery > 0 && week % lighterWeekEvery == 0 }

    /// The rule in plain words, for the plan.
    public var statements: [String] {
        let growth = Int((maxWeeklyGrowth * 100).rounded())
        let lighter = Int((lighterWeekFraction * 100).rounded())
        let first = Int((firstWeekFraction * 100).rounded())
        return [
            "Week 1 uses about \(first) % of your weekly minutes, to start easy.",
            "Drill, strength and mobility minutes grow by at most \(growth) % a week over the last full week, never above your weekly cap.",
            "Barefoot minutes grow by at most \(growth) % or \(minimumBarefootStepMinutes) minutes a week, whichever is larger, and never above \(Int((maxBarefootShare * 100).rounded())) % of your weekly cap.",
            "Every \(lighterWeekEvery)th week is lighter (about \(lighter) % of the last full week) to let the body adapt; the next week picks up from the last full week.",
            "After a lighter week, drills that felt easy and pain-free may move to their harder version (each drill's \"Progress\"); anything that hurts goes back to its easier version (\"Regress\").",
            "This rule is general training practice, not the result of a study.",
        ]
    }

    enum CodingKeys: String, CodingKey {
        case maxWeeklyGrowth = "max_weekly_growth"
        case minimumBarefootStepMinutes = "minimum_barefoot_step_minutes"
        case lighterWeekEvery = "lighter_week_every"
        case lighterWeekFraction = "lighter_week_fraction"
        case firstWeekFraction = "first_week_fraction"
        case maxBarefootShare = "max_barefoot_share"
        case retestEveryWeeks = "retest_every_weeks"
    }
}
