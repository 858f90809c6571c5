/// Fills short gaps in a landmark track by cubic Hermite interpolation.
///
/// Why Hermite: a foot in swing moves on an arc, so straight lines cut corners and put velocity kinks
/// into the track, which an event detector can read as contacts. Hermite keeps position *and* velocity
/// continuous across the gap, using end slopes from three-point one-sided differences (exact for any
/// parabola, so a parabolic track is restored exactly). It is local: nothing outside the gap changes,
/// and a glitch elsewhere cannot ring into it as a global spline could.
public enum GapInterpolator {
    /// Fills every gap of at most `maximumGapFrames` missing samples that has present samples on both
    /// sides; a sample is missing when x or y is not finite. Filled samples take the lower confidence of
    /// the two gap ends. Returns how many samples were filled.
    @discardableResult
    public static func fill(
        x: inout [Double], y: inout [Double], confidence: inout [Double], maximumGapFrames: Int
    ) -> Int {
        let n = x.count
        guard maximumGapFrames > 0, n > 2 else { return 0 }
        func present(_ i: Int) -> Bool { i >= 0 && i < n && x[i].isFinite && y[i].isFinite }
        var filled = 0
        var i = 1
        while i < n {
            guard !present(i) else { i += 1; continue }
            var j = i
            while j < n && !present(j) { j += 1 }
            let a = i - 1, b = j
            if present(a), b < n, b - a - 1 <= maximumGapFrames {
                let h = Double(b - a)
                let ma = (slope(x, at: a, towardLower: true, present: present, secant: (x[b] - x[a]) / h),
                          slope(y, at: a, towardLower: true, present: present, secant: (y[b] - y[a]) / h))
                let mb = (slope(x, at: b, towardLower: false, present: present, secant: (x[b] - x[a]) / h),
                          slope(y, at: b, towardLower: false, present: present, secant: (y[b] - y[a]) / h))
                let c = min(confidence[a], confidence[b])
                for k in (a + 1)..<b {
                    let s = Double(k - a) / h
                    let s2 = s * s, s3 = s2 * s
                    let h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2
                    x[k] = h00 * x[a] + h10 * h * ma.0 + h01 * x[b] + h11 * h * mb.0
                    y[k] = h00 * y[a] + h10 * h * ma.1 + h01 * y[b] + h11 * h * mb.1
                    confidence[k] = c
                    filled += 1
                }
            }
            i = j + 1
        }
        return filled
    }

    /// The slope per frame at a gap end, from the present samples on its far side from the gap:
    /// three-point one-sided difference when two neighbours exist, two-point with one, else the secant.
    private static func slope(
        _ v: [Double], at i: Int, towardLower: Bool, present: (Int) -> Bool, secant: Double
    ) -> Double {
        let d = towardLower ? -1 : 1
        if present(i + d) && present(i + 2 * d) {
            let m = (3 * v[i] - 4 * v[i + d] + v[i + 2 * d]) / 2
            return towardLower ? m : -m
        }
        if present(i + d) { return towardLower ? v[i] - v[i + d] : v[i + d] - v[i] }
        return secant
    }
}
