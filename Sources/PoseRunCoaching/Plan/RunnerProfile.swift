import Foundation
/// What the plan must respect about the runner: experience, time, footwear and injuries.
public struct RunnerProfile: Sendable, Hashable, Codable {
    public var experience: Experience
    /// Minutes a week the runner can give to the plan's drills, strength, mobility and barefoot work;
    /// `nil` takes the experience cap.
    public var weeklyMinutes: Int?
    public var footwear: Footwear
    /// Pain or injury history as the runner reported it, in their words; empty when none.
    public var injuries: [String]

    public init(experience: Experience = .beginner, weeklyMinutes: Int? = nil, footwear: Footwear = .cushioned, injuries: [String] = []) {
        self.experience = experience
        self.weeklyMinutes = weeklyMinutes
        self.footwear = footwear
        self.injuries = injuries
    }

    /// Answers that mean "nothing to report"; anything else counts as pain or injury, to be safe.
    static let noInjuryWords: Set<String> = ["", "none", "no", "n/a", "na", "nothing", "-"]

    /// Reported injuries, without the answers that mean "none".
    public var reportedInjuries: [String] {
        injuries.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !Self.noInjuryWords.contains($0.lowercased()) }
    }

    /// Whether the runner reported any pain or injury: then the plan leaves barefoot progression out.
    public var reportsPainOrInjury: Bool { !reportedInjuries.isEmpty }

    enum CodingKeys: String, CodingKey {
        case experience
        case weeklyMinutes = "weekly_minutes"
        case footwear, injuries
    }
}

/// How long the runner has been running and training; sets the caps on sessions and minutes.
public enum Experience: String, Sendable, Hashable, Codable, CaseIterable {
    case beginner, intermediate, advanced
}

/// What the runner runs in now; sets where barefoot progression starts.
public enum Footwear: String, Sendable, Hashable, Codable, CaseIterable {
    /// Conventional cushioned running shoes.
    case cushioned
    /// Thin, flat, flexible shoes.
    case minimal
    /// Already running barefoot.
    case barefoot
}
