public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Encodes raw RGB frames into an MP4 that browsers and phones play (H.264 High profile, yuv420p,
/// index at the front for progressive playback), streaming: frames go down a pipe to `ffmpeg` one
/// at a time, so memory holds one frame however long the clip.
///
/// The file is written under a temporary name in the destination folder and renamed into place by
/// `finish()`; on any failure (or `cancel()`, or the encoder going away unfinished) the temporary
/// file is removed, so there is never a partial video under the real name. Confined: one thread.
public final class VideoEncoder {
    /// x264 settings: `veryfast` keeps encoding at several times real time on two cores; CRF 23 is
    /// x264's default quality, ample for lines drawn over a phone clip.
    public struct Settings: Sendable, Hashable {
        public var preset: String
        public var constantRateFactor: Int

        /// The shorter side is scaled down to this when larger (`nil`: the frames' own size).
        public var maximumShortSide: Int?

        public init(preset: String = "veryfast", constantRateFactor: Int = 23, maximumShortSide: Int? = nil) {
            self.preset = preset
            self.constantRateFactor = constantRateFactor
            self.maximumShortSide = maximumShortSide
        }

        /// For sharing: 720p at most, as quick to encode as to send.
        public static let sharing = Settings(preset: "veryfast", constantRateFactor: 23, maximumShortSide: 720)
    }

    public let destination: URL
    public let width: Int
    public let height: Int
    /// Frames written so far.
    public private(set) var frameCount = 0
    private let temporary: URL
    private let process: Process
    private let input: FileHandle
    private let errors: StderrCollector
    private var done = false

    /// Starts ffmpeg. `frameRate` is the playback rate (the source clip's own, so the video plays as filmed).
    public init(destination: URL, width: Int, height: Int, frameRate: Double, settings: Settings = Settings()) throws {
        self.destination = destination
        self.width = width
        self.height = height
        let folder = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VideoError.writingFailed(path: destination.path, reason: "the folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw VideoError.writingFailed(path: destination.path, reason: "the folder \(folder.path) is not writable")
        }
        guard width > 0, height > 0 else {
            throw VideoError.writingFailed(path: destination.path, reason: "the frame size \(width)×\(height) is empty")
        }
        temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString).mp4")
        let rate = frameRate.isFinite && frameRate > 0 ? frameRate : 30
        // yuv420p needs even sizes: pad an odd edge by one black pixel rather than lose a row.
        let needsPadding = width % 2 == 1 || height % 2 == 1
        var arguments = [
            "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)", "-framerate", Self.rateText(rate),
            "-i", "pipe:0", "-an",
        ]
        if let short = settings.maximumShortSide, min(width, height) > short {
            // Down to the short side, even sizes (which also makes padding unneeded).
            let w = width < height ? short : Int((Double(width) * Double(short) / Double(height) / 2).rounded()) * 2
            let h = width < height ? Int((Double(height) * Double(short) / Double(width) / 2).rounded()) * 2 : short
            arguments += ["-vf", "scale=\(w):\(h)"]
        } else if needsPadding {
            arguments += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]
        }
        arguments += [
            "-c:v", "libx264", "-preset", settings.preset, "-crf", String(settings.constantRateFactor),
            "-pix_fmt", "yuv420p", "-profile:v", "high", "-movflags", "+faststart",
            "-f", "mp4", ToolRunner.inputArgument(for: temporary),
        ]
        process = Process()
        process.executableURL = try ToolRunner.locate("ffmpeg")
        process.arguments = arguments
        let pipe = Pipe()
        errors = StderrCollector()
        process.standardInput = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors.pipe
        input = pipe.fileHandleForWriting
        // A dying encoder must surface as an error from `append`, not kill PoseRun with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            throw VideoError.writingFailed(path: destination.path, reason: "could not start ffmpeg: \(error)")
        }
        errors.start()
    }

    deinit {
        cancel()
    }

    /// Sends one frame: `width × height × 3` bytes of rgb24, rows top to bottom.
    public func append(_ pixels: [UInt8]) throws {
        guard !done else { throw VideoError.writingFailed(path: destination.path, reason: "the encoder was already closed") }
        guard pixels.count == width * height * 3 else {
            throw VideoError.writingFailed(
                path: destination.path, reason: "a frame of \(pixels.count) bytes, expected \(width * height * 3)")
        }
        let failure: Int32? = pixels.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var sent = 0
            let fd = input.fileDescriptor
            while sent < buffer.count {
                let n = write(fd, base + sent, buffer.count - sent)
                if n > 0 {
                    sent += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    return n < 0 ? errno : EIO
                }
            }
            return nil
        }
        if let code = failure {
            let message = stopAndCollect()
            throw VideoError.writingFailed(
                path: destination.path,
                reason: "ffmpeg stopped taking frames (\(message.isEmpty ? String(cString: strerror(code)) : message))")
        }
        frameCount += 1
    }

    /// Closes the stream, waits for ffmpeg, and puts the finished video in place. Returns its URL.
    @discardableResult
    public func finish() throws -> URL {
        guard !done else { throw VideoError.writingFailed(path: destination.path, reason: "the encoder was already closed") }
        done = true
        try? input.close()
        process.waitUntilExit()
        let message = errors.finish()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw VideoError.writingFailed(
                path: destination.path,
                reason: message.isEmpty ? "ffmpeg exited with status \(process.terminationStatus)" : message)
        }
        guard frameCount > 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw VideoError.writingFailed(path: destination.path, reason: "no frames were given to encode")
        }
        // rename(2) replaces an existing file atomically.
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw VideoError.writingFailed(path: destination.path, reason: reason)
        }
        return destination
    }

    /// Stops ffmpeg and removes the temporary file; nothing is written under the destination name.
    public func cancel() {
        guard !done else { return }
        _ = stopAndCollect()
    }

    private func stopAndCollect() -> String {
        done = true
        if process.isRunning { process.terminate() }
        try? input.close()
        process.waitUntilExit()
        let message = errors.finish()
        try? FileManager.default.removeItem(at: temporary)
        return message
    }

    /// A rate as ffmpeg reads it: exact fractions for the NTSC family (29.97 = 30000/1001), else decimal.
    static func rateText(_ rate: Double) -> String {
        for base in [24.0, 30, 48, 60, 120, 240] {
            let ntsc = base * 1000 / 1001
            if abs(rate - ntsc) < 0.005 { return "\(Int(base * 1000))/1001" }
        }
        let rounded = rate.rounded()
        if abs(rate - rounded) < 1e-6 { return String(Int(rounded)) }
        return String(format: "%.6f", rate)
    }
}
