/// An event stored in a C3D file: a label such as "Foot Strike" in a context such as "Left".
public struct C3DEvent: Sendable, Hashable {
    /// EVENT:CONTEXTS, e.g. "Left", "Right", "General" (empty for header events).
    public var context: String
    /// EVENT:LABELS, e.g. "Foot Strike", "Foot Off".
    public var label: String
    /// Seconds in the C3D time base (EVENT:TIMES minutes × 60 + seconds).
    public var time: Double
    /// Where the event came from: the EVENT parameter group or the header's event block.
    public var source: Source

    public enum Source: String, Sendable, Hashable {
        case parameters
        case header
    }

    public init(context: String, label: String, time: Double, source: Source = .parameters) {
        self.context = context
        self.label = label
        self.time = time
        self.source = source
    }
}
