import Foundation
import PoseRunTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The coach's web app as a person uses it, in real Chromium against a real `poserun serve` on loopback:
/// sign in, add an athlete, upload two sessions, wait for both analyses (the page follows the job's
/// server-sent events and reloads itself), open the history (two points on the chart), compare the two
/// sessions (both players load under the report's policy and are brought to the same contact), and download
/// the plan. Any console error, uncaught exception or refused script (a CSP violation) fails it.
///
/// With `POSERUN_SCREENSHOTS=FOLDER` it also saves the main pages at desktop and phone width (docs/).
@Suite(.enabled(if: BrowserSession.isInstalled, "needs chromium: run scripts/setup-report-tools.sh"), .serialized)
struct WebAppBrowserTests {
    /// A running `poserun serve` on a free loopback port, with its own data folder and one coach.
    final class Server {
        let folder: URL
        let process: Process
        let port: Int
        let password: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-webapp-\(UUID().uuidString)")
            let created = try PoseRunBinary.run(["serve", "--data", folder.path, "--create-coach", "anna"])
            guard created.status == 0, let password = created.stdout.split(separator: "\n").last.map(String.init), password.count == 20 else {
                throw BrowserSession.Failure(description: "serve --create-coach said: \(created.stdout) \(created.stderr)")
            }
            self.password = password
            var lastError = ""
            for _ in 0..<5 {
                let port = Int.random(in: 20_000...45_000)
                let process = Process()
                process.executableURL = PoseRunBinary.url
                process.arguments = ["serve", "--data", folder.path, "--port", String(port)]
                process.standardOutput = FileHandle.nullDevice
                let errors = Pipe()
                process.standardError = errors
                try process.run()
                if Self.waitForPort(port, seconds: 20) {
                    self.process = process
                    self.port = port
                    return
                }
                process.terminate()
                process.waitUntilExit()
                lastError = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            }
            throw BrowserSession.Failure(description: "poserun serve did not start: \(lastError)")
        }

        func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

        func stop() {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }

        /// True once something accepts connections on the port.
        static func waitForPort(_ port: Int, seconds: Double) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                close(fd)
                if connected == 0 { return true }
                usleep(100_000)
            }
            return false
        }
    }

    /// Two inputs for the two sessions: the repository's sample clip through the pose model when ffmpeg
    /// and the models are here, and a synthetic runner (`poserun synthetic`) either way.
    static func inputs(in folder: URL) throws -> [(file: URL, date: String)] {
        let synthetic = folder.appendingPathComponent("runner.json")
        let written = try PoseRunBinary.run(["synthetic", synthetic.path, "--preset", "heel-striker", "--seconds", "6"])
        guard written.status == 0 else { throw BrowserSession.Failure(description: "synthetic: \(written.stderr)") }
        let sample = SharedData.packageRoot.appendingPathComponent("samples/jogging-overground-side.mp4")
        if Tools.ffmpegAvailable && Tools.modelsAvailable && FileManager.default.fileExists(atPath: sample.path) {
            return [(synthetic, "2026-11-02"), (sample, "2026-11-30")]
        }
        let second = folder.appendingPathComponent("runner-later.json")
        let again = try PoseRunBinary.run(["synthetic", second.path, "--preset", "pose", "--seconds", "6"])
        guard again.status == 0 else { throw BrowserSession.Failure(description: "synthetic: \(again.stderr)") }
        return [(synthetic, "2026-11-02"), (second, "2026-11-30")]
    }

    static func js(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
    }

    @Test func aCoachSignsInUploadsTwoSessionsAndSeesTheirHistoryComparisonAndPlan() throws {
        let server = try Server()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-webapp-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let inputs = try Self.inputs(in: work)
        let shots = ProcessInfo.processInfo.environment["POSERUN_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
        let browser = try BrowserSession(windowSize: "1280,900")
        func shoot(_ name: String) throws {
            guard let shots else { return }
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            try browser.screenshot(width: 1280, height: 900, mobile: false).write(to: shots.appendingPathComponent("web-\(name)-desktop.png"))
            try browser.screenshot(width: 390, height: 844, mobile: true).write(to: shots.appendingPathComponent("web-\(name)-phone.png"))
        }

        try browser.open(server.url("/"))
        #expect(try browser.evaluate("location.pathname") as? String == "/login")
        try browser.evaluate("document.getElementById('username').value = 'anna'; document.getElementById('password').value = \(Self.js(server.password))")
        try browser.navigate(by: "document.querySelector('form[action=\"/login\"]').submit()")
        #expect(try browser.evaluate("location.pathname") as? String == "/athletes")

        try browser.open(server.url("/athletes/new"))
        try browser.evaluate("""
            document.getElementById('name').value = 'Mia'; document.getElementById('height_m').value = '1.75';
            document.getElementById('injuries').value = 'none'
            """)
        try browser.navigate(by: "document.querySelector('form[action=\"/athletes\"]').submit()")
        let athletePath = try #require(try browser.evaluate("location.pathname") as? String)
        #expect(athletePath.hasPrefix("/athletes/"))

        for (file, date) in inputs {
            try browser.open(server.url(athletePath))
            try browser.evaluate("document.getElementById('date').value = '\(date)'; document.getElementById('speed').value = ''")
            try browser.setFiles("#file", to: [file])
            try browser.navigate(by: "document.querySelector('form[enctype=\"multipart/form-data\"]').submit()")
            #expect((try browser.evaluate("location.pathname") as? String)?.hasPrefix("/sessions/") == true)
            // The page follows the job's events and reloads itself when the analysis ends.
            try browser.wait(until: "document.querySelector('.status.analysed, .status.failed, .status.no-analysis')", seconds: 300)
            #expect(try browser.evaluate("document.querySelector('.status').textContent") as? String == "analysed")
            try browser.wait(until: """
                (function(){ var f = document.getElementById('report-frame'); var d = f && f.contentDocument;
                  var p = d && d.getElementById('player'); return p && p.getAttribute('data-state') === 'ready'; })()
                """, seconds: 60)
        }
        try shoot("session")

        try browser.open(server.url(athletePath))
        #expect(try browser.evaluate("document.querySelectorAll('.status.analysed').length") as? Int == 2)
        try shoot("athlete")

        try browser.open(server.url(athletePath + "/history"))
        #expect(try browser.evaluate("document.querySelectorAll('svg[data-metric=\"cadence_spm\"] circle.point').length") as? Int == 2)
        try shoot("history")

        try browser.open(server.url(athletePath + "/compare"))
        try browser.wait(until: "document.getElementById('compare-players').getAttribute('data-synced')", seconds: 60)
        let synced = try #require(try browser.evaluate("JSON.parse(document.getElementById('compare-players').getAttribute('data-synced'))") as? [String: Any])
        #expect(synced["index"] as? Int == 0)
        #expect((synced["frames"] as? [Int])?.count == 2)
        // The next contact moves both players on.
        try browser.evaluate("document.getElementById('sync-next').click()")
        try browser.wait(until: "JSON.parse(document.getElementById('compare-players').getAttribute('data-synced')).index === 1 || /of 1:/.test(document.getElementById('sync-label').textContent)")
        try shoot("compare")

        try browser.open(server.url(athletePath + "/plan"))
        #expect((try browser.evaluate("document.querySelectorAll('section.week').length") as? Int ?? 0) >= 1)
        let calendar = try browser.evaluate("fetch(document.querySelector('a[href*=\"plan.ics\"]').href).then(function (r) { return r.text(); })") as? String
        #expect(calendar?.hasPrefix("BEGIN:VCALENDAR") == true)
        let markdown = try browser.evaluate("fetch(document.querySelector('a[href*=\"plan.md\"]').href).then(function (r) { return r.text(); })") as? String
        #expect(markdown?.hasPrefix("# ") == true)
        try shoot("plan")

        #expect(browser.errors.isEmpty, "\(browser.errors)")
    }
}
