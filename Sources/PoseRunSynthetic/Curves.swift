/// A piecewise cubic Hermite curve through (time, value, slope) knots: smooth joint angles whose
/// values *and* rates match the stance phase at toe-off and contact.
struct HermiteCurve: Sendable {
    struct Knot: Sendable {
        var t: Double
        var value: Double
        var slope: Double
    }

    var knots: [Knot]

    /// Knots whose end slopes are limited so no segment overshoots an interior peak (slope 0):
    /// the Fritsch–Carlson bound |m| ≤ 3·|secant| keeps a cubic with one zero end slope monotone,
    /// and an end slope against the secant is limited to |secant| so any dip stays small.
    init(limiting knots: [Knot]) {
        var k = knots
        for i in [0, k.count - 1] {
            let j = i == 0 ? 1 : k.count - 2
            let secant = (k[max(i, j)].value - k[min(i, j)].value) / (k[max(i, j)].t - k[min(i, j)].t)
            let m = k[i].slope
            let bound = (m * secant >= 0 ? 3 : 1) * abs(secant)
            k[i].slope = max(-bound, min(bound, m))
        }
        self.knots = k
    }

    init(knots: [Knot]) { self.knots = knots }

    func value(at t: Double) -> Double {
        guard let first = knots.first, let last = knots.last else { return 0 }
        if t <= first.t { return first.value }
        if t >= last.t { return last.value }
        var i = 0
        while i < knots.count - 2 && t > knots[i + 1].t { i += 1 }
        let a = knots[i], b = knots[i + 1]
        let h = b.t - a.t
        let s = (t - a.t) / h
        let s2 = s * s, s3 = s2 * s
        return (2 * s3 - 3 * s2 + 1) * a.value + (s3 - 2 * s2 + s) * h * a.slope
            + (-2 * s3 + 3 * s2) * b.value + (s3 - s2) * h * b.slope
    }
}
