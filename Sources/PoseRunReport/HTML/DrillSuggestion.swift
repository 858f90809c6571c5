public import PoseRunCore

/// A drill the coaching plan gives for a fault, as the report shows it beside that fault.
///
/// A plain value so the report does not depend on the coaching library; the command maps
/// `CoachingPlan.focus` and its entries into these.
public struct DrillSuggestion: Sendable, Hashable {
    public var fault: Fault
    public var name: String
    /// The dose in words, e.g. "3 × 20 s per side".
    public var dose: String
    /// Why do it, one sentence.
    public var why: String

    public init(fault: Fault, name: String, dose: String, why: String) {
        self.fault = fault
        self.name = name
        self.dose = dose
        self.why = why
    }
}
