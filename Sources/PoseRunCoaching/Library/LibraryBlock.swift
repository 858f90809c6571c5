/// A named group of entries the plan schedules as a unit, whatever the runner's faults.
public enum LibraryBlock: String, Sendable, Hashable, Codable, CaseIterable {
    /// Corrective work for the lower-crossed pattern from long sitting (domain brief §1):
    /// strengthen glutes, core and hamstrings; free quads, hip flexors and calves.
    case lowerCrossed = "lower_crossed"
    /// Preparing the calves, Achilles and feet for landing on the ball of the foot.
    case footAndCalf = "foot_and_calf"
}
