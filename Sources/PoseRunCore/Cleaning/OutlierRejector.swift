/// Removes one- and two-frame spikes that a pose model reported with *high* confidence (so the gate kept them).
///
/// A sample's roughness is how far it stands from the line through its neighbours,
/// `r(t) = p(t) − (p(t−1) + p(t+1)) / 2`. A spike of size s leaves the signature (−s/2, s, −s/2): the
/// neighbours' roughness points the *opposite* way at half the size. A foot stopping at contact or
/// leaving at toe-off — real motion that can be just as abrupt at low frame rates — leaves (0, v·dt/2, 0)
/// instead, so the signature, not the size, is what convicts. A sample is rejected (made missing, to be
/// bridged by gap filling) when its roughness exceeds `threshold` × the track's median roughness and
/// `floor`, and both neighbours point back at it; a two-frame spike (−s/2, s/2, s/2, −s/2) likewise.
/// Sports2D offers a comparable stage (`reject_outliers`, a Hampel filter on positions).
public enum OutlierRejector {
    /// The neighbours' roughness must point back with at least this share of the centre's (0.5 for an ideal spike).
    static let opposition = 0.25

    /// Rejects spikes in place; returns how many samples were removed.
    @discardableResult
    public static func reject(
        x: inout [Double], y: inout [Double], confidence: inout [Double], threshold: Double, floor: Double,
        scratch: inout [Double]
    ) -> Int {
        let n = x.count
        guard n >= 5 else { return 0 }
        if scratch.count < 2 * n { scratch = [Double](repeating: 0, count: 2 * n) }
        // Roughness vectors in scratch[2t], scratch[2t+1] (NaN where a neighbour is missing).
        var magnitudes: [Double] = []
        let step = max(1, n / 4000)
        magnitudes.reserveCapacity(n / step + 1)
        for t in 0..<n {
            scratch[2 * t] = .nan
            scratch[2 * t + 1] = .nan
            guard t > 0, t < n - 1 else { continue }
            let rx = x[t] - (x[t - 1] + x[t + 1]) / 2, ry = y[t] - (y[t - 1] + y[t + 1]) / 2
            guard rx.isFinite, ry.isFinite else { continue }
            scratch[2 * t] = rx
            scratch[2 * t + 1] = ry
            if t % step == 0 { magnitudes.append((rx * rx + ry * ry).squareRoot()) }
        }
        // The upper median (of an even count's middle two): as this stage was tuned.
        guard let typical = Signal.quantile(magnitudes, 0.5, method: .rankOfFloorQN) else { return 0 }
        let limit = max(threshold * typical, floor)

        func dot(_ a: Int, _ b: Int) -> Double { scratch[2 * a] * scratch[2 * b] + scratch[2 * a + 1] * scratch[2 * b + 1] }
        var reject: [Int] = []
        var t = 2
        while t < n - 2 {
            let self2 = dot(t, t)
            guard self2.isFinite, self2 > limit * limit / 4 else { t += 1; continue }
            let before = dot(t - 1, t), after = dot(t + 1, t)
            if self2 > limit * limit, before < -opposition * self2, after < -opposition * self2 {
                reject.append(t)
                t += 2
                continue
            }
            // Two-frame spike: t and t+1 rough the same way, their outer neighbours point back.
            let next2 = dot(t + 1, t + 1)
            if t + 2 < n - 1, next2 > limit * limit / 4, after > 0, before < -opposition * self2,
                dot(t + 2, t + 1) < -opposition * next2
            {
                reject.append(t)
                reject.append(t + 1)
                t += 3
                continue
            }
            t += 1
        }
        for t in reject {
            x[t] = .nan
            y[t] = .nan
            confidence[t] = 0
        }
        return reject.count
    }
}
