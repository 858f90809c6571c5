/// Finds frames where a pose model exchanged left and right labels of a limb, and exchanges them back.
///
/// Side-view pose models swap legs — the whole leg, or a single joint such as the ankles (Sports2D:
/// "Right/Left swaps are not corrected yet") — and arms. Nearest-position tracking cannot undo this: the
/// limbs cross twice a stride, and at a crossing both labellings are equally near. This corrector instead
/// chooses, for every frame, one of a few *swap states* of a limb (`Chain`: labels as given, whole limb
/// exchanged, one joint exchanged, foot or shank-and-foot exchanged…) by dynamic programming (Viterbi)
/// over the whole clip, minimising:
/// - **motion**: each corrected track should continue at constant velocity — the residual of
///   `p(t) − (2 p(t−1) − p(t−2))` over the robust scale of the track's own second differences. At a
///   crossing the legs are near but move differently (one planted, one swinging), so the *velocity*
///   still tells them apart; the frame before the previous one comes from the path's own back-pointer;
/// - **segment lengths**: thigh, shank and foot lengths should match their clip-wide medians
///   (a single swapped ankle breaks two of them at once);
/// - **a cost per state change and per swapped frame**: labels are mostly right, and where the
///   evidence is even the given labels stand.
/// Residuals are capped so one wild sample cannot force a correction. O(frames × states²).
///
/// On the synthetic runner (60 fps, 1 cm noise, dropouts, glitches; CleaningSwapTests): ≥ 98 % of leg
/// swaps corrected with no false corrections, also when swaps start or end at a crossing; arms ≥ 97 %
/// when placed anywhere but 77–95 % at crossings, where two arm swaps half a stride apart can be read as
/// one swap of the frames between them.
public struct LeftRightSwapCorrector: Sendable {
    public var costs: CleaningConfiguration.SwapDetection
    /// Which limb this corrector works on.
    public var chain: Chain

    public init(chain: Chain = .leg, costs: CleaningConfiguration.SwapDetection = .init()) {
        self.chain = chain
        self.costs = costs
    }

    /// A limb as a chain of joints, the label-exchange patterns to consider, and the segments whose
    /// lengths are checked.
    public struct Chain: Sendable {
        /// The landmarks of one side, proximal to distal; bit i of a state is joint i.
        public var joints: @Sendable (Side) -> [Landmark]
        /// Exchange patterns as bit masks over `joints` (0 = labels as given).
        public var states: [UInt8]
        /// Segments as joint index pairs.
        public var segments: [(Int, Int)]
        public var jointCount: Int { joints(.left).count }

        public init(joints: @escaping @Sendable (Side) -> [Landmark], states: [UInt8], segments: [(Int, Int)]) {
            self.joints = joints
            self.states = states
            self.segments = segments
        }

        /// Hip, knee, ankle, heel, toe. States: as given, whole leg, each of knee/ankle/heel/toe alone, the foot
        /// (ankle, heel, toe), shank + foot. A hip alone is left out: in side view the hips nearly coincide, so
        /// its swap is unobservable and harmless. Segments: thigh, shank, ankle–heel, ankle–toe, heel–toe.
        public static let leg = Chain(
            joints: { Landmark.leg($0) },
            states: [0, 0b11111, 0b00010, 0b00100, 0b01000, 0b10000, 0b11100, 0b11110],
            segments: [(0, 1), (1, 2), (2, 3), (2, 4), (3, 4)])

        /// Shoulder, elbow, wrist. States: as given, whole arm, elbow alone, wrist alone, forearm (elbow and
        /// wrist). Segments: upper arm, forearm.
        public static let arm = Chain(
            joints: { [Landmark.shoulder($0), .elbow($0), .wrist($0)] },
            states: [0, 0b111, 0b010, 0b100, 0b110], segments: [(0, 1), (1, 2)])
    }

    /// Robust scales are estimated from at most this many samples (evenly spaced), to stay fast on long clips.
    static let scaleSampleLimit = 4000

    /// One side's joint coordinates: `x[joint][frame]`, NaN where missing.
    public struct Limb: Sendable {
        public var x: [[Double]]
        public var y: [[Double]]
        public init(x: [[Double]], y: [[Double]]) {
            self.x = x
            self.y = y
        }
    }

    /// The swap state of every frame, as a bit mask over `joints` (0 = labels as given).
    public func states(left: Limb, right: Limb) -> [UInt8] {
        choices(readings: [Reading(left: left, right: right)]).map(\.state)
    }

    /// One reading of both sides of the limb over the clip: the pose model's, or a second one of the same
    /// frames (the model run on the mirrored picture, mirrored back), whose leg confusions fall on other frames.
    public struct Reading: Sendable {
        public var left: Limb
        public var right: Limb
        public init(left: Limb, right: Limb) {
            self.left = left
            self.right = right
        }
    }

    /// Which reading each frame takes, and its swap state within that reading.
    public struct Choice: Sendable, Hashable {
        /// Index into the readings passed; 0 is the first.
        public var reading: Int
        /// Bit mask over `joints` (0 = labels as given).
        public var state: UInt8
    }

    /// The path over several readings of the same frames: every frame chooses one reading and one swap state
    /// of it, by the same motion and segment-length costs, with the same cost for changing reading as for
    /// changing swap state. A later reading can be chosen only where it has every joint the first has (a
    /// missing joint costs nothing, so a reading with fewer would be favoured for lacking evidence). The robust
    /// scales come from the first reading, so with one reading this is `states(left:right:)` exactly.
    public func choices(readings: [Reading]) -> [Choice] {
        guard let primary = readings.first else { return [] }
        let left = primary.left, right = primary.right
        let n = left.x.first?.count ?? 0
        guard n > 0 else { return [] }
        let readingCount = readings.count
        let joints = chain.jointCount
        let masks = chain.states, segments = chain.segments
        let maskCount = masks.count
        let step = max(1, n / Self.scaleSampleLimit)
        // State s is reading s / maskCount with mask masks[s % maskCount].
        let stateCount = maskCount * readingCount
        let cap2 = costs.residualCap * costs.residualCap

        // Robust scales: segment lengths, and second / first differences per joint.
        var reference = [Double](repeating: .nan, count: segments.count)
        var lengthScale = [Double](repeating: 1, count: segments.count)
        var sample: [Double] = []
        sample.reserveCapacity(2 * n)
        for (j, (u, v)) in segments.enumerated() {
            sample.removeAll(keepingCapacity: true)
            for leg in [left, right] {
                for t in stride(from: 0, to: n, by: step) {
                    let dx = leg.x[u][t] - leg.x[v][t], dy = leg.y[u][t] - leg.y[v][t]
                    let d = (dx * dx + dy * dy).squareRoot()
                    if d.isFinite { sample.append(d) }
                }
            }
            guard let m = Signal.median(sample) else { continue }
            for k in sample.indices { sample[k] = abs(sample[k] - m) }
            let mad = Signal.median(sample) ?? 0
            reference[j] = m
            lengthScale[j] = max(1.4826 * mad, 0.02 * m, 1e-9)
        }
        let bodyScale = max(1e-9, (reference[0].isFinite ? reference[0] : 0) + (reference[1].isFinite ? reference[1] : 0))
        var accelerationScale2 = [Double](repeating: 1, count: joints)
        var velocityScale2 = [Double](repeating: 1, count: joints)
        for i in 0..<joints {
            for (order, floorFraction) in [(2, 0.002), (1, 0.005)] {
                sample.removeAll(keepingCapacity: true)
                for leg in [left, right] {
                    let x = leg.x[i], y = leg.y[i]
                    for t in stride(from: order, to: max(order, n), by: step) {
                        let dx = order == 2 ? x[t] - 2 * x[t - 1] + x[t - 2] : x[t] - x[t - 1]
                        let dy = order == 2 ? y[t] - 2 * y[t - 1] + y[t - 2] : y[t] - y[t - 1]
                        let d2 = dx * dx + dy * dy
                        if d2.isFinite { sample.append(d2) }
                    }
                }
                let floor = floorFraction * bodyScale
                let scale2 = max(Signal.median(sample) ?? 0, floor * floor)
                if order == 2 { accelerationScale2[i] = scale2 } else { velocityScale2[i] = scale2 }
            }
        }

        // Bit of joint i in state s, and the state's reading.
        var bit = [Int](repeating: 0, count: stateCount * joints)
        var readingOf = [Int](repeating: 0, count: stateCount)
        for s in 0..<stateCount {
            readingOf[s] = s / maskCount
            for i in 0..<joints { bit[s * joints + i] = Int((masks[s % maskCount] >> UInt8(i)) & 1) }
        }

        // Observed positions, flat: obs[(((r * n + t) * 2 + side) * joints + i) * 2 + axis], side 0 = left.
        var obs = [Double](repeating: .nan, count: readingCount * n * 2 * joints * 2)
        for (r, reading) in readings.enumerated() {
            for i in 0..<joints {
                let lx = reading.left.x[i], ly = reading.left.y[i], rx = reading.right.x[i], ry = reading.right.y[i]
                guard lx.count == n, ly.count == n, rx.count == n, ry.count == n else { continue }
                for t in 0..<n {
                    let base = ((r * n + t) * 2 * joints + i) * 2
                    obs[base] = lx[t]
                    obs[base + 1] = ly[t]
                    obs[base + 2 * joints] = rx[t]
                    obs[base + 2 * joints + 1] = ry[t]
                }
            }
        }
        // Whether reading r may be taken at frame t: it has every joint the first reading has there.
        func available(_ r: Int, _ t: Int) -> Bool {
            guard r > 0 else { return true }
            for side in 0...1 {
                for i in 0..<joints {
                    let k0 = ((t * 2 + side) * joints + i) * 2, k = (((r * n + t) * 2 + side) * joints + i) * 2
                    if obs[k0].isFinite && !obs[k].isFinite { return false }
                }
            }
            return true
        }
        // Unary cost of each state at a frame: segment lengths plus the swapped-frame penalty.
        // d[(r * segments + j) * 4 + su * 2 + sv]: squared residual of segment j's length in reading r, from
        // side su's joint u to side sv's joint v.
        var d = [Double](repeating: 0, count: readingCount * segments.count * 4)
        func unary(_ t: Int, into out: inout [Double]) {
            for r in 0..<readingCount {
                for (j, (u, v)) in segments.enumerated() where reference[j].isFinite {
                    for su in 0...1 {
                        for sv in 0...1 {
                            let ka = (((r * n + t) * 2 + su) * joints + u) * 2, kb = (((r * n + t) * 2 + sv) * joints + v) * 2
                            let dx = obs[ka] - obs[kb], dy = obs[ka + 1] - obs[kb + 1]
                            let z = ((dx * dx + dy * dy).squareRoot() - reference[j]) / lengthScale[j]
                            d[(r * segments.count + j) * 4 + su * 2 + sv] = z.isFinite ? min(z * z, cap2) : 0
                        }
                    }
                }
            }
            for r in 0..<readingCount {
                let allowed = available(r, t)
                for m in 0..<maskCount {
                    let s = r * maskCount + m
                    guard allowed else {
                        out[s] = .infinity
                        continue
                    }
                    var c = m == 0 ? 0 : costs.swappedFramePenalty
                    for (j, (u, v)) in segments.enumerated() where reference[j].isFinite {
                        let bu = bit[s * joints + u], bv = bit[s * joints + v]
                        let base = (r * segments.count + j) * 4
                        c += d[base + bu * 2 + bv] + d[base + (1 - bu) * 2 + (1 - bv)]
                    }
                    out[s] = c
                }
            }
        }

        var cost = [Double](repeating: 0, count: stateCount)
        var next = cost
        var unaryCost = cost
        var back = [UInt8](repeating: 0, count: n * stateCount)
        // motion[(a * joints + i) * 2 + b]: motion cost of joint i's two tracks if the previous state is a
        // and joint i's bit at this frame is b (in the reading of the state at this frame, `motionByReading`).
        var motion = [Double](repeating: 0, count: stateCount * joints * 2)
        unary(0, into: &cost)

        // A joint's code at a frame is reading × 2 + bit. table[((i * codes + c1) * codes + c2) * codes + c0]:
        // joint i's motion cost when its code was c1 at t−1, c2 at t−2 and is c0 at t. Every state's cost is a
        // sum of these, so each frame needs only codes³ per joint.
        let codes = 2 * readingCount
        var table = [Double](repeating: 0, count: joints * codes * codes * codes)
        var codeOf = [Int](repeating: 0, count: stateCount * joints)
        for s in 0..<stateCount {
            for i in 0..<joints { codeOf[s * joints + i] = readingOf[s] * 2 + bit[s * joints + i] }
        }

        for t in 1..<n {
            obs.withUnsafeBufferPointer { o in
                func at(_ t: Int, _ code: Int, _ other: Bool, _ i: Int) -> (Double, Double) {
                    let r = code / 2, side = other ? 1 - code % 2 : code % 2
                    let k = (((r * n + t) * 2 + side) * joints + i) * 2
                    return (o[k], o[k + 1])
                }
                for i in 0..<joints {
                    for c1 in 0..<codes {
                        let l1 = at(t - 1, c1, false, i), r1 = at(t - 1, c1, true, i)
                        for c2 in 0..<codes {
                            let l2 = t >= 2 ? at(t - 2, c2, false, i) : (Double.nan, Double.nan)
                            let r2 = t >= 2 ? at(t - 2, c2, true, i) : (Double.nan, Double.nan)
                            for c0 in 0..<codes {
                                let l0 = at(t, c0, false, i), r0 = at(t, c0, true, i)
                                table[((i * codes + c1) * codes + c2) * codes + c0] =
                                    residual(l0.0, l0.1, l1.0, l1.1, l2.0, l2.1, i)
                                    + residual(r0.0, r0.1, r1.0, r1.1, r2.0, r2.1, i)
                            }
                        }
                    }
                }
            }
            unary(t, into: &unaryCost)
            var lowest = Double.infinity
            for r in 0..<readingCount {
                // The motion costs into reading r at this frame, from every previous state.
                for a in 0..<stateCount {
                    let a2 = t >= 2 ? Int(back[(t - 1) * stateCount + a]) : a
                    for i in 0..<joints {
                        let k = ((i * codes + codeOf[a * joints + i]) * codes + codeOf[a2 * joints + i]) * codes + r * 2
                        motion[(a * joints + i) * 2] = table[k]
                        motion[(a * joints + i) * 2 + 1] = table[k + 1]
                    }
                }
                for s in (r * maskCount)..<((r + 1) * maskCount) {
                    var best = Double.infinity
                    var arg = 0
                    for a in 0..<stateCount {
                        var c = cost[a] + (a == s ? 0 : costs.changePenalty)
                        let base = a * joints
                        for i in 0..<joints { c += motion[(base + i) * 2 + bit[s * joints + i]] }
                        if c < best {
                            best = c
                            arg = a
                        }
                    }
                    next[s] = best + unaryCost[s]
                    back[t * stateCount + s] = UInt8(arg)
                    lowest = min(lowest, next[s])
                }
            }
            for s in 0..<stateCount { cost[s] = next[s] - lowest }
        }

        var path = [Choice](repeating: Choice(reading: 0, state: 0), count: n)
        var s = 0
        for k in 1..<stateCount where cost[k] < cost[s] { s = k }
        var t = n - 1
        while true {
            path[t] = Choice(reading: readingOf[s], state: masks[s % maskCount])
            if t == 0 { break }
            s = Int(back[t * stateCount + s])
            t -= 1
        }
        return path

        func residual(_ x: Double, _ y: Double, _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ i: Int) -> Double {
            guard x.isFinite, y.isFinite, x1.isFinite, y1.isFinite else { return 0 }
            if x2.isFinite && y2.isFinite {
                let ex = x - 2 * x1 + x2, ey = y - 2 * y1 + y2
                return min((ex * ex + ey * ey) / accelerationScale2[i], cap2)
            }
            let ex = x - x1, ey = y - y1
            return min((ex * ex + ey * ey) / velocityScale2[i], cap2)
        }
    }
}
