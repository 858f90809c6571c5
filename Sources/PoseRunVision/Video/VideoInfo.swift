/// What ffprobe says about a video's first video stream.
public struct VideoInfo: Sendable, Hashable {
    /// Frame size as PoseRun decodes it: rotation applied, pixels made square.
    public var width: Int
    public var height: Int
    /// Frame size as stored in the file, before rotation.
    public var storedWidth: Int
    public var storedHeight: Int
    /// Width / height of one stored pixel (1 for almost every camera; anamorphic video differs).
    public var pixelAspectRatio: Double
    /// Clockwise rotation in degrees the player applies (0, 90, 180, 270), from the display
    /// matrix side data or the old `rotate` tag. ffmpeg applies it when decoding.
    public var rotationDegrees: Int
    /// Frames per second averaged over the stream (`avg_frame_rate`).
    public var averageFrameRate: Double
    /// The stream's base rate (`r_frame_rate`): the lowest rate at which all timestamps fall on frames.
    public var baseFrameRate: Double
    /// True when the frame times are not evenly spaced (phones often record this way).
    public var isVariableFrameRate: Bool
    /// Duration in seconds, when known.
    public var durationSeconds: Double?
    /// Presentation time of every frame in seconds, in display order (from the packets).
    public var frameTimes: [Double]
    /// The codec name (h264, hevc…).
    public var codec: String
    /// The decoded pixel format (yuv420p, yuv420p10le…), "unknown" when ffprobe gives none.
    public var pixelFormat: String

    public init(
        width: Int, height: Int, storedWidth: Int, storedHeight: Int, pixelAspectRatio: Double = 1, rotationDegrees: Int,
        averageFrameRate: Double, baseFrameRate: Double, isVariableFrameRate: Bool,
        durationSeconds: Double?, frameTimes: [Double], codec: String, pixelFormat: String = "unknown"
    ) {
        self.pixelFormat = pixelFormat
        self.width = width
        self.height = height
        self.storedWidth = storedWidth
        self.storedHeight = storedHeight
        self.pixelAspectRatio = pixelAspectRatio
        self.rotationDegrees = rotationDegrees
        self.averageFrameRate = averageFrameRate
        self.baseFrameRate = baseFrameRate
        self.isVariableFrameRate = isVariableFrameRate
        self.durationSeconds = durationSeconds
        self.frameTimes = frameTimes
        self.codec = codec
    }

    /// Number of frames.
    public var frameCount: Int { frameTimes.count }

    /// The rate to report: the average, or the base rate when the average is missing.
    public var nominalFrameRate: Double { averageFrameRate > 0 ? averageFrameRate : baseFrameRate }
}
