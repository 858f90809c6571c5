import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunPipeline

/// `poserun validate INPUT --reference REF`: how close the detected events come to a reference.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Compare detected gait events with reference events (C3D labels, force plates or a CSV).",
        discussion: """
            REF is a .c3d (its EVENT section, or its force plates: vertical force > 50 N) or a CSV with \
            columns time_s,side,event (IC/TO). Events are paired one-to-one per foot and kind; errors are \
            detected − reference (positive = late).
            """
    )

    @OptionGroup var inputArguments: InputArguments
    @OptionGroup var runner: RunnerArguments

    @Option(help: "The reference events: a .c3d file or a CSV (time_s,side,event).", completion: .file(extensions: ["c3d", "csv"]))
    var reference: String

    @Option(help: "Which events of a C3D reference: auto, events (its EVENT section) or force-plates.")
    var referenceSource: ReferenceSource = .auto

    /// `--reference-source`: the argument's spelling of `ReferenceEvents.C3DSource`.
    enum ReferenceSource: String, CaseIterable, ExpressibleByArgument {
        case auto, events
        case forcePlates = "force-plates"

        var c3dSource: ReferenceEvents.C3DSource {
            switch self {
            case .auto: .automatic
            case .events: .eventSection
            case .forcePlates: .forcePlates
            }
        }
    }

    @Option(help: "The CSV column holding times in the input's time base (default time_s, or time_rel_s when present).")
    var timeColumn: String?

    @Option(help: "Seconds to add to reference times to reach the input's time base (e.g. −3.328 for a TRC exported from a C3D whose first frame is 832 at 250 Hz).")
    var referenceOffset: Double = 0

    func run() throws {
        do {
            let loaded = try inputArguments.loadForAnalysis(showProgress: false)
            let analysis = try Analyzer(configuration: runner.configuration).analyze(loaded.sequence, name: loaded.displayName)
            let s = loaded.sequence
            let timeBase = InputTimeBase(
                frameRate: s.frameRate, firstFrameNumber: s.frameNumbers.first ?? 0, firstSampleTime: s.times.first ?? 0,
                referenceOffsetSeconds: referenceOffset)
            let source = referenceSource.c3dSource
            let ref = try ReferenceEvents.load(
                contentsOf: URL(fileURLWithPath: reference), timeBase: timeBase, c3dSource: source, csvTimeColumn: timeColumn)
            // Compare only where the input has data.
            let span = (s.times.first ?? 0)...(s.times.last ?? 0)
            let result = EventMatching.match(detected: analysis.events, reference: ref.events, within: span)
            print(ValidationReport.render(result, reference: ref, analysis: analysis, span: span))
        } catch let code as ExitCode {
            throw code
        } catch {
            throw fail(error)
        }
    }
}

/// Text of a validation: per-event errors, then mean / SD / max absolute error and cadence.
enum ValidationReport {
    static func render(_ r: EventMatching.Result, reference: ReferenceEvents, analysis: Analysis, span: ClosedRange<Double>) -> String {
        var lines: [String] = ["Reference: \(reference.sourceDescription)"]
        lines += reference.notes.map { "note: \($0)" }
        lines.append("")
        lines.append("side   event           reference s   detected s   error ms")
        for p in r.pairs.sorted(by: { $0.reference.time < $1.reference.time }) {
            lines.append(
                pad(p.reference.side.rawValue, 7) + pad(p.reference.kind.rawValue, 16)
                    + pad(fixed(p.reference.time, 4), 14) + pad(fixed(p.detected.time, 4), 13) + fixed(p.errorSeconds * 1000, 1))
        }
        for m in r.missed { lines.append("missed: \(m.side) \(m.kind.rawValue) at \(fixed(m.time, 4)) s") }
        for e in r.extra { lines.append("extra:  \(e.side) \(e.kind.rawValue) at \(fixed(e.time, 4)) s") }
        lines.append("")
        func row(_ name: String, _ e: EventMatching.ErrorSummary) -> String {
            guard e.count > 0 else { return pad(name, 14) + "no pairs" }
            return pad(name, 14) + "n=\(e.count)  mean \(ms(e.meanSeconds))  SD \(ms(e.standardDeviationSeconds))  "
                + "mean |error| \(ms(e.meanAbsoluteSeconds))  max |error| \(ms(e.maxAbsoluteSeconds))"
        }
        lines.append(row("IC", r.initialContact))
        lines.append(row("TO", r.toeOff))
        lines.append(row("contact time", r.contactTime))
        // Cadence over the steps both agree on: consecutive reference contacts of alternating feet, both found.
        if let cadence = r.cadenceOverStepsFoundAtBothEnds() {
            let diff = (cadence.detected - cadence.reference) / cadence.reference * 100
            lines.append(pad("cadence", 14) + "reference \(fixed(cadence.reference, 1)) steps/min, detected \(fixed(cadence.detected, 1)) (\(fixed(diff, 2)) %), over the steps found at both ends")
        }
        lines.append("")
        lines.append("\(r.pairs.count) pairs, \(r.missed.count) missed, \(r.extra.count) extra (tolerance \(Int(r.toleranceSeconds * 1000)) ms)")
        return lines.joined(separator: "\n")
    }

    static func ms(_ seconds: Double?) -> String { seconds.map { fixed($0 * 1000, 1) + " ms" } ?? "—" }
    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
}
