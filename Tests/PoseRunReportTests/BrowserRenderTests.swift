import Foundation
import Testing
import PoseRunCore
@testable import PoseRunReport

/// The report as a person sees it: rendered by a real browser, with no console error and every key part there.
@Suite(.enabled(if: HeadlessBrowser.isInstalled, "needs chromium: run scripts/setup-report-tools.sh (apt-get install chromium)"))
struct BrowserRenderTests {
    /// Where the browser tests leave the demo report and its first-screen screenshot (docs/report-screenshot.png is a copy).
    static let outputFolder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-report-browser")

    @Test func rendersTheDemoReportWithoutConsoleErrorsAndWithItsKeyParts() throws {
        let browser = try #require(HeadlessBrowser.installed)
        let f = try ReportFixture.make(name: "Synthetic runner (demo): heel strike, long stride")
        let html = HTMLReport(analysis: f.analysis, generatedAt: Date()).render()
        let page = try HTMLReportWriter.write(html, toFolder: Self.outputFolder)

        for size in ["1200,900", "390,844"] {   // desktop and a phone
            let out = try browser.dumpDOM(page, windowSize: size)
            #expect(out.status == 0, "chromium exited with \(out.status): \(out.stderr.suffix(500))")
            let dom = out.stdout
            #expect(dom.contains("data-report-ready=\"yes\""), "the load event ran")
            #expect(HeadlessBrowser.recordedErrors(in: dom) == nil, "errors on the page: \(HeadlessBrowser.recordedErrors(in: dom) ?? "")")
            #expect(HeadlessBrowser.consoleErrors(in: out.stderr).isEmpty, "\(HeadlessBrowser.consoleErrors(in: out.stderr))")
            for id in ["score", "priorities", "criteria-table", "steps-table", "symmetry-table", "data-quality",
                       "chart-knee", "chart-hip", "chart-trunk", "chart-feet", "chart-com"] {
                #expect(dom.contains("id=\"\(id)\""), "\(id) in the rendered page")
            }
            for side in Side.allCases {
                for kind in KeyFrameKind.allCases {
                    #expect(dom.contains("<figure id=\"\(HTMLReport.anchor(side, kind))\""), "\(side) \(kind) figure")
                }
            }
        }

        let png = Self.outputFolder.appendingPathComponent("first-screen.png")
        try? FileManager.default.removeItem(at: png)
        let shot = try browser.screenshot(page, to: png, windowSize: "1200,900")
        #expect(shot.status == 0)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(bytes.count > 20_000, "a drawn page, not a blank one (\(bytes.count) bytes)")
    }

    /// The check itself can fail: a page with a script error and a broken image is caught.
    @Test func aPageWithAScriptErrorIsCaught() throws {
        let browser = try #require(HeadlessBrowser.installed)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-broken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let f = try ReportFixture.make()
        let broken = HTMLReport(analysis: f.analysis).render()
            .replacingOccurrences(of: "</main>", with: "<img src=\"data:image/png;base64,AAAA\"><script>notDefined();</script></main>")
        let page = try HTMLReportWriter.write(broken, toFolder: folder)
        let out = try browser.dumpDOM(page)
        let recorded = try #require(HeadlessBrowser.recordedErrors(in: out.stdout))
        #expect(recorded.contains("notDefined"))
        #expect(recorded.contains("failed to load IMG"))
    }
}
