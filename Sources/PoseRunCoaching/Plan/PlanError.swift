/// Why a plan could not be built from the options given.
public enum PlanError: Error, Sendable, Hashable, CustomStringConvertible {
    case weeksOutOfRange(Int)
    case weeklyMinutesOutOfRange(Int)

    /// Plans from 1 to 52 weeks.
    public static let weekRange = 1...52
    /// Below 10 minutes a week no session can hold a drill and its rest; above 600 is not a drill plan.
    public static let weeklyMinutesRange = 10...600

    public var description: String {
        switch self {
        case .weeksOutOfRange(let weeks):
            return "a plan of \(weeks) weeks is out of range: give \(Self.weekRange.lowerBound) to \(Self.weekRange.upperBound) weeks (8 to 12 is typical)."
        case .weeklyMinutesOutOfRange(let minutes):
            return "\(minutes) minutes a week is out of range: give \(Self.weeklyMinutesRange.lowerBound) to \(Self.weeklyMinutesRange.upperBound) minutes a week for drills, strength and mobility."
        }
    }
}
