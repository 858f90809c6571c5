import Foundation

/// How PoseRun runs BlazePose.
public struct BlazePoseOptions: Sendable, Hashable {
    /// XNNPACK threads per model. By default 2 when a second core is free, else 1
    /// (`defaultThreadCount`).
    public var threadCount: Int
    /// Apply MediaPipe's one-euro smoothing to the 33 body landmarks (Python's default). Off by
    /// default: PoseRun's analysis filters the tracks itself, with a filter it documents, and a
    /// second, speed-adaptive filter before it would blur foot strikes. The two auxiliary
    /// landmarks that place the next frame's region are always smoothed, as in MediaPipe.
    public var smoothLandmarks: Bool
    /// Follow one person when several are in view (`PersonSelection`): re-detections must match
    /// the person last followed. Off, the detector's best-scored person is taken each time, as
    /// MediaPipe's single-pose graph does.
    public var followOnePerson: Bool

    /// Two XNNPACK threads only when a second core is free: on the shared 2-core machine
    /// (load average 8–10 from other builds) the landmark model took 44 ms a run with 2 threads
    /// against ~15 with 1, because XNNPACK's threads wait for each other when a core is taken;
    /// idle, 2 threads gave 81–89 frames/s against 59–61 (docs/vision.md). Decided once per
    /// process from the 1-minute load average (Linux; elsewhere the core count alone).
    public static let defaultThreadCount: Int = automaticThreadCount(
        cores: ProcessInfo.processInfo.activeProcessorCount, loadAverage: currentLoadAverage())

    /// min(2, cores − busy cores), at least 1, where busy cores = the load average rounded.
    public static func automaticThreadCount(cores: Int, loadAverage: Double?) -> Int {
        let busy = Int((loadAverage ?? 0).rounded())
        return max(1, min(2, cores - busy))
    }

    /// The 1-minute load average from /proc/loadavg, or `nil` where there is none.
    static func currentLoadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    public init(threadCount: Int = BlazePoseOptions.defaultThreadCount, smoothLandmarks: Bool = false, followOnePerson: Bool = true) {
        self.threadCount = threadCount
        self.smoothLandmarks = smoothLandmarks
        self.followOnePerson = followOnePerson
    }
}
