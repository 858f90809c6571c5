public import Foundation
public import PoseRunCore

/// Writes an analysis as `analysis.json` (schema: docs/analysis-json.md) and a per-step CSV,
/// each atomically, so a crash or a full disk never leaves half a file behind.
public enum AnalysisWriter {
    /// File names inside an output folder.
    public static let analysisFileName = "analysis.json"
    public static let stepsFileName = "steps.csv"

    /// The fixed leading columns of the steps CSV; metric keys follow in sorted order.
    public static let stepColumns = ["side", "ic_time_s", "ic_frame", "to_time_s", "to_frame"]

    /// Writes both files into `folder` (created if needed) and returns their URLs.
    @discardableResult
    public static func write(_ analysis: Analysis, toFolder folder: URL) throws -> (analysis: URL, steps: URL) {
        try AtomicFile.createFolder(folder)
        let json = folder.appendingPathComponent(analysisFileName)
        let csv = folder.appendingPathComponent(stepsFileName)
        try writeAnalysisJSON(analysis, to: json)
        try writeStepsCSV(analysis.steps, to: csv)
        return (json, csv)
    }

    /// Pretty, key-sorted JSON so two runs diff cleanly.
    ///
    /// JSON has no NaN or infinity. A non-finite per-step metric means "not measured on this step"
    /// and is left out; should one reach a summary it is written as the string "NaN" / "Infinity"
    /// rather than losing the whole analysis (``readAnalysis(from:)`` reads those back).
    public static func analysisJSONData(_ analysis: Analysis) throws -> Data {
        var analysis = analysis
        for i in analysis.steps.indices {
            analysis.steps[i].metrics = analysis.steps[i].metrics.filter { $0.value.isFinite }
        }
        do {
            return try AnalysisCodec.encoder().encode(analysis)
        } catch {
            throw FormatError(.malformed, file: analysisFileName, problem: "the analysis could not be encoded as JSON (\(error))")
        }
    }

    /// Reads an `analysis.json` written by ``writeAnalysisJSON(_:to:)`` (``AnalysisFileLoader``, validated).
    public static func readAnalysis(from url: URL) throws -> Analysis {
        try AnalysisFileLoader.load(url.path).analysis
    }

    public static func writeAnalysisJSON(_ analysis: Analysis, to url: URL) throws {
        var data = try analysisJSONData(analysis)
        data.append(0x0A)
        try AtomicFile.write(data, to: url)
    }

    /// One row per step: side, initial contact and toe-off (seconds and frame), then every metric
    /// key any step has, sorted by name. A value the step lacks is an empty cell.
    public static func stepsCSV(_ steps: [StepRecord]) -> String {
        let metricKeys = Set(steps.flatMap(\.metrics.keys)).sorted { $0.key < $1.key }
        var lines = [(stepColumns + metricKeys.map(\.key)).map(csvField).joined(separator: ",")]
        for step in steps {
            var cells = [
                step.side.rawValue, number(step.initialContactTime), String(step.initialContactFrame),
                step.toeOffTime.map(number) ?? "", step.toeOffFrame.map(String.init) ?? "",
            ]
            cells += metricKeys.map { key in step.metrics[key].map(number) ?? "" }
            lines.append(cells.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func writeStepsCSV(_ steps: [StepRecord], to url: URL) throws {
        try AtomicFile.write(stepsCSV(steps), to: url)
    }

    /// Shortest text that reads back as the same double; empty for NaN and infinities.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }

    /// RFC 4180 quoting for the rare field that needs it.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
