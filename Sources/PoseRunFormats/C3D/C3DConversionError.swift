/// Why C3D points could not become marker trajectories.
public struct C3DConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var fileName: String
    public var problem: String

    public var description: String { "\(fileName): \(problem)" }
}
