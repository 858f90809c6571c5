/// Finds initial contact and toe-off for each foot from motion relative to the body.
///
/// A foot is on the ground while some point of its sole is still *in the ground's frame*. The ground's
/// frame is recovered without knowing the camera or the belt: relative to the hips, a stance foot moves
/// backward at running speed, whether on a treadmill, overground, or filmed by a panning camera. So
/// `v_ground = v_relative_to_hips − v_stance`, where `v_stance` is the median relative velocity of the
/// foot while it is near the ground. The sole is the heel→toe line moved down to ground level (markers sit
/// above the sole); its points are checked at several positions because the contact point rolls from
/// heel (or ball) to toe. IC: the slowest sole point's speed falls below a fraction of running speed;
/// TO: the slowest point's horizontal speed rises above a fraction. Both are interpolated between frames.
struct GaitEventDetector {
    let configuration: EventDetectionConfiguration

    /// The standing foot angle is read from this fraction of all frames, those where the foot is flattest
    /// (ours): a forefoot runner's foot is flat for about a quarter of its contact, i.e. ~7 % of the frames
    /// at a duty factor of 0.28 (a rearfoot runner's for longer). Synthetic runner, 1 cm noise: spread
    /// ±0.8° per foot; 4 % spread as much and failed the 2° foot-strike check in 3 of 40 runs, 7 % in none.
    static let flatFootFrameFraction = 0.07
    static let fewestFlatFootFrames = 5

    /// What the detector learned about one foot, used again by the metrics.
    struct FootModel: Sendable {
        var side: Side
        /// Running speed, sequence units per second (≥ 0).
        var speed: Double
        /// Foot angle (degrees, heel→toe vs horizontal) with both heel and toe on the ground; the FSA offset.
        var flatFootAngle: Double?
        /// Ground level (y at x = 0) used.
        var groundLevel: Double
        /// Slope of the ground line (dy/dx) in the sequence's frame; 0 when level (treadmill, panning camera).
        var groundSlope: Double = 0
        /// Whether the sole line came from heel and toe (true) or a single point.
        var usesSoleLine: Bool
    }

    struct Result: Sendable {
        var events: [GaitEvent]
        var feet: [Side: FootModel]
        var notes: [String]
    }

    /// A foot's swing lasts over half a stride whenever there is a flight phase (contact shorter than a
    /// step), so stance candidates split by less than this fraction of the legs' stride period are one
    /// contact; 0.4 leaves a tenth of a stride for timing noise. The period comes from ``LegRhythm``,
    /// found without events, so the rule cannot feed on the contacts it filters.
    static let shortestSwingFractionOfStride = 0.4

    func detect(in input: KeypointSequence, legLength: Double, midHip: [PlanePoint?], rhythm: LegRhythm? = nil) -> Result {
        let shortestSwing = max(configuration.shortestSwingSeconds, (rhythm?.strideSeconds ?? 0) * Self.shortestSwingFractionOfStride)
        var events: [GaitEvent] = []
        var feet: [Side: FootModel] = [:]
        var notes: [String] = []
        // A tilted ground (camera roll, or perspective on an overground path) is levelled first: every y is
        // sheared by −slope·x, which for a few degrees is the rotation to within cos(5°) = 0.996.
        let slope = Self.filmedByStaticCamera(input, midHip: midHip, runningSpeed: levelRunningSpeed(input, legLength: legLength, midHip: midHip), fraction: configuration.staticCameraHipSpeedFraction)
            ? groundSlope(input, legLength: legLength, midHip: midHip) : 0
        let s = slope == 0 ? input : Self.sheared(input, slope: slope)
        let levelledMidHip = slope == 0 ? midHip : midHip.map { $0.map { PlanePoint(x: $0.x, y: $0.y - slope * $0.x) } }
        if abs(slope) > 0 {
            notes.append("The ground runs at \(((Angle.degrees(atan2Safe(slope, 1))) * 10).rounded() / 10)° in the image (camera tilt or perspective): contacts were found against that line.")
        }
        for side in Side.allCases {
            guard let ground = groundLevel(s, side: side),
                  var foot = footSignals(s, side: side, ground: ground, legLength: legLength, midHip: levelledMidHip)
            else {
                notes.append("No \(side) foot landmarks (heel, toe or ankle): no events for that foot.")
                continue
            }
            // The standing foot angle is compared with the unlevelled foot angles of the metrics: put the tilt back.
            foot.model.flatFootAngle = foot.model.flatFootAngle.map { $0 + Angle.degrees(atan2Safe(slope, 1)) }
            foot.model.groundSlope = slope
            feet[side] = foot.model
            events += contacts(foot: foot, side: side, s: s, shortestSwing: shortestSwing)
            if !foot.model.usesSoleLine {
                notes.append("The \(side) foot has no heel and toe pair: events come from a single foot point and are less precise.")
            }
        }
        events.sort { $0.time < $1.time }
        return Result(events: events, feet: feet, notes: notes)
    }

    // MARK: - Ground and foot signals

    /// The slope of the ground line under an overground runner filmed by a static camera, or 0.
    ///
    /// Only when the hips travel at least `groundLineMinimumTravelLegLengths` across the view: then the stance
    /// feet touch down at places spread along the path, which on a static camera project onto one image line
    /// whatever the camera's roll or pitch. On a treadmill or under a panning camera the contacts all sit at
    /// about the same x and a slope would be noise, so the ground stays level. The lowest foot point of every
    /// frame, both feet pooled, is binned along x; the line is the one through two bin minima that leaves the
    /// most bin minima within the proximity band above it and none far below it (a lower envelope, robust to
    /// bins that only saw a swinging foot), refined by least squares over those bins.
    private func groundSlope(_ s: KeypointSequence, legLength: Double, midHip: [PlanePoint?]) -> Double {
        let hipXs = midHip.compactMap { $0?.x }
        guard let lo = hipXs.min(), let hi = hipXs.max(), legLength > 0,
              hi - lo >= configuration.groundLineMinimumTravelLegLengths * legLength else { return 0 }
        // Lowest foot point per frame per foot.
        var points: [(x: Double, y: Double)] = []
        for side in Side.allCases {
            let candidates = [Landmark.heel(side), .toe(side)].compactMap { s.tracks[$0] }
            let tracks = candidates.isEmpty ? [s.tracks[.ankle(side)]].compactMap { $0 } : candidates
            for i in 0..<s.frameCount {
                let present = tracks.filter { $0.x[i].isFinite && $0.y[i].isFinite }
                if let lowest = present.min(by: { $0.y[i] < $1.y[i] }) { points.append((lowest.x[i], lowest.y[i])) }
            }
        }
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max() else { return 0 }
        let maximumBins = max(3, configuration.groundLineMaximumBins)
        let width = max(configuration.groundLineBinLegLengths * legLength, (maxX - minX) / Double(maximumBins))
        let binCount = min(maximumBins, max(1, Int(((maxX - minX) / width).rounded(.up))))
        var minima = [(x: Double, y: Double)?](repeating: nil, count: binCount)
        for p in points {
            let b = min(binCount - 1, Int((p.x - minX) / width))
            if p.y < minima[b]?.y ?? .infinity { minima[b] = p }
        }
        let bins = minima.compactMap { $0 }
        guard bins.count >= 3 else { return 0 }
        let band = configuration.groundProximityLegLengths * legLength
        let limit = Self.tangent(degrees: configuration.maximumGroundSlopeDegrees)
        var best: (support: Int, slope: Double, members: [Int])?
        for a in 0..<bins.count {
            for b in (a + 1)..<bins.count where bins[b].x - bins[a].x > width {
                let m = (bins[b].y - bins[a].y) / (bins[b].x - bins[a].x)
                guard abs(m) <= limit else { continue }
                let residuals = bins.map { $0.y - (bins[a].y + m * ($0.x - bins[a].x)) }
                guard residuals.allSatisfy({ $0 > -band }) else { continue }
                let members = residuals.indices.filter { residuals[$0] < band }
                let better = best.map { members.count > $0.support || (members.count == $0.support && abs(m) < abs($0.slope)) } ?? true
                if better {
                    best = (members.count, m, members)
                }
            }
        }
        guard let best, best.support >= 3 else { return 0 }
        let xs = best.members.map { bins[$0].x }, ys = best.members.map { bins[$0].y }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for k in xs.indices { sxy += (xs[k] - mx) * (ys[k] - my); sxx += (xs[k] - mx) * (xs[k] - mx) }
        let slope = sxx > 0 ? sxy / sxx : best.slope
        // A slope the fit cannot tell from level is left out, so level data (motion capture) stay untouched.
        return abs(slope) < Self.tangent(degrees: configuration.smallestGroundSlopeDegrees) || abs(slope) > limit ? 0 : slope
    }

    private static func tangent(degrees: Double) -> Double {
        let r = Angle.radians(degrees)
        return sinSafe(r) / cosSafe(r)
    }

    /// Running speed (stance foot relative to the hips) with a level ground, the faster foot; 0 if unknown.
    private func levelRunningSpeed(_ s: KeypointSequence, legLength: Double, midHip: [PlanePoint?]) -> Double {
        Side.allCases.compactMap { side in
            groundLevel(s, side: side).flatMap { footSignals(s, side: side, ground: $0, legLength: legLength, midHip: midHip)?.model.speed }
        }.max() ?? 0
    }

    /// Whether the camera stood still: then the hips cross the image at about the running speed (the stance
    /// foot stays put). Under a panning camera the hips stay near the middle of the view, so their image
    /// speed is a fraction of the stance foot's speed relative to them, and image x is no place on the ground.
    static func filmedByStaticCamera(_ s: KeypointSequence, midHip: [PlanePoint?], runningSpeed: Double, fraction: Double) -> Bool {
        let present = midHip.indices.filter { midHip[$0] != nil }
        guard let a = present.first, let b = present.last, b > a, runningSpeed > 0,
              let xa = midHip[a]?.x, let xb = midHip[b]?.x else { return false }
        return abs(xb - xa) / (s.times[b] - s.times[a]) >= fraction * runningSpeed
    }

    /// The sequence with every y moved by −slope·x: the ground line becomes level.
    static func sheared(_ s: KeypointSequence, slope: Double) -> KeypointSequence {
        var out = s
        for (landmark, track) in s.tracks {
            var t = track
            for i in t.y.indices { t.y[i] -= slope * t.x[i] }
            out.tracks[landmark] = t
        }
        return out
    }

    /// A foot's ground level: the lower of its heel's and toe's low percentiles (robust to a few bad
    /// samples). Per foot, because markers sit at different heights on each shoe.
    private func groundLevel(_ s: KeypointSequence, side: Side) -> Double? {
        let levels = [Landmark.heel(side), .toe(side)].compactMap { s.tracks[$0].flatMap { Signal.percentile($0.y, 2) } }
        if let lowest = levels.min() { return lowest }
        return s.tracks[.ankle(side)].flatMap { Signal.percentile($0.y, 2) }
    }

    private struct FootSignals {
        var model: FootModel
        /// Slowest sole point's speed, both axes (for IC), per frame.
        var contactSpeed: [Double]
        /// Slowest sole point's horizontal speed (for TO), per frame.
        var horizontalSpeed: [Double]
        /// Lowest foot point's height above ground, per frame.
        var height: [Double]
        var proximity: Double
    }

    private func footSignals(
        _ s: KeypointSequence, side: Side, ground: Double, legLength: Double, midHip: [PlanePoint?]
    ) -> FootSignals? {
        let n = s.frameCount
        let heel = s.tracks[.heel(side)], toe = s.tracks[.toe(side)]
        let single = heel ?? toe ?? s.tracks[.ankle(side)]
        guard let single, n >= 5 else { return nil }
        let usesSoleLine = heel != nil && toe != nil
        let hipX = (0..<n).map { midHip[$0]?.x ?? s.point(.hip(side), at: $0)?.x ?? .nan }

        // Height of the lowest foot point above ground.
        var height = [Double](repeating: .nan, count: n)
        for i in 0..<n {
            if usesSoleLine, let h = heel, let t = toe {
                height[i] = min(h.y[i], t.y[i]) - ground
                if !height[i].isFinite { height[i] = (h.y[i].isFinite ? h.y[i] : t.y[i]) - ground }
            } else {
                height[i] = single.y[i] - ground
            }
        }
        let proximity = configuration.groundProximityLegLengths * legLength

        // Frames where the foot is at its lowest (flat, or on its lowest point): the sole's reference pose.
        let flatTolerance = configuration.flatFootToleranceLegLengths * legLength
        let flat = (0..<n).map { height[$0].isFinite && height[$0] < flatTolerance }

        // Sole line: each marker moved down by its height above ground when the foot is flat.
        var solePoints: [(x: [Double], y: [Double])] = []
        var flatAngle: Double?
        if usesSoleLine, let h = heel, let t = toe {
            var angles: [Double] = [], heelHeights: [Double] = [], toeHeights: [Double] = []
            for i in 0..<n where flat[i] && h.x[i].isFinite && t.x[i].isFinite {
                angles.append(atan2Safe(t.y[i] - h.y[i], t.x[i] - h.x[i]))
                heelHeights.append(h.y[i] - ground)
                toeHeights.append(t.y[i] - ground)
            }
            let neutral = Signal.median(angles) ?? 0
            let hh = max(0, Signal.median(heelHeights) ?? 0)
            let th = max(0, Signal.median(toeHeights) ?? 0)
            // The standing foot angle (FSA offset): the median heel→toe rise over the frames where the foot is
            // flattest (the higher of heel and toe, each above its own low level, is lowest), the two low levels
            // re-read as medians over those same frames. Comparing each marker's own low percentile instead
            // tilted a forefoot runner's foot by ~1° with 1 cm noise: its toe rests on the ground four times as
            // long as its heel, so the toe's percentile reached deeper into the noise.
            var heelLow = Signal.percentile(h.y, 2) ?? ground, toeLow = Signal.percentile(t.y, 2) ?? ground
            let valid = (0..<n).filter { h.x[$0].isFinite && t.x[$0].isFinite && h.y[$0].isFinite && t.y[$0].isFinite }
            let footLengths = valid.map { hypotSafe(t.x[$0] - h.x[$0], t.y[$0] - h.y[$0]) }
            let count = max(Self.fewestFlatFootFrames, Int(Double(valid.count) * Self.flatFootFrameFraction))
            var flattest: [Int] = []
            for _ in 0..<3 {
                // The frames by how far the higher of heel and toe is above its low level, ties in frame order.
                let keyed = valid.map { (max(h.y[$0] - heelLow, t.y[$0] - toeLow), $0) }.sorted { $0 < $1 }
                flattest = keyed.prefix(count).map(\.1)
                heelLow = Signal.median(flattest.map { h.y[$0] }) ?? heelLow
                toeLow = Signal.median(flattest.map { t.y[$0] }) ?? toeLow
            }
            if let length = Signal.median(footLengths), let rise = Signal.median(flattest.map { t.y[$0] - h.y[$0] }),
               length > abs(rise) {
                flatAngle = Angle.degrees(atan2Safe(rise, (length * length - rise * rise).squareRoot()))
            }
            var shx = [Double](repeating: .nan, count: n), shy = shx, stx = shx, sty = shx
            for i in 0..<n {
                guard h.x[i].isFinite, t.x[i].isFinite, hipX[i].isFinite else { continue }
                let d = atan2Safe(t.y[i] - h.y[i], t.x[i] - h.x[i]) - neutral
                let sd = sinSafe(d), cd = cosSafe(d)
                shx[i] = h.x[i] + hh * sd - hipX[i]
                shy[i] = h.y[i] - hh * cd
                stx[i] = t.x[i] + th * sd - hipX[i]
                sty[i] = t.y[i] - th * cd
            }
            for f in configuration.solePointFractions {
                var x = shx, y = shy
                for i in 0..<n {
                    x[i] = shx[i] + f * (stx[i] - shx[i])
                    y[i] = shy[i] + f * (sty[i] - shy[i])
                }
                solePoints.append((x, y))
            }
        } else {
            solePoints.append(((0..<n).map { single.x[$0] - hipX[$0] }, single.y))
        }

        let velocities = solePoints.map {
            (vx: Signal.derivative($0.x, times: s.times), vy: Signal.derivative($0.y, times: s.times))
        }
        // Stance velocity relative to the hips: median mean-sole velocity while the foot is flat.
        var stance: [Double] = []
        for i in 0..<n where flat[i] {
            var sum = 0.0, k = 0
            for v in velocities where v.vx[i].isFinite { sum += v.vx[i]; k += 1 }
            if k > 0 { stance.append(sum / Double(k)) }
        }
        guard let vStance = Signal.median(stance) else { return nil }
        var contactSpeed = [Double](repeating: .nan, count: n), horizontal = contactSpeed
        for i in 0..<n {
            var best = Double.infinity, bestH = Double.infinity
            for v in velocities where v.vx[i].isFinite {
                let gx = v.vx[i] - vStance
                bestH = min(bestH, abs(gx))
                if v.vy[i].isFinite { best = min(best, hypotSafe(gx, v.vy[i])) }
            }
            if best.isFinite { contactSpeed[i] = best }
            if bestH.isFinite { horizontal[i] = bestH }
        }
        let model = FootModel(
            side: side, speed: max(0, -vStance), flatFootAngle: flatAngle, groundLevel: ground,
            usesSoleLine: usesSoleLine
        )
        return FootSignals(model: model, contactSpeed: contactSpeed, horizontalSpeed: horizontal, height: height, proximity: proximity)
    }

    // MARK: - Contacts

    private func contacts(foot: FootSignals, side: Side, s: KeypointSequence, shortestSwing: Double) -> [GaitEvent] {
        let n = s.frameCount
        let speed = foot.model.speed
        guard speed > 0 else { return [] }
        let icThreshold = configuration.contactSpeedFraction * speed
        let toThreshold = configuration.toeOffSpeedFraction * speed
        // Candidate stance: horizontally slow and near the ground.
        var inStance = (0..<n).map { i in
            foot.horizontalSpeed[i] < toThreshold && foot.height[i] < foot.proximity * configuration.stanceProximityFactor
        }
        // Close one-frame gaps (jitter), then drop runs too short to be contacts.
        for i in 1..<max(1, n - 1) where !inStance[i] && inStance[i - 1] && inStance[i + 1] { inStance[i] = true }
        var runs: [ClosedRange<Int>] = []
        var i = 0
        while i < n {
            guard inStance[i] else { i += 1; continue }
            var j = i
            while j + 1 < n && inStance[j + 1] { j += 1 }
            runs.append(i...j)
            i = j + 1
        }
        // A foot cannot leave the ground and land again within a fraction of a swing: runs split by a
        // short gap (noise, a glitch) are one contact.
        var merged: [ClosedRange<Int>] = []
        for run in runs {
            if let last = merged.last, s.times[run.lowerBound] - s.times[last.upperBound] < shortestSwing {
                merged[merged.count - 1] = last.lowerBound...run.upperBound
            } else {
                merged.append(run)
            }
        }
        runs = merged
        let minFrames = max(2, Int((configuration.minimumContactSeconds * s.frameRate).rounded(.up)))
        runs = runs.filter { run in run.count >= minFrames && run.contains { foot.height[$0] < foot.proximity } }

        var events: [GaitEvent] = []
        for run in runs {
            // IC: where the contact speed falls below its threshold, searched from just before the run.
            if run.lowerBound > 0 {
                let start = max(1, run.lowerBound - minFrames)
                var icTime: Double?
                for k in start...run.upperBound {
                    let a = foot.contactSpeed[k - 1], b = foot.contactSpeed[k]
                    if a.isFinite, b.isFinite, a >= icThreshold, b < icThreshold {
                        icTime = crossing(a, b, icThreshold, s.times[k - 1], s.times[k])
                        break
                    }
                }
                let t = icTime ?? s.times[run.lowerBound]
                events.append(GaitEvent(side: side, kind: .initialContact, time: t, frame: frame(nearest: t, s)))
            }
            // TO: where the horizontal speed rises above its threshold at the run's end.
            if run.upperBound < n - 1 {
                let k = run.upperBound
                let a = foot.horizontalSpeed[k], b = foot.horizontalSpeed[k + 1]
                let t = a.isFinite && b.isFinite && b > a
                    ? crossing(a, b, toThreshold, s.times[k], s.times[k + 1]) : s.times[k]
                events.append(GaitEvent(side: side, kind: .toeOff, time: t, frame: frame(nearest: t, s)))
            }
        }
        return events
    }

    private func crossing(_ a: Double, _ b: Double, _ threshold: Double, _ ta: Double, _ tb: Double) -> Double {
        guard b != a else { return ta }
        let f = max(0, min(1, (threshold - a) / (b - a)))
        return ta + f * (tb - ta)
    }

    private func frame(nearest time: Double, _ s: KeypointSequence) -> Int {
        var lo = 0, hi = s.frameCount - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if s.times[mid] <= time { lo = mid } else { hi = mid }
        }
        let idx = abs(s.times[lo] - time) <= abs(s.times[hi] - time) ? lo : hi
        return s.frameNumbers[idx]
    }
}
