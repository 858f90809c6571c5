public import Foundation
public import PoseRunImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Draws landmarks and the skeleton on a frame, to check by eye that they sit on the body.
public enum PoseOverlay {
    /// The bones drawn between landmarks (MediaPipe's POSE_CONNECTIONS, body part only).
    static let bones: [(BlazePoseLandmark, BlazePoseLandmark)] = [
        (.leftShoulder, .rightShoulder), (.leftShoulder, .leftElbow), (.leftElbow, .leftWrist),
        (.rightShoulder, .rightElbow), (.rightElbow, .rightWrist), (.leftShoulder, .leftHip),
        (.rightShoulder, .rightHip), (.leftHip, .rightHip), (.leftHip, .leftKnee), (.leftKnee, .leftAnkle),
        (.rightHip, .rightKnee), (.rightKnee, .rightAnkle), (.leftAnkle, .leftHeel), (.leftHeel, .leftFootIndex),
        (.leftAnkle, .leftFootIndex), (.rightAnkle, .rightHeel), (.rightHeel, .rightFootIndex),
        (.rightAnkle, .rightFootIndex), (.leftEar, .leftEye), (.rightEar, .rightEye), (.leftEye, .nose), (.rightEye, .nose),
    ]

    /// The frame with the person's left side in orange, right side in cyan, middle in white.
    public static func draw(_ landmarks: [PoseLandmark], on image: RGBImage) -> RGBImage {
        var out = image
        func colour(_ l: BlazePoseLandmark) -> (UInt8, UInt8, UInt8) {
            let name = "\(l)"
            if name.hasPrefix("left") { return (255, 140, 0) }
            if name.hasPrefix("right") { return (0, 220, 255) }
            return (255, 255, 255)
        }
        for (a, b) in bones {
            let p = landmarks[a.rawValue]
            let q = landmarks[b.rawValue]
            let steps = max(1, Int(max(abs(q.x - p.x), abs(q.y - p.y))))
            for s in 0...steps {
                let t = Float(s) / Float(steps)
                plot(&out, x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t, radius: 0, colour: (230, 230, 230))
            }
        }
        for l in BlazePoseLandmark.allCases {
            let p = landmarks[l.rawValue]
            plot(&out, x: p.x, y: p.y, radius: 2, colour: colour(l))
        }
        return out
    }

    private static func plot(_ image: inout RGBImage, x: Float, y: Float, radius: Int, colour: (UInt8, UInt8, UInt8)) {
        guard x.isFinite, y.isFinite else { return }
        let cx = Int(x.rounded())
        let cy = Int(y.rounded())
        for dy in -radius...radius {
            for dx in -radius...radius where dx * dx + dy * dy <= radius * radius + radius {
                let px = cx + dx
                let py = cy + dy
                guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
                let i = (py * image.width + px) * 3
                image.pixels[i] = colour.0
                image.pixels[i + 1] = colour.1
                image.pixels[i + 2] = colour.2
            }
        }
    }

    /// Writes a frame as a PNG with ffmpeg (to a temporary name, then renamed). The pixels go
    /// through a temporary file rather than a pipe, so a failing ffmpeg cannot break a write.
    public static func writePNG(_ image: RGBImage, to destination: URL) throws {
        let folder = destination.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw VideoError.writingFailed(path: destination.path, reason: "the folder \(folder.path) does not exist")
        }
        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-frame-\(UUID().uuidString).rgb")
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString).png")
        defer {
            try? FileManager.default.removeItem(at: raw)
            try? FileManager.default.removeItem(at: temporary)
        }
        do {
            try Data(image.pixels).write(to: raw)
        } catch {
            throw VideoError.writingFailed(path: raw.path, reason: "\(error)")
        }
        _ = try ToolRunner.run(
            "ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(image.width)x\(image.height)",
             "-i", ToolRunner.inputArgument(for: raw), "-frames:v", "1", ToolRunner.inputArgument(for: temporary)],
            onFailure: { VideoError.writingFailed(path: destination.path, reason: $0) })
        // rename(2) replaces an existing file atomically.
        guard rename(temporary.path, destination.path) == 0 else {
            throw VideoError.writingFailed(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }
}
