import Foundation
import PoseRunCore
import PoseRunSynthetic

/// Whole-analysis speed on 10 minutes of 60 fps keypoints (target: under 0.5 s in a release build).
enum SpeedBenchmark {
    static func run() {
        print("== Analysis speed: 10 minutes of 60 fps keypoints (synthetic runner, realistic artefacts)")
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 600
        c.frameRate = 60
        c = c.with(.realistic(seed: 7, seconds: 600))
        guard let sequence = try? SyntheticRunner(c).generate().sequence else {
            print("error: the synthetic runner could not be generated")
            return
        }
        _ = try? Analyzer().analyze(sequence, name: "warm-up")
        var times: [Double] = []
        var steps = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let analysis = try? Analyzer().analyze(sequence, name: "speed")
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            steps = analysis?.steps.count ?? 0
        }
        times.sort()
        print(String(format: "frames %d, steps found %d, best %.3f s, median %.3f s (target < 0.5 s)", sequence.frameCount, steps, times[0], times[1]))
    }
}
