import Foundation
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// The model cache and the fixtures of the vision tests (../shared/data, ffmpeg and whether the models are
/// there: PoseRunTestSupport).
enum VisionTestSupport {
    static let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/PoseRunVisionTests/Fixtures")

    /// The model cache `scripts/setup-models.sh` fills (honours POSERUN_MODELS).
    static let cache = ModelCache.standard()

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

