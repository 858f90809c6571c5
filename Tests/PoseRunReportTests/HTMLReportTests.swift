import Foundation
import Testing
import PoseRunCore
@testable import PoseRunReport

/// What the page must contain and must never contain, checked on a synthetic runner's report.
struct HTMLReportTests {
    @Test func containsEveryCriterionWithItsStatusAndTarget() throws {
        let f = try ReportFixture.make()
        let html = HTMLReport(analysis: f.analysis).render()
        #expect(f.analysis.assessment.criteria.count == CriterionID.allCases.count)
        for c in f.analysis.assessment.criteria {
            #expect(html.contains("data-criterion=\"\(c.id.rawValue)\""), "row for \(c.id)")
            #expect(html.contains(HTMLText.escape(c.title)))
            #expect(html.contains(HTMLText.escape(c.target.text)))
        }
        #expect(html.contains("id=\"score\""))
        let score = try #require(f.analysis.assessment.score)
        #expect(html.contains("<div class=\"value\">\(Int(score.rounded()))</div>"))
    }

    @Test func escapesEveryUserString() throws {
        var f = try ReportFixture.make(name: "<script>alert(\"x\")</script> & 'run'.json")
        f.analysis.quality.findings.append(.note("<img src=x onerror=alert(1)>"))
        let html = HTMLReport(analysis: f.analysis).render()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;run&#39;.json"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func makesNoNetworkReference() throws {
        let f = try ReportFixture.make()
        let image = KeyFrameImage(jpeg: Data([0xFF, 0xD8, 0xFF, 0xD9]), width: 640, height: 480)
        let frames = Dictionary(uniqueKeysWithValues: f.profiles.keyFrames.map { ($0.frame, image) })
        for html in [HTMLReport(analysis: f.analysis).render(), HTMLReport(analysis: f.analysis, keyFrameImages: frames).render()] {
            #expect(!html.lowercased().contains("http://") && !html.lowercased().contains("https://"))
            #expect(!html.contains("//"+"cdn") && !html.contains("@import") && !html.contains("url("))
            // Every src/href is a data URI or an in-page anchor.
            for attribute in ["src=\"", "href=\""] {
                var rest = Substring(html)
                while let r = rest.range(of: attribute) {
                    rest = rest[r.upperBound...]
                    #expect(rest.hasPrefix("data:") || rest.hasPrefix("#"), "\(attribute)\(rest.prefix(30))")
                }
            }
            #expect(html.contains("<meta name=\"viewport\""))
            #expect(html.contains("@media print"))
        }
    }

    @Test func keyFrameFiguresCarryTheEventsTimes() throws {
        let f = try ReportFixture.make()
        let html = HTMLReport(analysis: f.analysis).render()
        for side in Side.allCases {
            let ic = try #require(f.analysis.events.initialContacts(of: side).first { $0.time == f.profiles.keyFrame(side, .initialContact)?.time })
            let to = try #require(f.analysis.events.toeOffs(of: side).first { $0.time == f.profiles.keyFrame(side, .fall)?.time })
            #expect(html.contains("<figure id=\"kf-\(side.rawValue)-initial_contact\" data-time=\"\(ic.time)\" data-frame=\"\(ic.frame)\">"))
            #expect(html.contains("<figure id=\"kf-\(side.rawValue)-fall\" data-time=\"\(to.time)\" data-frame=\"\(to.frame)\">"))
            for kind in KeyFrameKind.allCases {
                #expect(html.contains("id=\"\(HTMLReport.anchor(side, kind))\""))
            }
        }
        // Every link in the criteria table lands on a figure.
        for c in f.analysis.assessment.criteria {
            for kind in HTMLReport.keyFrameKinds(showing: c.id) {
                #expect(html.contains("href=\"#\(HTMLReport.anchor(.left, kind))\""))
            }
        }
    }

    @Test func drawsOnVideoFramesWhenGivenAndSaysSoWhenNot() throws {
        var f = try ReportFixture.make()
        f.analysis.input.sourceKind = .video
        let fallback = HTMLReport(analysis: f.analysis, keyFrameImageProblem: "ffmpeg <missing>").render()
        #expect(fallback.contains("id=\"stick-figure-fallback\""))
        #expect(fallback.contains("ffmpeg &lt;missing&gt;"))
        #expect(!fallback.contains("data:image/jpeg"))
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xD9])
        let frames = Dictionary(uniqueKeysWithValues: f.profiles.keyFrames.map { ($0.frame, KeyFrameImage(jpeg: jpeg, width: 640, height: 480)) })
        let drawn = HTMLReport(analysis: f.analysis, keyFrameImages: frames).render()
        #expect(!drawn.contains("stick-figure-fallback"))
        #expect(drawn.components(separatedBy: "data:image/jpeg;base64,\(jpeg.base64EncodedString())").count - 1 == f.profiles.keyFrames.count)
    }

    /// With the player's clip beside the report, each key frame is a canvas the player fills from that clip:
    /// no JPEG in the page, the frame number and the region of the 640×480 frame to paint on each canvas.
    @Test func keyFramesFromThePlayersClipAreCanvasesForTheirFrames() throws {
        var f = try ReportFixture.make()
        f.analysis.input.sourceKind = .video
        let frames = Dictionary(uniqueKeysWithValues: f.profiles.keyFrames.map { ($0.frame, KeyFrameImage.fromPlayerClip(width: 640, height: 480)) })
        let html = HTMLReport(analysis: f.analysis, keyFrameImages: frames, hasPlayer: true).render()
        #expect(!html.contains("data:image/jpeg"))
        #expect(!html.contains("stick-figure-fallback"))
        #expect(html.components(separatedBy: "<canvas class=\"key-frame-canvas\"").count - 1 == f.profiles.keyFrames.count)
        for kf in f.profiles.keyFrames {
            #expect(html.contains("<canvas class=\"key-frame-canvas\" data-frame=\"\(kf.frame)\""), "frame \(kf.frame)")
        }
        #expect(html.contains("data-frame-size=\"640 480\""))
    }

    @Test func chartsAreDrawnForEveryCurveWithReferenceBands() throws {
        let f = try ReportFixture.make()
        let html = HTMLReport(analysis: f.analysis).render()
        for id in ["chart-knee", "chart-hip", "chart-trunk", "chart-feet", "chart-com"] {
            #expect(html.contains("<svg class=\"chart\" id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("peak swing 86–92°"))
        #expect(html.contains("7.3 ± 3.6°"))
        // Without profiles the page says what is missing instead of drawing empty charts.
        var old = f.analysis
        old.gaitCycleProfiles = nil
        let bare = HTMLReport(analysis: old).render()
        #expect(!bare.contains("<svg class=\"chart\""))
        #expect(bare.contains("No gait-cycle curves"))
    }

    @Test func topNamesTheHeaviestFaultsAndTheirDrills() throws {
        let f = try ReportFixture.make()
        let faults = f.analysis.assessment.faultsByPriority
        try #require(!faults.isEmpty, "the default synthetic runner heel-strikes and overstrides")
        let drill = DrillSuggestion(fault: faults[0], name: "Pony <drill>", dose: "3 × 20 s", why: "Light feet.")
        let html = HTMLReport(analysis: f.analysis, drills: [drill]).render()
        let top = try #require(html.range(of: "id=\"priorities\""))
        let firstTitle = try #require(f.analysis.assessment.criteria.first { $0.fault == faults[0] }?.title)
        let titleAt = try #require(html.range(of: HTMLText.escape(firstTitle), range: top.upperBound..<html.endIndex))
        #expect(html.distance(from: top.upperBound, to: titleAt.lowerBound) < 200, "the heaviest fault comes first")
        #expect(html.contains("Pony &lt;drill&gt;</b> — 3 × 20 s"))
    }

    @Test func notRunningShowsTheReasonAndNoScore() throws {
        var f = try ReportFixture.make()
        f.analysis.running = RunningCheck(isRunning: false, reason: "no flight phase: walking")
        let html = HTMLReport(analysis: f.analysis).render()
        #expect(html.contains("id=\"not-running\""))
        #expect(html.contains("no flight phase: walking"))
        #expect(!html.contains("id=\"score\""))
    }
}

/// The writer replaces atomically and names the folder when it cannot write.
struct HTMLReportWriterTests {
    @Test func writesAtomicallyAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-report-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let url = try HTMLReportWriter.write("<p>one</p>", toFolder: folder)
        _ = try HTMLReportWriter.write("<p>two</p>", toFolder: folder)
        #expect(try String(contentsOf: url, encoding: .utf8) == "<p>two</p>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    @Test func anUnwritableFolderIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-not-a-folder-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // Works as root too: a regular file where the folder should be, and a folder under a file.
        for folder in [file, file.appendingPathComponent("sub")] {
            #expect {
                try HTMLReportWriter.write("<p/>", toFolder: folder)
            } throws: { error in
                guard let e = error as? HTMLReportWriteError else { return false }
                return e.description.contains(folder.path) && e.description.contains("output folder")
            }
        }
    }
}
