/// A video that plays slower than it was filmed: the legs' rhythm at the container's rate is slower than
/// anyone runs. Phones film slow motion at 120 or 240 fps and store it at 30, and the rate it was filmed
/// at is often not in the file.
///
/// Such a clip is analysed as if filmed at `factor ×` its rate (so filtering and the detector's time
/// constants fit the motion), its events are reported in the clip's own time, its timings are not
/// measurable (the factor is an estimate, not a measurement) and it is not scored. `--capture-fps`
/// gives the real rate and so a scored analysis.
public struct SlowMotionEstimate: Sendable, Hashable, Codable {
    /// About how many times slower than real time the clip plays.
    public var factor: Double
    /// The factor's range over typical running cadences (`typicalRunningStepsPerMinute`).
    public var lowestFactor: Double
    public var highestFactor: Double
    /// The legs' rhythm at the rate the clip was given at, steps per minute.
    public var givenStepsPerMinute: Double
    /// The rate the clip was given at (the container's, or `--capture-fps`).
    public var givenFrameRate: Double

    /// A running cadence below this is not running at the rate given: adults run at 150–190 steps/min
    /// (Heiderscheit 2011 reports preferred rates in this band) and walk at 90–125; a slow jog
    /// stays well above 120. Heuristic: a real-time walk also falls below it, and is told apart by its
    /// missing flight phase.
    public static let slowestRunningStepsPerMinute = 120.0
    /// Below this not even a walk: adults walk at 90–125 steps/min and a very slow walk stays above 70.
    /// Legs swinging slower than this are slow motion whatever the gait, so the clip is told as slow motion
    /// even when its contacts show no flight; heuristic.
    public static let slowestGaitStepsPerMinute = 70.0
    /// Whether the rhythm is slow motion whatever the retimed analysis shows.
    public var isCertain: Bool { givenStepsPerMinute < Self.slowestGaitStepsPerMinute }

    /// The cadence the factor is estimated from, and the band its range comes from; heuristic (the
    /// middle and the ends of the adult band above).
    public static let typicalRunningStepsPerMinute = 170.0
    public static let typicalRunningBand = 150.0...190.0

    public init(rhythm: LegRhythm, givenFrameRate: Double) {
        givenStepsPerMinute = rhythm.stepsPerMinute
        self.givenFrameRate = givenFrameRate
        factor = Self.typicalRunningStepsPerMinute / rhythm.stepsPerMinute
        lowestFactor = Self.typicalRunningBand.lowerBound / rhythm.stepsPerMinute
        highestFactor = Self.typicalRunningBand.upperBound / rhythm.stepsPerMinute
    }

    /// The estimate for a rhythm, or nil when the rhythm is a plausible running cadence.
    public static func estimate(rhythm: LegRhythm?, givenFrameRate: Double) -> SlowMotionEstimate? {
        guard let rhythm, rhythm.stepsPerMinute < slowestRunningStepsPerMinute else { return nil }
        return SlowMotionEstimate(rhythm: rhythm, givenFrameRate: givenFrameRate)
    }

    enum CodingKeys: String, CodingKey {
        case factor
        case lowestFactor = "lowest_factor"
        case highestFactor = "highest_factor"
        case givenStepsPerMinute = "given_steps_per_minute"
        case givenFrameRate = "given_frame_rate"
    }
}

extension KeypointSequence {
    /// The same frames as if filmed `factor` times faster: times shrink about the first frame.
    func retimed(playingSlowerBy factor: Double) -> KeypointSequence {
        var out = self
        let origin = times.first ?? 0
        out.times = times.map { origin + ($0 - origin) / factor }
        out.frameRate = frameRate * factor
        return out
    }
}

extension Analysis {
    /// An analysis made on the retimed frames, told in the clip's own time: events and steps back on
    /// its clock, timings not measurable, not scored, and why.
    func tellingSlowMotion(_ estimate: SlowMotionEstimate, original: KeypointSequence) -> Analysis {
        let origin = original.times.first ?? 0
        let back: (Double) -> Double = { origin + ($0 - origin) * estimate.factor }
        var a = self
        a.events = events.map { var e = $0; e.time = back(e.time); return e }
        a.steps = steps.map { step in
            var s = step
            s.initialContactTime = back(s.initialContactTime)
            s.toeOffTime = s.toeOffTime.map(back)
            s.metrics = s.metrics.filter { !$0.key.definition.needsTrueFrameRate }
            return s
        }
        let rounded = estimate.factor >= 3 ? "\(Int(estimate.factor.rounded()))" : DecimalText.fixed(estimate.factor, 1)
        let reasonUnmeasurable = "Not measurable: the clip looks like slow motion (about ×\(rounded)) and the rate it was filmed at is "
            + "unknown; give that rate to measure it."
        for key in a.summary.keys where key.definition.needsTrueFrameRate {
            a.summary[key] = .notMeasurable(reason: reasonUnmeasurable)
        }
        let range = "×" + DecimalText.fixed(estimate.lowestFactor, 1) + "–" + DecimalText.fixed(estimate.highestFactor, 1)
        let gait = running.isRunning
            ? "slower than anyone runs (below \(Int(SlowMotionEstimate.slowestRunningStepsPerMinute)); adults run at \(Int(SlowMotionEstimate.typicalRunningBand.lowerBound))–\(Int(SlowMotionEstimate.typicalRunningBand.upperBound))), yet the feet leave the ground between steps as in running"
            : "slower than anyone walks or runs (below \(Int(SlowMotionEstimate.slowestGaitStepsPerMinute))); the contacts found do not show a flight phase, so whether it is running is not confirmed"
        a.running = RunningCheck(
            isRunning: false,
            reason: "This looks like slow motion (about ×\(rounded), \(range)): at the clip's \(Int(estimate.givenFrameRate.rounded())) fps "
                + "the legs swing at \(Int(estimate.givenStepsPerMinute.rounded())) steps/min, \(gait). Not scored: give the rate "
                + "it was filmed at (for a phone's slow motion often 120 or 240) to score it. Angles and positions are "
                + "measured; durations are not.")
        a.assessment = PoseMethodAssessor().assess(steps: a.steps, summary: a.summary, isRunning: false)
        a.input.frameRate = original.frameRate
        a.input.frameCount = original.frameCount
        a.input.durationSeconds = original.duration
        a.input.slowMotion = estimate
        a.quality.cadenceCheck = nil
        a.quality.distinctFramesPerSecond = quality.distinctFramesPerSecond.map { $0 / estimate.factor }
        a.quality.eventSpan = quality.eventSpan.map { back($0.lowerBound)...back($0.upperBound) }
        a.quality.findings.append(.slowMotion(factor: estimate.factor))
        return a
    }
}
