import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunReport
import PoseRunVision

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
            guard let (measured, cleaned) = try analyze(input) else {
                // No running found: say so, keep what was measured (a video's keypoints), exit 3.
                try write(outputs(nil, input, visuals: nil), noRunning: true)
                throw ExitCode(3)
            }
            // The gait-cycle curves and key-frame poses travel in analysis.json, so `poserun report` can redraw.
            let analysis = ReportOutput.attachingProfiles(to: input.describing(measured), cleaned: cleaned)
            var notes = input.notes
            var written: [URL] = []
            if out != nil {
                let visuals = makeVisuals(analysis, cleaned: cleaned, input, showProgress: showProgress)
                defer { visuals.removeTemporaryFiles() }
                notes += visuals.notes
                written = try write(outputs(analysis, input, visuals: visuals), noRunning: false)
            }
            if !quiet {
                let files = written.map { TerminalSummary.WrittenFile(label: label(for: $0), path: $0.path) }
                let colour = TerminalSummary.colourWanted(
                    isTerminal: standardOutputIsTerminal, environment: ProcessInfo.processInfo.environment)
                print(TerminalSummary(useColour: colour).render(analysis, writtenFiles: files))
                if let source = input.frameRateSource { print("frame rate: \(source)") }
                for note in notes { print("note: \(note)") }
            }
            if !analysis.running.isRunning { throw ExitCode(3) }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw fail(error)
        }
    }

    /// Runs the analysis. Too few steps, or nobody moving, means no running was found: that is said
    /// (with the camera notes, which often say why) and the result is `nil`; other failures throw.
    /// With the analysis come the cleaned keypoints it measured, which the report and annotated video draw.
    func analyze(_ input: AnalysisInput) throws -> (Analysis, KeypointSequence)? {
        do {
            return try Analyzer(configuration: runner.configuration).analyzeKeepingCleaned(input.sequence, name: input.displayName)
        } catch let error as AnalysisError {
            var notes = input.notes + (input.cameraView?.warnings ?? [])
            if let source = input.frameRateSource { notes.insert("frame rate: \(source)", at: 0) }
            for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            let failure = AnalysisFailure(file: inputArguments.input, error: error)
            switch error {
            case .tooFewSteps, .noPersonMoving:
                FileHandle.standardError.write(Data("No running found: \(failure)\n".utf8))
                return nil
            case .slowMotionUntimed:
                FileHandle.standardError.write(Data("Not scored: \(failure)\n".utf8))
                return nil
            case .tooFewFrames, .missingLandmarks:
                throw failure
            }
        }
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

    /// The report page, its player and the annotated video, made before anything is written. None is
    /// essential: when one can't be made the analysis is still written and a note says why.
    func makeVisuals(_ analysis: Analysis, cleaned: KeypointSequence, _ input: AnalysisInput, showProgress: Bool) -> Visuals {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-\(UUID().uuidString)")
        var notes: [String] = []
        // The key-frame grab (an ffmpeg run) and the player's clip (a copy, or a proxy encoded by ffmpeg) are
        // independent of the plan and the player's data: run them beside each other.
        let grab = BackgroundWork { ReportOutput.keyFrames(of: analysis, video: input.video, videoInfo: input.videoInfo) }
        var playerVideo: PlayerClip?
        var media: PlayerMedia?
        if let video = input.video, let info = input.videoInfo {
            let plan = PlayerVideo.plan(for: video, info: info)
            switch plan {
            case .copy(let name):
                playerVideo = PlayerClip(name: name, source: video, isTemporary: false)
            case .proxy(let reason):
                let start = ContinuousClock.now
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    let proxy = folder.appendingPathComponent(PlayerVideo.proxyFileName)
                    try PlayerVideo.makeProxy(of: video, info: info, to: proxy)
                    playerVideo = PlayerClip(name: PlayerVideo.proxyFileName, source: proxy, isTemporary: true)
                    notes.append("the player plays a 720p proxy (\(reason)), made in \(Self.seconds(since: start))")
                } catch {
                    notes.append("the player has no video (\(error)); it draws the keypoints as a stick figure")
                }
            }
            if let clip = playerVideo {
                media = PlayerMedia(
                    fileName: clip.name, width: info.width, height: info.height,
                    frameTimes: PlayerVideo.frameTimes(for: plan, info: info),
                    proxyReason: { if case .proxy(let r) = plan { return r } else { return nil } }())
            }
        }
        let playerScript = ReportOutput.playerScript(analysis: analysis, cleaned: cleaned, media: media)
        let plan = ReportOutput.defaultPlan(for: analysis)
        let keyFrames = (try? grab.wait()) ?? ReportOutput.KeyFrames()
        let report = ReportOutput.render(analysis: analysis, keyFrames: keyFrames, plan: plan, hasPlayer: true)
        var visuals = Visuals(reportHTML: report.html, notes: notes + report.notes, temporaryFolder: folder)
        visuals.playerScript = playerScript
        visuals.playerVideo = playerVideo
        guard let video = input.video, annotatedVideo else { return visuals }
        let bar = showProgress ? ProgressBar.Writer() : nil
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let written = try AnnotatedVideoOutput.write(
                video: video, info: input.videoInfo, cleaned: cleaned, analysis: analysis, toFolder: folder) { done, total in bar?.update(done: done, total: total) }
            visuals.annotatedVideo = written.url
            visuals.notes.append("annotated.mp4: \(written.frames) frames encoded in \(DurationText.seconds(written.seconds)) (\(Int(written.framesPerSecond.rounded())) frames/s)")
        } catch {
            visuals.notes.append("annotated.mp4 not written: \(error)")
        }
        bar?.finish()
        return visuals
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        let d = (ContinuousClock.now - start).components
        return DurationText.seconds(Double(d.seconds) + Double(d.attoseconds) / 1e18)
    }

    /// What `label` the summary gives a written file.
    func label(for url: URL) -> String {
        switch url.lastPathComponent {
        case AnalysisWriter.analysisFileName: "analysis"
        case AnalysisWriter.stepsFileName: "steps"
        case HTMLReportWriter.fileName: "report"
        case AnnotatedVideoOutput.fileName: "annotated video"
        case PlayerData.fileName: "player data"
        case "video.mp4", "video.webm": "player's clip"
        default: "keypoints"
        }
    }

    /// Everything `--out` writes, in order. Add an output by adding an item here.
    /// Without an analysis (no running found) only what the input itself gives is written.
    func outputs(_ analysis: Analysis?, _ input: AnalysisInput, visuals: Visuals?) -> [OutputItem] {
        var items: [OutputItem] = []
        if let analysis {
            items += [
                OutputItem(name: AnalysisWriter.analysisFileName) { try AnalysisWriter.writeAnalysisJSON(analysis, to: $0) },
                OutputItem(name: AnalysisWriter.stepsFileName) { try AnalysisWriter.writeStepsCSV(analysis.steps, to: $0) },
            ]
        }
        if let html = visuals?.reportHTML {
            items.append(OutputItem(name: HTMLReportWriter.fileName) { try Data(html.utf8).write(to: $0) })
        }
        if let script = visuals?.playerScript {
            items.append(OutputItem(name: PlayerData.fileName) { try Data(script.utf8).write(to: $0) })
        }
        if let clip = visuals?.playerVideo {
            items.append(OutputItem(name: clip.name) {
                if clip.isTemporary {
                    try FileManager.default.moveItem(at: clip.source, to: $0)
                } else {
                    // A copy streamed file to file; writable like the other outputs even when the original is not.
                    try FileManager.default.copyItem(at: clip.source, to: $0)
                    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: $0.path)
                }
            })
        }
        if let video = visuals?.annotatedVideo {
            items.append(OutputItem(name: AnnotatedVideoOutput.fileName) { try FileManager.default.moveItem(at: video, to: $0) })
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

/// The report page, its player and the annotated video, made ahead of the all-or-nothing write.
struct Visuals {
    var reportHTML: String
    var notes: [String]
    var playerScript: String?
    var playerVideo: PlayerClip?
    var annotatedVideo: URL?
    var temporaryFolder: URL?

    init(reportHTML: String, notes: [String], temporaryFolder: URL? = nil) {
        self.reportHTML = reportHTML
        self.notes = notes
        self.temporaryFolder = temporaryFolder
    }

    func removeTemporaryFiles() {
        if let temporaryFolder { try? FileManager.default.removeItem(at: temporaryFolder) }
    }
}

/// The clip the player plays: the original (copied at the write) or a proxy made in the temporary folder (moved).
struct PlayerClip {
    var name: String
    var source: URL
    var isTemporary: Bool
}

/// Durations as the terminal says them.
enum DurationText {
    static func seconds(_ s: Double) -> String {
        guard s.isFinite else { return "—" }
        return s < 10 ? "\((s * 10).rounded() / 10) s" : "\(Int(s.rounded())) s"
    }
}
