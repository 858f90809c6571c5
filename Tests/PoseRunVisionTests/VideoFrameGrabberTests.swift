import Foundation
import PoseRunImage
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// Key-frame extraction picks the frame by index: a clip whose frame n has brightness 8·n tells which frame came back.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct VideoFrameGrabberTests {
    /// Mean of the red channel of an image file, read back through ffmpeg.
    static func meanBrightness(of jpeg: Data, width: Int, height: Int) throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("grab-\(UUID().uuidString).jpg")
        try jpeg.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reader = try VideoFrameReader(video: file, width: width, height: height)
        guard let image = try reader.nextFrame() else { return .nan }
        var sum = 0.0
        for i in stride(from: 0, to: image.pixels.count, by: 3) { sum += Double(image.pixels[i]) }
        return sum / Double(image.width * image.height)
    }

    @Test func returnsTheRequestedFramesByIndex() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("ramp.mp4")
        try VideoIOTests.make(["-f", "lavfi", "-i", "color=c=black:size=64x48:rate=10", "-frames:v", "25",
                               "-vf", "geq=lum='N*8':cb=128:cr=128", "-pix_fmt", "yuv420p", "-qp", "0",
                               ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        let frames = try VideoFrameGrabber.jpegFrames(of: clip, frameIndices: [20, 3, 3, 99], info: info)
        #expect(Set(frames.keys) == [3, 20], "frame 99 is past the end and left out; duplicates once")
        for (index, jpeg) in frames {
            #expect(jpeg.prefix(2) == Data([0xFF, 0xD8]), "a JPEG")
            let brightness = try Self.meanBrightness(of: jpeg, width: 64, height: 48)
            // Limited-range luma 16…235 maps to full-range RGB; frame n has Y = 8n, so neighbours differ by ~9 levels.
            let expected = (Double(index * 8) - 16) * 255 / 219
            #expect(abs(brightness - max(0, expected)) < 4, "frame \(index): brightness \(brightness)")
        }
    }

    @Test func lateFramesAreFoundBySeekingAndStillByIndex() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("ramp.mp4")
        // 29 frames at 10 fps with a keyframe every 5 frames: frames 17–28 lie 1.7–2.8 s in, past the
        // three-frame lead, so the grab seeks (to 1.4 s; ffmpeg starts at keyframe 10) instead of decoding
        // from the start. Frame 20 is itself a keyframe.
        try VideoIOTests.make(["-f", "lavfi", "-i", "color=c=black:size=64x48:rate=10", "-frames:v", "29",
                               "-vf", "geq=lum='N*8':cb=128:cr=128", "-pix_fmt", "yuv420p", "-qp", "0", "-g", "5",
                               ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        let wanted = [17, 18, 20, 23, 28]
        #expect(VideoFrameGrabber.presentationTimes(of: wanted, in: info) != nil, "the seeking path is taken")
        let frames = try VideoFrameGrabber.jpegFrames(of: clip, frameIndices: wanted, info: info)
        #expect(Set(frames.keys) == Set(wanted))
        for (index, jpeg) in frames {
            let brightness = try Self.meanBrightness(of: jpeg, width: 64, height: 48)
            let expected = (Double(index * 8) - 16) * 255 / 219
            #expect(abs(brightness - expected) < 4, "frame \(index): brightness \(brightness), expected \(expected)")
        }
    }
}
