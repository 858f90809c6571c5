public import Foundation
public import PoseRunCore
public import PoseRunFormats
import PoseRunReport
import PoseRunVision

/// The main job: an input analysed, then everything `analyze --out` writes made ahead and written all or
/// nothing. The command line and the web app drive it the same way and differ only in what they print.
public struct AnalysisJob: Sendable {
    public var configuration: AnalysisConfiguration
    /// Also make `annotated.mp4` (the drawing burned into a 720p copy of the clip): as slow as the analysis.
    public var writesAnnotatedVideo: Bool

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration(), writesAnnotatedVideo: Bool = false) {
        self.configuration = configuration
        self.writesAnnotatedVideo = writesAnnotatedVideo
    }

    /// What the analysis of an input came to.
    public enum Outcome: Sendable {
        /// The whole analysis (it may still say the input shows no running), with the cleaned keypoints it measured.
        case analysed(MeasuredRun)
        /// No analysis could be made, although the input was read: too few steps, nobody moving, or slow motion
        /// whose rate is unknown. `error` says which; a video's keypoints can still be written.
        case noAnalysis(AnalysisError)
    }

    /// Analyses the input. Missing landmarks or too few frames throw `AnalysisFailure` (the input cannot be
    /// analysed at all); the other analysis errors are an `Outcome.noAnalysis`.
    public func analyze(_ input: AnalysisInput) throws -> Outcome {
        do {
            return .analysed(try Analyzer(configuration: configuration)
                .analyzeKeepingCleaned(input.sequence, name: input.displayName, context: input.context))
        } catch let error as AnalysisError {
            switch error {
            case .tooFewSteps, .noPersonMoving, .slowMotionUntimed:
                return .noAnalysis(error)
            case .tooFewFrames, .missingLandmarks:
                throw AnalysisFailure(file: input.path, error: error)
            }
        }
    }

    /// The report page, its player and the annotated video, made before anything is written. None is
    /// essential: when one can't be made the analysis is still written and a note says why.
    /// `progress` follows the annotated video's frames.
    public func makeVisuals(
        _ run: MeasuredRun, input: AnalysisInput, progress: ((Int, Int) -> Void)? = nil
    ) -> Visuals {
        let analysis = run.analysis
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-\(UUID().uuidString)")
        var notes: [String] = []
        // The player's clip (a copy, or a proxy encoded by ffmpeg) is made first: when there is one, the page's
        // player draws the key frames from it, and the ffmpeg run that re-reads them is not needed.
        var playerVideo: Visuals.PlayerClip?
        var media: PlayerMedia?
        if let video = input.video, let info = input.videoInfo {
            let plan = PlayerVideo.plan(for: video, info: info)
            switch plan {
            case .copy(let name):
                playerVideo = Visuals.PlayerClip(name: name, source: video, isTemporary: false)
            case .proxy(let reason):
                let start = ContinuousClock.now
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    let proxy = folder.appendingPathComponent(PlayerVideo.proxyFileName)
                    try PlayerVideo.makeProxy(of: video, info: info, to: proxy)
                    playerVideo = Visuals.PlayerClip(name: PlayerVideo.proxyFileName, source: proxy, isTemporary: true)
                    notes.append("the player plays a 720p proxy (\(reason)), made in \(DurationText.seconds(since: start))")
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
        let keyFrames: ReportOutput.KeyFrames
        if playerVideo != nil, let info = input.videoInfo {
            keyFrames = ReportOutput.keyFramesFromPlayerClip(of: analysis, info: info)
        } else {
            keyFrames = ReportOutput.keyFrames(of: analysis, video: input.video, videoInfo: input.videoInfo)
        }
        let playerScript = ReportOutput.playerScript(run, media: media)
        let plan = ReportOutput.defaultPlan(for: analysis)
        let report = ReportOutput.render(analysis: analysis, keyFrames: keyFrames, plan: plan, hasPlayer: true)
        var visuals = Visuals(reportHTML: report.html, notes: notes + report.notes, temporaryFolder: folder)
        visuals.playerScript = playerScript
        visuals.playerVideo = playerVideo
        guard let video = input.video, writesAnnotatedVideo else { return visuals }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let written = try AnnotatedVideoOutput.write(
                video: video, info: input.videoInfo, cleaned: run.cleaned, analysis: analysis, toFolder: folder, progress: progress)
            visuals.annotatedVideo = written.url
            visuals.notes.append("\(AnnotatedVideoOutput.fileName): \(written.frames) frames encoded in \(DurationText.seconds(written.seconds)) (\(Int(written.framesPerSecond.rounded())) frames/s)")
        } catch {
            visuals.notes.append("\(AnnotatedVideoOutput.fileName) not written: \(error)")
        }
        return visuals
    }

    /// Everything `--out` writes, in order. Add an output by adding an item here.
    /// Without an analysis (none could be made) only what the input itself gives is written.
    public func outputs(_ analysis: Analysis?, input: AnalysisInput, visuals: Visuals?) -> [OutputItem] {
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
            items.append(OutputItem(name: PlayerData.fileName) { try AtomicFile.write(script, to: $0) })
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

    /// What a written file is, in a word or two (for a list of what was written).
    public static func label(for url: URL) -> String {
        switch url.lastPathComponent {
        case AnalysisWriter.analysisFileName: "analysis"
        case AnalysisWriter.stepsFileName: "steps"
        case HTMLReportWriter.fileName: "report"
        case AnnotatedVideoOutput.fileName: "annotated video"
        case PlayerData.fileName: "player data"
        case let name where PlayerVideo.fileNames[name] != nil: "player's clip"
        default: "keypoints"
        }
    }
}

/// An analysis that could not be done, with the file it was about.
public struct AnalysisFailure: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var error: AnalysisError
    public var description: String { "\(file): \(error)" }

    public init(file: String, error: AnalysisError) {
        self.file = file
        self.error = error
    }
}

/// The report page, its player and the annotated video, made ahead of the all-or-nothing write.
public struct Visuals: Sendable {
    public var reportHTML: String
    public var notes: [String]
    public var playerScript: String?
    public var playerVideo: PlayerClip?
    public var annotatedVideo: URL?
    public var temporaryFolder: URL?

    /// The clip the player plays: the original (copied at the write) or a proxy made in the temporary folder (moved).
    public struct PlayerClip: Sendable {
        public var name: String
        public var source: URL
        public var isTemporary: Bool
    }

    init(reportHTML: String, notes: [String], temporaryFolder: URL? = nil) {
        self.reportHTML = reportHTML
        self.notes = notes
        self.temporaryFolder = temporaryFolder
    }

    /// Removes what was made ahead and not moved into the output (call once the write is done or failed).
    public func removeTemporaryFiles() {
        if let temporaryFolder { try? FileManager.default.removeItem(at: temporaryFolder) }
    }
}

/// Durations as people read them: "0.4 s", "12 s".
public enum DurationText {
    public static func seconds(_ s: Double) -> String {
        guard s.isFinite else { return "—" }
        return s < 10 ? "\((s * 10).rounded() / 10) s" : "\(Int(s.rounded())) s"
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        let d = (ContinuousClock.now - start).components
        return seconds(Double(d.seconds) + Double(d.attoseconds) / 1e18)
    }
}
