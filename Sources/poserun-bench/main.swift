import Foundation
// Benchmarks that print figures: `swift run -c release poserun-bench [accuracy] [speed]`.
// Accuracy: gait events against force plates on ../shared/data/mocap (skipped when absent).
// Speed: the whole analysis of 10 minutes of 60 fps keypoints (target < 0.5 s, release build).
// Video (needs the models): see VisionBenchmark.swift — video-landmarks, video-track, video-speed, model-only.
if let first = CommandLine.arguments.dropFirst().first, VisionBenchmark.commands.contains(first) {
    VisionBenchmark.run(Array(CommandLine.arguments.dropFirst()))
    exit(0)
}
let arguments = Set(CommandLine.arguments.dropFirst())
let runAll = arguments.isEmpty
if runAll || arguments.contains("accuracy") { AccuracyBenchmark.run() }
if runAll || arguments.contains("speed") { SpeedBenchmark.run() }
