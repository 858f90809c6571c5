import Foundation
import Hummingbird
import HummingbirdTesting
import PoseRunServer
import PoseRunSynthetic
import PoseRunTestSupport
import Testing

@Suite struct UploadTests {
    /// Signs anna in and creates her athlete 1 (height 1.75, the synthetic runner's); returns her CSRF token.
    static func prepare(_ browser: inout Browser, server: TestServer) async throws -> String {
        let (_, password) = try await server.app.createCoach(username: "anna")
        try await browser.signIn("anna", password)
        let csrf = try await browser.csrf()
        #expect(try await browser.post("/athletes", [("csrf", csrf), ("name", "Mia"), ("height_m", "1.75"), ("experience", "beginner")]).location == "/athletes/1")
        return csrf
    }

    @Test func anUploadQueuesItsJobAndTheWorkerAnalysesItWithThePipeline() async throws {
        let server = try TestServer()
        let keypoints = try Synthetic.keypoints(seconds: 6)
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            // The client's name is shown, never used as a path.
            let upload = try await browser.postMultipart(
                "/athletes/1/sessions", .session(csrf: csrf, speed: "3.2", note: "first <visit>", fileName: "../../../etc/runner.exe", file: keypoints))
            #expect(upload.status == .seeOther)
            #expect(upload.location == "/sessions/1")
            let stored = try #require(server.uploads.first)
            #expect(server.uploads.count == 1)
            #expect(stored.hasSuffix(".json") && stored.count == 36 + 5)   // <uuid>.json: typed from the content
            #expect(try Data(contentsOf: server.app.configuration.folders.upload(stored)) == Data(keypoints))

            // Stored with its job, queued, in one go.
            let (session, job) = try #require(try await server.app.store.session(id: 1, coachID: 1))
            #expect(session.status == .queued)
            #expect(session.details == TrainingSessionDraft(date: "2026-11-30", treadmillSpeed: 3.2, footwear: .shoes, note: "first <visit>", originalFileName: "runner.exe"))
            #expect(job?.state == .queued)
            #expect(job?.attempts == 0)
            let queued = try await browser.get("/sessions/1")
            #expect(queued.body.contains("<span class=\"status queued\">queued</span>"))
            #expect(queued.body.contains("data-refresh-seconds=\"3\""))
            #expect(queued.body.contains("first &lt;visit&gt;"))

            let outcome = try await server.app.worker().runNextJob()
            #expect(outcome == .analysed)
            #expect(try await server.app.worker().runNextJob() == nil)

            let done = try await browser.get("/sessions/1")
            #expect(done.body.contains("<span class=\"status analysed\">analysed</span>"))
            #expect(!done.body.contains("data-refresh-seconds"))
            #expect(done.body.contains("href=\"/sessions/1/results/analysis.json\""))
            let download = try await browser.get("/sessions/1/results/analysis.json")
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"analysis.json\"")
            // The analysis is PoseRunPipeline's: the synthetic runner's cadence, scaled by the athlete's height
            // and the belt speed given in the form.
            let json = try #require(try JSONSerialization.jsonObject(with: Data(download.body.utf8)) as? [String: Any])
            let running = try #require(json["running"] as? [String: Any])
            #expect(running["is_running"] as? Bool == true)
            let summary = try #require(json["summary"] as? [String: Any])
            let cadence = try #require((summary["cadence_spm"] as? [String: Any])?["mean"] as? Double)
            #expect(abs(cadence - SyntheticRunner.Configuration.poseRunner.cadenceStepsPerMinute) < 2)
            // Step length from the belt speed: speed × 60 / cadence.
            let stepLength = try #require((summary["step_length_m"] as? [String: Any])?["mean"] as? Double)
            #expect(abs(stepLength - 3.2 * 60 / cadence) < 0.01)
            let input = try #require(json["input"] as? [String: Any])
            #expect(input["name"] as? String == "runner.exe")
            #expect((input["length_unit"] as? String)?.hasPrefix("metres (scaled by the given height") == true)
            #expect(try await browser.get("/sessions/1/results/report.html").status == .notFound)
            #expect(try await browser.get("/sessions/1/results/..%2F..%2Fposerun.sqlite").status == .notFound)

            let athlete = try await browser.get("/athletes/1")
            #expect(athlete.body.contains("<a href=\"/sessions/1\">2026-11-30</a>"))
            #expect(athlete.body.contains("shoes, 3.2 m/s · first &lt;visit&gt;"))
        }
    }

    @Test func aWalkerIsAnalysedAndSaidToShowNoRunning() async throws {
        let server = try TestServer()
        let walker = try Synthetic.keypoints(.walker, seconds: 6)
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            #expect(try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, file: walker)).location == "/sessions/1")
            let outcome = try #require(try await server.app.worker().runNextJob())
            guard case .noAnalysis(let reason) = outcome else {
                Issue.record("a walker is not scored: \(outcome)")
                return
            }
            #expect(reason.hasPrefix("No running found"))
            let page = try await browser.get("/sessions/1")
            #expect(page.body.contains("<span class=\"status no-analysis\">no-analysis</span>"))
            #expect(page.body.contains("No running found"))
        }
    }

    @Test func anUploadOverTheLimitIsRefusedAndLeavesNoFileAndNoSession() async throws {
        let keypoints = try Synthetic.keypoints(seconds: 4)
        // Refused from its Content-Length, before a byte is read.
        let small = try TestServer { $0.maxUploadBytes = 50_000 }
        #expect(keypoints.count > 50_000 + 64 * 1024)
        try await small.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: small)
            let page = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, note: "kept", file: keypoints))
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("The file is larger than 48 KB."))
            #expect(small.uploads.isEmpty)
            #expect(try await small.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)
        }
        // Refused while streaming, once the file passes the limit by one byte.
        let exact = try TestServer { $0.maxUploadBytes = keypoints.count - 1 }
        try await exact.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: exact)
            let page = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, note: "kept", file: keypoints))
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("value=\"kept\""))   // the form comes back as filled in
            #expect(exact.uploads.isEmpty)
            #expect(try await exact.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)
        }
        // At the limit it is taken.
        let fits = try TestServer { $0.maxUploadBytes = keypoints.count }
        try await fits.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: fits)
            #expect(try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, file: keypoints)).location == "/sessions/1")
            #expect(fits.uploads.count == 1)
        }
    }

    @Test func theTypeComesFromTheContentNotTheName() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            let text = Array("just some notes, not a run\n".utf8)
            let refused = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, fileName: "run.mp4", file: text))
            #expect(refused.status == .unsupportedMediaType)
            #expect(refused.body.contains("PoseRun does not read this file"))
            let openPose = Array("{\"version\":1.3,\"people\":[]}".utf8)
            #expect(try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, fileName: "x.json", file: openPose)).status == .unsupportedMediaType)
            #expect(server.uploads.isEmpty)
            #expect(try await server.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)

            // A real container signature is a video whatever it is called (stored with a known extension).
            let clip = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("samples/jogging-overground-side.mp4")))
            #expect(try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, fileName: "clip.MOV", file: clip)).location == "/sessions/1")
            #expect(try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, fileName: "clip.exe", file: clip)).location == "/sessions/2")
            #expect(server.uploads.map { String($0.split(separator: ".").last ?? "") }.sorted() == ["mov", "mp4"])
        }
    }

    @Test(.enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
    func aClipLongerThanTheLimitOrNotReallyAVideoIsRefusedBeforeItIsQueued() async throws {
        let server = try TestServer { $0.maxClipSeconds = 1 }
        let clip = Array(try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("samples/jogging-overground-side.mp4")))
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            // The sample clip is 1.57 s long (47 frames at 29.97 fps).
            let long = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, fileName: "jog.mp4", file: clip))
            #expect(long.status == .contentTooLarge)
            #expect(long.body.contains("The clip is 2 s long; at most 1 s (0 min) can be analysed here."))
            // A container signature with nothing behind it.
            var fake = [UInt8](repeating: 0, count: 64)
            fake.replaceSubrange(4..<12, with: Array("ftypisom".utf8))
            let broken = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, fileName: "fake.mp4", file: fake))
            #expect(broken.status == .unprocessableContent)
            #expect(broken.body.contains("The clip cannot be read as a video (") && broken.body.contains("fake.mp4"))
            #expect(!broken.body.contains(server.app.configuration.folders.uploads.path))
            #expect(server.uploads.isEmpty)
            #expect(try await server.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)
        }
    }

    @Test func anUploadWithoutItsCSRFTokenFirstIsRefusedBeforeAnythingIsStored() async throws {
        let server = try TestServer()
        let keypoints = try Synthetic.keypoints(seconds: 4)
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            #expect(try await browser.postMultipart("/athletes/1/sessions", .session(csrf: String(repeating: "0", count: 64), file: keypoints)).status == .forbidden)
            // The right token, but after the file.
            var late = Multipart()
            late.field("date", "2026-11-30")
            late.file("file", fileName: "runner.json", keypoints)
            late.field("csrf", csrf)
            late.close()
            #expect(try await browser.postMultipart("/athletes/1/sessions", late).status == .forbidden)
            #expect(server.uploads.isEmpty)
            #expect(try await server.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)
        }
    }

    @Test func anUploadThatBreaksOffLeavesNoFileAndNoSession() async throws {
        let server = try TestServer()
        let keypoints = try Synthetic.keypoints(seconds: 4)
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            var cut = Multipart.session(csrf: csrf, file: keypoints)
            cut.bytes = Array(cut.bytes.prefix(cut.bytes.count / 2))
            let page = try await browser.postMultipart("/athletes/1/sessions", cut)
            #expect(page.status == .unprocessableContent)
            #expect(server.uploads.isEmpty)
            #expect(try await server.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)
        }
    }

    @Test func badFieldsAreRefusedWithTheirMessageAndTheFileIsDropped() async throws {
        let server = try TestServer()
        let keypoints = try Synthetic.keypoints(seconds: 4)
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.prepare(&browser, server: server)
            let cases: [(Multipart, String)] = [
                (.session(csrf: csrf, date: "2026-02-30", file: keypoints), "Give the date it was filmed (YYYY-MM-DD)."),
                (.session(csrf: csrf, speed: "99", file: keypoints), "Give the treadmill speed in m/s, from 0.1 to 20, or leave it empty."),
                (.session(csrf: csrf, footwear: "sandals", file: keypoints), "Choose shoes or barefoot."),
            ]
            for (body, message) in cases {
                let page = try await browser.postMultipart("/athletes/1/sessions", body)
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains(message))
            }
            #expect(server.uploads.isEmpty)
            #expect(try await server.app.store.sessions(athleteID: 1, coachID: 1).isEmpty)
        }
    }
}
