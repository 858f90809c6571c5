import Foundation
import PoseRunTestSupport

/// Debian's chromium run headless on a file: its DOM after load, its screenshot, its console's complaints.
///
/// Console errors are caught two ways: the report's own recorder writes script and image errors into
/// `data-report-errors` on <html> (read back with --dump-dom), and chromium's log on stderr is scanned
/// for uncaught exceptions.
struct HeadlessBrowser {
    let executable: URL

    /// chromium on the PATH, or `nil` (the browser tests then skip, saying so).
    static let installed: HeadlessBrowser? = Tools.chromium.map(HeadlessBrowser.init(executable:))

    static var isInstalled: Bool { installed != nil }

    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Longest a page may take; a hung browser fails the test instead of hanging it.
    static let timeoutSeconds = 90.0

    func run(_ page: URL, _ extra: [String]) throws -> Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-extensions", "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ] + extra + [page.absoluteString]
        // Both pipes drained while it runs, so a chatty browser never blocks on a full one.
        let r = try ProcessRunner.run(executable, arguments, timeout: Self.timeoutSeconds)
        return Output(stdout: r.stdoutText, stderr: r.stderrText, status: r.status)
    }

    /// The DOM after the page's load event.
    func dumpDOM(_ page: URL, windowSize: String = "1200,900") throws -> Output {
        try run(page, ["--window-size=\(windowSize)", "--dump-dom"])
    }

    func screenshot(_ page: URL, to png: URL, windowSize: String) throws -> Output {
        try run(page, ["--window-size=\(windowSize)", "--screenshot=\(png.path)"])
    }

    /// Uncaught exceptions and console errors chromium logged.
    static func consoleErrors(in stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter {
            $0.contains("Uncaught") || ($0.contains(":CONSOLE") && $0.localizedCaseInsensitiveContains("error"))
        }
    }

    /// Errors the report's own recorder wrote into the DOM (`nil` when it recorded none).
    static func recordedErrors(in dom: String) -> String? {
        guard dom.contains("data-report-errors=") else { return nil }
        guard let r = dom.range(of: "data-report-error-log=\"") else { return "errors recorded" }
        return String(dom[r.upperBound...].prefix { $0 != "\"" })
    }
}
