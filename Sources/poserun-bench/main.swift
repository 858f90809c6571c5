import Foundation
// Benchmarks that print figures: `swift run -c release poserun-bench [accuracy] [speed]`.
// Accuracy: gait events against force plates on ../shared/data/mocap (skipped when absent);
// accuracy-loo: the same, leave-one-trial-out over the detector's tuned constants.
// Speed: the whole analysis of 10 minutes of 60 fps keypoints (target < 0.5 s, release build).
// Video events against eye labels: video-events (VideoEventsBenchmark.swift); raw against cleaned feet of
// one keypoints file: cleaned-feet (CleanedFeetBenchmark.swift); the eye labels against a second labeller's:
// label-agreement (VideoEventsBenchmark.swift).
// Memory after the pose pass for a clip of any length: memory-after-pose (MemoryBenchmark.swift).
// Video (needs the models): see VisionBenchmark.swift — video-landmarks, video-track, video-speed, model-only.
// The landmark crop's warp alone (no models): warp [--runs N] (WarpBenchmark.swift).
if let first = CommandLine.arguments.dropFirst().first, VisionBenchmark.commands.contains(first) {
    VisionBenchmark.run(Array(CommandLine.arguments.dropFirst()))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "warp" {
    WarpBenchmark.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "memory-after-pose" {
    do { try MemoryBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "cleaned-feet" {
    do { try CleanedFeetBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "label-agreement" {
    do { try VideoEventsBenchmark.labelAgreement() } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "video-events" {
    do { try VideoEventsBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
let arguments = Set(CommandLine.arguments.dropFirst())
let runAll = arguments.isEmpty
if runAll || arguments.contains("accuracy") { AccuracyBenchmark.run() }
if runAll || arguments.contains("accuracy-loo") { AccuracyBenchmark.leaveOneOut() }
if runAll || arguments.contains("speed") { SpeedBenchmark.run() }
