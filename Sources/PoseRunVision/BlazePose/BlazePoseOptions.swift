import Foundation

/// How PoseRun runs BlazePose.
public struct BlazePoseOptions: Sendable, Hashable {
    /// XNNPACK threads per model. By default 2, or 1 on a heavily oversubscribed machine
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
    /// Keep the runtime's one INFO line off stderr (`LiteRTModel`); for the command-line tool.
    public var silencesRuntimeLog: Bool
    /// While the detector finds nobody to follow, how often it looks again, in searches per second of
    /// video: 15, so a person entering the view is picked up at most 1/15 s later whatever the frame
    /// rate (every other frame at 25–30 fps, every fourth at 50–60, every sixteenth at 240). Frames without
    /// the runner (before they enter, after they leave, a lost track) then cost a fraction: on the shared
    /// clips 30–45 % of frames have nobody to follow, and a detector run costs about as much as a landmark
    /// run. Nothing changes while someone is tracked. A pick-up delay of up to 1/15 s is shorter than a
    /// sprinter's ground contact (≥ 0.08 s), so at most the first contact after the runner appears is
    /// seen late; heuristic.
    public var emptySearchesPerSecond: Double
    /// The default for `emptySearchesPerSecond` (reasons above).
    public static let defaultEmptySearchesPerSecond = 15.0
    /// Which frames the landmark model also reads mirrored, for the swap corrector to choose between the two
    /// readings (`MirroredReading`); by default where the first reading's legs jump.
    public var mirroredReading: MirroredReading
    /// Overrides `emptySearchesPerSecond` with a fixed number of frames (MediaPipe: 1, every frame).
    public var emptySearchInterval: Int?

    /// Two XNNPACK threads (one per core of the 2-core machines this targets), falling back to 1
    /// only when the machine is heavily oversubscribed: at a load average of 8–10 from other builds
    /// the landmark model took 44 ms a run with 2 threads against ~15 with 1, because XNNPACK's
    /// threads wait for each other when a core is taken; idle, 2 threads gave 81–89 frames/s
    /// against 59–61 (docs/vision.md). The bar is high on purpose: PoseRun's own previous run
    /// lifts the 1-minute load average to 1–2, and that must not halve the next run's speed.
    /// Decided once per process (Linux; elsewhere the core count alone).
    public static let defaultThreadCount: Int = automaticThreadCount(
        cores: ProcessInfo.processInfo.activeProcessorCount, loadAverage: currentLoadAverage())

    /// The load average per core above which one thread is used (heuristic, from the figures above).
    public static let oversubscribedLoadPerCore = 2.0

    /// min(2, cores), or 1 when the load average exceeds `oversubscribedLoadPerCore` per core.
    public static func automaticThreadCount(cores: Int, loadAverage: Double?) -> Int {
        let threads = max(1, min(2, cores))
        guard let load = loadAverage, load > oversubscribedLoadPerCore * Double(max(cores, 1)) else { return threads }
        return 1
    }

    /// The 1-minute load average from /proc/loadavg, or `nil` where there is none.
    static func currentLoadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    public init(
        threadCount: Int = BlazePoseOptions.defaultThreadCount, smoothLandmarks: Bool = false, followOnePerson: Bool = true,
        silencesRuntimeLog: Bool = false, emptySearchesPerSecond: Double = BlazePoseOptions.defaultEmptySearchesPerSecond, emptySearchInterval: Int? = nil,
        mirroredReading: MirroredReading = .whereLegsJump
    ) {
        self.mirroredReading = mirroredReading
        self.emptySearchesPerSecond = emptySearchesPerSecond > 0 ? emptySearchesPerSecond : Self.defaultEmptySearchesPerSecond
        self.emptySearchInterval = emptySearchInterval.map { max(1, $0) }
        self.threadCount = threadCount
        self.silencesRuntimeLog = silencesRuntimeLog
        self.smoothLandmarks = smoothLandmarks
        self.followOnePerson = followOnePerson
    }
}
