public import Foundation
import PoseRunCore

/// The files `poserun compare --out` writes: comparison.json (for programs) and comparison.html
/// (one self-contained page: inline CSS, no script, no network, prints and reads on a phone).
public enum ComparisonDocuments {
    public static let jsonFileName = "comparison.json"
    public static let htmlFileName = "comparison.html"

    /// Pretty, key-sorted JSON; non-finite numbers as strings, as analysis.json does.
    public static func json(_ comparison: AnalysisComparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var data = try encoder.encode(comparison)
        data.append(0x0A)
        return data
    }

    public static func html(_ comparison: AnalysisComparison) -> String {
        func e(_ text: String) -> String {
            var out = ""
            for c in text {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default: out.append(c)
                }
            }
            return out
        }
        let s = comparison.score
        var rows = ""
        for verdict in ComparisonTerminalView.order + [.notComparable] {
            for m in comparison.metrics(verdict) {
                let before = m.before.map { MetricLabels.format($0.mean, unit: m.unit) + " <small>± " + MetricLabels.formatNumber($0.sd) + " (n=\($0.n))</small>" } ?? "—"
                let after = m.after.map { MetricLabels.format($0.mean, unit: m.unit) + " <small>± " + MetricLabels.formatNumber($0.sd) + " (n=\($0.n))</small>" } ?? "—"
                rows += """
                    <tr class="\(verdict.rawValue)"><td><span class="tag">\(e(verdict.words))</span></td><td>\(e(m.label))</td>\
                    <td class="n">\(before)</td><td class="n">\(after)</td>\
                    <td class="n">\(m.difference.map { e(ComparisonTerminalView.signed($0)) } ?? "—")</td>\
                    <td class="n">\(m.noiseThreshold.map { e(MetricLabels.formatNumber($0)) } ?? "—")</td>\
                    <td>\(e(m.better))</td><td class="note">\(e(m.note))</td></tr>

                    """
            }
        }
        let counts = ComparisonTerminalView.order.map { "<li class=\"\($0.rawValue)\"><b>\(comparison.metrics($0).count)</b> \(e($0.words))</li>" }.joined()
        let warnings = comparison.warnings.isEmpty ? "" : "<ul class=\"warn\">" + comparison.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>PoseRun — before / after</title>
            <style>
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px; color: #1d2327; background: #fff; }
            h1 { font-size: 1.4em; margin: 0 0 4px; }
            .clips { color: #555; margin: 0 0 12px; }
            .score { font-size: 1.25em; margin: 12px 0; }
            .counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
            .counts li { padding: 4px 10px; border-radius: 12px; background: #f0f0f0; }
            .table-wrap { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
            th { font-size: .85em; color: #555; }
            td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            td.note, small { color: #666; font-size: .85em; }
            .tag { padding: 2px 8px; border-radius: 10px; white-space: nowrap; font-size: .85em; }
            .improved .tag, li.improved { background: #d8f3dc; color: #1b5e20; }
            .got_worse .tag, li.got_worse { background: #fde0dc; color: #8e1c12; }
            .changed .tag, li.changed { background: #dcecfb; color: #0d47a1; }
            .within_noise .tag, li.within_noise, .not_comparable .tag { background: #eee; color: #555; }
            .warn { color: #8a5a00; }
            .rule { color: #555; font-size: .9em; margin-top: 16px; }
            @media print { body { max-width: none; } .table-wrap { overflow: visible; } }
            </style>
            </head>
            <body>
            <h1>Before / after</h1>
            <p class="clips">Before: <b>\(e(comparison.before.name))</b> (\(e(comparison.before.label)), \(comparison.before.steps) steps)<br>
            After: <b>\(e(comparison.after.name))</b> (\(e(comparison.after.label)), \(comparison.after.steps) steps)</p>
            <p class="score">Pose Method score <b>\(s.before.flatMap { Int(measured: $0.rounded(.towardZero)) }.map(String.init) ?? "—")</b> → <b>\(s.after.flatMap { Int(measured: $0.rounded(.towardZero)) }.map(String.init) ?? "—")</b>
            <span class="\(s.verdict.rawValue)"><span class="tag">\(e(s.verdict.words))</span></span> <small>\(e(s.note))</small></p>
            <ul class="counts">\(counts)</ul>
            \(warnings)
            <div class="table-wrap"><table>
            <thead><tr><th>Verdict</th><th>Metric</th><th>Before (mean ± SD)</th><th>After (mean ± SD)</th><th>Change</th><th>Noise ±</th><th>Better</th><th>Why</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            <p class="rule"><b>How changes are judged.</b> \(e(comparison.rule))</p>
            </body>
            </html>

            """
    }
}
