/// The gradual barefoot plan: where to start, which surfaces at which weekly volume, and when to stop.
///
/// Barefoot work is a Pose Method habit (foot receptors and proprioception, domain brief §1); the
/// starting volumes, surfaces and stop rules are general practice, not study results.
public struct BarefootProgression: Sendable, Hashable, Codable {
    /// Barefoot minutes in the first week, by the footwear the runner uses now.
    public var startMinutesPerWeek: StartMinutes
    /// Most barefoot minutes a week the plan will prescribe.
    public var maxMinutesPerWeek: Int
    /// What to do at each weekly volume, lowest first.
    public var stages: [BarefootStage]
    /// Warning signs and what to do about them.
    public var stopRules: [StopRule]
    public var sources: [EntrySource]

    public init(
        startMinutesPerWeek: StartMinutes, maxMinutesPerWeek: Int, stages: [BarefootStage], stopRules: [StopRule],
        sources: [EntrySource]
    ) {
        self.startMinutesPerWeek = startMinutesPerWeek
        self.maxMinutesPerWeek = maxMinutesPerWeek
        self.stages = stages
        self.stopRules = stopRules
        self.sources = sources
    }

    /// The stage for a weekly barefoot volume: the last one whose threshold it reaches.
    public func stage(forMinutesPerWeek minutes: Int) -> BarefootStage? {
        stages.last { minutes >= $0.fromMinutesPerWeek } ?? stages.first
    }

    /// First-week barefoot minutes by current footwear.
    public struct StartMinutes: Sendable, Hashable, Codable {
        public var cushioned: Int
        public var minimal: Int
        public var barefoot: Int

        public init(cushioned: Int, minimal: Int, barefoot: Int) {
            self.cushioned = cushioned
            self.minimal = minimal
            self.barefoot = barefoot
        }
    }

    enum CodingKeys: String, CodingKey {
        case startMinutesPerWeek = "start_minutes_per_week"
        case maxMinutesPerWeek = "max_minutes_per_week"
        case stages
        case stopRules = "stop_rules"
        case sources
    }
}

/// One step of the barefoot plan, reached at a weekly volume.
public struct BarefootStage: Sendable, Hashable, Codable {
    /// Weekly barefoot minutes from which this stage applies.
    public var fromMinutesPerWeek: Int
    /// What to do barefoot, e.g. "walking at home, then easy strides on grass".
    public var activity: String
    /// Where, e.g. "indoors, lawn, artificial turf".
    public var surfaces: String
    /// Library entries done barefoot at this stage.
    public var entryIDs: [String]

    public init(fromMinutesPerWeek: Int, activity: String, surfaces: String, entryIDs: [String]) {
        self.fromMinutesPerWeek = fromMinutesPerWeek
        self.activity = activity
        self.surfaces = surfaces
        self.entryIDs = entryIDs
    }

    enum CodingKeys: String, CodingKey {
        case fromMinutesPerWeek = "from_minutes_per_week"
        case activity, surfaces
        case entryIDs = "entries"
    }
}

/// A warning sign during barefoot work and what to do about it.
public struct StopRule: Sendable, Hashable, Codable {
    /// What the runner notices, e.g. "calf or Achilles soreness that lasts into the next day".
    public var sign: String
    /// What to do now (back off, drop a stage, stop).
    public var action: String
    /// When to see a professional (physiotherapist, sports doctor).
    public var seeProfessional: String

    public init(sign: String, action: String, seeProfessional: String) {
        self.sign = sign
        self.action = action
        self.seeProfessional = seeProfessional
    }

    enum CodingKeys: String, CodingKey {
        case sign, action
        case seeProfessional = "see_professional"
    }
}
