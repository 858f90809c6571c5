/// A part of the body an entry trains or frees, so strength and mobility can be chosen by need.
public enum BodyArea: String, Sendable, Hashable, Codable, CaseIterable {
    case glutes
    case hamstrings
    case core
    case calves
    case feet
    case hipFlexors = "hip_flexors"
    case quads
    case ankles
    /// The whole chain working together (most Pose drills).
    case wholeBody = "whole_body"
}
