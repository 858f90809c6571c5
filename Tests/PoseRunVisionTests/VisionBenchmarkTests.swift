import Foundation
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// Speed figures for docs/vision.md. Off unless POSERUN_VISION_BENCH=1, because they take time
/// and mean something only in a release build on an idle machine:
///   scripts/vision-bench.sh
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["POSERUN_VISION_BENCH"] == "1", "set POSERUN_VISION_BENCH=1"),
    .enabled(if: Tools.modelsAvailable, Tools.modelsMissing),
    .serialized)
struct VisionBenchmarkTests {
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// VmHWM from /proc/self/status: the most memory this test process ever held.
    static func peakResidentMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "unknown" }
        return line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
    }

    @Test(arguments: [1, 2])
    func modelOnlyMilliseconds(threads: Int) throws {
        let runtime = try LiteRTRuntime.shared(in: VisionTestSupport.cache)
        for (name, path, signed) in [
            ("landmark", VisionTestSupport.cache.landmarkModel.path, false),
            ("detector", VisionTestSupport.cache.detectorModel.path, true),
        ] {
            let loadStart = ContinuousClock.now
            let model = try LiteRTModel(runtime: runtime, modelPath: path, threadCount: threads)
            let loadSeconds = (ContinuousClock.now - loadStart).seconds
            let shape = model.inputs[0].shape
            try model.setInput(0, VisionTestSupport.stripeInput(height: shape[1], width: shape[2], channels: shape[3], signed: signed))
            for _ in 0..<5 { try model.run() }
            var times: [Double] = []
            for _ in 0..<50 {
                let start = ContinuousClock.now
                try model.run()
                times.append((ContinuousClock.now - start).seconds * 1000)
            }
            print(String(
                format: "vision bench: %@ model, %d thread(s): median %.2f ms/run (min %.2f), load+compile %.0f ms",
                name, threads, Self.median(times), times.min() ?? 0, loadSeconds * 1000))
        }
    }

    @Test(arguments: [1, 2])
    func pipelineFramesPerSecond(threads: Int) throws {
        guard SharedData.hasJoggingClip, Tools.ffmpegAvailable else { return }
        let estimator = VideoPoseEstimator(cache: VisionTestSupport.cache, options: BlazePoseOptions(threadCount: threads))
        var rates: [Double] = []
        var last: PipelineTimings?
        for _ in 0..<5 {
            let result = try estimator.estimate(video: SharedData.joggingClip)
            rates.append(result.timings.framesPerSecond)
            last = result.timings
        }
        let t = try #require(last)
        let n = Double(t.stages.frames)
        print(String(
            format: "vision bench: pipeline, %d thread(s): median %.1f frames/s over 5 runs (%d frames; last run: "
                + "landmark stage %.2f ms/frame of which model %.2f, detector %.2f ms/run × %d, decode %.2f ms/frame, "
                + "inference idle %.2f ms/frame, wall %.3f s + setup %.3f s)",
            threads, Self.median(rates), t.stages.frames, t.stages.landmarkSeconds / n * 1000,
            t.stages.landmarkModelSeconds / n * 1000, t.stages.detectorSeconds / Double(max(1, t.stages.detectorRuns)) * 1000,
            t.stages.detectorRuns, t.decodeSeconds / n * 1000, t.waitSeconds / n * 1000, t.wallSeconds, t.setupSeconds))

        // A 1280×720, 15 s clip: decoding costs more, so the two threads compete for the cores.
        let hd = SharedData.url("video/sprint-100m-panning.mp4")
        guard FileManager.default.fileExists(atPath: hd.path) else { return }
        let big = try estimator.estimate(video: hd).timings
        let m = Double(big.stages.frames)
        print(String(
            format: "vision bench: 1280×720 pipeline, %d thread(s): %.1f frames/s (%d frames; landmark stage %.2f ms/frame, "
                + "detector %d runs, decode %.2f ms/frame, inference idle %.2f ms/frame); peak resident memory %@",
            threads, big.framesPerSecond, big.stages.frames, big.stages.landmarkSeconds / m * 1000,
            big.stages.detectorRuns, big.decodeSeconds / m * 1000, big.waitSeconds / m * 1000, Self.peakResidentMemory()))
    }
}
