import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunPipeline
import PoseRunReport

/// `poserun analyze INPUT`: the main job.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a run: gait events, metrics and the Pose Method assessment.",
        discussion: """
            INPUT is a video (run through BlazePose; set up once with scripts/setup-models.sh) or a keypoint or \
            motion-capture file. Prints a summary; with --out writes analysis.json and steps.csv (schema: \
            docs/analysis-json.md), report.html with its frame-by-frame player (player.js, and for a video the \
            clip beside it: video.mp4 or video.webm; open report.html in any browser, offline) and, for a video, \
            the keypoints as keypoints.json, keypoints.trc and an OpenPose BODY_25 folder openpose/; \
            --annotated-video adds annotated.mp4. Exit status 3: the input shows no running.
            """
    )

    @OptionGroup var inputArguments: InputArguments
    @OptionGroup var runner: RunnerArguments

    @Option(help: "Folder for the output files (created if missing; written all or nothing).")
    var out: String?

    @Flag(help: "Print nothing but errors (and no progress bar).")
    var quiet = false

    @Flag(help: "Also write annotated.mp4 (the drawing burned into a 720p copy of the clip, for sharing; it takes about as long as the analysis). The report's player draws the same live without it.")
    var annotatedVideo = false

    func run() throws {
        do {
            let showProgress = !quiet && ProgressBar.Writer.standardErrorIsTerminal
            let input = try inputArguments.loadForAnalysis(showProgress: showProgress)
            let job = AnalysisJob(configuration: runner.configuration, writesAnnotatedVideo: annotatedVideo)
            let outcome = try job.analyze(input)
            guard case .analysed(let run) = outcome else {
                // No analysis: say why (with the camera notes, which often explain it), keep what was
                // measured (a video's keypoints), exit 3.
                if case .noAnalysis(let error) = outcome { reportNoAnalysis(error, input: input) }
                try write(job.outputs(nil, input: input, visuals: nil), noRunning: true)
                throw ExitCode(3)
            }
            let analysis = run.analysis
            var notes = input.notes
            var written: [URL] = []
            if out != nil {
                let bar = showProgress && annotatedVideo && input.video != nil ? ProgressBar.Writer() : nil
                let visuals = job.makeVisuals(run, input: input) { done, total in
                    bar?.update(done: done, total: total)
                }
                bar?.finish()
                defer { visuals.removeTemporaryFiles() }
                notes += visuals.notes
                written = try write(job.outputs(analysis, input: input, visuals: visuals), noRunning: false)
            }
            if !quiet {
                let files = written.map { TerminalSummary.WrittenFile(label: AnalysisJob.label(for: $0), path: $0.path) }
                let colour = TerminalSummary.colourWanted(
                    isTerminal: standardOutputIsTerminal, environment: ProcessInfo.processInfo.environment)
                print(TerminalSummary(useColour: colour).render(analysis, writtenFiles: files))
                if let source = input.context.frameRateSource { print("frame rate: \(source)") }
                for note in notes { print("note: \(note)") }
                for advice in Advice.lines(for: analysis) { print("advice: \(advice)") }
            }
            if !analysis.running.isRunning { throw ExitCode(3) }
        } catch let code as ExitCode {
            throw code
        } catch let failure as AnalysisFailure {
            let code = fail(failure)
            for advice in Advice.lines(for: failure.error) { FileHandle.standardError.write(Data("advice: \(advice)\n".utf8)) }
            throw code
        } catch {
            throw fail(error)
        }
    }

    /// Says on standard error why there is no analysis: no running found, or slow motion not scored.
    func reportNoAnalysis(_ error: AnalysisError, input: AnalysisInput) {
        var notes = input.notes + (input.context.cameraView?.warnings ?? [])
        if let source = input.context.frameRateSource { notes.insert("frame rate: \(source)", at: 0) }
        for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let failure = AnalysisFailure(file: inputArguments.input, error: error)
        if case .slowMotionUntimed = error {
            FileHandle.standardError.write(Data("Not scored: \(failure)\n".utf8))
        } else {
            FileHandle.standardError.write(Data("No running found: \(failure)\n".utf8))
        }
        for advice in Advice.lines(for: error) { FileHandle.standardError.write(Data("advice: \(advice)\n".utf8)) }
    }

    /// Writes the outputs into `--out`, all or nothing, and returns where they went. Without an analysis
    /// (no running found) it says what it kept, since no summary follows.
    @discardableResult
    func write(_ items: [OutputItem], noRunning: Bool) throws -> [URL] {
        guard let out, !items.isEmpty else { return [] }
        let written = try OutputFolder.write(items, into: URL(fileURLWithPath: out))
        if noRunning && !quiet {
            let names = written.map(\.lastPathComponent).joined(separator: ", ")
            print("\nWrote \(names) to \(out) (no analysis: no running found)")
        }
        return written
    }
}
