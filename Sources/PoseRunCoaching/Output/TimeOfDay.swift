/// A local time of day for timed calendar events (no time zone: the runner's own clock).
public struct TimeOfDay: Sendable, Hashable, Codable {
    public var hour: Int
    public var minute: Int

    /// A valid 24-hour time, or `nil`.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour; the hour may have one digit).
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }
}
