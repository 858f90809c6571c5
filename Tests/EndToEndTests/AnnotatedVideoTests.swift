import Foundation
import PoseRunCore
import PoseRunImage
import PoseRunReport
import PoseRunSynthetic
import PoseRunTestSupport
import PoseRunVision
import Testing
import PoseRunPipeline

/// `annotated.mp4`: the analysis drawn on the clip, in a file browsers play.
@Suite(.enabled(if: Tools.ffmpegAvailable, "needs ffmpeg and ffprobe (apt-get install ffmpeg)"))
struct AnnotatedVideoTests {

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-annotated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        try Tools.run(name, arguments).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A synthetic runner on a treadmill in the pixels of a `width × height` clip, feet near the bottom,
    /// hips in the middle: what BlazePose would hand the analysis (y up, y = −row).
    static func runnerInFrame(width: Int, height: Int, frameRate: Double, seconds: Double) throws -> KeypointSequence {
        var c = SyntheticRunner.Configuration.poseRunner
        c.setting = .treadmill
        c.lengthUnit = .pixels
        c.pixelsPerMetre = Double(height) * 0.75 / c.heightMetres
        c.frameRate = frameRate
        c.durationSeconds = seconds - 0.5 / frameRate
        var sequence = try SyntheticRunner(c).generate().sequence
        let xs = sequence.tracks.values.flatMap(\.x).filter(\.isFinite)
        let ys = sequence.tracks.values.flatMap(\.y).filter(\.isFinite)
        let dx = Double(width) / 2 - (xs.reduce(0, +) / Double(xs.count))
        let dy = -Double(height) * 0.9 - (ys.min() ?? 0)
        for (landmark, var track) in sequence.tracks {
            for i in 0..<track.count {
                track.x[i] += dx
                track.y[i] += dy
            }
            sequence.tracks[landmark] = track
        }
        return sequence
    }

    @Test func theSyntheticRunnerDrawnOnATestClipPlaysWithEveryFrameAndTheSkeletonColour() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let width = 320, height = 240, frames = 90
        let clip = dir.appendingPathComponent("test clip.mp4")
        _ = try Self.tool("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=30",
                                     "-frames:v", "\(frames)", "-pix_fmt", "yuv420p", clip.path])
        let keypoints = try Self.runnerInFrame(width: width, height: height, frameRate: 30, seconds: 3)
        #expect(keypoints.frameCount == frames)
        let configuration = AnalysisConfiguration()
        let run = try Analyzer(configuration: configuration).analyzeKeepingCleaned(keypoints, name: "test clip.mp4")
        let (analysis, cleaned) = (run.analysis, run.cleaned)
        let written = try AnnotatedVideoOutput.write(video: clip, cleaned: cleaned, analysis: analysis, toFolder: dir)
        #expect(written.frames == frames)
        #expect(written.url.lastPathComponent == "annotated.mp4")

        let facts = try Self.tool("ffprobe", [
            "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
            "stream=codec_name,pix_fmt,width,height,nb_read_frames", "-of", "csv=p=0", written.url.path,
        ])
        #expect(facts == "h264,\(width),\(height),yuv420p,\(frames)")
        // The moov atom is at the front (+faststart), so a browser can start playing before the download ends.
        let head = try FileHandle(forReadingFrom: written.url).read(upToCount: 4096) ?? Data()
        let moov = head.range(of: Data("moov".utf8)), mdat = head.range(of: Data("mdat".utf8))
        #expect(moov != nil && (mdat == nil || moov!.lowerBound < mdat!.lowerBound))

        // The left knee, where the analysed track puts it, is painted in the left side's orange
        // (within what yuv420p chroma subsampling and H.264 leave of a 7-pixel disc).
        let track = AnnotationTrack(input: keypoints, analysis: analysis, configuration: configuration)
        let probe = 45
        let knee = try #require(track.frame(probe).points[.leftKnee])
        let reader = try VideoFrameReader(video: written.url, width: width, height: height)
        var image: RGBImage?
        for _ in 0...probe { image = try reader.nextFrame() }
        reader.close()
        let frame = try #require(image)
        let i = (Int(knee.y.rounded()) * width + Int(knee.x.rounded())) * 3
        let pixel = [Int(frame.pixels[i]), Int(frame.pixels[i + 1]), Int(frame.pixels[i + 2])]
        #expect(abs(pixel[0] - 255) <= 45 && abs(pixel[1] - 140) <= 45 && abs(pixel[2] - 0) <= 45, "pixel \(pixel)")
    }

    @Test func aMissingOutputFolderFailsWithItsNameAndLeavesNothing() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("clip.mp4")
        _ = try Self.tool("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=30",
                                     "-frames:v", "60", "-pix_fmt", "yuv420p", clip.path])
        let keypoints = try Self.runnerInFrame(width: 160, height: 120, frameRate: 30, seconds: 2)
        let run = try Analyzer().analyzeKeepingCleaned(keypoints, name: "clip.mp4")
        let (analysis, cleaned) = (run.analysis, run.cleaned)
        let missing = dir.appendingPathComponent("no such folder")
        #expect {
            _ = try AnnotatedVideoOutput.write(
                video: clip, cleaned: cleaned, analysis: analysis, toFolder: missing)
        } throws: { error in
            "\(error)".contains("no such folder")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["clip.mp4"])
    }

    /// The real jogging clip through BlazePose, the analysis and the annotation; left in /tmp to look at.
    @Test(.enabled(
        if: Tools.ffmpegAvailable && Tools.modelsAvailable && SharedData.hasJoggingClip,
        "needs the models (scripts/setup-models.sh) and ../shared/data"))
    func theJoggingClipIsAnnotatedFrameForFrame() throws {
        let jogging = SharedData.joggingClip
        let result = try VideoPoseEstimator().estimate(video: jogging)
        let keypoints = result.keypointSequence()
        // The clip is 47 frames (1.6 s): fewer contacts than a full analysis asks for, enough to draw.
        var configuration = AnalysisConfiguration()
        configuration.minimumInitialContacts = 1
        let run = try Analyzer(configuration: configuration).analyzeKeepingCleaned(keypoints, name: jogging.lastPathComponent)
        let (analysis, cleaned) = (run.analysis, run.cleaned)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-annotated-jogging")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let written = try AnnotatedVideoOutput.write(
            video: jogging, cleaned: cleaned, analysis: analysis, toFolder: out)
        #expect(written.frames == result.video.frameCount)
        print("annotated \(written.frames) frames of \(jogging.lastPathComponent) at \(Int(written.framesPerSecond)) fps → \(written.url.path)")
    }
}
