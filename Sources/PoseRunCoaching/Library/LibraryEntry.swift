public import PoseRunCore

/// One drill or exercise of the library, as a coach would hand it to a runner.
public struct LibraryEntry: Sendable, Hashable, Codable, Identifiable {
    /// Stable identifier, `snake_case`, unique in the library.
    public var id: String
    public var name: String
    public var kind: EntryKind
    /// Faults this entry works on (may be empty for general strength or mobility).
    public var faults: [Fault]
    /// Body areas it trains or frees.
    public var areas: [BodyArea]
    /// Blocks it belongs to, scheduled whatever the faults (e.g. the lower-crossed corrective block).
    public var blocks: [LibraryBlock]
    /// Why do it: one or two sentences.
    public var why: String
    public var how: HowTo
    public var dose: Dose
    /// How to make it harder once it is easy and pain-free.
    public var progress: String
    /// How to make it easier when it cannot be done well.
    public var regress: String
    /// When not to do it.
    public var contraindications: [String]
    /// Where the rationale comes from.
    public var sources: [EntrySource]

    public init(
        id: String, name: String, kind: EntryKind, faults: [Fault], areas: [BodyArea], blocks: [LibraryBlock],
        why: String, how: HowTo, dose: Dose, progress: String, regress: String, contraindications: [String],
        sources: [EntrySource]
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.faults = faults
        self.areas = areas
        self.blocks = blocks
        self.why = why
        self.how = how
        self.dose = dose
        self.progress = progress
        self.regress = regress
        self.contraindications = contraindications
        self.sources = sources
    }

    /// The criteria this entry works on, through its faults.
    public var criteria: [CriterionID] {
        var seen: [CriterionID] = []
        for fault in faults where !seen.contains(fault.criterion) { seen.append(fault.criterion) }
        return seen
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(EntryKind.self, forKey: .kind)
        faults = try c.decodeIfPresent([Fault].self, forKey: .faults) ?? []
        areas = try c.decodeIfPresent([BodyArea].self, forKey: .areas) ?? []
        blocks = try c.decodeIfPresent([LibraryBlock].self, forKey: .blocks) ?? []
        why = try c.decode(String.self, forKey: .why)
        how = try c.decode(HowTo.self, forKey: .how)
        dose = try c.decode(Dose.self, forKey: .dose)
        progress = try c.decode(String.self, forKey: .progress)
        regress = try c.decode(String.self, forKey: .regress)
        contraindications = try c.decode([String].self, forKey: .contraindications)
        sources = try c.decode([EntrySource].self, forKey: .sources)
    }
}

/// Steps to follow and the cues a coach would call out while watching.
public struct HowTo: Sendable, Hashable, Codable {
    public var steps: [String]
    public var cues: [String]

    public init(steps: [String], cues: [String]) {
        self.steps = steps
        self.cues = cues
    }
}
