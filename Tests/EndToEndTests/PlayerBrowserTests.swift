import Foundation
import PoseRunTestSupport
import Testing

/// The report's player in real Chromium: seeking to a contact shows that very frame of the clip, the overlay
/// sits where analysis.json says the body is, one step moves one frame, and nothing errs on the console.
/// "The frame shown" is read from the video's own pixels and matched against every frame ffmpeg decodes
/// from the original clip, so a player that mapped times to frames wrongly would fail.
@Suite(.enabled(
    if: BrowserSession.isInstalled && Tools.ffmpegAvailable && Tools.modelsAvailable && SharedData.hasJoggingClip,
    "needs chromium (scripts/setup-report-tools.sh), ffmpeg and the models (scripts/setup-models.sh) and ../shared/data"),
    .serialized)
struct PlayerBrowserTests {
    typealias S = VideoTestSupport

    /// The side of the grey thumbnails compared: coarse enough to be the same from any decoder, fine
    /// enough that a running body a frame apart differs.
    static let grid = 24

    /// Runs `poserun analyze` on a clip into a fresh folder (the caller removes `out`'s parent). Status 3 (no
    /// running measured) still writes the report and its player.
    static func analyze(_ clip: URL, expecting status: Int32 = 0) throws -> URL {
        let out = try S.folder().appendingPathComponent("out")
        let r = try S.run(["analyze", clip.path, "--out", out.path, "--quiet"])
        #expect(r.status == status, "analyze exited \(r.status): \(r.stderr)")
        return out
    }

    /// Every frame of `clip` as a `grid`×`grid` grey thumbnail (ffmpeg's area average, autorotated).
    static func thumbnails(_ clip: URL) throws -> [[Double]] {
        let data = try Tools.run("ffmpeg", ["-v", "error", "-i", clip.path, "-vf", "scale=\(grid):\(grid):flags=area,format=gray",
                                            "-fps_mode", "passthrough", "-f", "rawvideo", "pipe:1"]).stdout
        let size = grid * grid
        return stride(from: 0, to: data.count - size + 1, by: size).map { start in
            data[data.startIndex + start ..< data.startIndex + start + size].map(Double.init)
        }
    }

    /// The frame on screen as the same thumbnail, box-averaged from the video's pixels in the page.
    static let pageThumbnail = """
        (() => { const v = document.getElementById('player-video'), G = \(grid);
          const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;
          const g = c.getContext('2d'); g.drawImage(v, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data;
          const sum = new Array(G * G).fill(0), n = new Array(G * G).fill(0);
          for (let y = 0; y < c.height; y++) { const by = Math.floor(y * G / c.height);
            for (let x = 0; x < c.width; x++) { const bx = Math.floor(x * G / c.width), i = (y * c.width + x) * 4;
              sum[by * G + bx] += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]; n[by * G + bx]++; } }
          return sum.map((s, k) => s / Math.max(1, n[k])); })()
        """

    /// The reference frame the shown picture is closest to, each thumbnail first brought to zero mean and
    /// unit spread: the browser may map a full-range clip's levels differently (the HEVC football clip came
    /// back 16 levels darker), which must not decide the match.
    static func closestFrame(to shown: [Double], in frames: [[Double]]) -> Int? {
        func normalised(_ a: [Double]) -> [Double] {
            let mean = a.reduce(0, +) / Double(max(1, a.count))
            let sd = (a.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, a.count))).squareRoot()
            return a.map { ($0 - mean) / max(sd, 1e-9) }
        }
        let s = normalised(shown)
        let refs = frames.map(normalised)
        func distance(_ b: [Double]) -> Double { zip(s, b).map { abs($0 - $1) }.reduce(0, +) }
        return refs.indices.min { distance(refs[$0]) < distance(refs[$1]) }
    }

    struct KeyFrameFacts {
        var frame: Int
        var side: String
        var points: [String: (x: Double, y: Double)]
    }

    /// A contact from analysis.json: the contact key frame with its cleaned landmark positions, or, when the
    /// clip has no complete stride, the first contact event (no positions to check the overlay against).
    static func contactKeyFrame(in out: URL) throws -> KeyFrameFacts {
        let data = try Data(contentsOf: out.appendingPathComponent("analysis.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let profiles = json["gait_cycle_profiles"] as? [String: Any]
        let keyFrames = profiles?["key_frames"] as? [[String: Any]] ?? []
        guard let kf = keyFrames.first(where: { ($0["kind"] as? String) == "initial_contact" }) else {
            let events = try #require(json["events"] as? [[String: Any]])
            let ic = try #require(events.first { ($0["kind"] as? String) == "initial_contact" })
            return KeyFrameFacts(frame: try #require(ic["frame"] as? Int), side: try #require(ic["side"] as? String), points: [:])
        }
        let raw = try #require(kf["points"] as? [String: [String: Double]])
        var points: [String: (x: Double, y: Double)] = [:]
        for (name, p) in raw { if let x = p["x"], let y = p["y"] { points[name] = (x, y) } }
        return KeyFrameFacts(frame: try #require(kf["frame"] as? Int), side: try #require(kf["side"] as? String), points: points)
    }

    /// Where the player should draw a point given in PoseRun's frame (pixels, y up), on a canvas `cw`×`ch`
    /// showing a `w`×`h` video letterboxed.
    static func expectedCanvasPoint(_ p: (x: Double, y: Double), w: Double, h: Double, cw: Double, ch: Double) -> (Double, Double) {
        let s = min(cw / w, ch / h)
        return ((cw - w * s) / 2 + p.x * s, (ch - h * s) / 2 - p.y * s)
    }

    struct Check {
        var frameShownByPlayer: Int
        var frameOnScreen: Int?
        var overlayError: Double
    }

    /// Seeks the player to `frame` (or steps by `step`), then reads the frame the player says it shows,
    /// the frame the pixels are, and how far the heel is drawn from where analysis.json puts it (on `facts`' frame).
    static func check(
        _ browser: BrowserSession, frame: Int? = nil, step: Int? = nil, references: [[Double]], facts: KeyFrameFacts?, size: (Double, Double)
    ) throws -> Check {
        let call = frame.map { "window.poserunPlayer.seekFrame(\($0))" } ?? "window.poserunPlayer.step(\(step ?? 1))"
        let state = try #require(try browser.evaluate(call) as? [String: Any])
        let shown = try #require(state["frame"] as? Int)
        // The seek resolves once the frame is decoded; under load the compositor can paint it a moment later.
        // Wait for the paint (up to 2 s): a wrong frame that stays on screen still fails.
        var pixels = try #require(try browser.evaluate(pageThumbnail) as? [Double])
        for _ in 0..<20 where closestFrame(to: pixels, in: references) != shown {
            usleep(100_000)
            pixels = try #require(try browser.evaluate(pageThumbnail) as? [Double])
        }
        var overlayError = 0.0
        if let facts, shown == facts.frame {
            let overlay = try #require(state["overlay"] as? [String: [Double]])
            let canvas = try #require(state["canvas"] as? [Double])
            for name in ["\(facts.side)_heel", "\(facts.side)_knee", "left_hip", "right_shoulder"] {
                guard let p = facts.points[name], let drawn = overlay[name] else { continue }
                let e = expectedCanvasPoint(p, w: size.0, h: size.1, cw: canvas[0], ch: canvas[1])
                overlayError = max(overlayError, hypot(drawn[0] - e.0, drawn[1] - e.1))
            }
        }
        return Check(frameShownByPlayer: shown, frameOnScreen: closestFrame(to: pixels, in: references), overlayError: overlayError)
    }

    static func videoSize(_ out: URL) throws -> (Double, Double) {
        let text = try String(contentsOf: out.appendingPathComponent("player.js"), encoding: .utf8)
        let r = try #require(text.range(of: #""width":(\d+),"height":(\d+)"#, options: .regularExpression))
        let parts = text[r].split(whereSeparator: { !$0.isNumber }).compactMap { Double($0) }
        return (parts[0], parts[1])
    }

    func openAndCheck(clip: URL, expectProxy: Bool, expectOverlayCheck: Bool = true, expectedStatus: Int32 = 0) throws {
        let out = try Self.analyze(clip, expecting: expectedStatus)
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let player = try String(contentsOf: out.appendingPathComponent("player.js"), encoding: .utf8)
        #expect(player.contains("\"proxy\":null") != expectProxy, "proxy as expected for \(clip.lastPathComponent)")
        let references = try Self.thumbnails(clip)
        #expect(references.count > 10)
        let facts = try Self.contactKeyFrame(in: out)
        #expect(facts.points.isEmpty != expectOverlayCheck, "a contact key frame to check the overlay against")
        let size = try Self.videoSize(out)
        for window in ["1200,900", "390,844"] {   // desktop and a phone
            let browser = try BrowserSession(windowSize: window)
            try browser.open(out.appendingPathComponent("report.html"))
            try browser.wait(until: "document.getElementById('player').getAttribute('data-state') === 'ready'")
            let atContact = try Self.check(browser, frame: facts.frame, references: references, facts: facts, size: size)
            #expect(atContact.frameShownByPlayer == facts.frame, "the player says it shows the contact frame")
            #expect(atContact.frameOnScreen == facts.frame, "the pixels on screen are the contact frame \(facts.frame), not \(atContact.frameOnScreen ?? -1)")
            #expect(atContact.overlayError < 1.5, "the overlay is drawn where analysis.json puts the body (off by \(atContact.overlayError) px)")
            let stepped = try Self.check(browser, step: 1, references: references, facts: nil, size: size)
            #expect(stepped.frameShownByPlayer == facts.frame + 1, "one step is one frame")
            #expect(stepped.frameOnScreen == facts.frame + 1, "the pixels after a step are frame \(facts.frame + 1), not \(stepped.frameOnScreen ?? -1)")
            if expectOverlayCheck { try Self.checkKeyFrames(browser, report: out) }
            #expect(browser.errors.isEmpty, "console: \(browser.errors)")
        }
    }

    /// The report's key frames are painted by the player from its clip: each canvas must say it holds its own
    /// frame (the frame the hidden video showed when it was painted) and must not be blank.
    static func checkKeyFrames(_ browser: BrowserSession, report out: URL) throws {
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("data:image/jpeg"), "no key frame re-read with ffmpeg when the clip is beside the report")
        try browser.wait(until: "[...document.querySelectorAll('canvas.key-frame-canvas')].every(c => c.hasAttribute('data-drawn'))")
        let facts = try #require(try browser.evaluate("""
            [...document.querySelectorAll('canvas.key-frame-canvas')].map(c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let lo = 255, hi = 0; for (let i = 0; i < d.length; i += 4) { lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); }
              return [parseInt(c.getAttribute('data-frame'), 10), c.getAttribute('data-drawn'), hi - lo]; })
            """) as? [[Any]])
        #expect(facts.count >= 4, "key-frame canvases: \(facts.count)")
        // With POSERUN_SCREENSHOTS=FOLDER, the key frames as the page shows them, to look at.
        if let folder = ProcessInfo.processInfo.environment["POSERUN_SCREENSHOTS"] {
            let figures = try #require(try browser.evaluate(
                "[...document.querySelectorAll('#key-frames svg.figure')].map(s => new XMLSerializer().serializeToString(s))") as? [String])
            let canvases = try #require(try browser.evaluate(
                "[...document.querySelectorAll('canvas.key-frame-canvas')].map(c => c.toDataURL('image/png'))") as? [String])
            // Each figure as its own page: the painted canvas under the figure's drawing.
            for (k, (svg, png)) in zip(figures, canvases).enumerated() {
                let page = svg.replacingOccurrences(of: #"<canvas[^>]*>(</canvas>)?"#, with: "<img src=\"\(png)\" style=\"width:100%;height:100%\"/>", options: .regularExpression)
                try Data(page.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("key-frame-\(out.deletingLastPathComponent().lastPathComponent)-\(k).svg"))
            }
        }
        for f in facts {
            let frame = f[0] as? Int, drawn = (f[1] as? String).flatMap { Int($0) }, contrast = f[2] as? Int ?? 0
            #expect(frame != nil && frame == drawn, "key frame \(frame ?? -1) painted from frame \(f[1])")
            #expect(contrast > 40, "key frame \(frame ?? -1) is not blank (red range \(contrast))")
        }
    }

    @Test func theOverlaySitsOnTheContactFrameOfAClipTheBrowserPlays() throws {
        try openAndCheck(clip: S.jogging, expectProxy: false)
    }

    @Test func aRotatedHEVCPhoneClipGetsAnUprightProxyThatLinesUp() throws {
        // HEVC (Chromium on Linux does not play it), stored turned a quarter clockwise with a display matrix
        // that turns it back, as phones record (VideoInputTests checks which way this ffmpeg's tag turns).
        let folder = try S.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hevc = folder.appendingPathComponent("hevc.mp4"), rotated = folder.appendingPathComponent("rotated.mp4")
        try S.ffmpeg(["-i", S.jogging.path, "-vf", "transpose=1", "-c:v", "libx265", "-crf", "12", "-x265-params", "log-level=error", "-an", hevc.path])
        try S.ffmpeg(["-i", hevc.path, "-c", "copy", "-metadata:s:v", "rotate=90", rotated.path])
        try openAndCheck(clip: rotated, expectProxy: true)
    }

    /// The football replay measures nothing (status 3: its steps come quicker than anyone runs), but its report still plays.
    @Test func aRealHEVCClipWithoutACompleteStridePlaysThroughItsProxy() throws {
        try openAndCheck(
            clip: S.video("football-sprint-two-players.mp4"), expectProxy: true, expectOverlayCheck: false, expectedStatus: 3)
    }

    /// The checks can fail: a player whose frame times are off by one frame shows the wrong picture, and a
    /// script error reaches the error list.
    @Test func aBrokenPlayerIsCaught() throws {
        let out = try Self.analyze(S.jogging)
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let playerURL = out.appendingPathComponent("player.js")
        var player = try String(contentsOf: playerURL, encoding: .utf8)
        // Times delta-coded in 0.1 ms: a first time one frame (33.4 ms) late moves every frame by one.
        player = player.replacingOccurrences(of: "\"times\":[0,", with: "\"times\":[334,")
        try Data(player.utf8).write(to: playerURL)
        var page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        page = page.replacingOccurrences(of: "</main>", with: "<script>setTimeout(function(){ notDefined(); }, 0);</script></main>")
        try Data(page.utf8).write(to: out.appendingPathComponent("report.html"))
        let references = try Self.thumbnails(S.jogging)
        let facts = try Self.contactKeyFrame(in: out)
        let browser = try BrowserSession()
        try browser.open(out.appendingPathComponent("report.html"))
        try browser.wait(until: "document.getElementById('player').getAttribute('data-state') === 'ready'")
        let c = try Self.check(browser, frame: facts.frame, references: references, facts: nil, size: try Self.videoSize(out))
        #expect(c.frameShownByPlayer == facts.frame)
        #expect(c.frameOnScreen != c.frameShownByPlayer, "the pixel check sees the wrong frame")
        #expect(browser.errors.contains { $0.contains("notDefined") }, "the script error is caught: \(browser.errors)")
    }

    /// Keypoint input has no video: the player draws a stick figure on a blank field, upright and facing the
    /// direction of travel, and steps frame by frame.
    @Test func keypointInputGetsAStickFigurePlayer() throws {
        let folder = try S.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keypoints = folder.appendingPathComponent("runner.json")
        #expect(try S.run(["synthetic", keypoints.path, "--preset", "heel-striker", "--seconds", "4"]).status == 0)
        let out = folder.appendingPathComponent("out")
        let r = try S.run(["analyze", keypoints.path, "--height", "1.75", "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let facts = try Self.contactKeyFrame(in: out)
        let browser = try BrowserSession()
        try browser.open(out.appendingPathComponent("report.html"))
        try browser.wait(until: "document.getElementById('player').getAttribute('data-state') === 'ready'")
        let state = try #require(try browser.evaluate("window.poserunPlayer.seekFrame(\(facts.frame))") as? [String: Any])
        #expect(state["frame"] as? Int == facts.frame)
        let overlay = try #require(state["overlay"] as? [String: [Double]])
        let head = try #require(overlay["head"]), hip = try #require(overlay["\(facts.side)_hip"])
        let heel = try #require(overlay["\(facts.side)_heel"]), toe = try #require(overlay["\(facts.side)_toe"])
        #expect(head[1] < hip[1] && hip[1] < heel[1], "upright: head above hip above heel on screen")
        #expect(toe[0] > heel[0], "facing the direction of travel (to the right)")
        // The figure follows the runner, who travels 13 m in these 4 s: drawn over most of the stage's
        // height, not shrunk to fit the whole run's extent (a tenth of it).
        let canvas = try #require(state["canvas"] as? [Double])
        #expect((heel[1] - head[1]) > 0.5 * canvas[1], "head to heel \(heel[1] - head[1]) of a \(canvas[1]) px stage")
        let stepped = try #require(try browser.evaluate("window.poserunPlayer.step(1)") as? [String: Any])
        #expect((stepped["slot"] as? Int) == (state["slot"] as? Int).map { $0 + 1 }, "one step is one sample")
        #expect(browser.errors.isEmpty, "console: \(browser.errors)")
    }
}
