/// How long the pipeline took, for benchmarks and the `--verbose` line.
public struct PipelineTimings: Sendable, Hashable {
    /// Probing the video and loading both models, before the first frame.
    public var setupSeconds = 0.0
    /// From starting ffmpeg to the last frame's landmarks.
    public var wallSeconds = 0.0
    /// Time the decoding thread spent reading frames from ffmpeg.
    public var decodeSeconds = 0.0
    /// Time the inference thread waited for a decoded frame (decoding not keeping up).
    public var waitSeconds = 0.0
    /// The model stages.
    public var stages = PoseStageTimings()

    public init() {}

    /// Frames processed per second of wall-clock time, from starting ffmpeg (setup excluded).
    public var framesPerSecond: Double { wallSeconds > 0 ? Double(stages.frames) / wallSeconds : 0 }
}
