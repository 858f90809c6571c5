/// How much of an entry to do in one session, and how long that takes.
public struct Dose: Sendable, Hashable, Codable {
    /// Sets at the full dose; the plan may prescribe fewer early on.
    public var sets: Int
    /// Repetitions per set, or `nil` when the set is timed.
    public var reps: Int?
    /// Seconds per set, or `nil` when the set is counted in reps.
    public var seconds: Int?
    /// Whether reps or seconds are per side (each leg).
    public var perSide: Bool
    /// Rest between sets.
    public var restSeconds: Int
    /// Time the full dose takes, rest included: what the plan uses to fit sessions into the runner's minutes.
    public var minutes: Double
    /// Anything the numbers cannot say (tempo, distance, surface).
    public var note: String?

    public init(
        sets: Int, reps: Int?, seconds: Int?, perSide: Bool, restSeconds: Int, minutes: Double, note: String? = nil
    ) {
        self.sets = sets
        self.reps = reps
        self.seconds = seconds
        self.perSide = perSide
        self.restSeconds = restSeconds
        self.minutes = minutes
        self.note = note
    }

    /// Minutes one set takes, rest included.
    public var minutesPerSet: Double { minutes / Double(max(sets, 1)) }

    /// The dose in words for a given number of sets, e.g. "2 × 10 per side, rest 45 s".
    public func text(sets setCount: Int) -> String {
        var work: String
        if let reps {
            work = "\(setCount) × \(reps)"
        } else if let seconds {
            work = seconds >= 60 && seconds % 60 == 0 ? "\(setCount) × \(seconds / 60) min" : "\(setCount) × \(seconds) s"
        } else {
            work = "\(setCount) sets"
        }
        if perSide { work += " per side" }
        if restSeconds > 0 { work += ", rest \(restSeconds) s" }
        if let note, !note.isEmpty { work += " (\(note))" }
        return work
    }

    /// The full dose in words.
    public var text: String { text(sets: sets) }

    enum CodingKeys: String, CodingKey {
        case sets, reps, seconds
        case perSide = "per_side"
        case restSeconds = "rest_seconds"
        case minutes, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sets = try c.decode(Int.self, forKey: .sets)
        reps = try c.decodeIfPresent(Int.self, forKey: .reps)
        seconds = try c.decodeIfPresent(Int.self, forKey: .seconds)
        perSide = try c.decodeIfPresent(Bool.self, forKey: .perSide) ?? false
        restSeconds = try c.decode(Int.self, forKey: .restSeconds)
        minutes = try c.decode(Double.self, forKey: .minutes)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}
