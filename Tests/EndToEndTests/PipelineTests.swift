import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunPipeline
import PoseRunSynthetic
import Testing

/// The pipeline the command line and the web app share, driven directly (no process, no argument parsing).
@Suite struct PipelineTests {
    static func syntheticFile(seconds: Double = 6) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = SyntheticRunner.Configuration.poseRunner
        configuration.durationSeconds = seconds
        configuration.lengthUnit = .pixels   // keypoints JSON holds image pixels
        let run = try SyntheticRunner(configuration).generate()
        let url = folder.appendingPathComponent("runner.json")
        try PoseRunKeypointsFile(sequence: run.sequence, imageWidth: 1920, imageHeight: 1080).write(to: url)
        return url
    }

    @Test func aKeypointFileBecomesOneWholeAnalysisAndItsOutputs() throws {
        let file = try Self.syntheticFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let input = try InputRequest(path: file.path).load()
        #expect(input.video == nil && input.keypoints == nil)
        let job = AnalysisJob()
        guard case .analysed(let run) = try job.analyze(input) else {
            Issue.record("the synthetic runner runs")
            return
        }
        let (analysis, cleaned) = (run.analysis, run.cleaned)
        // Built in one place: the profiles are there, from the same cleaned keypoints the player draws.
        #expect(analysis.running.isRunning)
        #expect(analysis.gaitCycleProfiles != nil)
        #expect(cleaned.frameCount == input.sequence.frameCount)
        let visuals = job.makeVisuals(run, input: input)
        defer { visuals.removeTemporaryFiles() }
        #expect(visuals.playerVideo == nil && visuals.annotatedVideo == nil)
        let names = job.outputs(analysis, input: input, visuals: visuals).map(\.name)
        #expect(names == ["analysis.json", "steps.csv", "report.html", "player.js"])
        // Nothing but the input's own keypoints without an analysis; a keypoint file has none to give back.
        #expect(job.outputs(nil, input: input, visuals: nil).isEmpty)

        let out = file.deletingLastPathComponent().appendingPathComponent("out")
        let written = try OutputFolder.write(job.outputs(analysis, input: input, visuals: visuals), into: out)
        #expect(written.map { AnalysisJob.label(for: $0) } == ["analysis", "steps", "report", "player data"])
        let reread = try AnalysisFileLoader.load(out.path).analysis
        #expect(Set(reread.summary.keys) == Set(analysis.summary.keys))
        #expect(reread.gaitCycleProfiles?.keyFrames.count == analysis.gaitCycleProfiles?.keyFrames.count)
    }

    @Test func anOptionForTheOtherKindOfInputIsRefusedByKind() throws {
        let file = try Self.syntheticFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        #expect(throws: InputRequest.InapplicableOption.captureRateForFile(path: file.path)) {
            try InputRequest(path: file.path, captureFrameRate: 240).load()
        }
    }

    @Test func tooFewFramesIsAFailureThatNamesTheFile() throws {
        let file = try Self.syntheticFile(seconds: 0.1)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let input = try InputRequest(path: file.path).load()
        do {
            _ = try AnalysisJob().analyze(input)
            Issue.record("0.1 s is too short to analyse")
        } catch let failure as AnalysisFailure {
            #expect(failure.file == file.path)
            guard case .tooFewFrames = failure.error else { Issue.record("\(failure.error)"); return }
        }
    }
}
