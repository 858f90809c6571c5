/// Finds initial contact and toe-off for each foot from motion relative to the body.
///
/// A foot is on the ground while some point of its sole is still *in the ground's frame*. The ground's
/// frame is recovered without knowing the camera or the belt: relative to the hips, a stance foot moves
/// backward at running speed, whether on a treadmill, overground, or filmed by a panning camera. So
/// `v_ground = v_relative_to_hips − v_stance`, where `v_stance` is the median relative velocity of the
/// soles over the middle of their backward sweeps. The sole is the heel→toe line moved down to ground level
/// (markers sit above the sole); its points are checked at several positions because the contact point
/// rolls from heel (or ball) to toe. Each foot lands once between two turning points of its swing relative
/// to the hips: IC where the slowest sole point's speed falls below a fraction of running speed, TO where
/// its horizontal speed last rises above one. Both are interpolated between frames (docs/analysis.md §4).
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
        /// What limits the events (a tilted ground, a foot without landmarks…).
        var findings: [QualityFinding]
        /// The times events were looked for in: the clip less the filter's edges.
        var span: ClosedRange<Double>?
    }

    /// The foot sweeps forward (swing) and back (stance, then the start of swing) once a stride, each sweep
    /// taking about half of it. A "sweep" shorter than this fraction of the legs' stride period is a wobble
    /// of the pose, not a step; a quarter leaves room for the shorter of the two sweeps at sprint speed. The
    /// period comes from ``LegRhythm``, found without events, so the rule cannot feed on the contacts it
    /// filters; heuristic.
    static let shortestSweepFractionOfStride = 0.25

    /// A foot's own stance speed is trusted from this many backward sweeps on: one sweep can be a jogger's
    /// first, cut by the frame edge (two-thirds of the other foot's speed, a contact 7 frames late); the median
    /// over two or more stances is not led by one; heuristic.
    static let fewestSweepsForOwnStanceSpeed = 2

    /// Two feet a hip width (~0.2 m) apart, filmed from 0.8 m or further, differ in image scale by at most
    /// 1.25; the real side-view clips read 1.04–1.13. Feet whose own stance speeds differ more are not one body's
    /// two feet at two depths (a walker and a jumper, a replay's cuts), and share the pooled speed.
    static let largestFootSpeedRatio = 1.25

    func detect(
        in input: KeypointSequence, legLength: Double, midHip: [PlanePoint?], rhythm: LegRhythm? = nil, filterCutoffHz: Double = .infinity
    ) -> Result {
        let shortestSweep = (rhythm?.strideSeconds ?? 0) * Self.shortestSweepFractionOfStride
        var events: [GaitEvent] = []
        var feet: [Side: FootModel] = [:]
        var findings: [QualityFinding] = []
        // A tilted ground (camera roll, or perspective on an overground path) is levelled first: every y is
        // sheared by −slope·x, which for a few degrees is the rotation to within cos(5°) = 0.996.
        let slope = Self.filmedByStaticCamera(input, midHip: midHip, runningSpeed: levelRunningSpeed(input, legLength: legLength, midHip: midHip), fraction: configuration.staticCameraHipSpeedFraction)
            ? groundSlope(input, legLength: legLength, midHip: midHip) : 0
        let s = slope == 0 ? input : Self.sheared(input, slope: slope)
        let levelledMidHip = slope == 0 ? midHip : midHip.map { $0.map { PlanePoint(x: $0.x, y: $0.y - slope * $0.x) } }
        if abs(slope) > 0 {
            findings.append(.groundTilted(degrees: Angle.degrees(atan2Safe(slope, 1))))
        }
        // The body has one running speed: both feet's stance samples are pooled (a single sweep of one foot, as
        // when a jogger enters the view, gave it two-thirds of the other's speed and a contact 7 frames late).
        var signals: [Side: FootSignals] = [:]
        for side in Side.allCases {
            signals[side] = groundLevel(s, side: side).flatMap {
                footSignals(s, side: side, ground: $0, legLength: legLength, midHip: levelledMidHip, shortestSweep: shortestSweep)
            }
        }
        // But each foot is imaged at its own scale: the far foot, a hip width further from the camera, sweeps
        // back 4–11 % slower in pixels on the real clips, and against the pooled speed it never quite stops,
        // landing late and leaving early (Overstride_3: far-foot contacts 0.6 frame late, step times alternating
        // 10.3/11.4 frames). So in an image, when both feet have swept back often enough to give their own
        // medians, and those differ as two depths can, each foot's contacts are found against its own speed.
        // Motion capture is projected onto the sagittal plane without perspective: there the two medians
        // differ only by noise, and both feet keep the pooled one.
        let pooled = Signal.median(Side.allCases.compactMap { signals[$0] }.flatMap(\.stanceSamples))
        // Each foot's own speed, as `footSignals` set it from its own samples.
        let ownSpeeds = Side.allCases.compactMap { side in
            signals[side].flatMap { $0.stanceSweeps >= Self.fewestSweepsForOwnStanceSpeed ? $0.model.speed : nil }
        }
        let feetKeepOwnSpeeds = input.sourceKind != .motionCapture
            && ownSpeeds.count == Side.allCases.count
            && ownSpeeds.allSatisfy { $0 > 0 }
            && (ownSpeeds.max() ?? 0) <= Self.largestFootSpeedRatio * (ownSpeeds.min() ?? 0)
        for side in Side.allCases {
            guard var foot = signals[side] else {
                findings.append(.footWithoutLandmarks(side))
                continue
            }
            if let pooled, !feetKeepOwnSpeeds { foot.setStanceVelocity(pooled) }
            // The standing foot angle is compared with the unlevelled foot angles of the metrics: put the tilt back.
            foot.model.flatFootAngle = foot.model.flatFootAngle.map { $0 + Angle.degrees(atan2Safe(slope, 1)) }
            foot.model.groundSlope = slope
            events += anchoredContacts(foot: foot, side: side, s: s, legLength: legLength, filterCutoffHz: filterCutoffHz)
            // The body has one running speed, which step and stride lengths are measured with: a foot's own image
            // speed would make the far foot's steps read shorter, an asymmetry of the camera, not of the runner.
            var model = foot.model
            if let pooled { model.speed = max(0, -pooled) }
            feet[side] = model
            if !foot.model.usesSoleLine {
                findings.append(.footFromSinglePoint(side))
            }
        }
        // Near the clip's ends the zero-lag filter rests on padding, not on frames: within half a period of its
        // cut-off (2.5 frames at 30 fps) a crossing can be the filter's edge, so no event is reported there.
        var span: ClosedRange<Double>?
        if let start = s.times.first, let end = s.times.last {
            let margin = filterCutoffHz.isFinite && filterCutoffHz > 0 ? 0.5 / filterCutoffHz : 0
            if start + margin <= end - margin { span = (start + margin)...(end - margin) }
            events = events.filter { span?.contains($0.time) ?? false }
        }
        events.sort { $0.time < $1.time }
        return Result(events: events, feet: feet, findings: findings, span: span)
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
        let levels = [Landmark.heel(side), .toe(side)].compactMap { s.tracks[$0].flatMap { Signal.quantile($0.y, 0.02) } }
        if let lowest = levels.min() { return lowest }
        return s.tracks[.ankle(side)].flatMap { Signal.quantile($0.y, 0.02) }
    }

    private struct FootSignals {
        var model: FootModel
        /// Slowest sole point's speed in the ground's frame, both axes (for IC), per frame.
        var contactSpeed: [Double]
        /// Slowest sole point's horizontal speed in the ground's frame (for TO), per frame.
        var horizontalSpeed: [Double]
        /// The swing's turning points of the sole's reach relative to the hips (see `turningPoints`).
        var turns: [(index: Int, forward: Bool)]
        /// The sole's velocities relative to the hips over the middle of its backward sweeps.
        var stanceSamples: [Double]
        /// How many backward sweeps gave `stanceSamples` (0 when they came from the flat-foot fallback).
        var stanceSweeps: Int
        /// The sole points' velocities relative to the hips, per frame: the ground's frame is these less the
        /// stance velocity.
        var velocities: [(vx: [Double], vy: [Double])]

        /// The signals with the ground's frame set by `stanceVelocity` (relative to the hips, negative):
        /// the foot's own, or the one pooled over both feet (see `detect`).
        mutating func setStanceVelocity(_ stanceVelocity: Double) {
            let n = contactSpeed.count
            var contact = [Double](repeating: .nan, count: n), horizontal = contact
            for i in 0..<n {
                var best = Double.infinity, bestH = Double.infinity
                for v in velocities where v.vx[i].isFinite {
                    let gx = v.vx[i] - stanceVelocity
                    bestH = min(bestH, abs(gx))
                    if v.vy[i].isFinite { best = min(best, hypotSafe(gx, v.vy[i])) }
                }
                if best.isFinite { contact[i] = best }
                if bestH.isFinite { horizontal[i] = bestH }
            }
            contactSpeed = contact
            horizontalSpeed = horizontal
            model.speed = max(0, -stanceVelocity)
        }
    }

    private func footSignals(
        _ s: KeypointSequence, side: Side, ground: Double, legLength: Double, midHip: [PlanePoint?], shortestSweep: Double = 0
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
            var heelLow = Signal.quantile(h.y, 0.02) ?? ground, toeLow = Signal.quantile(t.y, 0.02) ?? ground
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
        // The sole's middle relative to the hips, and the turning points of its swing.
        var reach = [Double](repeating: .nan, count: n)
        for i in 0..<n {
            let xs = solePoints.map { $0.x[i] }.filter(\.isFinite)
            if !xs.isEmpty { reach[i] = xs.reduce(0, +) / Double(xs.count) }
        }
        let turns = turningPoints(reach, times: s.times, smallest: Self.smallestSwingLegLengths * legLength, shortest: shortestSweep)
        // Stance velocity relative to the hips: the median mean-sole velocity over the middle half of each
        // backward sweep (furthest forward → furthest back), where the foot is surely planted. It needs no
        // ground level, which a panning or zooming camera moves; the frames where the foot is flat are the
        // fallback when no sweep is complete.
        func meanSoleVelocity(_ i: Int) -> Double? {
            var sum = 0.0, k = 0
            for v in velocities where v.vx[i].isFinite { sum += v.vx[i]; k += 1 }
            return k > 0 ? sum / Double(k) : nil
        }
        var stance: [Double] = []
        var sweeps = 0
        for (a, b) in zip(turns, turns.dropFirst()) where a.forward && !b.forward {
            let quarter = (b.index - a.index) / 4
            guard quarter >= 1 else { continue }
            let samples = ((a.index + quarter)...(b.index - quarter)).compactMap(meanSoleVelocity)
            stance += samples
            if !samples.isEmpty { sweeps += 1 }
        }
        if stance.isEmpty {
            for i in 0..<n where flat[i] { if let v = meanSoleVelocity(i) { stance.append(v) } }
        }
        // One stance velocity per foot here; the caller may pool both feet's samples instead. Tried per sweep (to follow a
        // runner speeding up), it was noisier (Hamner 3 m/s contact time 7.9 → 10.2 ms, F_Running_8 precision 95 → 89 %).
        guard let vStance = Signal.median(stance) else { return nil }
        let model = FootModel(
            side: side, speed: max(0, -vStance), flatFootAngle: flatAngle, groundLevel: ground,
            usesSoleLine: usesSoleLine
        )
        var signals = FootSignals(
            model: model, contactSpeed: [Double](repeating: .nan, count: n), horizontalSpeed: [Double](repeating: .nan, count: n),
            turns: turns, stanceSamples: stance, stanceSweeps: sweeps, velocities: velocities)
        signals.setStanceVelocity(vStance)
        return signals
    }

    // MARK: - Contacts

    /// A foot's fore-aft swing relative to the hips spans ~0.6–1.5 leg lengths in walking and running;
    /// the pose model's and the low-pass filter's wobbles are a few hundredths. Turning points closer
    /// than this are wobbles, not a swing; heuristic.
    static let smallestSwingLegLengths = 0.15

    /// Where the foot reached furthest forward (`forward`) and furthest back relative to the hips, in
    /// frame order and alternating: one of each a stride. A foot lands just after its furthest forward
    /// point and leaves just before its furthest back (Zeni 2008 took these points themselves as the
    /// events); between them it can only be on the ground once.
    private func turningPoints(_ reach: [Double], times: [Double], smallest: Double, shortest: Double) -> [(index: Int, forward: Bool)] {
        let n = reach.count
        var points: [(index: Int, forward: Bool)] = []
        func value(_ p: (index: Int, forward: Bool)) -> Double { reach[p.index] }
        for i in 1..<max(1, n - 1) {
            let a = reach[i - 1], b = reach[i], c = reach[i + 1]
            guard a.isFinite, b.isFinite, c.isFinite else { continue }
            let isMax = b > a && b >= c, isMin = b < a && b <= c
            guard isMax || isMin else { continue }
            let p = (index: i, forward: isMax)
            if let last = points.last, last.forward == p.forward {
                // Two of a kind in a row (a gap or a plateau between them): keep the more extreme.
                if p.forward ? value(p) > value(last) : value(p) < value(last) { points[points.count - 1] = p }
            } else {
                points.append(p)
            }
        }
        // Remove the smallest sweep until every sweep is a real one (wide enough, and long enough against the
        // stride); the neighbours keep the more extreme turn.
        while points.count >= 2 {
            var smallestIndex = -1, smallestSwing = Double.infinity
            for k in 0..<(points.count - 1) {
                let d = abs(value(points[k + 1]) - value(points[k]))
                let tooShort = times[points[k + 1].index] - times[points[k].index] < shortest
                guard d < smallest || tooShort else { continue }
                if d < smallestSwing { smallestSwing = d; smallestIndex = k }
            }
            guard smallestIndex >= 0 else { break }
            let k = smallestIndex
            if k == 0 || k + 1 == points.count - 1 {
                // At an end: drop the turn at the end (it may be cut short by the clip).
                points.remove(at: k == 0 ? 0 : k + 1)
                continue
            }
            let before = points[k - 1], after = points[k + 2 < points.count ? k + 2 : k + 1]
            let inner = points[k + 1], outer = points[k]
            if k + 2 < points.count, after.forward == outer.forward,
               outer.forward ? value(outer) > value(after) : value(outer) < value(after) {
                points[k + 2] = outer
            }
            if before.forward == inner.forward, inner.forward ? value(inner) > value(before) : value(inner) < value(before) {
                points[k - 1] = inner
            }
            points.removeSubrange(k...(k + 1))
        }
        return points
    }

    /// The foot's vertical stop at landing lasts some 50 ms, whose content lies at up to ~10 Hz; a low-pass
    /// below that (6 Hz at 30 fps) spreads the stop over the descent before it, and the vertical speed then
    /// reads the landing late (30 fps phone clips: +1.5 frames against eye labels, +0.5 with the fore-aft
    /// speed alone). At 10 Hz and above (60 fps and faster, and motion capture) both axes are used, which
    /// the force plates favour (Dorn sprint: IC 4.3 ms against 5.6 ms on the fore-aft speed alone).
    static let verticalLandingCutoffHz = 10.0

    /// Contacts one a stride, between the foot's turning points: IC where the slowest sole point's speed
    /// falls below its threshold after the previous mid-swing, TO where its horizontal speed last rises
    /// above its threshold before the next mid-swing. A foot whose threshold is not crossed in its window
    /// (hidden, blurred) has no event there rather than one guessed, unless it still slows to a landing read
    /// as sliding (`EventDetectionConfiguration.slidingLandingSpeedFraction`).
    private func anchoredContacts(foot: FootSignals, side: Side, s: KeypointSequence, legLength: Double, filterCutoffHz: Double) -> [GaitEvent] {
        let n = s.frameCount
        let speed = foot.model.speed
        guard speed > 0, n >= 5 else { return [] }
        let icThreshold = configuration.contactSpeedFraction * speed
        let toThreshold = configuration.toeOffSpeedFraction * speed
        let turns = foot.turns
        // One IC window around each forward turn (from the mid-swing before it to mid-stance after it) and one TO
        // window around each back turn (mid-stance before to mid-swing after). At the clip's ends a window runs
        // to the end, and a turn the clip cut off (the foot already sweeping back at the first frame, or still at
        // the last) gets its window too: a crossing must still be seen, so a contact that began before the
        // first frame gets no IC.
        var icWindows: [ClosedRange<Int>] = [], toWindows: [ClosedRange<Int>] = []
        for (k, turn) in turns.enumerated() {
            let start = k > 0 ? (turns[k - 1].index + turn.index) / 2 : 0
            let end = k + 1 < turns.count ? (turns[k + 1].index + turn.index) / 2 : n - 1
            guard start < end else { continue }
            if turn.forward { icWindows.append(start...end) } else { toWindows.append(start...end) }
        }
        if let first = turns.first, !first.forward, first.index / 2 > 0 { icWindows.insert(0...(first.index / 2), at: 0) }
        if let last = turns.last, last.forward, last.index < n - 1 { toWindows.append(last.index...(n - 1)) }

        // Where the landing's vertical stop survives the low-pass filter, the sole's speed counts on both axes;
        // below that only its fore-aft speed (see `verticalLandingCutoffHz`).
        let landingSpeed = filterCutoffHz >= Self.verticalLandingCutoffHz ? foot.contactSpeed : foot.horizontalSpeed
        var events: [GaitEvent] = []
        for window in icWindows {
            let frames = max(1, window.lowerBound + 1)...max(1, min(n - 1, window.upperBound))
            // IC: the first fall below the threshold; where a sliding reading never gets below it, the first fall
            // to within the threshold of the window's slowest (see `slidingLandingSpeedFraction`).
            // Only a foot seen above the threshold all through its window: one already below it where a gap
            // ends, or at the window's start (a contact the clip began in), still gets no IC.
            var time = firstFall(of: landingSpeed, below: icThreshold, in: frames, s)
            if time == nil, let slowest = ((frames.lowerBound - 1)...frames.upperBound).map({ landingSpeed[$0] }).filter(\.isFinite).min(),
               slowest >= icThreshold, slowest < configuration.slidingLandingSpeedFraction * speed {
                time = firstFall(of: landingSpeed, below: slowest + icThreshold, in: frames, s)
            }
            if let t = time {
                events.append(GaitEvent(side: side, kind: .initialContact, time: t, frame: frame(nearest: t, s)))
            }
        }
        for window in toWindows {
            // TO: the last rise above the threshold.
            var found: Double?
            for j in max(0, window.lowerBound)..<min(n - 1, window.upperBound) {
                let a = foot.horizontalSpeed[j], b = foot.horizontalSpeed[j + 1]
                if a.isFinite, b.isFinite, a < toThreshold, b >= toThreshold {
                    found = crossing(a, b, toThreshold, s.times[j], s.times[j + 1])
                }
            }
            if let t = found {
                events.append(GaitEvent(side: side, kind: .toeOff, time: t, frame: frame(nearest: t, s)))
            }
        }
        return events.sorted { $0.time < $1.time }
    }

    /// When `values` first fall below `threshold` over `frames` (interpolated between frames), if they do.
    private func firstFall(of values: [Double], below threshold: Double, in frames: ClosedRange<Int>, _ s: KeypointSequence) -> Double? {
        for j in frames {
            let a = values[j - 1], b = values[j]
            if a.isFinite, b.isFinite, a >= threshold, b < threshold {
                return crossing(a, b, threshold, s.times[j - 1], s.times[j])
            }
        }
        return nil
    }

    private func crossing(_ a: Double, _ b: Double, _ threshold: Double, _ ta: Double, _ tb: Double) -> Double {
        guard b != a else { return ta }
        let f = max(0, min(1, (threshold - a) / (b - a)))
        return ta + f * (tb - ta)
    }

    private func frame(nearest time: Double, _ s: KeypointSequence) -> Int { s.frameNumber(nearest: time) }
}
