import Foundation
import Testing
@testable import PoseRunVision

/// Where the tests find the model cache, the fixtures and ../shared/data.
enum VisionTestSupport {
    /// The package root: this file is Tests/PoseRunVisionTests/VisionTestSupport.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Tests/PoseRunVisionTests/Fixtures")

    /// The model cache `scripts/setup-models.sh` fills (honours POSERUN_MODELS).
    static let cache = ModelCache.standard()

    /// True when the LiteRT runtime and both models are in the cache.
    static let modelsAvailable = cache.isComplete

    /// The message shown when model tests skip.
    static let modelsMissingReason: Comment = "needs the models: run scripts/setup-models.sh"

    /// ../shared/data beside the package root.
    static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    static let joggingVideo = sharedData.appendingPathComponent("video/jogging-overground-side.mp4")

    static var sharedVideoAvailable: Bool { FileManager.default.fileExists(atPath: joggingVideo.path) }

    /// ffmpeg and ffprobe on the PATH.
    static let ffmpegAvailable: Bool = ["ffmpeg", "ffprobe"].allSatisfy { ExecutableLocator.find($0) != nil }

    /// The stripe pattern of tools/reference_outputs.py: k = (x + 2y + 37c) % 256, NHWC.
    static func stripeInput(height: Int, width: Int, channels: Int, signed: Bool) -> [Float] {
        var values = [Float](repeating: 0, count: height * width * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    let k = Float((x + 2 * y + 37 * c) % 256)
                    var v = k / 255
                    if signed { v = v * 2 - 1 }
                    values[(y * width + x) * channels + c] = v
                }
            }
        }
        return values
    }
}

