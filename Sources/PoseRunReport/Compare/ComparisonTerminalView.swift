import PoseRunCore
/// `poserun compare` on the terminal: the score, then what improved, what got worse, what changed
/// and what is within noise, one aligned table.
public struct ComparisonTerminalView: Sendable {
    public var useColour: Bool

    public init(useColour: Bool) {
        self.useColour = useColour
    }

    /// Reading order of the verdicts: news first, noise after.
    static let order: [ChangeVerdict] = [.improved, .gotWorse, .changed, .withinNoise]

    static func colour(_ verdict: ChangeVerdict) -> Int? {
        switch verdict {
        case .improved: return 32
        case .gotWorse: return 31
        case .changed: return 36
        case .withinNoise, .notComparable: return 90
        }
    }

    public func render(_ comparison: AnalysisComparison, writtenFiles: [TerminalSummary.WrittenFile] = []) -> String {
        var out: [String] = []
        out.append(ANSI.wrap("PoseRun — before / after", 1, enabled: useColour))
        out.append("Before: \(comparison.before.label) (\(comparison.before.name), \(comparison.before.steps) steps)")
        out.append("After:  \(comparison.after.label) (\(comparison.after.name), \(comparison.after.steps) steps)")
        out.append("")
        let s = comparison.score
        let scoreText = "Pose Method score \(s.before.flatMap { Int(measured: $0.rounded(.towardZero)) }.map(String.init) ?? "—") → \(s.after.flatMap { Int(measured: $0.rounded(.towardZero)) }.map(String.init) ?? "—")"
        out.append(ANSI.wrap(scoreText, 1, enabled: useColour) + "   "
            + ANSI.wrap(s.verdict.words, Self.colour(s.verdict), enabled: useColour) + (s.note.isEmpty ? "" : " — " + s.note))
        let counts = Self.order.map { "\(comparison.metrics($0).count) \($0.words)" }.joined(separator: ", ")
        out.append(counts)
        out.append("")
        var table = TerminalTable(
            header: ["Verdict", "Metric", "Before", "After", "Change", "Noise ±", "Better"],
            alignments: [.left, .left, .right, .right, .right, .right, .left],
            maximumWidths: [nil, 36, nil, nil, nil, nil, 30])
        for verdict in Self.order {
            for m in comparison.metrics(verdict) {
                table.rows.append([
                    .init(verdict.words, colour: Self.colour(verdict)), .init(m.label),
                    .init(m.before.map { MetricLabels.format($0.mean, unit: m.unit) } ?? "—"),
                    .init(m.after.map { MetricLabels.format($0.mean, unit: m.unit) } ?? "—"),
                    .init(m.difference.map { Self.signed($0) } ?? "—"),
                    .init(m.noiseThreshold.map(MetricLabels.formatNumber) ?? "—"),
                    .init(m.better, colour: 90),
                ])
            }
        }
        out += table.render(useColour: useColour)
        let missing = comparison.metrics(.notComparable)
        if !missing.isEmpty {
            out.append("")
            out.append(ANSI.wrap("Not comparable: ", 90, enabled: useColour)
                + missing.map { "\($0.label) (\($0.note))" }.joined(separator: "; "))
        }
        out += comparison.warnings.map { ANSI.wrap("!", 33, enabled: useColour) + " " + $0 }
        out.append("")
        out.append(ANSI.wrap("Rule: ", 90, enabled: useColour) + comparison.rule)
        if !writtenFiles.isEmpty {
            let width = writtenFiles.map { TerminalText.displayWidth($0.label) }.max() ?? 0
            out += ["", ANSI.wrap("Written", 1, enabled: useColour)]
                + writtenFiles.map { "  " + TerminalText.pad($0.label, to: width) + "  " + $0.path }
        }
        return out.joined(separator: "\n")
    }

    static func signed(_ value: Double) -> String {
        let text = MetricLabels.formatNumber(value)
        return value > 0 && text != "0" ? "+" + text : text
    }
}
