import Foundation
import PoseRunTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Debian's chromium, headless, driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// the browser reads commands on fd 3 and answers on fd 4, each message JSON ending in a NUL byte). A test
/// can then wait for a video to seek, run script in the page and collect every console error and uncaught
/// exception, which `--dump-dom` (the page right after its load event) cannot.
/// Spawned with posix_spawn rather than ProcessRunner: Foundation's Process cannot hand a child fds 3 and 4.
final class BrowserSession {
    /// chromium on the PATH, or nil (the tests that need it skip, saying so).
    static let executable: String? = Tools.chromium?.path
    static var isInstalled: Bool { executable != nil }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: URL
    private var buffer = Data()
    private var nextID = 0
    private var session: String?
    /// Console errors and uncaught exceptions seen so far, in order.
    private(set) var errors: [String] = []
    /// Longest a command may wait for its answer.
    static let timeoutSeconds = 60.0

    init(windowSize: String = "1200,900") throws {
        guard let exe = Self.executable else { throw Failure(description: "chromium is not installed") }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-cdp-\(UUID().uuidString)")
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw Failure(description: "pipe() failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Same-origin file access lets the test read the video's pixels back through a canvas.
        let args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                    "--disable-extensions", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                    "--allow-file-access-from-files", "--window-size=\(windowSize)",
                    "--user-data-dir=\(profile.path)", "--remote-debugging-pipe", "about:blank"]
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, exe, &actions, nil, &cArgs, environ)
        close(commands[0]); close(answers[1])
        guard rc == 0 else { throw Failure(description: "chromium did not start (posix_spawn \(rc))") }
        pid = child
        toBrowser = commands[1]
        fromBrowser = answers[0]
        let target = try send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = (target["result"] as? [String: Any])?["targetId"] as? String else { throw Failure(description: "no target") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        session = (attached["result"] as? [String: Any])?["sessionId"] as? String
        _ = try send("Runtime.enable", [:])
        _ = try send("Page.enable", [:])
        _ = try send("Log.enable", [:])
    }

    deinit {
        close(toBrowser)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(fromBrowser)
        try? FileManager.default.removeItem(at: profile)
    }

    /// Opens `page` and waits for its load event.
    func open(_ page: URL) throws {
        _ = try send("Page.navigate", ["url": page.absoluteString])
        try waitFor(event: "Page.loadEventFired")
    }

    /// Runs `expression` in the page (awaiting a promise it returns) and gives back its JSON value.
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let answer = try send("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        let result = answer["result"] as? [String: Any]
        if let exception = result?["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "script failed: \((exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? "")")
        }
        return (result?["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (a script expression) until it is true.
    func wait(until condition: String, seconds: Double = 20) throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if (try evaluate("!!(\(condition))") as? Bool) == true { return }
            usleep(50_000)
        }
        throw Failure(description: "timed out waiting for \(condition)")
    }

    /// Runs `action` (a script that submits a form or follows a link) and waits for the page it leads to.
    func navigate(by action: String) throws {
        _ = try send("Runtime.evaluate", ["expression": action, "returnByValue": true])
        try waitFor(event: "Page.loadEventFired")
    }

    /// Puts files into the page's `<input type="file">` matched by `selector`, as a person choosing them.
    func setFiles(_ selector: String, to files: [URL]) throws {
        let document = try send("DOM.getDocument", [:])
        guard let root = ((document["result"] as? [String: Any])?["root"] as? [String: Any])?["nodeId"] as? Int else {
            throw Failure(description: "no document")
        }
        let found = try send("DOM.querySelector", ["nodeId": root, "selector": selector])
        guard let node = (found["result"] as? [String: Any])?["nodeId"] as? Int, node != 0 else {
            throw Failure(description: "no \(selector) on the page")
        }
        _ = try send("DOM.setFileInputFiles", ["files": files.map(\.path), "nodeId": node])
    }

    /// A PNG of the whole page at `width` CSS pixels (a phone's 390, a desktop's 1280).
    func screenshot(width: Int, height: Int, mobile: Bool) throws -> Data {
        _ = try send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
        defer { _ = try? send("Emulation.clearDeviceMetricsOverride", [:]) }
        usleep(300_000)
        let shot = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": false])
        guard let text = (shot["result"] as? [String: Any])?["data"] as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    // MARK: - Protocol

    private func send(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if let session, !method.hasPrefix("Target.") { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(toBrowser, raw.baseAddress! + offset, raw.count - offset)
                guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
                offset += n
            }
        }
        let id = nextID
        return try read { ($0["id"] as? Int) == id }
    }

    private func waitFor(event: String) throws {
        _ = try read { ($0["method"] as? String) == event }
    }

    /// Reads messages until one matches, noting console errors on the way.
    private func read(until matches: ([String: Any]) -> Bool) throws -> [String: Any] {
        let end = Date().addingTimeInterval(Self.timeoutSeconds)
        while Date() < end {
            while let zero = buffer.firstIndex(of: 0) {
                let chunk = buffer[buffer.startIndex..<zero]
                buffer = Data(buffer[(zero + 1)...])
                guard let message = try JSONSerialization.jsonObject(with: chunk) as? [String: Any] else { continue }
                note(message)
                if matches(message) { return message }
            }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 1000) >= 0 else { throw Failure(description: "poll failed") }
            if poller.revents == 0 { continue }
            var bytes = [UInt8](repeating: 0, count: 65536)
            let n = Glibc.read(fromBrowser, &bytes, bytes.count)
            guard n > 0 else { throw Failure(description: "the browser exited") }
            buffer.append(contentsOf: bytes[0..<n])
        }
        throw Failure(description: "no answer from the browser in \(Self.timeoutSeconds) s")
    }

    private func note(_ message: [String: Any]) {
        guard let method = message["method"] as? String, let params = message["params"] as? [String: Any] else { return }
        switch method {
        case "Runtime.exceptionThrown":
            let details = params["exceptionDetails"] as? [String: Any]
            errors.append("uncaught: \((details?["exception"] as? [String: Any])?["description"] ?? details?["text"] ?? "?")")
        case "Runtime.consoleAPICalled" where (params["type"] as? String) == "error":
            let args = (params["args"] as? [[String: Any]] ?? []).map { "\($0["value"] ?? $0["description"] ?? "")" }
            errors.append("console.error: \(args.joined(separator: " "))")
        case "Log.entryAdded":
            if let entry = params["entry"] as? [String: Any], (entry["level"] as? String) == "error" {
                errors.append("log: \(entry["text"] ?? "") \(entry["url"] ?? "")")
            }
        default: break
        }
    }
}
