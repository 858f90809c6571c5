import PoseRunCore

/// A compact, aligned text summary of an analysis for the terminal (colour only on a terminal).
public struct TerminalSummary: Sendable {
    public var useColour: Bool

    public init(useColour: Bool) {
        self.useColour = useColour
    }

    /// Metrics shown in the key-numbers table, in reading order.
    static func keyMetrics(_ summary: [String: MetricSummary]) -> [String] {
        let preferred = [
            MetricKey.cadence, MetricKey.contactTime, MetricKey.flightTime, MetricKey.dutyFactor,
            MetricKey.footStrikeAngle, MetricKey.kneeFlexionAtContact, MetricKey.shankAngleAtContact,
            MetricKey.overstride, MetricKey.peakStanceKneeFlexion, MetricKey.peakSwingKneeFlexion,
            MetricKey.trunkLean, MetricKey.trunkLeanRange, MetricKey.armSwingRange,
        ]
        let lengths = summary.keys.filter { $0.hasPrefix("vertical_oscillation") || $0.hasPrefix("step_length") }.sorted()
        return preferred + lengths
    }

    public func render(_ analysis: Analysis) -> String {
        var out: [String] = []
        let i = analysis.input
        out.append(bold("PoseRun — \(i.name)"))
        out.append("\(i.sourceKind.rawValue), \(format(i.frameRate)) fps, \(i.frameCount) frames (\(format(i.durationSeconds)) s), \(i.setting), lengths in \(i.lengthUnit)")
        out.append("")
        guard analysis.running.isRunning else {
            out.append(colour("No running found. ", 33) + analysis.running.reason)
            out.append(contentsOf: analysis.quality.warnings.map { "! " + $0 })
            return out.joined(separator: "\n")
        }
        let score = analysis.assessment.score.map { "\(Int($0))/100" } ?? "not scored"
        out.append(bold("Pose Method score: \(score)") + "   foot strike: \(analysis.footStrikePattern.pattern?.rawValue ?? "not measurable")")
        out.append("")
        out.append(bold("Criteria"))
        let width = analysis.assessment.criteria.map(\.title.count).max() ?? 20
        for c in analysis.assessment.criteria {
            let status: String
            switch c.status {
            case .good: status = colour("good        ", 32)
            case .workOnIt: status = colour("work on it  ", 33)
            case .fault: status = colour("fault       ", 31)
            case .notMeasurable: status = colour("not measured", 90)
            }
            let basis = c.target.basis == .heuristic ? " (heuristic target)" : ""
            let measured = c.measured.map { format($0) + " " + c.unit } ?? "—"
            out.append("  " + status + "  " + pad(c.title, width) + "  " + pad(measured, 16) + "  target " + c.target.text + basis)
        }
        out.append("")
        out.append(bold("Key numbers") + "  (mean ± SD; left / right)")
        for key in Self.keyMetrics(analysis.summary) {
            guard let entry = analysis.summary[key] else { continue }
            switch entry {
            case .measured(let m):
                let sides = "\(m.left.map(format) ?? "—") / \(m.right.map(format) ?? "—")"
                let q = m.quality == .good ? "" : "  [\(m.quality.rawValue)\(m.notes.isEmpty ? "" : ": " + m.notes.joined(separator: "; "))]"
                out.append("  " + pad(key, 34) + pad("\(format(m.mean)) ± \(format(m.sd))", 18) + pad(sides, 20) + "n=\(m.n)" + q)
            case .notMeasurable(let reason):
                out.append("  " + pad(key, 34) + colour(reason, 90))
            }
        }
        let q = analysis.quality
        out.append("")
        out.append("Data: \(q.framesWithConfidentPose)/\(q.frames) frames with a confident pose, \(q.interpolatedSamples) samples interpolated, \(q.swapsCorrected) left/right swaps corrected, low-pass \(format(q.filterCutoffHz)) Hz.")
        out.append(contentsOf: q.warnings.map { colour("! ", 33) + $0 })
        return out.joined(separator: "\n")
    }

    private func format(_ v: Double) -> String {
        let a = abs(v)
        let digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (v * p).rounded() / p
        return digits == 0 ? String(Int(r)) : String(r)
    }

    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    private func bold(_ s: String) -> String { useColour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    private func colour(_ s: String, _ code: Int) -> String { useColour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}
