import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunReport

/// `poserun analyze INPUT`: the main job.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a run: gait events, metrics and the Pose Method assessment.",
        discussion: """
            INPUT is a video (run through BlazePose; set up once with scripts/setup-models.sh) or a keypoint or \
            motion-capture file. Prints a summary; with --out writes analysis.json and steps.csv (schema: \
            docs/analysis-json.md) and, for a video, the keypoints as keypoints.json, keypoints.trc and an \
            OpenPose BODY_25 folder openpose/. Exit status 3: the input shows no running.
            """
    )

    @OptionGroup var inputArguments: InputArguments
    @OptionGroup var runner: RunnerArguments

    @Option(help: "Folder for the output files (created if missing; written all or nothing).")
    var out: String?

    @Flag(help: "Print nothing but errors (and no progress bar).")
    var quiet = false

    func run() throws {
        do {
            let input = try inputArguments.loadForAnalysis(showProgress: !quiet && ProgressBar.Writer.standardErrorIsTerminal)
            guard let analysis = try analyze(input).map(input.describing) else {
                // No running found: say so, keep what was measured (a video's keypoints), exit 3.
                try write(outputs(nil, input), noRunning: true)
                throw ExitCode(3)
            }
            if !quiet {
                print(TerminalSummary(useColour: standardOutputIsTerminal).render(analysis))
                if let source = input.frameRateSource { print("frame rate: \(source)") }
                for note in input.notes { print("note: \(note)") }
            }
            try write(outputs(analysis, input), noRunning: false)
            if !analysis.running.isRunning { throw ExitCode(3) }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw fail(error)
        }
    }

    /// Runs the analysis. Too few steps, or nobody moving, means no running was found: that is said
    /// (with the camera notes, which often say why) and the result is `nil`; other failures throw.
    func analyze(_ input: AnalysisInput) throws -> Analysis? {
        do {
            return try Analyzer(configuration: runner.configuration).analyze(input.sequence, name: input.displayName)
        } catch let error as AnalysisError {
            var notes = input.notes + (input.cameraView?.warnings ?? [])
            if let source = input.frameRateSource { notes.insert("frame rate: \(source)", at: 0) }
            for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            let failure = AnalysisFailure(file: inputArguments.input, error: error)
            switch error {
            case .tooFewSteps, .noPersonMoving:
                FileHandle.standardError.write(Data("No running found: \(failure)\n".utf8))
                return nil
            case .tooFewFrames, .missingLandmarks:
                throw failure
            }
        }
    }

    /// Writes the outputs into `--out`, all or nothing, and says what was written.
    func write(_ items: [OutputItem], noRunning: Bool) throws {
        guard let out, !items.isEmpty else { return }
        let written = try OutputFolder.write(items, into: URL(fileURLWithPath: out))
        guard !quiet else { return }
        let names = written.map(\.lastPathComponent).joined(separator: ", ")
        let message = "\nWrote \(names) to \(out)" + (noRunning ? " (no analysis: no running found)" : "")
        print(message)
    }

    /// Everything `--out` writes, in order. Add an output by adding an item here.
    /// Without an analysis (no running found) only what the input itself gives is written.
    func outputs(_ analysis: Analysis?, _ input: AnalysisInput) -> [OutputItem] {
        var items: [OutputItem] = []
        if let analysis {
            items += [
                OutputItem(name: AnalysisWriter.analysisFileName) { try AnalysisWriter.writeAnalysisJSON(analysis, to: $0) },
                OutputItem(name: AnalysisWriter.stepsFileName) { try AnalysisWriter.writeStepsCSV(analysis.steps, to: $0) },
            ]
        }
        if let keypoints = input.keypoints {
            let scale = analysis?.input.metresPerInputUnit
            let prefix = URL(fileURLWithPath: input.displayName).deletingPathExtension().lastPathComponent
            items += [
                OutputItem(name: "keypoints.json") { try keypoints.write(to: $0) },
                OutputItem(name: "keypoints.trc") { try TRCWriter.write(keypoints, metresPerPixel: scale, to: $0) },
                OutputItem(name: "openpose", isFolder: true) { try OpenPoseWriter.write(keypoints, toFolder: $0, prefix: prefix) },
            ]
        }
        return items
    }
}

/// An analysis that could not be done, with the file it was about.
struct AnalysisFailure: Error, CustomStringConvertible {
    var file: String
    var error: AnalysisError
    var description: String { "\(file): \(error)" }
}
