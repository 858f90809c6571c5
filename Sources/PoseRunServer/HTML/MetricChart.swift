import Foundation
import PoseRunCore
import PoseRunReport

/// One metric over an athlete's sessions as an inline SVG, drawn on the server: a point per session (its
/// mean), its uncertainty band (± 2 standard errors, `compare`'s noise rule), the Pose target shaded, and
/// each segment between sessions coloured by the verdict (improved, got worse, within noise).
///
/// Why SVG attributes and no script: the chart is part of the page, prints, reads on a phone, and needs
/// nothing the Content-Security-Policy would have to allow (presentation attributes are not inline styles).
enum MetricChart {
    static let width = 640.0, height = 170.0
    /// Room for the value labels on the left ("158 steps/min") and half a date label at either end.
    static let left = 104.0, right = 12.0, top = 12.0, bottom = 34.0, inset = 40.0

    /// Colours of the verdicts (the legend under the charts names them).
    static func colour(_ verdict: ChangeVerdict) -> String {
        switch verdict {
        case .improved: "#0b6e4f"
        case .gotWorse: "#a4262c"
        case .withinNoise, .notComparable: "#9aa5b1"
        case .changed: "#1864ab"
        }
    }

    static func svg(_ series: AthleteHistory.Series, sessions: [TrainingSession]) -> HTML {
        let unit = series.metric.definition.unit
        let slots = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($1.id, $0) })
        var low = series.points.map(\.band.lowerBound).min() ?? 0
        var high = series.points.map(\.band.upperBound).max() ?? 1
        if let target = series.target {
            // Show the target when it is near the data, without letting a far bound flatten the points.
            let span = max(high - low, abs(high) * 0.05, 1e-6)
            if let t = target.low, t > low - span, t < high + span { low = min(low, t); high = max(high, t) }
            if let t = target.high, t > low - span, t < high + span { low = min(low, t); high = max(high, t) }
        }
        if high - low < 1e-9 { low -= max(abs(low) * 0.05, 0.5); high += max(abs(high) * 0.05, 0.5) }
        let pad = (high - low) * 0.08
        low -= pad
        high += pad
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ slot: Int) -> Double {
            sessions.count > 1 ? left + inset + (plotWidth - 2 * inset) * Double(slot) / Double(sessions.count - 1) : left + plotWidth / 2
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        func n(_ value: Double) -> String { String(format: "%.1f", value) }

        var parts: [HTML] = []
        parts.append("<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"#fff\" stroke=\"#d5dadf\"/>")
        if let target = series.target {
            let upper = min(high, target.high ?? high), lower = max(low, target.low ?? low)
            if upper > lower {
                parts.append("<rect class=\"target\" x=\"\(n(left))\" y=\"\(n(y(upper)))\" width=\"\(n(plotWidth))\" height=\"\(n(y(lower) - y(upper)))\" fill=\"#d3efe4\" fill-opacity=\"0.7\"><title>Pose target</title></rect>")
            }
        }
        parts.append("<text x=\"\(n(left - 6))\" y=\"\(n(top + 10))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6670\">\(MetricLabels.format(high, unit: unit))</text>")
        parts.append("<text x=\"\(n(left - 6))\" y=\"\(n(top + plotHeight))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6670\">\(MetricLabels.format(low, unit: unit))</text>")
        for (slot, session) in sessions.enumerated() {
            parts.append("<text x=\"\(n(x(slot)))\" y=\"\(n(height - 12))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6670\">\(session.details.date)</text>")
        }
        let placed = series.points.compactMap { point in slots[point.session.id].map { (point, $0) } }
        for (i, change) in series.changes.enumerated() where i + 1 < placed.count {
            let (a, slotA) = placed[i], (b, slotB) = placed[i + 1]
            parts.append("<line class=\"change \(change.verdict.rawValue)\" x1=\"\(n(x(slotA)))\" y1=\"\(n(y(a.mean)))\" x2=\"\(n(x(slotB)))\" y2=\"\(n(y(b.mean)))\" stroke=\"\(colour(change.verdict))\" stroke-width=\"3\"><title>\(change.verdict.words)\(change.note.isEmpty ? "" : ": " + change.note)</title></line>")
        }
        for (point, slot) in placed {
            let band = point.band
            parts.append("<line x1=\"\(n(x(slot)))\" y1=\"\(n(y(band.lowerBound)))\" x2=\"\(n(x(slot)))\" y2=\"\(n(y(band.upperBound)))\" stroke=\"#1d2327\" stroke-width=\"1.5\" stroke-opacity=\"0.55\"/>")
            parts.append("<line x1=\"\(n(x(slot) - 5))\" y1=\"\(n(y(band.lowerBound)))\" x2=\"\(n(x(slot) + 5))\" y2=\"\(n(y(band.lowerBound)))\" stroke=\"#1d2327\" stroke-opacity=\"0.55\"/>")
            parts.append("<line x1=\"\(n(x(slot) - 5))\" y1=\"\(n(y(band.upperBound)))\" x2=\"\(n(x(slot) + 5))\" y2=\"\(n(y(band.upperBound)))\" stroke=\"#1d2327\" stroke-opacity=\"0.55\"/>")
            let label = "\(point.session.details.date): \(MetricLabels.format(mean: point.mean, sd: point.sd, unit: unit)) over \(point.n) steps"
            parts.append("<circle class=\"point\" data-session=\"\(point.session.id)\" data-mean=\"\(point.mean)\" cx=\"\(n(x(slot)))\" cy=\"\(n(y(point.mean)))\" r=\"5\" fill=\"#1d2327\"><title>\(label)</title></circle>")
        }
        let name = series.metric.definition.name
        return """
            <svg class="chart" data-metric="\(series.metric.key)" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(name) over the sessions">\(parts)</svg>
            """
    }
}
