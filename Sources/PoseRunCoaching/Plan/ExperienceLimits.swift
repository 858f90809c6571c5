/// Caps on the plan by experience: how many sessions, how long, how many faults at once.
///
/// General coaching practice (not from a study): a newer runner does fewer, shorter sessions and
/// works on fewer faults at a time, because attention and tissue tolerance are both limited.
public struct ExperienceLimits: Sendable, Hashable, Codable {
    /// Most plan sessions a week.
    public var sessionsPerWeek: Int
    /// Most minutes in one session (drills or strength, with any barefoot work).
    public var maxSessionMinutes: Int
    /// Faults worked on at once, taken in the assessment's priority order.
    public var faultsInFocus: Int
    /// Pose drills chosen per fault in focus.
    public var drillsPerFault: Int
    /// Most different Pose drills in a technique session.
    public var maxDrillsPerSession: Int
    /// Most different strength or mobility exercises in a strength session.
    public var maxExercisesPerSession: Int

    /// Most minutes a week the plan will ask for at this level.
    public var maxWeeklyMinutes: Int { sessionsPerWeek * maxSessionMinutes }

    public init(
        sessionsPerWeek: Int, maxSessionMinutes: Int, faultsInFocus: Int, drillsPerFault: Int,
        maxDrillsPerSession: Int, maxExercisesPerSession: Int
    ) {
        self.sessionsPerWeek = sessionsPerWeek
        self.maxSessionMinutes = maxSessionMinutes
        self.faultsInFocus = faultsInFocus
        self.drillsPerFault = drillsPerFault
        self.maxDrillsPerSession = maxDrillsPerSession
        self.maxExercisesPerSession = maxExercisesPerSession
    }

    /// The caps for an experience level (general practice; see docs/coaching.md).
    public static func `for`(_ experience: Experience) -> ExperienceLimits {
        switch experience {
        case .beginner:
            return ExperienceLimits(sessionsPerWeek: 3, maxSessionMinutes: 20, faultsInFocus: 2, drillsPerFault: 2,
                                    maxDrillsPerSession: 4, maxExercisesPerSession: 5)
        case .intermediate:
            return ExperienceLimits(sessionsPerWeek: 4, maxSessionMinutes: 25, faultsInFocus: 3, drillsPerFault: 2,
                                    maxDrillsPerSession: 5, maxExercisesPerSession: 6)
        case .advanced:
            return ExperienceLimits(sessionsPerWeek: 5, maxSessionMinutes: 30, faultsInFocus: 4, drillsPerFault: 2,
                                    maxDrillsPerSession: 6, maxExercisesPerSession: 7)
        }
    }

    enum CodingKeys: String, CodingKey {
        case sessionsPerWeek = "sessions_per_week"
        case maxSessionMinutes = "max_session_minutes"
        case faultsInFocus = "faults_in_focus"
        case drillsPerFault = "drills_per_fault"
        case maxDrillsPerSession = "max_drills_per_session"
        case maxExercisesPerSession = "max_exercises_per_session"
    }
}
