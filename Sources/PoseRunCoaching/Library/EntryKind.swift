/// What sort of work a library entry is; the plan places each kind in its own part of a session.
public enum EntryKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A Pose Method technique drill, aimed at one or more faults.
    case poseDrill = "pose_drill"
    /// Strength work for runners (glutes, hamstrings, core, calves, feet).
    case strength
    /// Mobility for the tight side of the lower-crossed pattern.
    case mobility
    /// Barefoot work; only planned when the runner reports no pain or injury.
    case barefoot

    /// Plain name for headings.
    public var title: String {
        switch self {
        case .poseDrill: return "Pose drill"
        case .strength: return "Strength"
        case .mobility: return "Mobility"
        case .barefoot: return "Barefoot"
        }
    }
}
