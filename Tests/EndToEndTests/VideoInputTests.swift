import Foundation
import PoseRunTestSupport
import Testing

/// Video through `poserun analyze`, end to end: clips made with ffmpeg at test time (nothing binary is
/// committed) and the shared real clips. Tests skip visibly without ffmpeg, the models or ../shared/data.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct VideoInputTests {
    typealias S = VideoTestSupport

    // MARK: - Bad input: a clear message naming the file, a non-zero exit, no outputs

    @Test func textCalledMP4IsNotAVideo() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("run.mp4")
        try Data("this is not a video\n".utf8).write(to: clip)
        let r = try S.analyze(clip, out: dir.appendingPathComponent("out"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("run.mp4") && r.stderr.contains("not a video"))
        S.expectNoCrash(r)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func emptyFileSaysSo() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("empty.mp4")
        try Data().write(to: clip)
        let r = try S.analyze(clip)
        #expect(r.status == 1)
        #expect(r.stderr.contains("empty.mp4") && r.stderr.contains("empty"))
    }

    @Test func truncatedVideoIsRefusedWithoutPartialOutput() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole.mp4")
        try S.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-frames:v", "60", "-pix_fmt", "yuv420p", whole.path])
        let data = try Data(contentsOf: whole)
        let clip = dir.appendingPathComponent("cut.mp4")
        try data.prefix(data.count / 2).write(to: clip)
        let out = dir.appendingPathComponent("out")
        let r = try S.analyze(clip, out: out)
        #expect(r.status == 1)
        #expect(r.stderr.contains("cut.mp4"))
        S.expectNoCrash(r)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A clip longer than one analysis takes (108,000 frames: 30 minutes at 60 fps) is refused before its pose
    /// pass, naming the file, the limit and how to cut it, and nothing is written. Made at 1000 fps and 16 × 16 px,
    /// it is 108 s long and encodes in about a second.
    @Test func aClipLongerThanOneAnalysisTakesIsRefusedWithHowToCutIt() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("long run.mp4")
        try S.ffmpeg(["-f", "lavfi", "-i", "color=c=gray:size=16x16:rate=1000", "-frames:v", "108001",
                      "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip.path])
        let out = dir.appendingPathComponent("out")
        let r = try S.analyze(clip, out: out)
        #expect(r.status == 1)
        #expect(r.stderr.contains("long run.mp4") && r.stderr.contains("108001 frames") && r.stderr.contains("at most 108000"))
        #expect(r.stderr.contains("ffmpeg -ss"))
        S.expectNoCrash(r)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func audioOnlyFileHasNoVideoStream() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("sound.m4a")
        try S.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", clip.path])
        let r = try S.analyze(clip)
        #expect(r.status == 1)
        #expect(r.stderr.contains("sound.m4a") && r.stderr.contains("no video stream"))
    }

    @Test(.enabled(if: Tools.modelsAvailable, Tools.modelsMissing))
    func aClipWithNobodyInItSaysNoPersonWasDetected() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("test pattern.mp4")
        try S.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-frames:v", "30", "-pix_fmt", "yuv420p", clip.path])
        let out = dir.appendingPathComponent("out")
        let r = try S.analyze(clip, out: out)
        #expect(r.status == 1)
        #expect(r.stderr.contains("test pattern.mp4") && r.stderr.contains("No person was detected"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(.enabled(if: Tools.modelsAvailable, Tools.modelsMissing))
    func aTwoFrameClipIsRefusedClearly() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("two.mp4")
        if SharedData.hasJoggingClip {
            try S.ffmpeg(["-i", S.jogging.path, "-frames:v", "2", clip.path])
        } else {
            try S.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-frames:v", "2", "-pix_fmt", "yuv420p", clip.path])
        }
        let r = try S.analyze(clip)
        #expect(r.status == 1)
        #expect(r.stderr.contains("two.mp4"))
        #expect(r.stderr.contains("2 frames") || r.stderr.contains("No person"))
        S.expectNoCrash(r)
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func aRunnerFarTooSmallInTheFrameIsRefused() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The jogging clip shrunk to an eighth (the runner ~20 px tall) in the middle of a 480×352 frame.
        let clip = dir.appendingPathComponent("far away.mp4")
        try S.ffmpeg(["-i", S.jogging.path, "-vf", "scale=60:44,pad=480:352:210:154", "-c:v", "libx264", clip.path])
        let out = dir.appendingPathComponent("out")
        let r = try S.analyze(clip, out: out)
        S.expectNoCrash(r)
        #expect(r.status == 1)
        #expect(r.stderr.contains("far away.mp4"))
        // Either the detector finds nobody, or the camera check finds the runner too small: both say film closer.
        #expect(r.stderr.contains("No person was detected") || r.stderr.contains("Film closer"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func missingModelsNameTheSetupCommand() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("clip.mp4")
        try S.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=30", "-frames:v", "12", "-pix_fmt", "yuv420p", clip.path])
        let r = try S.run(["analyze", clip.path], environment: ["POSERUN_MODELS": dir.appendingPathComponent("no models").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("scripts/setup-models.sh"))
    }

    @Test(.enabled(if: Tools.modelsAvailable, Tools.modelsMissing))
    func aDamagedModelNamesTheSetupCommand() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let models = dir.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        for name in ["libLiteRt.so", "pose_detection.tflite"] {
            try FileManager.default.copyItem(at: Tools.modelsFolder().appendingPathComponent(name), to: models.appendingPathComponent(name))
        }
        try Data(repeating: 7, count: 4096).write(to: models.appendingPathComponent("pose_landmark_full.tflite"))
        let clip = dir.appendingPathComponent("clip.mp4")
        try S.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=30", "-frames:v", "12", "-pix_fmt", "yuv420p", clip.path])
        let r = try S.run(["analyze", clip.path], environment: ["POSERUN_MODELS": models.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("scripts/setup-models.sh"))
        S.expectNoCrash(r)
    }

    @Test func missingFFmpegNamesTheSetupCommand() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("clip.mp4")
        try S.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=30", "-frames:v", "12", "-pix_fmt", "yuv420p", clip.path])
        let r = try S.run(["analyze", clip.path], environment: ["PATH": dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ffmpeg is not installed") && r.stderr.contains("scripts/setup-models.sh"))
    }

    // MARK: - Real clips: rotation, variable frame rate, odd paths, slow motion

    /// The runner in the jogging clip, as the camera check describes her (height, when she leaves).
    static func cameraNotes(_ r: VideoTestSupport.Result) -> [String] {
        (r.stderr + r.stdout).split(separator: "\n").map(String.init)
            .filter { $0.contains("px tall") || $0.contains("leaves the frame") }
    }

    /// When the camera check says the runner leaves the frame, in seconds.
    static func leaveTime(_ r: VideoTestSupport.Result) -> Double? {
        guard let line = cameraNotes(r).first(where: { $0.contains("leaves the frame at ") }),
              let range = line.range(of: "leaves the frame at ") else { return nil }
        return Double(line[range.upperBound...].prefix { $0 != " " })
    }

    /// Within a frame and a bit at 30 fps: re-encoding a clip can move the last detected pose by a frame.
    static func sameMoment(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) < 0.05
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func aPortraitPhoneClipIsTurnedUprightBeforeThePoseModel() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Stored sideways with a display rotation that turns it back, as phones store video filmed upright.
        // Which way ffmpeg's `rotate` tag turns depends on its version, so the stored picture is turned the
        // opposite way to what the file then says.
        func make(transpose: Int) throws -> (URL, String) {
            let sideways = dir.appendingPathComponent("sideways.mp4")
            try S.ffmpeg(["-i", S.jogging.path, "-vf", "transpose=\(transpose)", "-c:v", "libx264", "-crf", "12", sideways.path])
            let clip = dir.appendingPathComponent("portrait.mp4")
            try S.ffmpeg(["-i", sideways.path, "-c", "copy", "-metadata:s:v:0", "rotate=90", clip.path])
            return (clip, try S.ffprobe(["-show_entries", "stream_side_data=rotation", clip.path]))
        }
        var (clip, probe) = try make(transpose: 1)  // stored turned clockwise: displayed turned back counter-clockwise
        if probe.contains("rotation=-90") { (clip, probe) = try make(transpose: 2) }
        let original = try S.analyze(S.jogging)
        let turned = try S.analyze(clip)
        S.expectNoCrash(turned)
        #expect((turned.stdout + turned.stderr).contains("stored rotated"))
        // The same runner, leaving the frame at the same moment (an upside-down or sideways picture would not).
        #expect(Self.sameMoment(Self.leaveTime(turned), Self.leaveTime(original)))
        #expect((turned.stdout + turned.stderr).contains("px tall"))
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func aVariableFrameRateClipUsesEachFramesTimestamp() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Drop three frames and keep the others' timestamps: intervals of 33 and 67 ms.
        let clip = dir.appendingPathComponent("vfr.mp4")
        try S.ffmpeg(["-i", S.jogging.path, "-vf", "select='not(eq(n\\,5)+eq(n\\,12)+eq(n\\,20))'", "-fps_mode", "vfr",
                      "-c:v", "libx264", "-crf", "12", clip.path])
        let r = try S.analyze(clip)
        S.expectNoCrash(r)
        // The notes go to stderr when no running is found and into the summary (stdout) when it is.
        let said = r.stdout + r.stderr
        #expect(said.contains("variable frame rate") && said.contains("own timestamp"))
        // She still leaves the frame at the same moment: times are the frames' own, not frame counts.
        #expect(Self.sameMoment(Self.leaveTime(r), Self.leaveTime(try S.analyze(S.jogging))))
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func aPathWithSpacesAndAccentsWorks() throws {
        let dir = try S.folder().appendingPathComponent("dossier été")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let clip = dir.appendingPathComponent("mon run – côté gauche.mp4")
        try FileManager.default.copyItem(at: S.jogging, to: clip)
        let r = try S.analyze(clip)
        S.expectNoCrash(r)
        #expect(r.status != 1, "\(r.stderr)")
        #expect(Self.cameraNotes(r) == Self.cameraNotes(try S.analyze(S.jogging)))
        #expect(Self.leaveTime(r) != nil)
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func captureFPSRescalesTimesAndSaysWhichRateWasUsed() throws {
        let r = try S.run(["analyze", S.jogging.path, "--capture-fps", "120"])
        S.expectNoCrash(r)
        let said = r.stdout + r.stderr
        #expect(said.contains("120 fps given as the capture rate") && said.contains("the video container says 29.97 fps"))
        // She leaves the frame at 1.10 s of container time (frame 33 at 29.97 fps, docs/vision.md):
        // filmed at 120 fps that is 1.101 × 29.97 / 120 = 0.275 s of real time.
        let leaves = try #require(Self.leaveTime(r))
        #expect(abs(leaves - 0.275) < 0.006)
    }

    // MARK: - The shared clips

    /// The stride in view is found. Expected frames are read by eye from BlazePose's landmarks (image rows,
    /// feet on the ground at rows ~304–313; raw labels corrected by hand where the two feet were exchanged):
    /// the right foot comes down at x ≈ 72–97 px around frame 4–5 and rests there to ~9–10, the left heel lands
    /// at x ≈ 208 px at frame ~13 (toe down and the foot still by 14–16) and lifts by ~20, the right comes
    /// down at x ≈ 355 px around frame 21–22 and leaves at ~29–30. So: every detected contact falls in one of
    /// those windows, on the right foot; each window has one; and each touchdown is within 3 frames of the
    /// frame read by eye (at 30 fps with a 6 Hz low-pass the speed threshold is crossed up to ~2 frames late).
    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func joggingClipTheStrideInViewIsAnalysed() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("jog")
        let r = try S.run(["analyze", S.jogging.path, "--out", out.path])
        S.expectNoCrash(r)
        #expect(r.status == 0, "\(r.stderr)")
        guard r.status == 0 else { return }
        let analysis = try S.json(out.appendingPathComponent("analysis.json"))
        let events = try #require(analysis["events"] as? [[String: Any]])
        let contacts = events.filter { $0["kind"] as? String == "initial_contact" }
        #expect(contacts.count >= 3)
        let windows: [(side: String, frames: ClosedRange<Int>)] = [("right", 3...10), ("left", 12...21), ("right", 21...30)]
        for contact in contacts {
            let side = try #require(contact["side"] as? String), frame = try #require(contact["frame"] as? Int)
            #expect(windows.contains { $0.side == side && $0.frames.contains(frame) }, "\(side) contact at frame \(frame)")
        }
        let touchdowns: [Double] = [4.5, 13, 21.5]
        for (window, touchdown) in zip(windows, touchdowns) {
            let found = contacts.first { $0["side"] as? String == window.side && window.frames.contains($0["frame"] as? Int ?? -1) }
            let frame = try #require(found?["frame"] as? Int, "no \(window.side) contact in frames \(window.frames)")
            #expect(abs(Double(frame) - touchdown) <= 3, "\(window.side) touchdown at frame \(frame), by eye \(touchdown)")
        }
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func walkingAndParkourIsNotRunning() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("walk")
        let r = try S.analyze(S.video("walking-and-parkour-not-running.mp4"), out: out)
        S.expectNoCrash(r)
        #expect(r.status == 3)
        #expect((r.stdout + r.stderr).contains("No running found"))
        // Nothing is scored, but the pose was measured: the keypoints are kept. When the steps found were enough
        // to classify the gait, analysis.json says "not running" with no score; else there is none at all.
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(Set(["keypoints.json", "keypoints.trc", "openpose"]).isSubset(of: Set(names)))
        if names.contains("analysis.json") {
            let analysis = try S.json(out.appendingPathComponent("analysis.json"))
            let running = try #require(analysis["running"] as? [String: Any])
            #expect(running["is_running"] as? Bool == false)
            let assessment = try #require(analysis["assessment"] as? [String: Any])
            #expect(assessment["score"] == nil || assessment["score"] is NSNull)
        }
    }

    /// The annotated video is opt-in, and the terminal says how long it took.
    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func annotatedVideoOnlyWhenAskedForAndTimed() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try S.run(["analyze", S.jogging.path, "--out", dir.appendingPathComponent("plain").path])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("plain/annotated.mp4").path))
        #expect(!plain.stdout.contains("annotated.mp4"))
        let asked = try S.run(["analyze", S.jogging.path, "--out", dir.appendingPathComponent("asked").path, "--annotated-video"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("asked/annotated.mp4").path))
        #expect(asked.stdout.contains("note: annotated.mp4: 47 frames encoded in"), "\(asked.stdout)")
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func panningSprintIsAnalysedAndItsKeypointFilesReadBack() throws {
        let dir = try S.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sprint")
        let r = try S.analyze(S.video("sprint-100m-panning.mp4"), out: out)
        S.expectNoCrash(r)
        #expect(r.status == 0 || r.status == 3, "\(r.stderr)")
        guard r.status == 0 else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["analysis.json", "keypoints.json", "keypoints.trc", "openpose", "player.js", "report.html", "steps.csv", "video.mp4"], "the default writes the player, not annotated.mp4")
        let analysis = try S.json(out.appendingPathComponent("analysis.json"))
        let input = try #require(analysis["input"] as? [String: Any])
        #expect((input["frame_rate_source"] as? String)?.contains("video container") == true)
        let quality = try #require(analysis["quality"] as? [String: Any])
        #expect(quality["camera_view"] is [String: Any])
        // Re-analysing the written keypoints gives the very same events: the video's analysis is reproducible without the model.
        let again = dir.appendingPathComponent("again")
        let rerun = try S.run(["analyze", out.appendingPathComponent("keypoints.json").path, "--out", again.path])
        #expect(rerun.status == 0)
        let events = try S.json(again.appendingPathComponent("analysis.json"))["events"] as? [[String: Any]]
        #expect(events?.count == (analysis["events"] as? [[String: Any]])?.count)
        // The TRC and the OpenPose folder are read by PoseRun's own readers.
        let trc = try S.run(["analyze", out.appendingPathComponent("keypoints.trc").path])
        #expect(trc.status == 0 || trc.status == 3, "\(trc.stderr)")
        let frames = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("openpose").path)
        #expect(frames.count == 449)
        let openPose = try S.run(["analyze", out.appendingPathComponent("openpose").path, "--fps", "29"])
        #expect(openPose.status == 0 || openPose.status == 3, "\(openPose.stderr)")
    }

    @Test(.enabled(if: Tools.modelsAvailable && SharedData.hasJoggingClip, "needs the models and ../shared/data"))
    func footballClipRunsAndReportsOnlyWhatItCan() throws {
        let r = try S.analyze(S.video("football-sprint-two-players.mp4"))
        S.expectNoCrash(r)
        #expect(r.status == 0 || r.status == 3, "\(r.stderr)")
    }
}

/// Test clips and the built binary, run with PoseRunTestSupport's ProcessRunner.
enum VideoTestSupport {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var crashed: Bool
    }

    static func video(_ name: String) -> URL { SharedData.url("video").appendingPathComponent(name) }
    static var jogging: URL { SharedData.joggingClip }

    /// A fresh folder with a space and an accent in its name.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poserun vidéo \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func ffmpeg(_ arguments: [String]) throws {
        let r = try Tools.run("ffmpeg", ["-nostdin", "-v", "error", "-y"] + arguments)
        if r.status != 0 { throw CocoaError(.fileWriteUnknown, userInfo: ["ffmpeg": arguments.joined(separator: " ")]) }
    }

    static func ffprobe(_ arguments: [String]) throws -> String {
        try Tools.run("ffprobe", ["-v", "error"] + arguments).stdoutText
    }

    static func analyze(_ clip: URL, out: URL? = nil) throws -> Result {
        try run(["analyze", clip.path] + (out.map { ["--out", $0.path] } ?? []))
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let r = try ProcessRunner.run(PoseRunBinary.url, arguments, environment: environment)
        return Result(status: r.status, stdout: r.stdoutText, stderr: r.stderrText, crashed: r.uncaughtSignal)
    }

    static func expectNoCrash(_ r: Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!r.crashed && !r.stderr.contains("Fatal error"), "crashed: \(r.stderr)", sourceLocation: sourceLocation)
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }
}
