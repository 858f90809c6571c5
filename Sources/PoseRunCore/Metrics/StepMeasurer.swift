/// Measures every step: timing from the events, angles and distances from the kinematics.
///
/// A step starts at a foot's initial contact. Values that need a later event (the next contact of
/// the other foot, the same foot's next contact) are left out for steps at the end of the clip, when the
/// feet were not seen all the way to that event, when it comes so late that a contact between was
/// most likely missed (`missedContactRatio`), and when it comes so soon that one contact was found twice
/// or far off its time (the same ratio the other way).
struct StepMeasurer {
    let kinematics: BodyKinematics
    let feet: [Side: GaitEventDetector.FootModel]
    /// Multiply a length in sequence units by this to get metres; `nil` when no scale is known.
    let metresPerUnit: Double?
    let treadmillSpeed: Double?
    /// Foot-strike angle above which a landing counts as rearfoot (Altman & Davis 2012).
    let rearfootThresholdDegrees: Double
    /// How far (frames) the detected contact can lag an abrupt touchdown (one frame, see `measure`).
    let contactLagFrames: Double
    /// Steps and strides longer than this many medians span a contact that was not seen
    /// (`AnalysisConfiguration.missedContactStepRatio`), with at least `missedContactMinimumSteps` to
    /// take the median of.
    var missedContactRatio: Double = .infinity
    var missedContactMinimumSteps: Int = 3

    /// The steps, how many of them reached a next contact only across one that was not seen, and whether
    /// the steps are too few to judge by a median yet disagree (`disagreeingSteps`).
    struct Measured {
        var steps: [StepRecord]
        var stepsSpanningMissedContacts: Int
        var disagreeingSteps: StepSpread? = nil
    }

    /// The shortest and longest step time (seconds) of a clip's steps, and how many there are.
    struct StepSpread: Equatable {
        var shortest: Double
        var longest: Double
        var count: Int
    }

    /// One side's angle series, computed once for all of that side's steps.
    private struct SideSeries {
        var knee, shank, thigh, foot, arm, elbow, heelToHip: [Double]

        init(_ k: BodyKinematics, _ side: Side) {
            knee = k.kneeFlexion(side)
            shank = k.shankAngle(side)
            thigh = k.thighAngle(side)
            foot = k.footAngle(side)
            arm = k.upperArmAngle(side)
            elbow = k.elbowAngle(side)
            heelToHip = k.heelToHipDistance(side)
        }
    }

    func measure(events: [GaitEvent]) -> Measured {
        let s = kinematics.sequence
        let (stepBounds, strideBounds) = plausible(events)
        let longestStep = stepBounds.upperBound
        // A step or stride shorter than the median by the same ratio is not one either: a contact found twice, or
        // found far from its time, splits one step into two parts that add up to about one median, so the
        // shorter part is at most half a median, while a real step stays within a few per cent and a frame of
        // it. Its cadence, flight, step length (or, for a stride, duty factor and stride length) are left out
        // rather than read as a step twice as fast (F_Running_8: a 6-frame "step" among 11-frame ones read
        // 300 steps/min and lifted the clip's cadence by 4 %).
        var spanning = 0
        let trunk = kinematics.trunkLean()
        let comY = kinematics.centreOfMass.map { $0?.y ?? .nan }
        let inMetres = metresPerUnit != nil
        let lengthScale = metresPerUnit ?? (kinematics.legLength.map { 1 / $0 } ?? .nan)
        var steps: [StepRecord] = []
        for side in Side.allCases {
            let series = SideSeries(kinematics, side)
            let ics = events.initialContacts(of: side)
            let tos = events.toeOffs(of: side)
            let otherICs = events.initialContacts(of: side.opposite)
            for (k, ic) in ics.enumerated() {
                let followingSame = k + 1 < ics.count ? ics[k + 1] : nil
                let strideEnd = followingSame?.time ?? .infinity
                // A later event only counts when both feet were seen all the way to it (`feetSeen`).
                let reached = { (event: GaitEvent?) in event.flatMap { feetSeen(from: ic.time, to: $0.time) ? $0 : nil } }
                // …and, for the next contacts, only when no contact can have been missed before it.
                let seenSame = reached(followingSame)
                let seenOther = reached(otherICs.first { $0.time > ic.time && $0.time < strideEnd })
                let nextSame = seenSame.flatMap { strideBounds.contains($0.time - ic.time) ? $0 : nil }
                let nextOther = seenOther.flatMap { stepBounds.contains($0.time - ic.time) ? $0 : nil }
                let late = { (event: GaitEvent?, bounds: ClosedRange<Double>) in event.map { $0.time - ic.time > bounds.upperBound } ?? false }
                if late(seenSame, strideBounds) || late(seenOther, stepBounds) { spanning += 1 }
                let to = reached(tos.first { $0.time > ic.time && $0.time < strideEnd })
                var m: [Metric: Double] = [:]
                let fIC = fractionalFrame(ic.time)
                let fTO = to.map { fractionalFrame($0.time) }
                let fNextSame = nextSame.map { fractionalFrame($0.time) }
                let fNextOther = nextOther.map { fractionalFrame($0.time) }

                // Timing.
                if let to { m[Metric.contactTime] = to.time - ic.time }
                if let nextOther {
                    let stepTime = nextOther.time - ic.time
                    m[Metric.cadence] = 60 / stepTime
                    if let to { m[Metric.flightTime] = nextOther.time - to.time }
                    let speed = treadmillSpeed.map { $0 / (metresPerUnit ?? .nan) } ?? feet[side]?.speed
                    if let speed, inMetres || kinematics.legLength != nil {
                        m[Metric.stepLength(inMetres: inMetres)] = speed * stepTime * lengthScale
                    }
                }
                if let to, let nextSame { m[Metric.dutyFactor] = (to.time - ic.time) / (nextSame.time - ic.time) }
                if let nextSame, let speed = treadmillSpeed.map({ $0 / (metresPerUnit ?? .nan) }) ?? feet[side]?.speed,
                   inMetres || kinematics.legLength != nil {
                    m[Metric.strideLength(inMetres: inMetres)] = speed * (nextSame.time - ic.time) * lengthScale
                    m[Metric.runningSpeed(inMetres: inMetres)] = speed * lengthScale
                }

                // At contact.
                // At touchdown the foot is at its farthest from flat, the knee at its straightest and the shank at
                // its most forward; within a frame after, all three change fast (a heel striker's foot rotates
                // ~6° per frame at 60 fps). The detected contact can lag an abrupt touchdown by up to a frame
                // (the central-difference velocity spreads a step over two frames), so each is read as its
                // extreme over the frame ending at the detected contact. Measured on the synthetic heel
                // striker at 60 fps: foot-strike angle 16° read as 7° at the detected instant, 15° this way.
                // The foot rolls toward flat after touchdown whatever the strike (a heel striker's toe comes down,
                // a forefoot striker's heel), so its angle at touchdown is the one farthest from flat.
                if let flat = feet[side]?.flatFootAngle,
                   let footAngle = farthest(series.foot, from: flat, endingAt: fIC) {
                    m[Metric.footStrikeAngle] = footAngle - flat
                }
                put(&m, Metric.kneeFlexionAtContact, extreme(series.knee, endingAt: fIC, largest: false))
                put(&m, Metric.shankAngleAtContact, extreme(series.shank, endingAt: fIC, largest: true))
                let rearfoot = (m[Metric.footStrikeAngle] ?? 0) > rearfootThresholdDegrees
                let landingFraction = rearfoot ? 0 : Anthropometry.ballOfFootFraction
                if let legLength = kinematics.legLength, let com = point(kinematics.centreOfMass, at: fIC) {
                    if let landing = footPoint(side, fraction: landingFraction, at: fIC) {
                        m[Metric.overstride] = (landing.x - com.x) / legLength
                    }
                }
                // Reach: the ankle's furthest position ahead of the hips from the last toe-off to a frame past the
                // contact. The foot lands within about a frame of that furthest point, so this is where it lands,
                // read without the contact's timing: at 30 fps the foot moves ~0.1 leg lengths back relative to the
                // hips in one frame around landing, which a reading at the detected instant carries in full. The
                // ankle, not the heel or ball, so that rearfoot and forefoot strikers are measured at one point.
                if let legLength = kinematics.legLength {
                    let previousTO = tos.last { $0.time < ic.time && ic.time - $0.time <= longestStep }
                    let start = previousTO.map { fractionalFrame($0.time) } ?? fractionalFrame(ic.time - longestStep)
                    let first = max(0, Int(start.rounded(.up))), last = min(s.frameCount - 1, Int((fIC + 1).rounded(.down)))
                    if first + 2 <= last {
                        let reaches = (first...last).compactMap { f -> Double? in
                            guard let foot = s.point(.ankle(side), at: f), let hip = kinematics.midHip[f] else { return nil }
                            return (foot.x - hip.x) / legLength
                        }
                        if reaches.count * 2 > last - first + 1, let furthest = reaches.max() { m[Metric.landingReach] = furthest }
                    }
                }

                // Stance.
                if let fTO {
                    let stance = frames(from: fIC, to: fTO)
                    if let stance { put(&m, Metric.peakStanceKneeFlexion, Signal.argmax(series.knee, in: stance)?.value) }
                    put(&m, Metric.hipExtensionAtToeOff, -Signal.value(series.thigh, atFractionalFrame: fTO))
                    put(&m, Metric.fallingAngleMidStance, fallingAngle(side, at: (fIC + fTO) / 2))
                    put(&m, Metric.fallingAngleToeOff, fallingAngle(side, at: fTO))
                }

                // Swing: toe-off to the same foot's next contact.
                if let fTO, let fNextSame, let swing = frames(from: fTO, to: fNextSame) {
                    if let peak = Signal.argmax(series.knee, in: swing) {
                        m[Metric.peakSwingKneeFlexion] = peak.value
                        if let to { m[Metric.timeToPeakSwingKneeFlexion] = s.times[peak.index] - to.time }
                    }
                    put(&m, Metric.kneeDrive, Signal.argmax(series.thigh, in: swing)?.value)
                    if let legLength = kinematics.legLength, let closest = Signal.argmin(series.heelToHip, in: swing) {
                        m[Metric.heelToHipMinimum] = closest.value / legLength
                    }
                }

                // Whole step and whole stride.
                if let fNextOther, let step = frames(from: fIC, to: fNextOther) {
                    put(&m, Metric.trunkLean, mean(trunk, in: step))
                }
                if let fNextSame, let stride = frames(from: fIC, to: fNextSame) {
                    put(&m, Metric.trunkLeanRange, Signal.span(trunk, in: stride))
                    put(&m, Metric.armSwingRange, Signal.span(series.arm, in: stride))
                    put(&m, Metric.elbowAngle, mean(series.elbow, in: stride))
                    if let vo = Signal.span(comY, in: stride), lengthScale.isFinite {
                        m[Metric.verticalOscillation(inMetres: inMetres)] = vo * lengthScale
                        if let stride = m[Metric.strideLength(inMetres: inMetres)], stride > 0 {
                            m[Metric.verticalRatio] = vo * lengthScale / stride * 100
                        }
                    }
                }
                steps.append(StepRecord(
                    side: side, initialContactTime: ic.time, initialContactFrame: ic.frame,
                    toeOffTime: to?.time, toeOffFrame: to?.frame, metrics: m
                ))
            }
        }
        return Measured(
            steps: steps.sorted { $0.initialContactTime < $1.initialContactTime }, stepsSpanningMissedContacts: spanning,
            disagreeingSteps: Self.disagreeingSteps(events, ratio: missedContactRatio, fewerThan: missedContactMinimumSteps))
    }

    /// Each step's time: consecutive initial contacts of opposite feet, in time order.
    static func stepTimes(_ events: [GaitEvent]) -> [Double] {
        let contacts = events.filter { $0.kind == .initialContact }.sorted { $0.time < $1.time }
        var steps: [Double] = []
        for (a, b) in zip(contacts, contacts.dropFirst()) where a.side != b.side { steps.append(b.time - a.time) }
        return steps
    }

    /// The other side of the missed-contact rule: at least two steps but fewer than it takes a median of
    /// (`fewerThan`), whose longest is more than `ratio` × their shortest. One of them spans a missed contact
    /// or ends at a contact found twice, and nothing tells which, so the clip has no usable stride (the
    /// football replay: 0.17 s and 0.59 s).
    static func disagreeingSteps(_ events: [GaitEvent], ratio: Double, fewerThan minimum: Int) -> StepSpread? {
        let steps = stepTimes(events)
        guard steps.count >= 2, steps.count < minimum, ratio.isFinite,
              let shortest = steps.min(), let longest = steps.max(), shortest > 0, longest > ratio * shortest else { return nil }
        return StepSpread(shortest: shortest, longest: longest, count: steps.count)
    }

    /// The cadence of the median step, when it is faster than `fastest` steps a minute
    /// (`AnalysisConfiguration.fastestRunningStepsPerMinute`): no one runs like that, so the contacts are wrong
    /// or the clip plays fast. `nil` when there are no steps or the cadence is plausible.
    static func implausiblyQuickCadence(_ events: [GaitEvent], fastest: Double) -> Double? {
        guard let median = Signal.median(stepTimes(events)), median > 0 else { return nil }
        let cadence = 60 / median
        return cadence > fastest ? cadence : nil
    }

    /// The shortest and longest step and stride (seconds) taken as one: the median of each divided and
    /// multiplied by `missedContactRatio` (a stride, with too few strides, twice the steps' bounds), or
    /// unbounded with too few to take a median of.
    private func plausible(_ events: [GaitEvent]) -> (step: ClosedRange<Double>, stride: ClosedRange<Double>) {
        let contacts = events.filter { $0.kind == .initialContact }.sorted { $0.time < $1.time }
        let steps = Self.stepTimes(events)
        var strides: [Double] = []
        for side in Side.allCases {
            let own = contacts.filter { $0.side == side }
            for (a, b) in zip(own, own.dropFirst()) { strides.append(b.time - a.time) }
        }
        let unbounded: ClosedRange<Double> = 0...Double.infinity
        func bounds(_ values: [Double]) -> ClosedRange<Double>? {
            guard missedContactRatio.isFinite, missedContactRatio >= 1, values.count >= missedContactMinimumSteps,
                  let median = Signal.median(values), median > 0 else { return nil }
            return (median / missedContactRatio)...(median * missedContactRatio)
        }
        // A stride is two steps: with too few strides for a median of their own, the steps' bounds them.
        let step = bounds(steps)
        let stride = bounds(strides) ?? step.map { (2 * $0.lowerBound)...(2 * $0.upperBound) }
        return (step ?? unbounded, stride ?? unbounded)
    }

    // MARK: - Helpers

    private func put(_ m: inout [Metric: Double], _ key: Metric, _ value: Double?) {
        if let value, value.isFinite { m[key] = value }
    }

    /// The largest (or smallest) value over `contactLagFrames` ending at fractional frame `f`, sampled at
    /// its ends and middle; `nil` when none is finite.
    private func extreme(_ values: [Double], endingAt f: Double, largest: Bool) -> Double? {
        let lag = contactLagFrames
        let samples = [f - lag, f - lag / 2, f].map { Signal.value(values, atFractionalFrame: max(0, $0)) }.filter(\.isFinite)
        return largest ? samples.max() : samples.min()
    }

    /// The value farthest from `reference` over `contactLagFrames` ending at fractional frame `f`, sampled
    /// at its ends and middle; `nil` when none is finite.
    private func farthest(_ values: [Double], from reference: Double, endingAt f: Double) -> Double? {
        let lag = contactLagFrames
        let samples = [f - lag, f - lag / 2, f].map { Signal.value(values, atFractionalFrame: max(0, $0)) }.filter(\.isFinite)
        return samples.max { abs($0 - reference) < abs($1 - reference) }
    }

    private func fractionalFrame(_ time: Double) -> Double {
        let t = kinematics.sequence.times
        guard let (lo, hi) = Signal.bracket(time, in: t) else { return 0 }
        if time <= t[0] { return 0 }
        if time >= t[hi] { return Double(hi) }
        let span = t[hi] - t[lo]
        return Double(lo) + (span > 0 ? (time - t[lo]) / span : 0)
    }

    /// Whether both feet were seen in every frame from time `a` to time `b`. Across a stretch without them
    /// (longer than the cleaning bridges, `CleaningConfiguration.maximumGapSeconds`) the events in it went
    /// unseen, so the next event found may not be the next one and a time measured to it would span
    /// several steps. Such values are left out rather than reported.
    private func feetSeen(from a: Double, to b: Double) -> Bool {
        guard let range = frames(from: fractionalFrame(a), to: fractionalFrame(b)) else { return true }
        let tracks = Side.allCases.compactMap { kinematics.sequence.tracks[.ankle($0)] }
        for track in tracks {
            for i in range where i < track.x.count && !(track.x[i].isFinite && track.y[i].isFinite) { return false }
        }
        return true
    }

    /// Whole frames within [a, b] (fractional frames), or `nil` if none.
    private func frames(from a: Double, to b: Double) -> ClosedRange<Int>? {
        let lo = Int(a.rounded(.up)), hi = Int(b.rounded(.down))
        return lo <= hi ? lo...hi : nil
    }

    private func mean(_ v: [Double], in range: ClosedRange<Int>) -> Double? {
        var sum = 0.0, n = 0
        for i in range where i < v.count && v[i].isFinite { sum += v[i]; n += 1 }
        return n * 2 >= range.count ? sum / Double(n) : nil
    }

    private func point(_ track: [PlanePoint?], at f: Double) -> PlanePoint? {
        let lo = Int(f.rounded(.down)), hi = min(lo + 1, track.count - 1)
        guard lo >= 0, lo < track.count else { return nil }
        let w = f - Double(lo)
        switch (track[lo], track[hi]) {
        case let (a?, b?): return a + (b - a) * w
        case let (a?, nil): return w < 0.5 ? a : nil
        case let (nil, b?): return w >= 0.5 ? b : nil
        default: return nil
        }
    }

    private func footPoint(_ side: Side, fraction: Double, at f: Double) -> PlanePoint? {
        let lo = Int(f.rounded(.down))
        let hi = min(lo + 1, kinematics.sequence.frameCount - 1)
        guard let a = kinematics.footPoint(side, fraction: fraction, at: lo) else { return nil }
        guard let b = kinematics.footPoint(side, fraction: fraction, at: hi) else { return a }
        return a + (b - a) * (f - Double(lo))
    }

    /// Support point (ball of the stance foot) → centre of mass line vs vertical, forward positive.
    private func fallingAngle(_ side: Side, at f: Double) -> Double? {
        guard let com = point(kinematics.centreOfMass, at: f),
              let ball = footPoint(side, fraction: Anthropometry.ballOfFootFraction, at: f) else { return nil }
        return Angle.fromVerticalDegrees(dx: com.x - ball.x, dy: com.y - ball.y)
    }
}
