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

    /// A file's error words the remedy as the thing to give; the command line adds the flag that gives it.
    @Test func aFilesErrorIsFollowedByTheFlagThatGivesWhatItLacks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-advice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let frame = folder.appendingPathComponent("clip_000000000000_keypoints.json")
        try Data(#"{"people": []}"#.utf8).write(to: frame)
        let run = try PoseRunBinary.run(["analyze", frame.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("OpenPose JSON files carry no frame rate — give the video's capture rate"), "\(run.stderr)")
        #expect(run.stderr.contains("advice: the frame rate is given with --fps"), "\(run.stderr)")

        let trc = folder.appendingPathComponent("odd.trc")
        let text = "PathFileType\t4\t(X/Y/Z)\todd.trc\nDataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n"
            + "100\t100\t2\t1\tm\t100\t1\t2\nFrame#\tTime\tM1\n\t\tX1\tY1\tZ1\n\n1\t0\t1\t2\t3\n2\t0.01\t1\t2\t3\n"
        try Data(text.utf8).write(to: trc)
        let odd = try PoseRunBinary.run(["analyze", trc.path])
        #expect(odd.status == 1)
        #expect(odd.stderr.contains("advice: a marker map is given with --markers MAP.json"), "\(odd.stderr)")
    }
}
