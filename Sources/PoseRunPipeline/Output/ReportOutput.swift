public import Foundation
public import PoseRunCoaching
public import PoseRunCore
public import PoseRunReport
public import PoseRunVision

/// Writing `report.html`: the glue between the analysis, the video (for real key frames), the coaching plan
/// and the HTML report.
public enum ReportOutput {
    /// What was written, and anything the user should know about it (e.g. why the key frames are stick figures).
    public struct Written {
        public var report: URL
        public var notes: [String]
    }

    /// The rendered page, and anything the user should know about it (e.g. why the key frames are stick figures).
    public struct Rendered: Sendable {
        public var html: String
        public var notes: [String]
    }

    /// The key frames drawn on the real video frames, or why they can't be (then they are drawn as
    /// stick figures). Empty when the input is not a video.
    public struct KeyFrames: Sendable {
        public var images: [Int: KeyFrameImage] = [:]
        public var problem: String?

        public init(images: [Int: KeyFrameImage] = [:], problem: String? = nil) {
            self.images = images
            self.problem = problem
        }
    }

    /// Re-reads the analysis's key frames from the video. The slow part of a report (an ffmpeg run), so
    /// `analyze` runs it while it builds the plan.
    public static func keyFrames(of analysis: Analysis, video: URL?, videoInfo: VideoInfo? = nil) -> KeyFrames {
        guard let video, let profiles = analysis.gaitCycleProfiles, !profiles.keyFrames.isEmpty else { return KeyFrames() }
        var result = KeyFrames()
        do {
            let info = try videoInfo ?? VideoProbe.probe(video)
            let jpegs = try VideoFrameGrabber.jpegFrames(of: video, frameIndices: profiles.keyFrames.map(\.frame), info: info)
            for (frame, jpeg) in jpegs { result.images[frame] = KeyFrameImage(jpeg: jpeg, width: info.width, height: info.height) }
            if result.images.isEmpty { result.problem = "no frame came back from \(video.lastPathComponent)" }
        } catch {
            result.problem = String(describing: error)
        }
        return result
    }

    /// The key frames as canvases the page's player fills from its clip (see `KeyFrameImage.fromPlayerClip`).
    public static func keyFramesFromPlayerClip(of analysis: Analysis, info: VideoInfo) -> KeyFrames {
        guard let profiles = analysis.gaitCycleProfiles else { return KeyFrames() }
        var result = KeyFrames()
        for kf in profiles.keyFrames { result.images[kf.frame] = .fromPlayerClip(width: info.width, height: info.height) }
        return result
    }

    /// Renders the report. With `video`, the key frames are drawn on the real frames; when they cannot be
    /// re-read, as stick figures, and the report and `notes` say why.
    public static func render(
        analysis: Analysis, video: URL? = nil, videoInfo: VideoInfo? = nil, plan: CoachingPlan? = nil, hasPlayer: Bool = false,
        now: Date = Date()
    ) -> Rendered {
        render(
            analysis: analysis, keyFrames: keyFrames(of: analysis, video: video, videoInfo: videoInfo), plan: plan,
            hasPlayer: hasPlayer, now: now)
    }

    /// Renders the report with key frames already read. `hasPlayer`: the player's data is written beside it.
    public static func render(analysis: Analysis, keyFrames: KeyFrames, plan: CoachingPlan?, hasPlayer: Bool, now: Date = Date()) -> Rendered {
        let notes = keyFrames.problem.map { ["key frames drawn as stick figures: \($0)"] } ?? []
        let report = HTMLReport(
            analysis: analysis, keyFrameImages: keyFrames.images, keyFrameImageProblem: keyFrames.problem,
            drills: plan.map(drillSuggestions) ?? [], generatedAt: now, hasPlayer: hasPlayer)
        return Rendered(html: report.render(), notes: notes)
    }

    /// The player's data: the analysed keypoints, the frame-by-frame angles and moments, and the clip it plays
    /// (`nil` for a keypoint or motion-capture input: a stick figure).
    public static func playerScript(_ run: MeasuredRun, media: PlayerMedia?) -> String {
        PlayerData(
            analysis: run.analysis, cleaned: run.cleaned, frameByFrame: run.frameByFrame,
            media: media, targets: HTMLReport(analysis: run.analysis).playerTargets()
        ).javaScript()
    }

    /// Renders and writes `folder/report.html` (temporary name, then rename). The player is kept when its
    /// data is already in the folder (`poserun report` re-rendering an `analyze` output).
    public static func writeReport(
        analysis: Analysis, video: URL? = nil, plan: CoachingPlan? = nil, toFolder folder: URL, now: Date = Date()
    ) throws -> Written {
        let hasPlayer = FileManager.default.fileExists(atPath: folder.appendingPathComponent(PlayerData.fileName).path)
        let rendered = render(analysis: analysis, video: video, plan: plan, hasPlayer: hasPlayer, now: now)
        let url = try HTMLReportWriter.write(rendered.html, toFolder: folder)
        return Written(report: url, notes: rendered.notes)
    }

    /// A starting plan for a runner we know nothing about (beginner defaults), so the report can name
    /// drills for the faults it found; `poserun plan` makes the runner's own. `nil` when no plan applies.
    public static func defaultPlan(for analysis: Analysis, today: Date = Date()) -> CoachingPlan? {
        guard analysis.running.isRunning, let library = try? DrillLibrary.bundled() else { return nil }
        return try? PlanBuilder(library: library).plan(
            for: analysis, warnings: QualityFindingText.sentences(for: analysis), profile: RunnerProfile(), weeks: 8,
            startDate: CalendarDate(today).nextMonday)
    }

    /// The plan's drills for each fault it focuses on, in the plan's order.
    public static func drillSuggestions(_ plan: CoachingPlan) -> [DrillSuggestion] {
        plan.focus.flatMap { focus in
            focus.drillIDs.compactMap { id in
                plan.entry(id: id).map { DrillSuggestion(fault: focus.fault, name: $0.name, dose: $0.dose.text, why: $0.why) }
            }
        }
    }
}
