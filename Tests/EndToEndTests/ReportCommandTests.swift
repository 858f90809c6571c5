import Foundation
import Testing

/// `poserun report DIR`: re-renders report.html from analysis.json; a missing or foreign file is named.
@Suite struct ReportCommandTests {
    let folder: URL = {
        let f = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-report-cmd-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
        return f
    }()

    @Test func rendersFromAnAnalyzeOutputFolder() throws {
        let keypoints = folder.appendingPathComponent("runner.json").path
        let out = folder.appendingPathComponent("out").path
        #expect(try PoseRunBinary.run(["synthetic", keypoints, "--seconds", "4"]).status == 0)
        #expect(try PoseRunBinary.run(["analyze", keypoints, "--height", "1.75", "--out", out, "--quiet"]).status == 0)
        let r = try PoseRunBinary.run(["report", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("id=\"criteria-table\"") && html.contains("runner.json"))
    }

    @Test func aMissingAnalysisIsNamed() throws {
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let r = try PoseRunBinary.run(["report", empty.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains(empty.path) && r.stderr.contains("analysis.json"))
    }

    @Test func aForeignAnalysisIsNamed() throws {
        let foreign = folder.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data(#"{"schema_version": 1, "hello": "world"}"#.utf8).write(to: foreign.appendingPathComponent("analysis.json"))
        let r = try PoseRunBinary.run(["report", foreign.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("analysis.json") && r.stderr.contains("not a PoseRun analysis"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: foreign.appendingPathComponent("report.html").path))
    }
}
