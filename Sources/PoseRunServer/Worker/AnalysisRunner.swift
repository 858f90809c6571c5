public import Foundation
public import PoseRunCore
import PoseRunFormats
import PoseRunPipeline

/// One session's analysis, exactly as `poserun analyze --out` does it: PoseRunPipeline's `InputRequest`,
/// `AnalysisJob` and `OutputFolder` (all or nothing), into the session's results folder.
public enum AnalysisRunner {
    /// Analyses `upload` and writes the results into `folder` (replacing an earlier attempt's). Blocking:
    /// run it off the concurrency pool (`Offload`). Throws when the input cannot be read or analysed at all;
    /// the error then names the file by `displayName` (the coach's name for it), not by the server's path.
    public static func run(
        upload: URL, displayName: String, configuration: AnalysisConfiguration, into folder: URL, progress: JobProgress? = nil
    ) throws -> JobOutcome {
        do {
            return try analyse(upload: upload, displayName: displayName, configuration: configuration, into: folder, progress: progress)
        } catch {
            throw Failure(description: String(describing: error).replacingOccurrences(of: upload.path, with: displayName))
        }
    }

    /// An analysis error in the coach's terms.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    static func analyse(
        upload: URL, displayName: String, configuration: AnalysisConfiguration, into folder: URL, progress: JobProgress?
    ) throws -> JobOutcome {
        progress?.report(fraction: 0, stage: .reading)
        var input = try InputRequest(path: upload.path).load { done, total in
            guard total > 0 else { return }
            progress?.report(fraction: JobProgress.Stage.poseShare * Double(done) / Double(total), stage: .findingThePose)
        }
        progress?.report(fraction: JobProgress.Stage.poseShare, stage: .measuring)
        // The report and analysis.json name the file as the coach knew it, not by its stored name.
        input.displayName = displayName
        let job = AnalysisJob(configuration: configuration)
        try? FileManager.default.removeItem(at: folder)
        switch try job.analyze(input) {
        case .analysed(let run):
            progress?.report(fraction: JobProgress.Stage.writingShare, stage: .writingTheReport)
            let visuals = job.makeVisuals(run, input: input)
            defer { visuals.removeTemporaryFiles() }
            try OutputFolder.write(job.outputs(run.analysis, input: input, visuals: visuals), into: folder)
            guard run.analysis.running.isRunning else {
                return .noAnalysis(reason: "No running found: \(run.analysis.running.reason)")
            }
            return .analysed
        case .noAnalysis(let error):
            let kept = job.outputs(nil, input: input, visuals: nil)
            if !kept.isEmpty { try OutputFolder.write(kept, into: folder) }
            if case .slowMotionUntimed = error { return .noAnalysis(reason: "Not scored: \(error)") }
            return .noAnalysis(reason: "No analysis: \(error)")
        }
    }

    /// The analysis settings for an athlete's session: their height or leg length, the belt speed.
    public static func configuration(for athlete: Athlete, session: TrainingSession) -> AnalysisConfiguration {
        AnalysisConfiguration(
            runnerHeightMetres: athlete.details.heightMetres, legLengthMetres: athlete.details.legLengthMetres,
            treadmillSpeedMetresPerSecond: session.details.treadmillSpeed)
    }
}
