/// The legs' rhythm over the whole clip, found without any gait event: the period at which the feet's
/// fore-aft positions relative to the hips best repeat themselves (autocorrelation).
///
/// This is the second, independent cadence the event cadence is checked against: a missed or doubled
/// contact changes the events' cadence but not the period at which the legs swing. It needs no foot to
/// touch anything visible, so it also holds where contacts are hard to see (grass, a belt's edge).
public struct LegRhythm: Sendable, Hashable, Codable {
    /// Seconds per stride (one foot's contact to its next), in the sequence's time base.
    public var strideSeconds: Double
    /// Autocorrelation at that period, 0…1: how exactly the legs repeat (above ~0.8 for steady running).
    public var strength: Double

    /// Steps per minute: two steps a stride.
    public var stepsPerMinute: Double { 120 / strideSeconds }

    /// Strides shorter than this are not looked for: 0.4 s is 300 steps/min, above elite sprint cadences
    /// (~280 steps/min; Dorn 2012's 9.5 m/s trial ran ~270).
    public static let shortestStrideSeconds = 0.4
    /// The feet must be seen over at least this many strides (three steps) for a period to be read: with
    /// fewer the autocorrelation at the period rests on less than half a stride of overlap.
    public static let fewestStrides = 1.5
    /// Steps longer than this are not looked for: 4 s is a 170 steps/min runner slowed ×11 (the slowest shared
    /// clip is ×9); it also bounds the work, which grows with the number of lags tried (10 minutes at 60 fps
    /// with every lag up to a third of the clip would be ~4·10⁸ products per signal).
    public static let longestStepSeconds = 4.0
    /// Below this autocorrelation the legs do not repeat well enough to read a period; heuristic (white
    /// noise gives ~0, a steady side-on runner 0.8–0.95). The period is the *first* peak above it: two
    /// steps repeat about as well as one, and choosing the highest peak could halve the cadence (the ×9
    /// slow-motion lab clip: 0.56 at one step, 0.66 at two).
    public static let weakestRhythm = 0.5

    public init(strideSeconds: Double, strength: Double) {
        self.strideSeconds = strideSeconds
        self.strength = strength
    }

    /// The rhythm of a sequence (forward = +x or −x, either), or nil when the clip is too short, the feet
    /// are missing, or nothing repeats.
    public static func find(in sequence: KeypointSequence, midHip: [PlanePoint?]) -> LegRhythm? {
        let n = sequence.frameCount
        guard n >= 8, let first = sequence.times.first, let last = sequence.times.last, last > first else { return nil }
        let interval = (last - first) / Double(n - 1)

        // Each foot's fore-aft position relative to the hips.
        var feet: [[Double]] = []
        for side in Side.allCases {
            let parts = [Landmark.ankle(side), .heel(side), .toe(side)].compactMap { sequence.tracks[$0] }
            guard !parts.isEmpty else { continue }
            var x = [Double](repeating: .nan, count: n)
            for i in 0..<n {
                guard let hip = midHip[i]?.x else { continue }
                let present = parts.map { $0.x[i] }.filter(\.isFinite)
                if !present.isEmpty { x[i] = present.reduce(0, +) / Double(present.count) - hip }
            }
            if x.filter(\.isFinite).count >= n / 2 { feet.append(x) }
        }
        // With both feet, their separation: it repeats once a step and is the same whichever foot the pose
        // model calls left (a left/right swap, common in side views, leaves it unchanged). With one foot,
        // its own position, which repeats once a stride.
        let perStep = feet.count == 2
        let signals = perStep ? [(0..<n).map { abs(feet[0][$0] - feet[1][$0]) }] : feet
        let cyclesPerStride = perStep ? 2.0 : 1.0
        guard !signals.isEmpty else { return nil }
        // The span over which the feet are seen, frames.
        let seen = (0..<n).filter { i in signals.contains { $0[i].isFinite } }
        guard let firstSeen = seen.first, let lastSeen = seen.last else { return nil }
        let shortestLag = max(2, Int((shortestStrideSeconds / cyclesPerStride / interval).rounded(.down)))
        let longestLag = min(
            Int((Double(lastSeen - firstSeen + 1) / (fewestStrides * cyclesPerStride)).rounded(.down)),
            Int((longestStepSeconds * (perStep ? 1 : 2) / interval).rounded(.down)))
        guard longestLag > shortestLag + 2 else { return nil }

        // Mean Pearson correlation of each signal with itself `lag` frames later, over the frames both have,
        // lag by lag until the first peak above `weakestRhythm` is passed (the rest cannot change the answer).
        var r = [Double](repeating: -1, count: longestLag + 2)
        func compute(_ lag: Int) {
            var total = 0.0, count = 0
            for x in signals {
                if let c = correlation(x, lag: lag) { total += c; count += 1 }
            }
            if count > 0 { r[lag] = total / Double(count) }
        }
        compute(shortestLag - 1)
        compute(shortestLag)
        var found: Int?
        for lag in shortestLag...longestLag {
            compute(lag + 1)
            if r[lag] > r[lag - 1], r[lag] >= r[lag + 1], r[lag] >= weakestRhythm {
                found = lag
                break
            }
        }
        guard let lag = found else { return nil }
        // Parabolic interpolation between frames.
        let a = r[lag - 1], b = r[lag], c = r[lag + 1]
        let denominator = a - 2 * b + c
        let offset = denominator < 0 ? max(-0.5, min(0.5, 0.5 * (a - c) / denominator)) : 0
        return LegRhythm(strideSeconds: (Double(lag) + offset) * interval * cyclesPerStride, strength: b)
    }

    private static func correlation(_ x: [Double], lag: Int) -> Double? {
        var sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0, k = 0.0
        for i in 0..<(x.count - lag) {
            let a = x[i], b = x[i + lag]
            guard a.isFinite, b.isFinite else { continue }
            sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b; k += 1
        }
        guard k >= 4 else { return nil }
        let va = saa - sa * sa / k, vb = sbb - sb * sb / k
        guard va > 0, vb > 0 else { return nil }
        return (sab - sa * sb / k) / (va * vb).squareRoot()
    }
}
