import Foundation

/// How PoseRun runs BlazePose.
public struct BlazePoseOptions: Sendable, Hashable {
    /// XNNPACK threads per model. By default 2 (or 1 on a single core): on an otherwise idle
    /// 2-core machine, 2 threads gave 81–89 frames/s against 59–61 with 1, ffmpeg decoding
    /// alongside; when other work takes a core, 1 thread is faster (docs/vision.md).
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

    public static let defaultThreadCount = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))

    public init(threadCount: Int = BlazePoseOptions.defaultThreadCount, smoothLandmarks: Bool = false, followOnePerson: Bool = true) {
        self.threadCount = threadCount
        self.smoothLandmarks = smoothLandmarks
        self.followOnePerson = followOnePerson
    }
}
