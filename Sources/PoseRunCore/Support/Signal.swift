/// Small numeric helpers over `[Double]` with `NaN` as "missing". Plain loops: these run per frame.
enum Signal {
    /// How a quantile picks from the finite values in ascending order, v[0] ≤ … ≤ v[n − 1].
    ///
    /// Three, because the callers were tuned (and their outputs recorded) with them; a new caller takes `.linear`.
    enum QuantileMethod: Sendable, Hashable {
        /// Linear interpolation between the order statistics either side of rank q·(n − 1): Hyndman & Fan
        /// (1996) type 7, the default of R and NumPy. The median of an even count is the middle two's mean.
        case linear
        /// The order statistic of rank q·(n − 1) rounded to the nearest (halves up): a value that was
        /// measured, never a blend of two.
        case nearestRank
        /// The order statistic of rank ⌊q·n⌋ (at most n − 1): for q = ½ the upper of an even count's middle
        /// two; cheap robust levels in the cleaning stage.
        case rankOfFloorQN
    }

    /// The q-quantile (q in 0…1) of the finite values, by `method`; `nil` if there are none. The one quantile,
    /// percentile and median of Core.
    ///
    /// The order statistics are selected, not sorted for (the same values a sort would put there):
    /// whole-clip percentiles over 36 000 frames were a sixth of a 10-minute analysis.
    static func quantile(_ values: [Double], _ q: Double, method: QuantileMethod = .linear) -> Double? {
        var v = values.filter(\.isFinite)
        guard !v.isEmpty else { return nil }
        switch method {
        case .linear:
            let pos = q * Double(v.count - 1)
            let lo = Int(pos.rounded(.down)), hi = min(lo + 1, v.count - 1)
            let f = pos - Double(lo)
            let low = select(&v, rank: lo)
            // After selecting rank `lo`, everything above it is no smaller: rank `lo + 1` is their minimum.
            let high = hi == lo ? low : (v[(lo + 1)...].min() ?? low)
            return low * (1 - f) + high * f
        case .nearestRank:
            let rank = Int((q * Double(v.count - 1)).rounded())
            return select(&v, rank: min(max(rank, 0), v.count - 1))
        case .rankOfFloorQN:
            let rank = Int((q * Double(v.count)).rounded(.down))
            return select(&v, rank: min(max(rank, 0), v.count - 1))
        }
    }

    /// The value of rank `k` (0-based) in ascending order, by quickselect (Hoare partition, median-of-three
    /// pivot); on return `v[..<k]` holds no larger values and `v[(k + 1)...]` no smaller ones.
    static func select(_ v: inout [Double], rank k: Int) -> Double {
        var lo = 0, hi = v.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while pivot < v[j] { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return v[k] }
        }
        return v[k]
    }

    /// The median: the `.linear` 0.5-quantile (an even count's middle two, averaged).
    static func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }

    /// Central-difference derivative against time; `NaN` where a neighbour is missing.
    static func derivative(_ values: [Double], times: [Double]) -> [Double] {
        let n = values.count
        var d = [Double](repeating: .nan, count: n)
        guard n >= 3 else { return d }
        for i in 1..<(n - 1) {
            let dt = times[i + 1] - times[i - 1]
            if dt > 0 { d[i] = (values[i + 1] - values[i - 1]) / dt }
        }
        d[0] = values[1].isFinite && values[0].isFinite ? (values[1] - values[0]) / max(times[1] - times[0], 1e-12) : .nan
        d[n - 1] = values[n - 1].isFinite && values[n - 2].isFinite
            ? (values[n - 1] - values[n - 2]) / max(times[n - 1] - times[n - 2], 1e-12) : .nan
        return d
    }

    /// Linear interpolation of a per-frame signal at a fractional frame position.
    static func value(_ values: [Double], atFractionalFrame f: Double) -> Double {
        guard !values.isEmpty, f.isFinite else { return .nan }
        let lo = Int(f.rounded(.down))
        if lo < 0 { return values[0] }
        if lo >= values.count - 1 { return values[values.count - 1] }
        let w = f - Double(lo)
        let a = values[lo], b = values[lo + 1]
        if !a.isFinite { return w > 0.5 ? b : .nan }
        if !b.isFinite { return w < 0.5 ? a : .nan }
        return a * (1 - w) + b * w
    }

    /// Maximum of the finite values in `range` with its index, or `nil`.
    static func argmax(_ values: [Double], in range: ClosedRange<Int>) -> (index: Int, value: Double)? {
        var best: (index: Int, value: Double)?
        for i in range where i >= 0 && i < values.count && values[i].isFinite {
            if values[i] > best?.value ?? -.infinity { best = (i, values[i]) }
        }
        return best
    }

    static func argmin(_ values: [Double], in range: ClosedRange<Int>) -> (index: Int, value: Double)? {
        var best: (index: Int, value: Double)?
        for i in range where i >= 0 && i < values.count && values[i].isFinite {
            if values[i] < best?.value ?? .infinity { best = (i, values[i]) }
        }
        return best
    }

    /// Range (max − min) of finite values in `range`, or `nil` with fewer than two.
    static func span(_ values: [Double], in range: ClosedRange<Int>) -> Double? {
        guard let hi = argmax(values, in: range), let lo = argmin(values, in: range), hi.index != lo.index else { return nil }
        return hi.value - lo.value
    }

    /// Fraction of finite values in a range.
    static func presentFraction(_ values: [Double], in range: ClosedRange<Int>) -> Double {
        var n = 0, p = 0
        for i in range where i >= 0 && i < values.count {
            n += 1
            if values[i].isFinite { p += 1 }
        }
        return n == 0 ? 0 : Double(p) / Double(n)
    }

    /// The two neighbouring positions of ascending `times` whose interval holds `time` (the first two or the last
    /// two when it lies beyond an end); nil for fewer than two times. Events, steps and clocks all look up times so.
    static func bracket(_ time: Double, in times: [Double]) -> (lower: Int, upper: Int)? {
        guard times.count > 1 else { return nil }
        var lo = 0, hi = times.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if times[mid] <= time { lo = mid } else { hi = mid }
        }
        return (lo, hi)
    }

    /// The position of the time in ascending `times` nearest `time`; nil when there are none.
    static func nearest(_ time: Double, in times: [Double]) -> Int? {
        guard let (lo, hi) = bracket(time, in: times) else { return times.isEmpty ? nil : 0 }
        return abs(times[lo] - time) <= abs(times[hi] - time) ? lo : hi
    }
}

/// Degrees and radians, named so call sites say which they mean.
enum Angle {
    static func degrees(_ radians: Double) -> Double { radians * 180 / Double.pi }
    static func radians(_ degrees: Double) -> Double { degrees * Double.pi / 180 }

    /// Angle of a vector from the vertical (up), positive when it leans forward (+x).
    static func fromVerticalDegrees(dx: Double, dy: Double) -> Double {
        degrees(atan2Safe(dx, dy))
    }

    /// Interior angle at `b` of the triangle a–b–c, degrees (180 = straight).
    static func interiorDegrees(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Double {
        let u = a - b, v = c - b
        let lu = u.length, lv = v.length
        guard lu > 0, lv > 0 else { return .nan }
        let cosine = max(-1, min(1, (u.x * v.x + u.y * v.y) / (lu * lv)))
        return degrees(acosSafe(cosine))
    }
}
