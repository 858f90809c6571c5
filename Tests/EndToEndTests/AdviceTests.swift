import Foundation
import Testing

/// The libraries say what is missing without naming flags; the command line says which flag gives it.
@Suite struct AdviceTests {
    @Test func withoutAScaleTheCommandSaysWhichFlagGivesMetres() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-advice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keypoints = folder.appendingPathComponent("runner.json").path
        #expect(try PoseRunBinary.run(["synthetic", keypoints, "--seconds", "4"]).status == 0)

        let unscaled = try PoseRunBinary.run(["analyze", keypoints])
        #expect(unscaled.status == 0)
        #expect(unscaled.stdout.contains("lengths in leg lengths (no height or leg length given)"))
        #expect(unscaled.stdout.contains("advice: give --height or --leg-length"))

        let scaled = try PoseRunBinary.run(["analyze", keypoints, "--height", "1.75"])
        #expect(scaled.status == 0)
        #expect(!scaled.stdout.contains("advice:"), "\(scaled.stdout)")
    }
}
