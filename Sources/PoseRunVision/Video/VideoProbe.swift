public import Foundation
import PoseRunCore

/// Reads a video's facts with `ffprobe`: size, rotation, frame rates, duration, and the
/// presentation time of every frame (from the packets: demuxing only, no decoding).
public enum VideoProbe {
    /// Two frame intervals further apart than this fraction of the median make the rate variable.
    static let variableIntervalTolerance = 0.25
    /// `avg_frame_rate` and `r_frame_rate` further apart than this fraction mark a variable rate.
    static let rateMismatchTolerance = 0.01

    /// Every packet's `pts_time` read straight from ffprobe's JSON, and the JSON with its packets array emptied.
    ///
    /// Decoded as JSON, every packet became a dictionary, all held at once: about 1.6 kB a packet, 85 MB for a
    /// 30-minute 30 fps clip, which the allocator kept for the rest of the run. Read here, a packet costs one
    /// Double. The array is found as ffprobe writes it (`"packets": [` then flat objects of quoted values), with
    /// brackets inside strings skipped; when it is not there, no times and the output unchanged.
    static func splitPacketTimes(_ output: Data) -> (times: [Double], rest: Data) {
        let bytes = [UInt8](output)
        let key = Array("\"packets\"".utf8)
        func skipSpace(_ i: inout Int) { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
        var search = 0
        while search + key.count <= bytes.count {
            guard let start = bytes[search...].firstRange(of: key)?.lowerBound else { break }
            var i = start + key.count
            skipSpace(&i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { search = start + 1; continue }
            i += 1
            skipSpace(&i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { search = start + 1; continue }
            let open = i
            // The matching bracket, outside strings.
            var depth = 0, inString = false, escaped = false, close: Int?
            var j = open
            while j < bytes.count {
                let b = bytes[j]
                if inString {
                    if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { close = j; break }
                }
                j += 1
            }
            guard let close else { break }
            var times: [Double] = []
            let field = Array("\"pts_time\"".utf8)
            var k = open
            while let found = bytes[k..<close].firstRange(of: field) {
                var v = found.upperBound
                skipSpace(&v)
                if v < close, bytes[v] == UInt8(ascii: ":") { v += 1 }
                skipSpace(&v)
                if v < close, bytes[v] == UInt8(ascii: "\"") { v += 1 }
                var e = v
                while e < close, bytes[e] != UInt8(ascii: "\""), bytes[e] != UInt8(ascii: ","), bytes[e] != UInt8(ascii: "}") { e += 1 }
                if let t = Double(String(decoding: bytes[v..<e], as: UTF8.self)), t.isFinite { times.append(t) }
                k = max(e, found.upperBound)
            }
            var rest = Data(bytes[..<(open + 1)])
            rest.append(contentsOf: bytes[close...])
            return (times, rest)
        }
        return ([], output)
    }

    public static func probe(_ video: URL) throws -> VideoInfo {
        let path = video.path
        guard FileManager.default.fileExists(atPath: path) else { throw VideoError.fileMissing(path: path) }
        // One ffprobe run for the stream, the container and every packet's time: each run costs
        // ffprobe's start-up (about 0.08 s here), a large share of a short clip's analysis.
        let output = try ToolRunner.run(
            "ffprobe",
            ["-v", "error", "-print_format", "json=compact=1", "-select_streams", "v:0", "-show_streams", "-show_format",
             "-show_entries", "packet=pts_time", ToolRunner.inputArgument(for: video)],
            onFailure: { VideoError.unreadable(path: path, reason: $0) })
        let (packetTimes, description) = splitPacketTimes(output)
        guard let json = try? JSONSerialization.jsonObject(with: description) as? [String: Any] else {
            throw VideoError.unreadable(path: path, reason: "ffprobe printed no readable description")
        }
        let streams = json["streams"] as? [[String: Any]] ?? []
        guard let stream = streams.first(where: { ($0["codec_type"] as? String) == "video" && !isAttachedPicture($0) })
        else { throw VideoError.noVideoStream(path: path) }

        let storedWidth = stream["width"] as? Int ?? 0
        let storedHeight = stream["height"] as? Int ?? 0
        guard storedWidth > 0, storedHeight > 0 else {
            throw VideoError.unreadable(path: path, reason: "the video stream has no frame size")
        }
        let rotation = rotationDegrees(of: stream)
        let swapped = rotation % 180 == 90
        // Non-square pixels (anamorphic video) are widened to square ones, so angles are true.
        let pixelAspect = ratio(stream["sample_aspect_ratio"] as? String)
        // Real anamorphic video stretches pixels by 4:3 or so; a ratio past 10:1 is damaged metadata, and the
        // widened frame it asks for would not fit in memory.
        guard pixelAspect == 0 || Self.plausiblePixelAspects.contains(pixelAspect) else {
            throw VideoError.unreadable(
                path: path, reason: "its pixel aspect ratio (\(stream["sample_aspect_ratio"] as? String ?? "?")) is not a real pixel shape; re-encode the clip")
        }
        let squareWidth = pixelAspect > 0 && abs(pixelAspect - 1) > 1e-3
            ? max(2, (Int(measured: Double(storedWidth) * pixelAspect / 2) ?? storedWidth / 2) * 2) : storedWidth
        let averageRate = rate(stream["avg_frame_rate"] as? String)
        let baseRate = rate(stream["r_frame_rate"] as? String)
        let format = json["format"] as? [String: Any]
        let duration = double(stream["duration"]) ?? double(format?["duration"])

        // Packets come in decoding order; sorted, their times are the frames' in display order.
        var times = packetTimes.sorted()
        if times.isEmpty, let duration, averageRate > 0 {
            // No packet timestamps (raw streams): assume a constant rate. The count is the header's claim, so
            // it is bounded before anything is allocated for it.
            guard let count = Int(measured: duration * averageRate), (0...Self.mostFramesWithoutTimestamps).contains(count) else {
                throw VideoError.unreadable(
                    path: path, reason: "its header claims \(duration) s at \(averageRate) fps, more frames than any clip PoseRun reads; re-encode the clip")
            }
            times = (0..<count).map { Double($0) / averageRate }
        }
        return VideoInfo(
            width: swapped ? storedHeight : squareWidth, height: swapped ? squareWidth : storedHeight,
            storedWidth: storedWidth, storedHeight: storedHeight, pixelAspectRatio: pixelAspect > 0 ? pixelAspect : 1,
            rotationDegrees: rotation,
            averageFrameRate: averageRate, baseFrameRate: baseRate,
            isVariableFrameRate: isVariable(times: times, averageRate: averageRate, baseRate: baseRate),
            durationSeconds: duration, frameTimes: times, codec: stream["codec_name"] as? String ?? "unknown",
            pixelFormat: stream["pix_fmt"] as? String ?? "unknown")
    }

    static let plausiblePixelAspects = Plausibility.pixelAspectRatios
    static let mostFramesWithoutTimestamps = Plausibility.mostFramesWithoutTimestamps

    private static func isAttachedPicture(_ stream: [String: Any]) -> Bool {
        ((stream["disposition"] as? [String: Any])?["attached_pic"] as? Int) == 1
    }

    /// Clockwise display rotation in 0, 90, 180, 270. The display matrix's `rotation` is
    /// counter-clockwise (−90 means turn 90° clockwise); the old `rotate` tag is clockwise.
    static func rotationDegrees(of stream: [String: Any]) -> Int {
        var degrees = 0.0
        if let sideData = stream["side_data_list"] as? [[String: Any]],
            let matrix = sideData.first(where: { $0["rotation"] != nil }), let value = double(matrix["rotation"]) {
            degrees = -value
        } else if let tags = stream["tags"] as? [String: Any], let value = double(tags["rotate"]) {
            degrees = value
        }
        // The remainder keeps the quarter turn of a damaged tag (1e300) within what an Int holds.
        let quarterTurns = Int(measured: degrees.truncatingRemainder(dividingBy: 360) / 90) ?? 0
        return ((quarterTurns % 4) + 4) % 4 * 90
    }

    /// Parses an ffprobe aspect ratio such as "4:3"; 0 when unknown ("0:1").
    static func ratio(_ text: String?) -> Double {
        rate(text?.replacingOccurrences(of: ":", with: "/"))
    }

    /// Parses an ffprobe rate such as "30000/1001"; 0 when unknown ("0/0").
    static func rate(_ text: String?) -> Double {
        guard let text else { return 0 }
        let parts = text.split(separator: "/")
        if parts.count == 2, let n = Double(parts[0]), let d = Double(parts[1]), d != 0 { return n / d }
        return Double(text) ?? 0
    }

    static func isVariable(times: [Double], averageRate: Double, baseRate: Double) -> Bool {
        if averageRate > 0, baseRate > 0, abs(averageRate - baseRate) / baseRate > rateMismatchTolerance { return true }
        guard times.count >= 3 else { return false }
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        let median = intervals[intervals.count / 2]
        guard median > 0 else { return true }
        return intervals.contains { abs($0 - median) > variableIntervalTolerance * median }
    }

    private static func double(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: return number.doubleValue
        case let text as String: return Double(text)
        default: return nil
        }
    }
}
