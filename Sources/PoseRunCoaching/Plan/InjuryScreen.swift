/// Leaves out entries whose contraindications name a body part the runner reported pain or injury in.
///
/// Deliberately simple and cautious: a word match on a short list of body parts, so "sore Achilles"
/// removes every entry that says "not with Achilles pain". It is a safety net, not a diagnosis; the
/// plan still tells an injured runner to get checked first.
public struct InjuryScreen: Sendable, Hashable {
    /// Body parts as they appear in contraindications.
    public static let bodyParts = [
        "achilles", "calf", "hamstring", "knee", "ankle", "foot", "forefoot", "heel", "arch", "shin", "hip",
        "back", "shoulder", "wrist",
    ]
    /// Words a runner may write, and the body parts they stand for.
    public static let synonyms: [String: [String]] = [
        "calves": ["calf"], "feet": ["foot"], "toe": ["foot", "forefoot"], "toes": ["foot", "forefoot"],
        "plantar": ["heel", "arch", "foot"], "fasciitis": ["heel", "arch", "foot"], "metatarsal": ["foot", "forefoot"],
        "tendinopathy": [], "tendon": [], "lumbar": ["back"], "spine": ["back"], "patella": ["knee"],
        "patellar": ["knee"], "patellofemoral": ["knee"], "itb": ["knee", "hip"], "iliotibial": ["knee", "hip"],
        "tibia": ["shin"], "tibial": ["shin"], "sprain": ["ankle"], "glute": ["hip"], "groin": ["hip"],
    ]

    /// Body parts named in the runner's reports.
    public let affected: Set<String>

    public init(injuries: [String]) {
        var parts: Set<String> = []
        for report in injuries {
            let words = report.lowercased().split { !$0.isLetter }.map(String.init)
            for word in words {
                if Self.bodyParts.contains(word) { parts.insert(word) }
                if word.hasSuffix("s"), Self.bodyParts.contains(String(word.dropLast())) { parts.insert(String(word.dropLast())) }
                for part in Self.synonyms[word] ?? [] { parts.insert(part) }
            }
        }
        affected = parts
    }

    /// The reported body part that rules an entry out, if any.
    public func conflict(with entry: LibraryEntry) -> String? {
        for contraindication in entry.contraindications {
            let words = Set(contraindication.lowercased().split { !$0.isLetter }.map(String.init))
            if let part = Self.bodyParts.first(where: { affected.contains($0) && words.contains($0) }) { return part }
        }
        return nil
    }
}

/// A library entry the plan left out for this runner, and why.
public struct LeftOutEntry: Sendable, Hashable, Codable {
    public var entryID: String
    public var name: String
    public var reason: String

    public init(entryID: String, name: String, reason: String) {
        self.entryID = entryID
        self.name = name
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case entryID = "entry_id"
        case name, reason
    }
}
