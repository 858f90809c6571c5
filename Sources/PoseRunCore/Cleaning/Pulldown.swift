/// A regular pulldown: footage filmed at a lower rate, put into a faster container by repeating one frame in
/// every `period` (24 fps in 30 repeats every 5th frame, 25 in 30 every 6th, 30 in 60 every 2nd).
///
/// Why it matters: the distinct frames keep the container's times, which are uneven on the clock the footage
/// was filmed on. At 24 in 30, four real intervals of 1/24 s read 1/30, 1/30, 1/30 and 2/30 s, so the feet's
/// speeds swing by +25 % / −37 % with a five-frame period — 6 Hz, right at the filter's cut-off — and the
/// event detector's speed thresholds are crossed early or late by it. Timed on the capture clock, the swing
/// is gone; the events are then placed back on the container's frames, which is where a viewer sees them.
public struct Pulldown: Sendable, Hashable {
    /// Container frames per repeat.
    public var period: Int
    /// The container frames (positions) that repeat the one before under the pattern, including repeats the
    /// frame-difference detector missed (a repeat of a still moment can differ by more than its threshold).
    public var repeats: Set<Int>
    /// The container's frame rate.
    public var containerFrameRate: Double

    /// Frames per second the footage was filmed at: (period − 1) distinct frames in every period.
    public var captureFrameRate: Double { containerFrameRate * Double(period - 1) / Double(period) }

    /// The share of the gaps between found repeats that must be whole periods (or a period ± 1, a shift of
    /// the pattern's phase, as F_Running_8 shows between frames 51 and 55) to call the pattern regular.
    /// Heuristic: the 24-in-30 and 25-in-30 clips of video-dev have 100 % (after the frozen intro);
    /// repeats that are not a pulldown (a phone dropping frames now and then) have no common gap.
    public static let regularGapShare = 0.8
    /// At least this many repeats on the pattern: fewer cycles cannot show a period.
    public static let fewestRepeats = 4
    /// The repeats found must be at least this share of the pattern's: a few repeats that happen to lie whole
    /// periods apart are no pattern. Heuristic: the detector finds 64–100 % of them on the video-dev clips (64 %
    /// on Overstride_5, slow motion, whose repeats differ little from the frames around them).
    public static let fewestFoundShare = 0.5
    /// Periods looked for: 2 (30 in 60) to 12 (a 27.5-in-30 conversion would be 12).
    static let periods = 2...12

    /// The pattern in a sequence's repeated frames, or nil when they are not a regular pulldown (none, too few,
    /// or irregular). Runs of consecutive repeats (a frozen still) are no part of a pattern and stay repeats.
    public static func find(in sequence: KeypointSequence) -> Pulldown? {
        find(repeatedFrames: sequence.repeatedFrames, frameCount: sequence.frameCount, frameRate: sequence.frameRate)
    }

    /// The same, from the repeated positions, the number of frames and the container's rate.
    public static func find(repeatedFrames: Set<Int>, frameCount: Int, frameRate: Double) -> Pulldown? {
        guard frameRate.isFinite, frameRate > 0 else { return nil }
        // Repeats next to another repeat are a freeze, not a pulldown's single repeat.
        let single = repeatedFrames.filter { $0 > 0 && $0 < frameCount && !repeatedFrames.contains($0 - 1) && !repeatedFrames.contains($0 + 1) }
            .sorted()
        guard single.count >= fewestRepeats else { return nil }
        let gaps = zip(single.dropFirst(), single).map { $0 - $1 }
        // The period: the gap most often seen (the smallest of equals).
        var counts: [Int: Int] = [:]
        for g in gaps where periods.contains(g) { counts[g, default: 0] += 1 }
        guard let period = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return nil }
        func isRegular(_ gap: Int) -> Bool { gap % period == 0 || abs(gap - period) == 1 }
        let regular = gaps.filter(isRegular).count
        guard Double(regular) >= regularGapShare * Double(gaps.count) else { return nil }

        // The chain: repeats a regular gap apart, with the missed ones between whole periods filled in, and the
        // pattern carried on to both ends of the clip.
        var chain: [Int] = []
        for (k, r) in single.enumerated() {
            let joinsBefore = k > 0 && isRegular(r - single[k - 1])
            let joinsAfter = k + 1 < single.count && isRegular(single[k + 1] - r)
            guard joinsBefore || joinsAfter else { continue }
            if let last = chain.last, (r - last) % period == 0 {
                chain += Swift.stride(from: last + period, to: r, by: period)
            }
            chain.append(r)
        }
        guard chain.count >= fewestRepeats, let first = chain.first, let last = chain.last else { return nil }
        // A frozen intro or ending repeats anyway; carrying the pattern into it does no harm.
        let before = Swift.stride(from: first - period, to: 0, by: -period)
        let after = Swift.stride(from: last + period, to: frameCount, by: period)
        let repeats = Set(chain).union(before).union(after)
        guard Double(single.count) >= fewestFoundShare * Double(repeats.count) else { return nil }
        return Pulldown(period: period, repeats: repeats, containerFrameRate: frameRate)
    }

    /// How much earlier than its container time a distinct frame was filmed, per distinct frame that follows
    /// it before the next repeat: 1/capture − 1/container seconds (1/120 s at 24 in 30). The frame just before
    /// a repeat is taken as on time; which frame is on time only shifts the whole clock, which no duration sees.
    var earlierPerFrameBeforeRepeat: Double { 1 / captureFrameRate - 1 / containerFrameRate }

    /// The sequence on the capture clock: the pattern's repeats dropped, each distinct frame at the time it was
    /// filmed (evenly spaced at the capture rate), the frame rate the capture rate, and the frame numbers the
    /// container's, so that events still name the frame a viewer sees. Repeats off the pattern (a freeze)
    /// stay repeats. Nil when the times would not increase (a container whose own times are uneven enough),
    /// in which case the clip is better measured as it is.
    public func captureSequence(of sequence: KeypointSequence) -> CaptureSequence? {
        let n = sequence.frameCount
        let kept = (0..<n).filter { !repeats.contains($0) }
        // Distinct frames until the next repeat, counted back from each repeat (and from the pattern's next
        // one after the clip's end).
        var untilRepeat = [Int](repeating: 0, count: n)
        var nextRepeat = (repeats.max() ?? -1) + period
        var count = 0
        for i in stride(from: n - 1, through: 0, by: -1) {
            if repeats.contains(i) {
                nextRepeat = i
                count = 0
                continue
            }
            // Frames after the last repeat: those between them and the pattern's next.
            untilRepeat[i] = nextRepeat > n - 1 ? nextRepeat - i - 1 : count
            count += 1
        }
        let early = earlierPerFrameBeforeRepeat
        var out = sequence
        out.times = kept.map { sequence.times[$0] - Double(min(untilRepeat[$0], period - 2)) * early }
        out.frameNumbers = kept.map { sequence.frameNumbers[$0] }
        out.tracks = sequence.tracks.mapValues { t in
            guard t.count == n else { return t }
            return LandmarkTrack(x: kept.map { t.x[$0] }, y: kept.map { t.y[$0] }, confidence: kept.map { t.confidence[$0] })
        }
        guard zip(out.times.dropFirst(), out.times).allSatisfy({ $0 > $1 }) else { return nil }
        out.frameRate = captureFrameRate
        var position = [Int: Int]()
        for (k, i) in kept.enumerated() { position[i] = k }
        out.repeatedFrames = Set(sequence.repeatedFrames.compactMap { position[$0] })
        return CaptureSequence(sequence: out, containerPositions: kept, containerTimes: kept.map { sequence.times[$0] })
    }
}

/// A sequence on its capture clock, and where each of its frames sits in the container.
public struct CaptureSequence: Sendable {
    /// The distinct frames, timed as filmed.
    public var sequence: KeypointSequence
    /// Each frame's position in the container sequence.
    public var containerPositions: [Int]
    /// Each frame's time in the container.
    public var containerTimes: [Double]

    /// A capture-clock time on the container's clock: linear between the distinct frames around it (a moment
    /// between two filmed frames falls between the container frames that show them), a second for a second
    /// beyond the ends.
    public func containerTime(_ time: Double) -> Double {
        let t = sequence.times
        guard let first = t.first, let last = t.last, let firstC = containerTimes.first, let lastC = containerTimes.last else { return time }
        if time <= first { return firstC + (time - first) }
        if time >= last { return lastC + (time - last) }
        guard let (lo, hi) = Signal.bracket(time, in: t) else { return firstC + (time - first) }
        let span = t[hi] - t[lo]
        let f = span > 0 ? (time - t[lo]) / span : 0
        return containerTimes[lo] + f * (containerTimes[hi] - containerTimes[lo])
    }

    /// The cleaned capture-clock sequence spread back over the container's frames: each container frame gets
    /// the keypoints of the filmed frame it shows (a repeat those of its original), at the container's times.
    public func containerFrames(of cleaned: KeypointSequence, container: KeypointSequence) -> KeypointSequence {
        let n = container.frameCount
        var shown = [Int](repeating: 0, count: n)
        var k = 0
        for i in 0..<n {
            while k + 1 < containerPositions.count && containerPositions[k + 1] <= i { k += 1 }
            shown[i] = k
        }
        var out = cleaned
        out.times = container.times
        out.frameNumbers = container.frameNumbers
        out.frameRate = container.frameRate
        out.repeatedFrames = container.repeatedFrames
        out.tracks = cleaned.tracks.mapValues { t in
            guard t.count == containerPositions.count else { return t }
            return LandmarkTrack(x: shown.map { t.x[$0] }, y: shown.map { t.y[$0] }, confidence: shown.map { t.confidence[$0] })
        }
        return out
    }
}
