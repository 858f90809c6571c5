import Foundation
import PoseRunTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A server killed outright in the middle of an analysis loses no job: started again, it (its worker) takes
/// the job once the dead one's lease has run out, and analyses it. Real processes, `kill -9`, curl as the
/// coach's browser.
@Suite(.enabled(if: Tools.find("curl") != nil, "needs curl"), .serialized)
struct WebAppRestartTests {
    /// One `poserun serve` process on a port of its own.
    static func start(_ folder: URL, port: Int) throws -> Process {
        let process = Process()
        process.executableURL = PoseRunBinary.url
        process.arguments = ["serve", "--data", folder.path, "--port", String(port), "--lease-seconds", "3"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard WebAppBrowserTests.Server.waitForPort(port, seconds: 20) else { throw BrowserSession.Failure(description: "serve did not start") }
        return process
    }

    static func curl(_ arguments: [String]) throws -> String {
        let r = try ProcessRunner.run(try #require(Tools.find("curl")), ["-s"] + arguments)
        return r.stdoutText
    }

    static func csrf(_ page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aServerKilledMidAnalysisLosesNoJob() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try PoseRunBinary.run(["serve", "--data", folder.path, "--create-coach", "anna"])
        let password = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        // A long synthetic run (two minutes at 60 fps): its analysis lasts long enough to be killed in.
        let runner = folder.appendingPathComponent("runner.json")
        #expect(try PoseRunBinary.run(["synthetic", runner.path, "--seconds", "120"]).status == 0)

        let port = Int.random(in: 20_000...45_000)
        var server = try Self.start(folder, port: port)
        defer { server.terminate(); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        let jar = folder.appendingPathComponent("cookies").path
        let login = try #require(Self.csrf(try Self.curl(["-c", jar, "-b", jar, "\(base)/login"])))
        _ = try Self.curl(["-c", jar, "-b", jar, "--data-urlencode", "csrf=\(login)", "--data-urlencode", "username=anna",
                           "--data-urlencode", "password=\(password)", "\(base)/login"])
        let token = try #require(Self.csrf(try Self.curl(["-b", jar, "\(base)/athletes"])))
        _ = try Self.curl(["-b", jar, "--data", "csrf=\(token)&name=Mia&height_m=1.75&experience=beginner", "\(base)/athletes"])
        let uploaded = try Self.curl(["-b", jar, "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-F", "csrf=\(token)",
                                      "-F", "date=2026-12-01", "-F", "footwear=shoes", "-F", "file=@\(runner.path)", "\(base)/athletes/1/sessions"])
        #expect(uploaded.hasPrefix("303 ") && uploaded.hasSuffix("/sessions/1"), "\(uploaded)")

        // Kill the server the moment its worker has the job.
        var seenAnalysing = false
        for _ in 0..<2400 {
            if try Self.curl(["-b", jar, "\(base)/sessions/1"]).contains("<span class=\"status analysing\">") { seenAnalysing = true; break }
            usleep(25_000)
        }
        #expect(seenAnalysing, "the worker never took the job")
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let stranded = try Self.curl(["-b", jar, "\(base)/sessions/1"])
        #expect(stranded.isEmpty, "the server is gone")

        // Started again: the job's lease (3 s) runs out and the new worker analyses it, as attempt 2.
        server = try Self.start(folder, port: port)
        var page = ""
        for _ in 0..<600 {
            page = try Self.curl(["-b", jar, "\(base)/sessions/1"])
            if page.contains("<span class=\"status analysed\">") || page.contains("<span class=\"status failed\">") { break }
            usleep(200_000)
        }
        #expect(page.contains("<span class=\"status analysed\">"), "\(page.prefix(2000))")
        #expect(page.contains("<dt>Attempts</dt><dd>2</dd>"))
    }
}
