/// What can go wrong reading a video, each with what to do about it.
public enum VideoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ffmpeg or ffprobe is not installed.
    case toolMissing(name: String)
    /// The file does not exist.
    case fileMissing(path: String)
    /// ffprobe could not read the file (not a video, damaged, unsupported).
    case unreadable(path: String, reason: String)
    /// The file has no video stream (an audio file, say).
    case noVideoStream(path: String)
    /// ffmpeg stopped with an error while decoding.
    case decodingFailed(path: String, reason: String)
    /// ffmpeg could not write an image or video PoseRun asked for.
    case writingFailed(path: String, reason: String)
    /// The video has more frames than one analysis takes (`VideoPoseEstimator.maximumFrameCount`): `frames` as the
    /// container lists them, or nil when decoding found more than it listed (then only "more than `limit`" is known).
    case tooManyFrames(path: String, frames: Int?, limit: Int)

    public var description: String {
        switch self {
        case .toolMissing(let name):
            return "\(name) is not installed. Install it with scripts/setup-models.sh (or: apt-get install ffmpeg)."
        case .fileMissing(let path):
            return "The video \(path) does not exist. Check the path."
        case .unreadable(let path, let reason):
            return "Could not read \(path) as a video: \(reason). Is it a video file? Try re-exporting it as MP4 (H.264)."
        case .noVideoStream(let path):
            return "\(path) has no video stream (is it an audio file?). Give a video of the runner."
        case .decodingFailed(let path, let reason):
            return "Decoding \(path) failed: \(reason). The file may be damaged; try re-exporting it as MP4 (H.264)."
        case .writingFailed(let path, let reason):
            return "Could not write \(path): \(reason). Check that its folder exists and is writable."
        case .tooManyFrames(let path, let frames, let limit):
            let count = frames.map { "has \($0) frames" } ?? "holds more frames than its header lists"
            return "\(path) \(count), more than the \(limit) one analysis takes. Cut out the part to analyse "
                + "(ffmpeg -ss START -t SECONDS -i IN -c copy OUT.mp4)."
        }
    }
}
