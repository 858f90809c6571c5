import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PoseRunCore
@testable import PoseRunServer
import PoseRunSynthetic
import Testing
import ZIPFoundation

/// What a coach gets from analysed sessions: history, comparison, plan, exports, the report inside the app,
/// live progress, and deleting an athlete with their files. Known answers come from the synthetic runners'
/// configurations (a heel striker at 158 steps/min, then a Pose runner at 185).
@Suite struct ResultPagesTests {
    static let heelStriker = SyntheticRunner.Configuration.heelStriker
    static let poseRunner = SyntheticRunner.Configuration.poseRunner

    /// anna, athlete 1 (Mia, 1.75 m), and two analysed sessions: 1 the heel striker on 2026-11-01, 2 the Pose
    /// runner on 2026-11-29. Returns anna's CSRF token.
    static func twoSessions(_ browser: inout Browser, server: TestServer) async throws -> String {
        let csrf = try await UploadTests.prepare(&browser, server: server)
        let first = try await browser.postMultipart(
            "/athletes/1/sessions", .session(csrf: csrf, date: "2026-11-01", fileName: "november.json", file: try Synthetic.keypoints(heelStriker)))
        #expect(first.location == "/sessions/1")
        let second = try await browser.postMultipart(
            "/athletes/1/sessions", .session(csrf: csrf, date: "2026-11-29", fileName: "later.json", file: try Synthetic.keypoints(poseRunner)))
        #expect(second.location == "/sessions/2")
        #expect(try await server.app.worker().runNextJob() == .analysed)
        #expect(try await server.app.worker().runNextJob() == .analysed)
        return csrf
    }

    /// The `<svg class="chart" data-metric="KEY">` of the page, as text.
    static func chart(_ page: String, metric: String) -> String? {
        guard let start = page.range(of: "<svg class=\"chart\" data-metric=\"\(metric)\"") else { return nil }
        guard let end = page.range(of: "</svg>", range: start.upperBound..<page.endIndex) else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// The `data-mean` values of a chart's points, in order.
    static func means(_ chart: String) -> [Double] {
        chart.components(separatedBy: "data-mean=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
    }

    @Test func twoSessionsMakeAHistoryAComparisonAPlanAndExports() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            _ = try await Self.twoSessions(&browser, server: server)

            let history = try await browser.get("/athletes/1/history")
            #expect(history.status == .ok)
            let cadence = try #require(Self.chart(history.body, metric: "cadence_spm"))
            let points = Self.means(cadence)
            #expect(points.count == 2)
            #expect(points.count == 2 && abs(points[0] - Self.heelStriker.cadenceStepsPerMinute) < 2)
            #expect(points.count == 2 && abs(points[1] - Self.poseRunner.cadenceStepsPerMinute) < 2)
            // 158 → 185 steps/min is far beyond the noise, toward the Pose target (≥ 180): a green segment.
            #expect(cadence.contains("class=\"change improved\""))
            let contact = try #require(Self.chart(history.body, metric: "contact_time_s"))
            #expect(Self.means(contact).count == 2)
            #expect(history.body.contains("Since 2026-11-01:</strong> better:"))
            let summary = try #require(history.body.components(separatedBy: "Since 2026-11-01:</strong> better: ").last)
            #expect(summary.prefix { $0 != ";" }.contains("Cadence"))

            // The comparison defaults to the two latest sessions, the players side by side.
            let compare = try await browser.get("/athletes/1/compare")
            #expect(compare.status == .ok)
            #expect(compare.body.contains("<h2>2026-11-01 → 2026-11-29</h2>"))
            #expect(compare.body.contains("src=\"/sessions/1/report/report.html#player\""))
            #expect(compare.body.contains("src=\"/sessions/2/report/report.html#player\""))
            #expect(compare.body.contains("<script src=\"/static/compare.js\" defer></script>"))
            let cadenceRow = try #require(compare.body.components(separatedBy: "<tr class=\"improved\"><td>Cadence</td>").dropFirst().first)
            #expect(cadenceRow.contains("improved"))
            // A session id that is not one of the athlete's analysed sessions is not compared.
            #expect(try await browser.get("/athletes/1/compare?a=1&b=99").body.contains("<h2>2026-11-01 → 2026-11-29</h2>"))

            // The plan, from the latest session: page, calendar and Markdown for the same weeks.
            let plan = try await browser.get("/athletes/1/plan?weeks=4&start=2026-12-07")
            #expect(plan.status == .ok)
            #expect(plan.body.contains("Week 4, from 2026-12-28"))
            #expect(!plan.body.contains("Week 5,"))
            #expect(plan.body.contains("From the session of <a href=\"/sessions/2\">2026-11-29</a>"))
            let ics = try await browser.get("/athletes/1/plan.ics?weeks=4&start=2026-12-07")
            #expect(ics.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(ics.body.hasPrefix("BEGIN:VCALENDAR"))
            #expect(ics.body.contains("DTSTART;VALUE=DATE:202612"))
            let markdown = try await browser.get("/athletes/1/plan.md?weeks=4&start=2026-12-07")
            #expect(markdown.headers[.contentDisposition] == "attachment; filename=\"plan.md\"")
            #expect(markdown.body.hasPrefix("# "))
            let refused = try await browser.get("/athletes/1/plan?weeks=99")
            #expect(refused.body.contains("role=\"alert\""))
            #expect(!refused.body.contains("Week 1,"))

            // CSV: a header and a row per session, oldest first, with each session's cadence.
            let csv = try await browser.get("/athletes/1/export.csv")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"Mia-sessions.csv\"")
            let lines = csv.body.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let column = try #require(header.firstIndex(of: "cadence_spm_mean"))
            let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.map { $0[1] } == ["2026-11-01", "2026-11-29"])
            #expect(rows.allSatisfy { $0.count == header.count })
            let cadences = rows.compactMap { Double($0[column]) }
            #expect(cadences.count == 2 && abs(cadences[0] - 158) < 2 && abs(cadences[1] - 185) < 2)

            // The zip holds each session's analysis folder under its date.
            let zip = try await client.execute(uri: "/athletes/1/export.zip", method: .get, headers: browser.cookieHeader, body: nil)
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            let archive = try Archive(data: Data(Array(buffer: zip.body)), accessMode: .read)
            let names = Set(archive.map(\.path))
            #expect(names.contains("2026-11-01-session-1/analysis.json"))
            #expect(names.contains("2026-11-29-session-2/report.html"))
            #expect(names.contains("2026-11-29-session-2/steps.csv"))
            #expect(!names.contains { $0.contains("..") || $0.hasPrefix("/") })

            // With their charts, tables and players, the pages still hold no inline script or style (the app's CSP).
            for path in ["/sessions/2", "/athletes/1/history", "/athletes/1/compare", "/athletes/1/plan"] {
                let page = try await browser.get(path).body
                #expect(!page.contains("style=") && !page.contains("<style"), "\(path)")
                #expect(!page.contains("onclick=") && !page.contains("onload="), "\(path)")
                #expect(page.components(separatedBy: "<script").count - 1 == page.components(separatedBy: "<script src=\"/static/").count - 1, "\(path)")
            }
        }
    }

    @Test func theReportIsServedWithAPolicyThatAllowsExactlyItsOwnInlineScripts() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            _ = try await Self.twoSessions(&browser, server: server)
            let session = try await browser.get("/sessions/2")
            #expect(session.body.contains("<iframe class=\"report\" id=\"report-frame\" title=\"PoseRun report\" src=\"/sessions/2/report/report.html\"></iframe>"))
            // The numbers come with the page: the score and each criterion against its target.
            #expect(session.body.contains("out of 100, Pose Method score"))

            let report = try await browser.get("/sessions/2/report/report.html")
            #expect(report.status == .ok)
            let policy = try #require(report.headers[.contentSecurityPolicy])
            #expect(report.headers[HTTPField.Name("X-Frame-Options")!] == "SAMEORIGIN")
            #expect(policy.contains("frame-ancestors 'self'"))
            // Every inline script of the page as served is allowed by its hash, and the policy allows no other.
            let inline = report.body.components(separatedBy: "<script>").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
            #expect(inline.count == 2)
            let hashes = inline.map { "'sha256-" + Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString() + "'" }
            for hash in hashes { #expect(policy.contains(hash)) }
            #expect(policy.components(separatedBy: "'sha256-").count - 1 == hashes.count)
            #expect(!policy.contains("script-src 'self' 'unsafe-inline'"))
            // The app's own pages keep the strict policy and are never framed.
            #expect(session.headers[.contentSecurityPolicy] == ContentSecurityPolicy.pages)
            #expect(session.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")

            let player = try await browser.get("/sessions/2/report/player.js")
            #expect(player.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(player.body.hasPrefix("window.POSERUN_PLAYER="))
            for name in ["analysis.json", "..%2Fanalysis.json", "keypoints.json", "report.htm"] {
                #expect(try await browser.get("/sessions/2/report/\(name)").status == .notFound)
            }
        }
    }

    @Test func theClipIsServedInByteRangesForSeeking() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            _ = try await Self.twoSessions(&browser, server: server)
            // A stand-in clip in the results folder: the route serves it by name, in the range asked for.
            let bytes = (0..<1000).map { UInt8($0 % 251) }
            try Data(bytes).write(to: server.app.configuration.folders.results(sessionID: 1).appendingPathComponent("video.mp4"))
            var headers = browser.cookieHeader
            headers[.range] = "bytes=100-199"
            let part = try await client.execute(uri: "/sessions/1/report/video.mp4", method: .get, headers: headers, body: nil)
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentRange] == "bytes 100-199/1000")
            #expect(Array(buffer: part.body) == Array(bytes[100...199]))
            headers[.range] = "bytes=-10"
            let tail = try await client.execute(uri: "/sessions/1/report/video.mp4", method: .get, headers: headers, body: nil)
            #expect(Array(buffer: tail.body) == Array(bytes[990...]))
            headers[.range] = "bytes=2000-"
            let outside = try await client.execute(uri: "/sessions/1/report/video.mp4", method: .get, headers: headers, body: nil)
            #expect(outside.status == .rangeNotSatisfiable)
            #expect(outside.headers[.contentRange] == "bytes */1000")
            let whole = try await client.execute(uri: "/sessions/1/report/video.mp4", method: .get, headers: browser.cookieHeader, body: nil)
            #expect(whole.status == .ok)
            #expect(whole.headers[.acceptRanges] == "bytes")
            #expect(Array(buffer: whole.body) == bytes)
        }
    }

    @Test func analysesAreKeptUntilTheirFileChanges() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            _ = try await Self.twoSessions(&browser, server: server)
            let folders = server.app.configuration.folders
            let first = folders.results(sessionID: 1).appendingPathComponent("analysis.json")
            let second = folders.results(sessionID: 2).appendingPathComponent("analysis.json")
            let cache = AnalysisCache(capacity: 1)
            let heel = try #require(cache.analysis(at: first)?.summary[.cadence]?.measured?.mean)
            #expect(abs(heel - Self.heelStriker.cadenceStepsPerMinute) < 2)
            _ = try #require(cache.analysis(at: second))
            #expect(cache.count == 1)   // the older one made room
            // The first session's file replaced by the second's (a new analysis): read again, not the old one.
            try FileManager.default.removeItem(at: first)
            try FileManager.default.copyItem(at: second, to: first)
            let replaced = try #require(cache.analysis(at: first)?.summary[.cadence]?.measured?.mean)
            #expect(abs(replaced - Self.poseRunner.cadenceStepsPerMinute) < 2)
            #expect(cache.analysis(at: folders.results(sessionID: 9).appendingPathComponent("analysis.json")) == nil)
        }
    }

    @Test func rangeHeadersAreReadAsRFC9110Says() {
        #expect(FileResponses.range(nil, size: 10) == .whole)
        #expect(FileResponses.range("bytes=0-0", size: 10) == .part(0...0))
        #expect(FileResponses.range("bytes=3-", size: 10) == .part(3...9))
        #expect(FileResponses.range("bytes=5-100", size: 10) == .part(5...9))
        #expect(FileResponses.range("bytes=-3", size: 10) == .part(7...9))
        #expect(FileResponses.range("bytes=-30", size: 10) == .part(0...9))
        #expect(FileResponses.range("bytes=0-1,4-5", size: 10) == .whole)
        #expect(FileResponses.range("items=0-1", size: 10) == .whole)
        for bad in ["bytes=10-", "bytes=5-2", "bytes=-0", "bytes=x-3", "bytes=", "bytes=-"] {
            #expect(FileResponses.range(bad, size: 10) == .unsatisfiable, "\(bad)")
        }
    }

    @Test func progressStreamsAsServerSentEventsAndEndsWhenTheAnalysisHas() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await UploadTests.prepare(&browser, server: server)
            _ = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, file: try Synthetic.keypoints()))
            let queued = try await browser.get("/sessions/1")
            #expect(queued.body.contains("data-progress-url=\"/sessions/1/progress\""))
            #expect(queued.body.contains("<progress id=\"job-progress\" max=\"1\" value=\"0.0\">"))
            #expect(try await server.app.worker().runNextJob() == .analysed)
            let stream = try await browser.get("/sessions/1/progress")
            #expect(stream.headers[.contentType] == "text/event-stream; charset=utf-8")
            #expect(stream.body.hasPrefix("retry: 2000\n\n"))
            #expect(stream.body.contains("event: progress\ndata: {\"attempts\":1,\"finished\":true,\"status\":\"analysed\"}\n\n"))
            #expect(!(try await browser.get("/sessions/1")).body.contains("data-progress-url"))
        }
    }

    @Test func aRunningJobsProgressIsWhatThePageAndTheStreamShow() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await UploadTests.prepare(&browser, server: server)
            _ = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, file: try Synthetic.keypoints()))
            let now = server.clock.now
            let claimed = try #require(try await server.app.store.claimJob(now: now, leaseUntil: now + 60, maxAttempts: 3))
            try await server.app.store.reportProgress(id: claimed.job.id, attempt: 1, fraction: 0.45, stage: "finding the pose", now: now)
            let page = try await browser.get("/sessions/1")
            #expect(page.body.contains("<progress id=\"job-progress\" max=\"1\" value=\"0.45\">45 %</progress>"))
            #expect(page.body.contains("<span id=\"job-stage\">finding the pose</span>"))
            #expect(ProgressRoutes.progress(claimed.session, job: try await server.app.store.job(id: claimed.job.id))
                == .init(status: "analysing", progress: 0.45, stage: "finding the pose", attempts: 1, note: nil, finished: false))
        }
    }

    @Test func theWorkerReportsProgressWhileTheAnalysisRuns() async throws {
        let server = try TestServer { $0.worker.progressSeconds = 0.02 }
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await UploadTests.prepare(&browser, server: server)
            _ = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, file: try Synthetic.keypoints()))
            let store = server.app.store
            let seen = try await server.app.worker { claimed, _, progress in
                progress.report(fraction: 0.3, stage: .findingThePose)
                // Wait until the worker has written it, as a page would then read it.
                // Up to a minute: on a machine busy with the whole suite the worker's timer fires late.
                for _ in 0..<6000 {
                    if let job = try await store.job(id: claimed.job.id), job.progress == 0.3 { return .noAnalysis(reason: "seen: \(job.stage ?? "")") }
                    try await Task.sleep(for: .milliseconds(10))
                }
                return .noAnalysis(reason: "never seen")
            }.runNextJob()
            #expect(seen == .noAnalysis(reason: "seen: finding the pose"))
        }
    }

    @Test func theClipsWarningsComeBeforeTheNumbers() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await UploadTests.prepare(&browser, server: server)
            // 25 frames a second: too coarse for contact times, which the page must say before any number.
            _ = try await browser.postMultipart("/athletes/1/sessions", .session(csrf: csrf, file: try Synthetic.keypoints(frameRate: 25)))
            #expect(try await server.app.worker().runNextJob() == .analysed)
            let page = try await browser.get("/sessions/1").body
            let warnings = try #require(page.range(of: "<section class=\"notice clip-warnings\" id=\"clip-warnings\"><h2>Check the clip first</h2>"))
            let numbers = try #require(page.range(of: "<table class=\"numbers\">"))
            #expect(warnings.lowerBound < numbers.lowerBound)
            // The coarse-timing finding, in QualityFindingText's words: at 25 fps a frame is 40 ms.
            let sentence = try #require(page.range(of: "At 25 fps one frame is 40 ms: contact and flight times are coarse"))
            #expect(sentence.lowerBound > warnings.lowerBound && sentence.lowerBound < numbers.lowerBound)
        }
    }

    @Test func deletingAnAthleteSaysWhatGoesFirstThenRemovesTheirFiles() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client)
            let csrf = try await Self.twoSessions(&browser, server: server)
            let folders = server.app.configuration.folders
            #expect(server.uploads.count == 2)
            let confirm = try await browser.get("/athletes/1/delete")
            #expect(confirm.body.contains("This deletes Mia, their 2 sessions and "))
            #expect(confirm.body.contains("<form method=\"post\" action=\"/athletes/1/delete\">"))
            // Without the form's token nothing is deleted.
            #expect(try await browser.post("/athletes/1/delete", []).status == .forbidden)
            #expect(try await server.app.store.athlete(id: 1, coachID: 1) != nil)
            let done = try await browser.post("/athletes/1/delete", [("csrf", csrf)])
            #expect(done.status == .seeOther)
            #expect(done.location == "/athletes")
            #expect(try await server.app.store.athlete(id: 1, coachID: 1) == nil)
            #expect(server.uploads.isEmpty)
            for id in [Int64(1), 2] { #expect(!FileManager.default.fileExists(atPath: folders.results(sessionID: id).path)) }
            #expect(try await browser.get("/athletes/1/history").status == .notFound)
        }
    }

    @Test func anotherCoachGetsNothingOfTheseAthletesResults() async throws {
        let server = try TestServer()
        try await server.test { client in
            var anna = Browser(client)
            _ = try await Self.twoSessions(&anna, server: server)
            let (_, password) = try await server.app.createCoach(username: "ben")
            var ben = Browser(client)
            try await ben.signIn("ben", password)
            let bensToken = try await ben.csrf()
            for path in [
                "/athletes/1/history", "/athletes/1/compare?a=1&b=2", "/athletes/1/plan", "/athletes/1/plan.ics", "/athletes/1/plan.md",
                "/athletes/1/export.csv", "/athletes/1/export.zip", "/athletes/1/delete", "/sessions/1/report/report.html",
                "/sessions/1/report/player.js", "/sessions/1/progress",
            ] {
                #expect(try await ben.get(path).status == .notFound, "\(path)")
            }
            #expect(try await ben.post("/athletes/1/delete", [("csrf", bensToken)]).status == .notFound)
            #expect(try await server.app.store.athlete(id: 1, coachID: 1) != nil)
            #expect(server.uploads.count == 2)
            // Signed out: sent to sign in, not shown.
            var stranger = Browser(client)
            #expect(try await stranger.get("/sessions/1/report/report.html").status == .seeOther)
        }
    }
}
