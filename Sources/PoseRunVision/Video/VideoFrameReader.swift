public import Foundation
public import PoseRunImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Decodes a video's frames one at a time with `ffmpeg`, as raw RGB over a pipe: the whole
/// video is never in memory, only the frame being read.
///
/// ffmpeg applies the rotation metadata (autorotate), and `-fps_mode passthrough` makes it emit
/// each decoded frame exactly once (no frames duplicated or dropped to fake a constant rate),
/// so frame *i* has the *i*-th presentation time ffprobe listed. The frames are scaled to the
/// size asked for with square pixels (a no-op for ordinary video; it widens anamorphic video, makes
/// 1080p and larger frames smaller when asked, see `DecodeReduction`, and keeps the size
/// fixed if the stream changes resolution). Confined: one reader, one thread.
public final class VideoFrameReader {
    public let video: URL
    public let width: Int
    public let height: Int
    private let process: Process
    private let output: FileHandle
    private let errors: StderrCollector
    private var finished = false

    /// Starts ffmpeg. `width` and `height` are the displayed (rotated) size from `VideoProbe`, or a
    /// smaller size with the same aspect and `reduced` true (see `DecodeReduction`, which also says why
    /// `skipsLoopFilter`).
    public init(video: URL, width: Int, height: Int, reduced: Bool = false, skipsLoopFilter: Bool = false) throws {
        self.video = video
        self.width = width
        self.height = height
        process = Process()
        process.executableURL = try ToolRunner.locate("ffmpeg")
        process.arguments = [
            "-nostdin", "-v", "error"] + (skipsLoopFilter ? ["-skip_loop_filter", "all"] : []) + [
            "-i", ToolRunner.inputArgument(for: video),
            "-map", "0:v:0", "-an", "-sn", "-dn", "-fps_mode", "passthrough",
            "-vf", reduced
                // Scaled while still YUV (a third of RGB's bytes), averaging the pixels each smaller pixel
                // covers (no aliasing), then ffmpeg's fast same-size conversion to RGB: less CPU than
                // decoding at full size, where scaling straight to RGB would cost half as much again.
                ? "scale=\(width):\(height):flags=area,format=yuv420p,setsar=1"
                : "scale=\(width):\(height),setsar=1",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ]
        let pipe = Pipe()
        errors = StderrCollector()
        process.standardOutput = pipe
        process.standardError = errors.pipe
        process.standardInput = FileHandle.nullDevice
        output = pipe.fileHandleForReading
        do {
            try process.run()
        } catch {
            throw VideoError.decodingFailed(path: video.path, reason: "could not start ffmpeg: \(error)")
        }
        errors.start()
    }

    deinit {
        close()
    }

    /// The next frame, or `nil` after the last one.
    public func nextFrame() throws -> RGBImage? {
        guard !finished else { return nil }
        let count = RGBImage.byteCount(width: width, height: height)
        // Read straight into fresh storage, without zeroing it first: a 1080p frame is 6 MB, and a
        // memset per frame is a memory pass the model then pays for in cache. Bytes not read are
        // zeroed below, so the array never holds uninitialised memory.
        var filled = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            guard let base = buffer.baseAddress else { initialised = 0; return }
            let fd = output.fileDescriptor
            while filled < count {
                let n = read(fd, base + filled, count - filled)
                if n > 0 {
                    filled += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    break
                }
            }
            if filled < count { (base + filled).initialize(repeating: 0, count: count - filled) }
            initialised = count
        }
        if filled == count { return RGBImage(width: width, height: height, pixels: pixels) }
        // End of stream: a clean exit means the video ended; anything else is an error.
        finished = true
        process.waitUntilExit()
        let message = errors.finish()
        if process.terminationStatus != 0 {
            throw VideoError.decodingFailed(
                path: video.path, reason: message.isEmpty ? "ffmpeg exited with status \(process.terminationStatus)" : message)
        }
        if filled > 0 {
            throw VideoError.decodingFailed(path: video.path, reason: "the last frame was cut short (\(filled) of \(count) bytes)")
        }
        return nil
    }

    /// Stops ffmpeg early (when the caller gives up before the end).
    public func close() {
        guard !finished else { return }
        finished = true
        if process.isRunning { process.terminate() }
        try? output.close()
        process.waitUntilExit()
        _ = errors.finish()
    }
}
