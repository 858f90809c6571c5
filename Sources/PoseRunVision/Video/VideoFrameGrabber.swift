public import Foundation

/// Pulls a few frames out of a video as JPEG, by frame index, for the report's key frames.
///
/// Frames are chosen by their decode index with ffmpeg's `select` filter and `-fps_mode passthrough`,
/// the same numbering `VideoFrameReader` uses, so frame *i* here is the frame the pose was measured on
/// (seeking by a nominal rate could land one frame off on variable-rate phone video; when the clip's
/// packet times are known the grab seeks near the first wanted frame and picks frames by those exact
/// times). The clip is decoded once, up to the last wanted frame.
public enum VideoFrameGrabber {
    /// Longest side of a JPEG produced: enough for a figure on a page (a portrait phone frame becomes 540×960),
    /// small enough for a data URI (≈ 40–120 kB each).
    public static let defaultMaximumSide = 960
    /// ffmpeg's JPEG quality scale (2 best … 31 worst); 5 keeps skin and shoes clear at a small size.
    static let jpegQuality = 5

    /// How far before the first wanted frame to seek, in frame intervals: enough that the seek never lands
    /// past it (ffmpeg goes back to the keyframe before that point, decodes from there and drops the frames
    /// before it). More only sends ffmpeg to an earlier keyframe: a 1 s lead took the sprint clip's grab
    /// back to the keyframe 4 s before the key frames, 126 frames decoded for 4 (0.34 s instead of 0.14).
    static let seekLeadFrames = 3.0

    /// `seekLeadFrames` of the clip's longest frame interval.
    static func seekLeadSeconds(_ info: VideoInfo) -> Double {
        let longest = zip(info.frameTimes.dropFirst(), info.frameTimes).map { $0 - $1 }.max() ?? 1.0 / 30
        return seekLeadFrames * max(longest, 1e-3)
    }

    /// The presentation time of each decode index, when the probe listed them all and they are distinct.
    static func presentationTimes(of indices: [Int], in info: VideoInfo) -> [Double]? {
        guard let last = indices.last, last < info.frameTimes.count else { return nil }
        let times = indices.map { info.frameTimes[$0] }
        let sorted = info.frameTimes
        let distinct = zip(sorted.dropFirst(), sorted).allSatisfy { $0 > $1 }
        return distinct ? times : nil
    }

    /// A quarter of the shortest frame interval: picks one frame by time, never its neighbour.
    static func frameTimeTolerance(_ info: VideoInfo) -> Double {
        let shortest = zip(info.frameTimes.dropFirst(), info.frameTimes).map { $0 - $1 }.min() ?? 1.0 / 30
        return max(shortest, 1e-4) / 4
    }

    /// JPEG bytes of each requested frame, keyed by frame index. Indices past the end are left out.
    /// The image is the displayed frame (rotation applied, square pixels) scaled so neither side exceeds `maximumSide`.
    ///
    /// Every frame from the keyframe before the first wanted one is decoded (hundreds on a clip with a long
    /// GOP), so the decode skips H.264's deblocking filter, as the pose's reduced decode does: a sixth of
    /// the work, and at the thumbnail's size its block edges are averaged away.
    public static func jpegFrames(
        of video: URL, frameIndices: [Int], info: VideoInfo, maximumSide: Int = defaultMaximumSide
    ) throws -> [Int: Data] {
        let wanted = Array(Set(frameIndices.filter { $0 >= 0 })).sorted()
        guard !wanted.isEmpty else { return [:] }
        guard FileManager.default.fileExists(atPath: video.path) else { throw VideoError.fileMissing(path: video.path) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-frames-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw VideoError.writingFailed(path: folder.path, reason: "\(error)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let scale = min(1, Double(maximumSide) / Double(max(info.width, info.height, 1)))
        let width = max(2, Int((Double(info.width) * scale / 2).rounded()) * 2)
        let height = max(2, Int((Double(info.height) * scale / 2).rounded()) * 2)
        let scaling = "scale=\(info.width):\(info.height),setsar=1,scale=\(width):\(height)"
        var input = ["-nostdin", "-v", "error", "-skip_loop_filter", "all"]
        let select: String
        if let times = presentationTimes(of: wanted, in: info), let first = times.first, first > seekLeadSeconds(info) {
            // Jump near the first wanted frame instead of decoding the clip from its start (on a long clip
            // the key frames may be minutes in): ffmpeg seeks to the keyframe before, and with the original
            // timestamps kept each wanted frame is picked by its own presentation time, ffprobe's packet
            // time for that decode index — the same numbering as `VideoFrameReader`.
            let tolerance = frameTimeTolerance(info)
            input += ["-ss", String(format: "%.6f", first - seekLeadSeconds(info)), "-copyts"]
            select = times.map { "lt(abs(t-\(String(format: "%.6f", $0)))\\,\(String(format: "%.6f", tolerance)))" }
                .joined(separator: "+")
        } else {
            select = wanted.map { "eq(n\\,\($0))" }.joined(separator: "+")
        }
        _ = try ToolRunner.run(
            "ffmpeg",
            input + ["-i", ToolRunner.inputArgument(for: video),
             "-map", "0:v:0", "-an", "-sn", "-dn", "-fps_mode", "passthrough",
             "-vf", "select='\(select)',\(scaling)",
             // Stop after the last wanted frame instead of decoding the rest of the clip.
             "-frames:v", String(wanted.count), "-q:v", String(jpegQuality),
             ToolRunner.inputArgument(for: folder.appendingPathComponent("f%05d.jpg"))],
            onFailure: { VideoError.decodingFailed(path: video.path, reason: $0) })
        // ffmpeg numbers its outputs 1, 2, … in frame order: the n-th file is the n-th wanted frame.
        var out: [Int: Data] = [:]
        for (k, index) in wanted.enumerated() {
            let file = folder.appendingPathComponent(String(format: "f%05d.jpg", k + 1))
            if let data = try? Data(contentsOf: file), !data.isEmpty { out[index] = data }
        }
        return out
    }
}
