import Foundation
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// Which clips the report's player gets as they are and which through a proxy, and the proxy itself.
@Suite(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct PlayerVideoTests {
    static func info(codec: String = "h264", pixelFormat: String = "yuv420p", rotation: Int = 0, aspect: Double = 1) -> VideoInfo {
        VideoInfo(
            width: 64, height: 48, storedWidth: 64, storedHeight: 48, pixelAspectRatio: aspect, rotationDegrees: rotation,
            averageFrameRate: 30, baseFrameRate: 30, isVariableFrameRate: false, durationSeconds: 1,
            frameTimes: [0.1, 0.2], codec: codec, pixelFormat: pixelFormat)
    }

    @Test func browserPlayableClipsAreCopiedAndTheRestProxied() {
        let mp4 = URL(fileURLWithPath: "/clips/run.MP4"), webm = URL(fileURLWithPath: "/clips/run.webm")
        #expect(PlayerVideo.plan(for: mp4, info: Self.info()) == .copy(fileName: "video.mp4"))
        #expect(PlayerVideo.plan(for: webm, info: Self.info(codec: "vp9")) == .copy(fileName: "video.webm"))
        #expect(PlayerVideo.plan(for: mp4, info: Self.info(codec: "av1")) == .copy(fileName: "video.mp4"))
        func isProxy(_ plan: PlayerVideo.Plan) -> Bool { if case .proxy = plan { true } else { false } }
        #expect(isProxy(PlayerVideo.plan(for: mp4, info: Self.info(codec: "hevc"))))
        #expect(isProxy(PlayerVideo.plan(for: mp4, info: Self.info(pixelFormat: "yuv420p10le"))))
        #expect(isProxy(PlayerVideo.plan(for: mp4, info: Self.info(rotation: 90))))
        #expect(isProxy(PlayerVideo.plan(for: mp4, info: Self.info(aspect: 4.0 / 3))))
        #expect(isProxy(PlayerVideo.plan(for: URL(fileURLWithPath: "/clips/run.mov"), info: Self.info())))
        #expect(isProxy(PlayerVideo.plan(for: URL(fileURLWithPath: "/clips/run"), info: Self.info())))
    }

    /// A copy keeps the file's own times; a proxy starts at zero, as ffmpeg writes it.
    @Test func frameTimesFollowTheFilePlayed() {
        #expect(PlayerVideo.frameTimes(for: .copy(fileName: "video.mp4"), info: Self.info()) == [0.1, 0.2])
        let proxied = PlayerVideo.frameTimes(for: .proxy(reason: "x"), info: Self.info())
        #expect(abs(proxied[0]) < 1e-12 && abs(proxied[1] - 0.1) < 1e-12)
    }

    /// A tall 1080×1920 variable-rate clip: the proxy is 720 wide, every frame is kept, and each keeps its
    /// own time: an 11 ms jump, off the 30 fps grid, stays where it is (x264's default time base moved it).
    @Test func theProxyKeepsEveryFrameAndItsTimeAtMost720p() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("tall.mkv")
        try VideoIOTests.make(["-f", "lavfi", "-i", "testsrc=size=1080x1920:rate=30", "-frames:v", "12",
                               "-vf", "settb=1/1000,setpts='N/30/TB+if(gte(N,6),0.011/TB,0)'", "-fps_mode", "passthrough",
                               "-enc_time_base:v", "1:1000", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                               ToolRunner.inputArgument(for: clip)])
        let info = try VideoProbe.probe(clip)
        #expect(info.isVariableFrameRate, "the test clip has an uneven interval")
        #expect(PlayerVideo.plan(for: clip, info: info) != .copy(fileName: "video.mkv"))
        let proxy = dir.appendingPathComponent("video.mp4")
        try PlayerVideo.makeProxy(of: clip, info: info, to: proxy)
        let out = try VideoProbe.probe(proxy)
        #expect(out.width == 720 && out.height == 1280)
        #expect(out.codec == "h264" && out.pixelFormat == "yuv420p")
        #expect(out.frameCount == info.frameCount)
        let expected = PlayerVideo.frameTimes(for: .proxy(reason: ""), info: info)
        #expect(zip(out.frameTimes, expected).allSatisfy { abs($0 - $1) < 0.001 }, "\(out.frameTimes) vs \(expected)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["tall.mkv", "video.mp4"], "no temporary file left")
    }

    @Test func theSharingEncoderScalesToAt720p() throws {
        let dir = try VideoIOTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("a.mp4")
        let encoder = try VideoEncoder(destination: out, width: 1080, height: 1920, frameRate: 30, settings: .sharing)
        for _ in 0..<3 { try encoder.append([UInt8](repeating: 128, count: 1080 * 1920 * 3)) }
        _ = try encoder.finish()
        let info = try VideoProbe.probe(out)
        #expect(info.width == 720 && info.height == 1280 && info.frameCount == 3)
    }
}
