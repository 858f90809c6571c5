/// One week of the plan.
public struct PlanWeek: Sendable, Hashable, Codable {
    /// 1-based.
    public var number: Int
    /// The Monday (or chosen start day) the week begins.
    public var startDate: CalendarDate
    /// A lighter week for recovery (every few weeks, see `ProgressionRule`).
    public var isLighter: Bool
    /// 1 for weeks 1–4, 2 for 5–8…: a new block may use the drills' harder versions.
    public var block: Int
    public var sessions: [PlanSession]
    /// Minutes of drills, strength and mobility this week.
    public var drillMinutes: Double
    /// Minutes of barefoot work this week (0 when left out).
    public var barefootMinutes: Int
    /// What barefoot work and where, when any.
    public var barefootStage: BarefootStage?
    public var notes: [String]

    /// Everything this week, in minutes.
    public var totalMinutes: Double { drillMinutes + Double(barefootMinutes) }

    public init(
        number: Int, startDate: CalendarDate, isLighter: Bool, block: Int, sessions: [PlanSession],
        drillMinutes: Double, barefootMinutes: Int, barefootStage: BarefootStage?, notes: [String]
    ) {
        self.number = number
        self.startDate = startDate
        self.isLighter = isLighter
        self.block = block
        self.sessions = sessions
        self.drillMinutes = drillMinutes
        self.barefootMinutes = barefootMinutes
        self.barefootStage = barefootStage
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case number
        case startDate = "start_date"
        case isLighter = "is_lighter"
        case block, sessions
        case drillMinutes = "drill_minutes"
        case barefootMinutes = "barefoot_minutes"
        case barefootStage = "barefoot_stage"
        case notes
    }
}

/// One training session on one day.
public struct PlanSession: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var kind: SessionKind
    public var items: [PlanItem]

    /// Minutes the session takes, rest included.
    public var minutes: Double { items.reduce(0) { $0 + $1.minutes } }

    public init(date: CalendarDate, kind: SessionKind, items: [PlanItem]) {
        self.date = date
        self.kind = kind
        self.items = items
    }
}

/// What a session is for.
public enum SessionKind: String, Sendable, Hashable, Codable {
    /// Pose drills and run-throughs, best before an easy run; barefoot work goes here.
    case technique
    /// Strength for the lower-crossed pattern and the faults, then mobility for the tight side.
    case strengthAndMobility = "strength_and_mobility"

    public var title: String {
        switch self {
        case .technique: return "Technique"
        case .strengthAndMobility: return "Strength & mobility"
        }
    }
}

/// One exercise in a session, with its dose for that week.
public struct PlanItem: Sendable, Hashable, Codable {
    public var entryID: String
    public var name: String
    public var kind: EntryKind
    /// Sets this week (barefoot items: 1).
    public var sets: Int
    /// The dose in words, e.g. "2 × 10 per side, rest 45 s".
    public var dose: String
    public var minutes: Double
    /// Whether the harder version ("Progress") may be used this week if the last block went well.
    public var mayProgress: Bool

    public init(entryID: String, name: String, kind: EntryKind, sets: Int, dose: String, minutes: Double, mayProgress: Bool) {
        self.entryID = entryID
        self.name = name
        self.kind = kind
        self.sets = sets
        self.dose = dose
        self.minutes = minutes
        self.mayProgress = mayProgress
    }

    enum CodingKeys: String, CodingKey {
        case entryID = "entry_id"
        case name, kind, sets, dose, minutes
        case mayProgress = "may_progress"
    }
}
