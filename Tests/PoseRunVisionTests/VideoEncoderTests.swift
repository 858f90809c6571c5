import Foundation
import PoseRunImage
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// The encoder writes an MP4 browsers play, whole or not at all.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct VideoEncoderTests {
    /// codec, pixel format, width, height, frame count of the first video stream.
    static func streamFacts(_ url: URL) throws -> [String] {
        let data = try ToolRunner.run(
            "ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
             "stream=codec_name,pix_fmt,width,height,nb_read_frames", "-of", "csv=p=0", ToolRunner.inputArgument(for: url)],
            onFailure: { VideoError.unreadable(path: url.path, reason: $0) })
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ",").map(String.init)
    }

    /// A frame of one colour.
    static func solid(_ width: Int, _ height: Int, _ rgb: (UInt8, UInt8, UInt8)) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: pixels.count, by: 3) {
            pixels[i] = rgb.0
            pixels[i + 1] = rgb.1
            pixels[i + 2] = rgb.2
        }
        return pixels
    }

    @Test func writesH264InYUV420WithEveryFrameAndTheColoursGiven() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("annotated.mp4")
        let encoder = try VideoEncoder(destination: out, width: 96, height: 64, frameRate: 30000.0 / 1001)
        for i in 0..<20 { try encoder.append(Self.solid(96, 64, i < 10 ? (255, 140, 0) : (0, 200, 255))) }
        try encoder.finish()
        #expect(try Self.streamFacts(out) == ["h264", "96", "64", "yuv420p", "20"])
        let info = try VideoProbe.probe(out)
        #expect(abs(info.averageFrameRate - 30000.0 / 1001) < 0.01)
        // Read back: H.264 at CRF 23 keeps a flat colour within a few levels.
        let reader = try VideoFrameReader(video: out, width: 96, height: 64)
        var index = 0
        while let frame = try reader.nextFrame() {
            let centre = (32 * 96 + 48) * 3
            let expected: [UInt8] = index < 10 ? [255, 140, 0] : [0, 200, 255]
            for c in 0..<3 { #expect(abs(Int(frame.pixels[centre + c]) - Int(expected[c])) <= 12) }
            index += 1
        }
        #expect(index == 20)
        // Only the finished file is left: no temporary name.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["annotated.mp4"])
    }

    @Test func anOddFrameSizeIsPaddedToEven() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("odd.mp4")
        let encoder = try VideoEncoder(destination: out, width: 65, height: 49, frameRate: 25)
        for _ in 0..<5 { try encoder.append(Self.solid(65, 49, (10, 200, 10))) }
        try encoder.finish()
        #expect(try Self.streamFacts(out) == ["h264", "66", "50", "yuv420p", "5"])
    }

    @Test func aFailingEncoderLeavesNoFileAndSaysWhy() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("annotated.mp4")
        // x264 has no preset of this name: ffmpeg stops at once.
        let encoder = try VideoEncoder(
            destination: out, width: 64, height: 48, frameRate: 30, settings: .init(preset: "no-such-preset"))
        var thrown: VideoError?
        do {
            for _ in 0..<200 { try encoder.append(Self.solid(64, 48, (0, 0, 0))) }
            try encoder.finish()
        } catch let error as VideoError {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.description.contains(out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aMissingFolderIsNamed() throws {
        let out = URL(fileURLWithPath: "/nonexistent-poserun-folder/annotated.mp4")
        #expect {
            _ = try VideoEncoder(destination: out, width: 64, height: 48, frameRate: 30)
        } throws: { error in
            (error as? VideoError)?.description.contains("/nonexistent-poserun-folder") == true
        }
    }

    @Test func cancellingRemovesTheTemporaryFile() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let encoder = try VideoEncoder(destination: dir.appendingPathComponent("a.mp4"), width: 64, height: 48, frameRate: 30)
        try encoder.append(Self.solid(64, 48, (1, 2, 3)))
        encoder.cancel()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func ntscRatesAreExactFractions() {
        #expect(VideoEncoder.rateText(29.97002997) == "30000/1001")
        #expect(VideoEncoder.rateText(60) == "60")
        #expect(VideoEncoder.rateText(59.94005994) == "60000/1001")
        #expect(VideoEncoder.rateText(12.5) == "12.500000")
    }
}
