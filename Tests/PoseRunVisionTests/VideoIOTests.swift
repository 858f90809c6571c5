import Foundation
import PoseRunCore
import PoseRunImage
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// ffprobe/ffmpeg handling on small clips the tests make with ffmpeg's test source.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct VideoIOTests {
    /// A fresh folder whose name has a space and non-ASCII letters, as users' folders do.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poserun vidéo \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs ffmpeg to make a test file.
    static func make(_ arguments: [String]) throws {
        _ = try ToolRunner.run("ffmpeg", ["-nostdin", "-v", "error", "-y"] + arguments) {
            VideoError.decodingFailed(path: "test clip", reason: $0)
        }
    }

    @Test func probesAndDecodesAClipWithSpacesAndAccentsInItsPath() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("run: côté gauche.mp4")
        try Self.make(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "12", "-pix_fmt", "yuv420p",
                       ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        #expect(info.width == 64 && info.height == 48 && info.rotationDegrees == 0)
        #expect(info.frameCount == 12)
        #expect(abs(info.averageFrameRate - 10) < 1e-9 && !info.isVariableFrameRate)
        #expect(abs(info.frameTimes[3] - 0.3) < 1e-6)

        let reader = try VideoFrameReader(video: clip, width: info.width, height: info.height)
        var frames = 0
        while let frame = try reader.nextFrame() {
            #expect(frame.pixels.count == 64 * 48 * 3)
            frames += 1
        }
        #expect(frames == 12)
        #expect(try reader.nextFrame() == nil)
    }

    @Test func rotationMetadataSwapsTheFrameSize() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let landscape = dir.appendingPathComponent("landscape.mp4")
        let clip = dir.appendingPathComponent("portrait.mp4")
        try Self.make(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "3", "-pix_fmt", "yuv420p",
                       ToolRunner.inputArgument(for: landscape)])
        // A quarter-turn display matrix, as phones write for portrait video (the muxer turns the tag into one).
        try Self.make(["-i", ToolRunner.inputArgument(for: landscape), "-c", "copy", "-metadata:s:v:0", "rotate=90",
                       ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        #expect(info.rotationDegrees % 180 == 90)
        #expect(info.storedWidth == 64 && info.width == 48 && info.height == 64)
        let original = try #require(try VideoFrameReader(video: landscape, width: 64, height: 48).nextFrame())
        let turned = try #require(try VideoFrameReader(video: clip, width: info.width, height: info.height).nextFrame())
        // The decoded frame is the stored one turned a quarter: its column x is the stored row.
        func difference(_ stored: (Int, Int) -> (Int, Int)) -> Double {
            var total = 0
            for y in 0..<64 {
                for x in 0..<48 {
                    let (sx, sy) = stored(x, y)
                    total += abs(Int(turned.pixels[(y * 48 + x) * 3]) - Int(original.pixels[(sy * 64 + sx) * 3]))
                }
            }
            return Double(total) / Double(48 * 64)
        }
        let clockwise = difference { x, y in (y, 47 - x) }
        let counterClockwise = difference { x, y in (63 - y, x) }
        #expect(min(clockwise, counterClockwise) < 4, "decoded frames must be turned (ffmpeg autorotate)")
        #expect(max(clockwise, counterClockwise) > 20)
        #expect((info.rotationDegrees == 90) == (clockwise < counterClockwise), "the reported direction matches the pixels")
    }

    @Test func unevenTimestampsAreAVariableFrameRate() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("vfr.mkv")
        // Frames 0–4 every 0.1 s, then every 0.2 s.
        try Self.make(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "10",
                       "-vf", "setpts='if(lt(N,5),N*0.1,0.4+(N-4)*0.2)/TB'", "-fps_mode", "passthrough",
                       ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        #expect(info.isVariableFrameRate)
        #expect(info.frameCount == 10)
        #expect(abs(info.frameTimes[6] - info.frameTimes[5] - 0.2) < 0.002)
        #expect(abs(info.frameTimes[2] - info.frameTimes[1] - 0.1) < 0.002)
        #expect(VideoPoseEstimator.time(ofFrame: 6, in: info) == info.frameTimes[6])
    }

    @Test func audioOnlyFileSaysItHasNoVideo() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let audio = dir.appendingPathComponent("voice.m4a")
        try Self.make(["-f", "lavfi", "-i", "sine=duration=0.3", ToolRunner.inputArgument(for: audio)])
        #expect(throws: VideoError.noVideoStream(path: audio.path)) { try VideoProbe.probe(audio) }
    }

    @Test func missingAndNonVideoFilesGiveActionableErrors() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope.mp4")
        #expect(throws: VideoError.fileMissing(path: missing.path)) { try VideoProbe.probe(missing) }
        let text = dir.appendingPathComponent("notes.mp4")
        try Data("this is not a video".utf8).write(to: text)
        do {
            _ = try VideoProbe.probe(text)
            Issue.record("expected an error")
        } catch let error as VideoError {
            guard case .unreadable(let path, _) = error else { Issue.record("got \(error)"); return }
            #expect(path == text.path)
            #expect(error.description.contains("re-exporting"))
        }
    }

    @Test func stoppingEarlyEndsFFmpeg() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("long.mp4")
        try Self.make(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-frames:v", "300", "-pix_fmt", "yuv420p",
                       ToolRunner.inputArgument(for: clip)])
        let reader = try VideoFrameReader(video: clip, width: 320, height: 240)
        #expect(try reader.nextFrame() != nil)
        reader.close()
        #expect(try reader.nextFrame() == nil)
    }
}

/// Probe parsing details that need no ffmpeg.
@Suite struct VideoProbeParsingTests {
    @Test func ratesAreFractions() {
        #expect(VideoProbe.rate("30000/1001") == 30000.0 / 1001.0)
        #expect(VideoProbe.rate("0/0") == 0)
        #expect(VideoProbe.rate("25") == 25)
        #expect(VideoProbe.rate(nil) == 0)
    }

    @Test func rotationComesFromTheDisplayMatrixOrTheOldTag() {
        // The display matrix turns counter-clockwise: −90 means the player turns it 90° clockwise.
        #expect(VideoProbe.rotationDegrees(of: ["side_data_list": [["side_data_type": "Display Matrix", "rotation": -90]]]) == 90)
        #expect(VideoProbe.rotationDegrees(of: ["side_data_list": [["rotation": 90]]]) == 270)
        #expect(VideoProbe.rotationDegrees(of: ["tags": ["rotate": "180"]]) == 180)
        #expect(VideoProbe.rotationDegrees(of: [:]) == 0)
    }

    @Test func evenTimesAreConstantAndGapsAreVariable() {
        let even = (0..<30).map { Double($0) / 30 }
        #expect(!VideoProbe.isVariable(times: even, averageRate: 30, baseRate: 30))
        var gap = even
        gap.remove(at: 10)
        #expect(VideoProbe.isVariable(times: gap, averageRate: 30, baseRate: 30))
        #expect(VideoProbe.isVariable(times: even, averageRate: 29, baseRate: 30))
    }
}

/// The conversion to Core's keypoints, on hand-made frames.
@Suite struct KeypointConversionTests {
    static func frame(_ index: Int, earVisibility: Float) -> PoseFrame {
        var points = [PoseLandmark](repeating: PoseLandmark(x: 10, y: 20, z: 0, visibility: 0.9, presence: 1), count: 33)
        points[BlazePoseLandmark.nose.rawValue] = PoseLandmark(x: 50, y: 30, z: 0, visibility: 0.8, presence: 1)
        points[BlazePoseLandmark.leftEar.rawValue] = PoseLandmark(x: 40, y: 28, z: 0, visibility: earVisibility, presence: 1)
        points[BlazePoseLandmark.rightEar.rawValue] = PoseLandmark(x: 44, y: 32, z: 0, visibility: 0.95, presence: 1)
        points[BlazePoseLandmark.leftFootIndex.rawValue] = PoseLandmark(x: 70, y: 90, z: 0, visibility: 0.6, presence: 1)
        return PoseFrame(frameIndex: index, time: Double(index) / 25, posePresence: 0.99, landmarks: points)
    }

    static func result(_ frames: [PoseFrame]) -> VideoPoseResult {
        let info = VideoInfo(
            width: 200, height: 100, storedWidth: 200, storedHeight: 100, rotationDegrees: 0, averageFrameRate: 25,
            baseFrameRate: 25, isVariableFrameRate: false, durationSeconds: 0.12,
            frameTimes: frames.map(\.time), codec: "h264")
        return VideoPoseResult(video: info, frames: frames, timings: PipelineTimings())
    }

    @Test func headIsTheEarMidpointWhenBothEarsAreSeenElseTheNose() {
        let lost = PoseFrame(frameIndex: 2, time: 0.08, posePresence: 0.1, landmarks: nil)
        let sequence = Self.result([Self.frame(0, earVisibility: 0.9), Self.frame(1, earVisibility: 0.2), lost])
            .keypointSequence()
        #expect(sequence.point(.head, at: 0) == PlanePoint(x: 42, y: -30))
        #expect(sequence.tracks[.head]?.confidence[0] == Double(Float(0.9)))
        #expect(sequence.point(.head, at: 1) == PlanePoint(x: 50, y: -30))
        #expect(sequence.point(.head, at: 2) == nil)
        #expect(sequence.tracks[.leftKnee]?.confidence[2] == 0)
        #expect(sequence.point(.leftToe, at: 0) == PlanePoint(x: 70, y: -90))
        #expect(sequence.tracks[.leftToe]?.confidence[0] == Double(Float(0.6)))
        #expect(sequence.times == [0, 0.04, 0.08] && sequence.frameNumbers == [0, 1, 2])
        #expect(sequence.frameRate == 25 && sequence.lengthUnit == .pixels && sequence.sourceKind == .video)
        #expect(Set(sequence.tracks.keys) == Set(Landmark.allCases))
    }
}

/// Anamorphic video: stored pixels twice as wide as tall.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct AnamorphicVideoTests {
    @Test func nonSquarePixelsAreWidenedToSquareOnes() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("wide pixels.mp4")
        try VideoIOTests.make(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "2", "-vf", "setsar=2",
                               "-pix_fmt", "yuv420p", ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        #expect(info.pixelAspectRatio == 2)
        #expect(info.width == 128 && info.height == 48)
        let reader = try VideoFrameReader(video: clip, width: info.width, height: info.height)
        var frames = 0
        while let frame = try reader.nextFrame() {
            #expect(frame.width == 128)
            frames += 1
        }
        #expect(frames == 2, "whole 128×48 frames, not 64×48 ones read as a different count")
    }
}

/// Drawing and writing a frame.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct PoseOverlayTests {
    @Test func drawnFrameRoundTripsThroughPNG() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var landmarks = [PoseLandmark](repeating: PoseLandmark(x: 5, y: 5, z: 0, visibility: 1, presence: 1), count: 33)
        landmarks[BlazePoseLandmark.leftKnee.rawValue] = PoseLandmark(x: 20, y: 10, z: 0, visibility: 1, presence: 1)
        let drawn = PoseOverlay.draw(landmarks, on: RGBImage(width: 32, height: 16))
        // The left knee is orange; the untouched corner stays black.
        #expect(Array(drawn.pixels[(10 * 32 + 20) * 3..<(10 * 32 + 20) * 3 + 3]) == [255, 140, 0])
        #expect(Array(drawn.pixels[(15 * 32 + 31) * 3..<(15 * 32 + 31) * 3 + 3]) == [0, 0, 0])
        let png = dir.appendingPathComponent("frame é.png")
        try PoseOverlay.writePNG(drawn, to: png)
        try PoseOverlay.writePNG(drawn, to: png)  // overwriting works too
        let back = try #require(try VideoFrameReader(video: png, width: 32, height: 16).nextFrame())
        #expect(back.pixels == drawn.pixels, "PNG is lossless")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["frame é.png"], "no temporary files left")
    }

    @Test func missingFolderIsAnErrorNotACrash() {
        let png = URL(fileURLWithPath: "/nonexistent folder/frame.png")
        #expect(throws: VideoError.self) { try PoseOverlay.writePNG(RGBImage(width: 4, height: 4), to: png) }
    }
}

/// `estimate(video:)` probes while the models load; what it reports must not depend on which finished first.
struct EstimatorStartTests {
    @Test func aFileThatIsNotAVideoIsReportedBeforeMissingModels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-start-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("notes.mp4")
        try Data("this is not a video".utf8).write(to: text)
        let noModels = ModelCache(directory: dir.appendingPathComponent("no-models"))
        do {
            _ = try VideoPoseEstimator(cache: noModels).estimate(video: text)
            Issue.record("expected an error")
        } catch let error as VideoError {
            guard case .unreadable(let path, _) = error else { Issue.record("got \(error)"); return }
            #expect(path == text.path)
        }
    }
}
