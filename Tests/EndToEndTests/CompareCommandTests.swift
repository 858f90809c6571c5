import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunSynthetic
import Testing

/// `poserun compare`: the verdicts for two known runners, and clear errors for bad folders and files.
@Suite struct CompareCommandTests {
    let folder: URL = {
        let f = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-compare-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
        return f
    }()

    /// An output folder as `poserun analyze --out` leaves it, for a synthetic runner.
    func analysed(_ configuration: SyntheticRunner.Configuration, as name: String) throws -> URL {
        var c = configuration
        c.durationSeconds = 6
        let run = try SyntheticRunner(c).generate()
        let analysis = try Analyzer().analyze(run.sequence, name: name)
        let out = folder.appendingPathComponent(name)
        try AnalysisWriter.write(analysis, toFolder: out)
        return out
    }

    func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func heelStrikerThenPoseRunnerIsProgressAndTheReportsAreWritten() throws {
        let before = try analysed(.heelStriker, as: "before"), after = try analysed(.poseRunner, as: "after")
        let out = folder.appendingPathComponent("comparison")
        let r = try PoseRunBinary.run(["compare", before.path, after.appendingPathComponent("analysis.json").path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("improved"))
        #expect(!r.stdout.contains("\u{1B}"))   // not a terminal: no colour codes
        #expect(r.stdout.hasSuffix(out.appendingPathComponent("comparison.json").path + "\n"))
        let html = try String(contentsOf: out.appendingPathComponent("comparison.html"), encoding: .utf8)
        #expect(html.contains("Before / after"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("comparison.json"))) as? [String: Any]
        #expect((json?["score"] as? [String: Any])?["verdict"] as? String == "improved")
    }

    @Test func missingNotJSONForeignAndNewerFilesAreNamedWithTheirProblem() throws {
        let good = try analysed(.poseRunner, as: "good")
        let cases: [(URL, String)] = [
            (folder.appendingPathComponent("nowhere"), "does not exist"),
            (folder, "has no analysis.json"),
            (try file("notes.json", "these are my notes"), "is not JSON"),
            (try file("trace.json", #"{"traceEvents": []}"#), "is JSON but not a PoseRun analysis"),
            (try file("future.json", #"{"schema_version": 99, "input": {}, "summary": {}, "assessment": {}}"#), "schema version 99"),
        ]
        for (bad, problem) in cases {
            let r = try PoseRunBinary.run(["compare", good.path, bad.path])
            #expect(r.status != 0)
            #expect(r.stderr.contains(bad.path), "names the file: \(r.stderr)")
            #expect(r.stderr.contains(problem), "says what is wrong: \(r.stderr)")
        }
    }

    @Test func anOutputFolderThatCannotBeMadeIsNamed() throws {
        let a = try analysed(.poseRunner, as: "a")
        // A folder cannot be made inside a regular file (root can write anywhere, so permissions would not do).
        let blocker = try file("a-file", "x")
        let out = blocker.appendingPathComponent("out")
        let r = try PoseRunBinary.run(["compare", a.path, a.path, "--out", out.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains(out.path))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
