import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunPipeline
import PoseRunVision

/// Peak memory of everything after the pose pass, for a clip of any length, in seconds instead of the pose
/// model's minutes:
///
///   memory-after-pose CLIP --minutes M [--fps F]
///
/// Runs the pose model on CLIP once, repeats its frames (poses, times, frame indices) to M minutes at F frames
/// a second (the clip's own rate by default), then does what `poserun analyze CLIP --out DIR` does after its
/// pose pass: keypoints, analysis, report and player, the all-or-nothing write. It prints the resident memory
/// after each stage and the peak since the pose pass (Linux: `/proc/self/status`, the peak reset through
/// `/proc/self/clear_refs`). The pose pass itself holds a few frames at a time (`video-speed` measures it).
enum MemoryBenchmark {
    static func run(_ arguments: [String]) throws {
        guard let clipPath = arguments.first, !clipPath.hasPrefix("--") else {
            throw BenchmarkUsage("usage: memory-after-pose CLIP --minutes M [--fps F]")
        }
        func value(_ flag: String) -> Double? {
            arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? Double(arguments[$0 + 1]) : nil }
        }
        guard let minutes = value("--minutes"), minutes > 0 else { throw BenchmarkUsage("give --minutes M (M > 0)") }
        let clip = URL(fileURLWithPath: clipPath)
        let estimated = try VideoPoseEstimator(options: BlazePoseOptions(silencesRuntimeLog: true)).estimate(video: clip)
        let rate = value("--fps") ?? estimated.video.nominalFrameRate
        let count = Int((minutes * 60 * rate).rounded())
        print("\(clip.lastPathComponent) (\(estimated.frames.count) frames) repeated to \(count) frames "
            + "(\(format(minutes)) min at \(format(rate)) fps)")
        ResidentMemory.resetPeak()
        // The repeated result is a temporary, handed over whole, as the pose pass hands over its own.
        let input = try VideoInput.input(
            from: repeated(estimated, frames: count, rate: rate), url: clip, displayPath: clip.path, captureFrameRate: nil)
        print(ResidentMemory.line("keypoints"))
        let job = AnalysisJob()
        guard case .analysed(let run) = try job.analyze(input) else {
            throw BenchmarkUsage("\(clip.path): no analysis (give a clip with running)")
        }
        print(ResidentMemory.line("analysis"))
        let visuals = job.makeVisuals(run, input: input)
        defer { visuals.removeTemporaryFiles() }
        print(ResidentMemory.line("report and player"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try OutputFolder.write(job.outputs(run.analysis, input: input, visuals: visuals), into: out)
        print(ResidentMemory.line("written"))
        let peak = ResidentMemory.current().peak
        print("peak after the pose pass: \(peak / 1024) MB, \(format(Double(peak) * 1024 / Double(count))) bytes a frame over the whole process")
    }

    /// The result's frames repeated to `count`, timed at `rate`, each with its own landmarks as in a real pass
    /// (a repeat would otherwise share its original's buffer). Prints the memory they take.
    static func repeated(_ estimated: VideoPoseResult, frames count: Int, rate: Double) -> VideoPoseResult {
        var tiled = estimated
        tiled.frames = (0..<count).map { i in
            var frame = estimated.frames[i % estimated.frames.count]
            frame.frameIndex = i
            frame.time = Double(i) / rate
            frame.landmarks = frame.landmarks?.withUnsafeBufferPointer { Array($0) }
            return frame
        }
        tiled.video.frameTimes = tiled.frames.map(\.time)
        tiled.video.averageFrameRate = rate
        tiled.video.baseFrameRate = rate
        tiled.video.durationSeconds = Double(count) / rate
        print(ResidentMemory.line("the poses of every frame"))
        return tiled
    }

    static func format(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// The process's resident memory (kB), as Linux counts it.
enum ResidentMemory {
    static func current() -> (resident: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
                return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
            }
            return 0
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Starts the peak again from the present resident size (writing 5 to `clear_refs`, Linux 4.0 and later).
    static func resetPeak() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    static func line(_ stage: String) -> String {
        let now = current()
        return "  \(stage): resident \(now.resident / 1024) MB, peak \(now.peak / 1024) MB"
    }
}

struct BenchmarkUsage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
