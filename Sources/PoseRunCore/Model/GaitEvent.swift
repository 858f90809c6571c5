/// The two events that bound a foot's contact with the ground.
public enum GaitEventKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The foot's first contact with the ground (foot strike, IC).
    case initialContact = "initial_contact"
    /// The foot leaving the ground (foot off, TO).
    case toeOff = "toe_off"
}

/// A gait event: which foot, which event, when.
public struct GaitEvent: Sendable, Hashable, Codable {
    public var side: Side
    public var kind: GaitEventKind
    /// Seconds, in the input's own time base.
    public var time: Double
    /// The input's own frame number nearest the event.
    public var frame: Int

    public init(side: Side, kind: GaitEventKind, time: Double, frame: Int) {
        self.side = side
        self.kind = kind
        self.time = time
        self.frame = frame
    }

    /// Steps per minute over step times, seconds: 60 / their mean (steps ÷ the time they took); nil when there are
    /// none or their mean is not positive.
    public static func stepsPerMinute(overStepTimes stepTimes: [Double]) -> Double? {
        guard !stepTimes.isEmpty else { return nil }
        let mean = stepTimes.reduce(0, +) / Double(stepTimes.count)
        return mean > 0 ? 60 / mean : nil
    }
}

extension Array where Element == GaitEvent {
    /// The initial contacts of one foot, in time order.
    public func initialContacts(of side: Side) -> [GaitEvent] {
        filter { $0.side == side && $0.kind == .initialContact }.sorted { $0.time < $1.time }
    }

    /// Steps per minute over consecutive initial contacts of alternating feet (mean step time), or `nil`
    /// when no two consecutive contacts alternate. Used to compare detected and reference cadence over the
    /// same contacts.
    public func cadenceOverAlternatingContacts() -> Double? {
        GaitEvent.stepsPerMinute(overStepTimes: stepTimesOverAlternatingContacts())
    }

    /// The times between consecutive initial contacts of alternating feet, in time order (a same-foot pair, a
    /// contact missed between them, gives none).
    public func stepTimesOverAlternatingContacts() -> [Double] {
        let ics = filter { $0.kind == .initialContact }.sorted { $0.time < $1.time }
        return zip(ics, ics.dropFirst()).filter { $0.side != $1.side }.map { $1.time - $0.time }
    }

    /// The toe-offs of one foot, in time order.
    public func toeOffs(of side: Side) -> [GaitEvent] {
        filter { $0.side == side && $0.kind == .toeOff }.sorted { $0.time < $1.time }
    }
}
