/// A side of the body. Runners are measured per side because asymmetry is itself a finding.
public enum Side: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case left
    case right

    /// The other side.
    public var opposite: Side { self == .left ? .right : .left }

    /// Hashed by case, not by the raw string `RawRepresentable`'s default hashes (see `Landmark.ordinal`).
    public func hash(into hasher: inout Hasher) { hasher.combine(self == .left) }

    public var description: String { rawValue }
}
