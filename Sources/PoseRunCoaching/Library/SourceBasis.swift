/// Where an entry's rationale comes from. Nothing else is allowed: no invented citations.
public enum SourceBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// The method's own teaching (Romanov), and drill cues quoted in the domain brief.
    case poseMethod = "pose_method"
    /// A study named in the domain brief, cited as there.
    case study
    /// General strength-and-conditioning practice: common coaching habit, not a specific study.
    case generalSC = "general_sc"

    /// Plain words for the report.
    public var title: String {
        switch self {
        case .poseMethod: return "Pose Method teaching"
        case .study: return "study"
        case .generalSC: return "general strength-and-conditioning practice"
        }
    }
}

/// One source behind an entry: its basis and the citation or description.
public struct EntrySource: Sendable, Hashable, Codable {
    public var basis: SourceBasis
    /// For `study`, a study named in the domain brief, starting with its author and year as there.
    public var citation: String

    public init(basis: SourceBasis, citation: String) {
        self.basis = basis
        self.citation = citation
    }
}

/// The studies the domain brief (`../shared/docs/pose-method.md`) names; a `study` source must start
/// with one of these so that the library never cites anything the brief does not.
public enum BriefStudies {
    public static let citationPrefixes: [String] = [
        "Romanov & Fletcher 2007",
        "Arendse et al. 2004",
        "Dallam et al. 2005",
        "Fletcher, Romanov & Bartlett 2008",
        "Heiderscheit 2011",
        "Thakkar 2019",
        "Altman & Davis 2012",
        "Souza 2016",
        "Bramah 2018",
        "Teng & Powers 2014",
        "Teng & Powers 2015",
        "Yegian 2019",
        "Folland 2017",
    ]

    /// Whether a citation starts with a study the brief names.
    public static func isNamedInBrief(_ citation: String) -> Bool {
        citationPrefixes.contains { citation.hasPrefix($0) }
    }
}
