public import Foundation

/// The clip the report's player shows: the original, copied beside the report, when a browser plays it
/// as PoseRun decoded it; otherwise a small H.264 proxy, made fast. Either way streamed from disk to disk,
/// never held in memory.
public enum PlayerVideo {
    /// What the player gets.
    public enum Plan: Sendable, Hashable {
        /// Copy the original under this name.
        case copy(fileName: String)
        /// Re-encode, for this reason (said under the player).
        case proxy(reason: String)
    }

    /// The proxy's name beside the report.
    public static let proxyFileName = "video.mp4"
    /// Codecs every current browser plays in these containers (MP4 and WebM); HEVC is not among them
    /// (Chrome on Linux and Firefox do not play it).
    public static let playableCodecs: Set<String> = ["h264", "vp9", "av1"]
    public static let playablePixelFormats: Set<String> = ["yuv420p", "yuvj420p"]
    public static let playableContainers: [String: String] = ["mp4": "mp4", "m4v": "mp4", "webm": "webm"]
    /// Every name the player's clip can have beside the report (a copy or the proxy), with its media type.
    public static let fileNames: [String: String] = ["video.mp4": "video/mp4", "video.webm": "video/webm"]
    /// The proxy's shorter side at most (720p): enough to see a foot land, small enough to encode fast.
    public static let proxyShortSide = 720

    /// Copy or proxy, and why.
    public static func plan(for video: URL, info: VideoInfo) -> Plan {
        let ext = video.pathExtension.lowercased()
        guard let container = playableContainers[ext] else {
            return .proxy(reason: "browsers do not play .\(ext.isEmpty ? "(no extension)" : ext) files reliably")
        }
        guard playableCodecs.contains(info.codec) else {
            return .proxy(reason: "browsers do not play \(info.codec.uppercased()) video")
        }
        guard playablePixelFormats.contains(info.pixelFormat) else {
            return .proxy(reason: "browsers do not play the \(info.pixelFormat) pixel format")
        }
        guard info.rotationDegrees == 0 else {
            return .proxy(reason: "the clip is stored rotated by \(info.rotationDegrees)°, which not every browser applies")
        }
        guard abs(info.pixelAspectRatio - 1) < 1e-3 else {
            return .proxy(reason: "the clip's pixels are not square")
        }
        return .copy(fileName: "video.\(container)")
    }

    /// When each frame is shown on the timeline of the file the player gets: the original's own
    /// presentation times for a copy; for a proxy the same times less the first (ffmpeg starts its output at 0).
    public static func frameTimes(for plan: Plan, info: VideoInfo) -> [Double] {
        switch plan {
        case .copy: return info.frameTimes
        case .proxy:
            let first = info.frameTimes.first ?? 0
            return info.frameTimes.map { $0 - first }
        }
    }

    /// Encodes the proxy into `destination`: every frame kept with its own timestamp on the source's own
    /// time base (variable frame rate stays variable; x264's default time base, one tick a frame, moved an
    /// uneven first frame by 5 ms and put the player two frames off, which the browser test caught), rotation and pixel shape applied as PoseRun decoded them, no audio, H.264 at most
    /// 720p with x264's fastest preset on every core. Written under a temporary name, then renamed.
    public static func makeProxy(of video: URL, info: VideoInfo, to destination: URL) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString).mp4")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let short = proxyShortSide
        // Square pixels first (as PoseRun decodes), then the shorter side down to 720 if larger; even sizes.
        let filter = "scale=\(info.width):\(info.height),setsar=1,"
            + "scale='if(gt(iw,ih),-2,min(\(short),iw))':'if(gt(iw,ih),min(\(short),ih),-2)'"
        _ = try ToolRunner.run(
            "ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-i", ToolRunner.inputArgument(for: video), "-map", "0:v:0", "-an", "-sn", "-dn",
             "-vf", filter, "-fps_mode", "passthrough", "-enc_time_base:v", "-1", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26",
             "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", ToolRunner.inputArgument(for: temporary)],
            onFailure: { VideoError.writingFailed(path: destination.path, reason: "the player's proxy could not be encoded: \($0)") })
        guard rename(temporary.path, destination.path) == 0 else {
            throw VideoError.writingFailed(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }
}
