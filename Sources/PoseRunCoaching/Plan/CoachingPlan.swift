public import PoseRunCore

/// A week-by-week coaching plan for one runner: what `poserun plan` prints and the HTML report renders.
public struct CoachingPlan: Sendable, Hashable, Codable {
    /// Bumped when a field changes meaning or is removed.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var title: String
    public var kind: PlanKind
    /// Why the plan is of this kind, in plain words (e.g. "the clip does not show running: …").
    public var kindReason: String
    /// Not medical advice, and what to do about pain.
    public var disclaimer: String
    public var profile: RunnerProfile
    public var limits: ExperienceLimits
    public var rule: ProgressionRule
    /// Weekly minutes the plan stays under: the runner's minutes, capped by experience.
    public var weeklyCapMinutes: Int
    public var startDate: CalendarDate
    /// Faults worked on, in the assessment's priority order, with the drills chosen for each.
    public var focus: [FaultFocus]
    /// Faults found but left for later, so as not to work on too much at once.
    public var deferredFaults: [Fault]
    public var barefoot: BarefootDecision
    public var weeks: [PlanWeek]
    public var retests: [Retest]
    /// Every library entry the plan uses, in the order first used: the "how to" pages.
    public var entries: [LibraryEntry]
    /// Entries left out because of the runner's reported pain or injury.
    public var leftOut: [LeftOutEntry]
    /// What studies of runners taught Pose saw, so expectations stay honest.
    public var studyNotes: [String]
    /// Caveats from the analysis (data quality) the runner should know.
    public var warnings: [String]

    public init(
        title: String, kind: PlanKind, kindReason: String, disclaimer: String, profile: RunnerProfile,
        limits: ExperienceLimits, rule: ProgressionRule, weeklyCapMinutes: Int, startDate: CalendarDate,
        focus: [FaultFocus], deferredFaults: [Fault], barefoot: BarefootDecision, weeks: [PlanWeek],
        retests: [Retest], entries: [LibraryEntry], leftOut: [LeftOutEntry] = [], studyNotes: [String], warnings: [String]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.title = title
        self.kind = kind
        self.kindReason = kindReason
        self.disclaimer = disclaimer
        self.profile = profile
        self.limits = limits
        self.rule = rule
        self.weeklyCapMinutes = weeklyCapMinutes
        self.startDate = startDate
        self.focus = focus
        self.deferredFaults = deferredFaults
        self.barefoot = barefoot
        self.weeks = weeks
        self.retests = retests
        self.entries = entries
        self.leftOut = leftOut
        self.studyNotes = studyNotes
        self.warnings = warnings
    }

    /// The entry with this id among those the plan uses.
    public func entry(id: String) -> LibraryEntry? { entries.first { $0.id == id } }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case title, kind
        case kindReason = "kind_reason"
        case disclaimer, profile, limits, rule
        case weeklyCapMinutes = "weekly_cap_minutes"
        case startDate = "start_date"
        case focus
        case deferredFaults = "deferred_faults"
        case barefoot, weeks, retests, entries
        case leftOut = "left_out"
        case studyNotes = "study_notes"
        case warnings
    }
}

/// Whether the plan is built on this runner's faults or is a general base.
public enum PlanKind: String, Sendable, Hashable, Codable {
    /// Built on the faults the assessment found.
    case tailored
    /// The assessment found no faults: keep the technique and build strength.
    case maintenance
    /// Nothing could be judged (not running, or no measurable criterion): a general base plan, labelled so.
    case generalBase = "general_base"
}

/// One fault the plan works on.
public struct FaultFocus: Sendable, Hashable, Codable {
    /// 1 = most important.
    public var priority: Int
    public var fault: Fault
    public var criterion: CriterionID
    /// The criterion's title, e.g. "No heel strike".
    public var criterionTitle: String
    /// What the assessment found, in its words.
    public var finding: String
    public var status: CriterionStatus
    /// Pose drills chosen for this fault, best first.
    public var drillIDs: [String]
    /// Strength or mobility entries that also address it.
    public var supportIDs: [String]

    public init(
        priority: Int, fault: Fault, criterion: CriterionID, criterionTitle: String, finding: String,
        status: CriterionStatus, drillIDs: [String], supportIDs: [String]
    ) {
        self.priority = priority
        self.fault = fault
        self.criterion = criterion
        self.criterionTitle = criterionTitle
        self.finding = finding
        self.status = status
        self.drillIDs = drillIDs
        self.supportIDs = supportIDs
    }

    enum CodingKeys: String, CodingKey {
        case priority, fault, criterion
        case criterionTitle = "criterion_title"
        case finding, status
        case drillIDs = "drill_ids"
        case supportIDs = "support_ids"
    }
}

/// Whether barefoot progression is in the plan, and why.
public struct BarefootDecision: Sendable, Hashable, Codable {
    public var included: Bool
    public var reason: String
    /// Barefoot minutes in week 1 (0 when left out).
    public var startMinutesPerWeek: Int
    /// Warning signs and what to do (shown whenever barefoot work is in the plan).
    public var stopRules: [StopRule]
    public var sources: [EntrySource]

    public init(included: Bool, reason: String, startMinutesPerWeek: Int, stopRules: [StopRule], sources: [EntrySource]) {
        self.included = included
        self.reason = reason
        self.startMinutesPerWeek = startMinutesPerWeek
        self.stopRules = stopRules
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey {
        case included, reason
        case startMinutesPerWeek = "start_minutes_per_week"
        case stopRules = "stop_rules"
        case sources
    }
}
