public import PoseRunCore

/// A compact, aligned summary of an analysis for the terminal: the score, what to work on first,
/// the criteria table, the key numbers, data quality, and where the files were written.
/// Colour only when asked (see `colourWanted(isTerminal:environment:)`).
public struct TerminalSummary: Sendable {
    public var useColour: Bool

    public init(useColour: Bool) {
        self.useColour = useColour
    }

    /// A file PoseRun wrote, named for the reader ("report", "analysis", "annotated video").
    public struct WrittenFile: Sendable, Hashable {
        public var label: String
        public var path: String

        public init(label: String, path: String) {
            self.label = label
            self.path = path
        }
    }

    /// Colour on a terminal, unless the user opted out: `NO_COLOR` set to anything non-empty
    /// (no-color.org), or `TERM=dumb`.
    public static func colourWanted(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// Metrics shown in the key-numbers table, in reading order (those the summary has).
    static func keyMetrics(_ summary: [Metric: MetricSummary]) -> [Metric] {
        Metric.allCases.filter { $0.definition.display.contains(.keyNumbers) && summary[$0] != nil }
    }

    /// Most important first, at most this many: a runner can only work on a few things at once.
    static let thingsToWorkOn = 3

    public func render(_ analysis: Analysis, writtenFiles: [WrittenFile] = []) -> String {
        var out: [String] = []
        let input = analysis.input
        out.append(ANSI.wrap("PoseRun — \(input.name)", 1, enabled: useColour))
        out.append(grey(
            "\(input.sourceKind.rawValue) · \(MetricLabels.formatNumber(input.frameRate)) fps · \(input.frameCount) frames "
                + "(\(MetricLabels.formatNumber(input.durationSeconds)) s) · \(input.setting) · lengths in \(input.lengthUnit)"))
        out.append("")
        guard analysis.running.isRunning else {
            out.append(ANSI.wrap("No running found.", 33, enabled: useColour) + " " + analysis.running.reason)
            out += qualityLines(of: analysis)
            out += writtenLines(writtenFiles)
            return out.joined(separator: "\n")
        }
        out += headline(analysis)
        out.append("")
        out += criteriaTable(analysis.assessment).render(useColour: useColour)
        out.append("")
        out.append(ANSI.wrap("Key numbers", 1, enabled: useColour) + grey("  mean ± SD over steps; left / right"))
        out += keyNumbersTable(analysis.summary).render(useColour: useColour)
        out += qualityLines(of: analysis)
        out += writtenLines(writtenFiles)
        return out.joined(separator: "\n")
    }

    // MARK: - Parts

    private func headline(_ analysis: Analysis) -> [String] {
        let score = analysis.assessment.score.map { "\(Int($0))/100" } ?? "not scored"
        let strike = analysis.footStrikePattern.pattern.map { "\($0.rawValue) foot strike" } ?? "foot strike not measurable"
        var lines = [ANSI.wrap("Pose Method score \(score)", 1, enabled: useColour) + "   " + strike]
        let first = analysis.assessment.criteria
            .filter { $0.status == .fault || $0.status == .workOnIt }
            .sorted { a, b in
                let ra = a.status == .fault ? 2.0 : 1.0, rb = b.status == .fault ? 2.0 : 1.0
                return (ra * a.weight, b.id.rawValue) > (rb * b.weight, a.id.rawValue)
            }
            .prefix(Self.thingsToWorkOn)
        if first.isEmpty {
            lines.append("Nothing to fix among the criteria PoseRun could judge.")
        } else {
            lines.append("Work on first: " + first.enumerated().map { "\($0.offset + 1). \($0.element.title)" }.joined(separator: "  "))
        }
        return lines
    }

    func criteriaTable(_ assessment: Assessment) -> TerminalTable {
        var table = TerminalTable(
            header: ["Status", "Criterion", "Measured", "Target", "Basis"],
            alignments: [.left, .left, .right, .left, .left],
            maximumWidths: [nil, 44, nil, nil, nil])
        for criterion in assessment.criteria {
            let (word, colour) = Self.status(criterion.status)
            let measured = criterion.measured.map { MetricLabels.format($0, unit: criterion.unit) } ?? "—"
            table.rows.append([
                .init(word, colour: colour), .init(criterion.title), .init(measured),
                .init(Self.compactTarget(criterion.target, unit: criterion.unit)),
                .init(criterion.target.basis.rawValue, colour: criterion.target.basis == .heuristic ? 90 : nil),
            ])
        }
        return table
    }

    func keyNumbersTable(_ summary: [Metric: MetricSummary]) -> TerminalTable {
        var table = TerminalTable(
            header: ["Metric", "Mean ± SD", "Left", "Right", "n", "Note"],
            alignments: [.left, .right, .right, .right, .right, .left],
            maximumWidths: [nil, nil, nil, nil, nil, 48])
        for key in Self.keyMetrics(summary) {
            guard let entry = summary[key] else { continue }
            let name = MetricLabels.name(of: key)
            switch entry {
            case .measured(let m):
                let spread = MetricLabels.format(mean: m.mean, sd: m.sd, unit: m.unit)
                let note = m.quality == .good ? "" : ([m.quality.rawValue] + m.notes).joined(separator: "; ")
                table.rows.append([
                    .init(name), .init(spread), .init(m.left.map(MetricLabels.formatNumber) ?? "—"),
                    .init(m.right.map(MetricLabels.formatNumber) ?? "—"), .init(String(m.n)),
                    .init(note, colour: 33),
                ])
            case .notMeasurable(let reason):
                table.rows.append([.init(name), .init("—"), .init(""), .init(""), .init(""), .init(reason, colour: 90)])
            }
        }
        return table
    }

    private func qualityLines(of analysis: Analysis) -> [String] {
        let q = analysis.quality, input = analysis.input
        var lines = [""]
        let facts = QualityWording.lines(q, input: input)
        let legs = facts.first { $0.label.hasPrefix("Frames with confident legs") }
        let pose = legs.map { "legs and feet confident in \($0.value) frames" }
            ?? "\(q.framesWithConfidentPose)/\(q.frames) frames with a confident pose"
        lines.append(grey(
            "Data: \(pose), \(q.interpolatedSamples) samples "
                + "interpolated, \(q.swapsCorrected) left/right swaps corrected, low-pass \(MetricLabels.formatNumber(q.filterCutoffHz)) Hz."))
        for fact in facts where !fact.label.hasPrefix("Frames with confident legs") && !fact.label.hasPrefix("Frames with every point") {
            lines.append(grey("  \(fact.label): \(fact.value)" + (fact.touches.map { " — \($0)" } ?? "")))
        }
        lines += QualityFindingText.sentences(for: analysis).map { ANSI.wrap("!", 33, enabled: useColour) + " " + $0 }
        return lines
    }

    private func writtenLines(_ files: [WrittenFile]) -> [String] {
        guard !files.isEmpty else { return [] }
        let width = files.map { TerminalText.displayWidth($0.label) }.max() ?? 0
        return ["", ANSI.wrap("Written", 1, enabled: useColour)]
            + files.map { "  " + TerminalText.pad($0.label, to: width) + "  " + $0.path }
    }

    // MARK: - Helpers

    static func status(_ status: CriterionStatus) -> (String, Int) {
        switch status {
        case .good: return ("good", 32)
        case .workOnIt: return ("work on it", 33)
        case .fault: return ("fault", 31)
        case .notMeasurable: return ("not measured", 90)
        }
    }

    /// "≤ 8°", "≥ 15°", "3.7–10.9°": the target's numbers in a column's width (the full text is in the report).
    static func compactTarget(_ target: CriterionTarget, unit: MetricUnit) -> String {
        switch (target.goodLow, target.goodHigh) {
        case let (low?, high?):
            let high = MetricLabels.format(high, unit: unit)
            return MetricLabels.formatNumber(low) + "–" + high
        case let (low?, nil): return "≥ " + MetricLabels.format(low, unit: unit)
        case let (nil, high?): return "≤ " + MetricLabels.format(high, unit: unit)
        case (nil, nil): return target.text
        }
    }

    private func grey(_ text: String) -> String { ANSI.wrap(text, 90, enabled: useColour) }
}
