import PoseRunCore

/// One chart over the gait cycle as inline SVG: left and right mean ± SD, toe-off marks, reference bands.
struct CycleChart {
    struct Series {
        var label: String
        var side: Side
        var curve: CycleCurve
        var dashed: Bool = false
    }

    var title: String
    var unit: String
    var series: [Series]
    var bands: [NormativeBand]
    /// Toe-off per side in per cent of the cycle (stance is shaded before it).
    var toeOffPercent: [Side: Double]
    var shadeStance = false

    static let width = 560.0, height = 250.0
    static let left = 60.0, right = 26.0, top = 14.0, bottom = 34.0

    static func colour(_ side: Side) -> String { side == .left ? "#d9480f" : "#1864ab" }

    func render(id: String) -> String {
        let values = series.flatMap { s in
            zip(s.curve.mean, s.curve.sd).flatMap { m, sd -> [Double] in
                guard let m else { return [] }
                return [m - (sd ?? 0), m + (sd ?? 0)]
            }
        } + bands.flatMap { [$0.low, $0.high] }
        guard let lo = values.min(), let hi = values.max() else { return "" }
        let (y0, y1, step) = Self.niceRange(lo, hi)
        let w = Self.width, h = Self.height
        let pw = w - Self.left - Self.right, ph = h - Self.top - Self.bottom
        func X(_ pct: Double) -> Double { Self.left + pct / 100 * pw }
        func Y(_ v: Double) -> Double { Self.top + (1 - (v - y0) / (y1 - y0)) * ph }
        let c = HTMLText.coordinate
        var svg = "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(c(w)) \(c(h))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        // Stance shading per side.
        if shadeStance {
            for (i, side) in Side.allCases.enumerated() {
                guard let to = toeOffPercent[side] else { continue }
                let yTop = Self.top + ph - Double(2 - i) * 8
                svg += "<rect x=\"\(c(X(0)))\" y=\"\(c(yTop))\" width=\"\(c(X(to) - X(0)))\" height=\"6\" fill=\"\(Self.colour(side))\" opacity=\"0.55\"><title>\(side.rawValue) foot on the ground (0–\(HTMLText.number(to)) %)</title></rect>"
            }
        }
        for band in bands {
            svg += "<rect class=\"band\" x=\"\(c(X(band.fromPercent)))\" y=\"\(c(Y(band.high)))\" width=\"\(c(X(band.toPercent) - X(band.fromPercent)))\" height=\"\(c(max(1, Y(band.low) - Y(band.high))))\"><title>\(HTMLText.escape(band.label + " — " + band.source))</title></rect>"
            svg += "<text class=\"band-label\" x=\"\(c(X(band.fromPercent) + 4))\" y=\"\(c(Y(band.high) - 3))\">\(HTMLText.escape(band.label))</text>"
        }
        // Grid and axes.
        var v = y0
        while v <= y1 + step / 2 {
            svg += "<line class=\"grid\" x1=\"\(c(X(0)))\" x2=\"\(c(X(100)))\" y1=\"\(c(Y(v)))\" y2=\"\(c(Y(v)))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(X(0) - 6))\" y=\"\(c(Y(v) + 4))\" text-anchor=\"end\">\(Self.tick(v, step: step))</text>"
            v += step
        }
        for pct in stride(from: 0.0, through: 100, by: 20) {
            svg += "<text class=\"tick\" x=\"\(c(X(pct)))\" y=\"\(c(h - Self.bottom + 16))\" text-anchor=\"middle\">\(Int(pct)) %</text>"
        }
        svg += "<text class=\"axis\" x=\"\(c(X(50)))\" y=\"\(c(h - 3))\" text-anchor=\"middle\">gait cycle (initial contact → next initial contact of the same foot)</text>"
        svg += "<text class=\"axis\" x=\"12\" y=\"\(c(Self.top + ph / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(c(Self.top + ph / 2)))\">\(HTMLText.escape(unit))</text>"
        for side in Side.allCases {
            guard let to = toeOffPercent[side] else { continue }
            svg += "<line class=\"toe-off\" x1=\"\(c(X(to)))\" x2=\"\(c(X(to)))\" y1=\"\(c(Self.top))\" y2=\"\(c(Self.top + ph))\" stroke=\"\(Self.colour(side))\"><title>\(side.rawValue) toe-off at \(HTMLText.number(to)) % of the cycle</title></line>"
        }
        // SD bands then mean lines.
        for s in series {
            var upper: [String] = [], lower: [String] = []
            for (i, (m, sd)) in zip(s.curve.mean, s.curve.sd).enumerated() {
                guard let m, let sd, sd > 0 else { continue }
                let x = c(X(CycleCurve.percent(ofSample: i)))
                upper.append("\(x),\(c(Y(m + sd)))")
                lower.insert("\(x),\(c(Y(m - sd)))", at: 0)
            }
            if upper.count > 1 {
                svg += "<polygon class=\"sd\" fill=\"\(Self.colour(s.side))\" points=\"\((upper + lower).joined(separator: " "))\"/>"
            }
        }
        for s in series {
            let segments = Self.segments(s.curve.mean).map { seg in
                seg.map { "\(c(X(CycleCurve.percent(ofSample: $0.0)))),\(c(Y($0.1)))" }.joined(separator: " ")
            }
            for points in segments {
                svg += "<polyline class=\"mean\" fill=\"none\" stroke=\"\(Self.colour(s.side))\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(points)\"><title>\(HTMLText.escape(s.label))</title></polyline>"
            }
        }
        svg += "</svg>"
        return svg
    }

    /// A tick label with as many decimals as the grid step needs.
    static func tick(_ v: Double, step: Double) -> String {
        let digits = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
        return HTMLText.fixed(abs(v) < step / 1000 ? 0 : v, digits: digits)
    }

    /// Runs of present samples (a gap breaks the line rather than bridging it).
    static func segments(_ mean: [Double?]) -> [[(Int, Double)]] {
        var out: [[(Int, Double)]] = [], current: [(Int, Double)] = []
        for (i, m) in mean.enumerated() {
            if let m, m.isFinite { current.append((i, m)) } else if !current.isEmpty { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out.filter { $0.count > 1 }
    }

    /// Axis limits on round numbers with 3–6 grid lines.
    static func niceRange(_ lo: Double, _ hi: Double) -> (Double, Double, Double) {
        var lo = lo, hi = hi
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let raw = (hi - lo) / 5
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        return ((lo / step).rounded(.down) * step, (hi / step).rounded(.up) * step, step)
    }
}
