import Foundation
import PoseRunCore
import PoseRunSynthetic
import Testing
@testable import PoseRunFormats

/// The one analysis.json reader: what it refuses, in words that name the file and the field.
struct AnalysisFileLoaderTests {
    static func analysis() throws -> Analysis {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 8
        return try Analyzer().analyze(try SyntheticRunner(c).generate().sequence, name: "synthetic")
    }

    static func encoded(_ analysis: Analysis) throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(analysis)
    }

    static func problem(_ data: Data) -> String {
        do { _ = try AnalysisFileLoader.decode(data, path: "/x/analysis.json"); return "" } catch { return "\(error)" }
    }

    @Test func foreignAndNewerFilesAreNamedWithTheProblem() throws {
        func problem(_ text: String) -> String { Self.problem(Data(text.utf8)) }
        #expect(problem("hello").contains("/x/analysis.json is not JSON"))
        #expect(problem("[1, 2]").contains("not a PoseRun analysis"))
        #expect(problem(#"{"name": "a Chrome trace"}"#).contains("not a PoseRun analysis (no schema_version, input, summary, assessment field)"))
        #expect(problem(#"{"schema_version": 99, "input": {}, "summary": {}, "assessment": {}}"#).contains("schema version 99"))
        #expect(problem(#"{"schema_version": 1, "input": {}, "summary": {}, "assessment": {}}"#).contains("cannot be read"))
        // A real one reads back whole, NaN strings and all.
        let analysis = try Self.analysis()
        #expect(try AnalysisFileLoader.decode(Self.encoded(analysis), path: "a") == analysis)
    }

    /// A number no analysis holds (the fuzzer's 1e308 and 2⁶⁴) is refused with its field, not drawn.
    @Test func anImplausibleNumberIsRefusedNamingItsField() throws {
        let data = try Self.encoded(Self.analysis())
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var summary = try #require(object["summary"] as? [String: Any])
        var metric = try #require(summary["trunk_lean_deg"] as? [String: Any])
        for bad in [1e308, -1e308, 18446744073709551616.0] {
            metric["sd"] = bad
            summary["trunk_lean_deg"] = metric
            object["summary"] = summary
            let message = Self.problem(try JSONSerialization.data(withJSONObject: object))
            #expect(message.contains("/x/analysis.json") && message.contains("summary.trunk_lean_deg.sd"), "\(message)")
        }
    }

    @Test func aFileFarLargerThanAnyAnalysisIsRefusedBeforeReading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("analysis.json")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(AnalysisFileLoader.largestFileBytes + 1))   // sparse: no disk used
        try handle.close()
        #expect(throws: AnalysisFileError.self) { try AnalysisFileLoader.load(dir.path) }
        do { _ = try AnalysisFileLoader.load(dir.path) } catch { #expect("\(error)".contains("larger than any analysis")) }
    }

    /// Schema 2 writes the findings as data and reads them back whole; a version-1 file's sentences
    /// (`quality.warnings`) read as notes, into the current version.
    @Test func findingsRoundTripAndVersionOneWarningsReadAsNotes() throws {
        var analysis = try Self.analysis()
        #expect(analysis.schemaVersion == 2)
        analysis.quality.findings = [
            .frameRateUnusable(0), .noLowPassFilter(cutoffHz: 31), .legsSwapped(frames: 2), .legsMerged(frames: 1),
            .groundTilted(degrees: -2.5), .footWithoutLandmarks(.left), .footFromSinglePoint(.right),
            .stepsAcrossMissedContacts(steps: 3, ratio: 1.75),
            .repeatedFrames(repeated: 60, frames: 300, distinctRate: 24, frameRate: 30), .pulldownRetimed(period: 5, captureRate: 24),
            .coarseTiming(rate: 30, isDistinctRate: false, recommendedRate: 60), .fewSteps(4),
            .cadenceDisagrees(eventStepsPerMinute: 226, rhythmStepsPerMinute: 168),
            .cameraView(CameraViewFinding(.notSideOn, "turned away")), .slowMotion(factor: 4), .note("said"),
        ]
        #expect(Set(analysis.quality.findings.map(\.kind)) == Set(QualityFinding.Kind.allCases))
        let written = try AnalysisWriter.analysisJSONData(analysis)
        #expect(try AnalysisFileLoader.decode(written, path: "a") == analysis)
        #expect(String(decoding: written, as: UTF8.self).contains("\"kind\" : \"legs_swapped\""))

        var object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        var quality = try #require(object["quality"] as? [String: Any])
        quality["findings"] = nil
        quality["warnings"] = ["Only 4 steps: means and spreads are rough.", "second"]
        object["quality"] = quality
        object["schema_version"] = 1
        let old = try AnalysisFileLoader.decode(try JSONSerialization.data(withJSONObject: object), path: "old")
        #expect(old.quality.findings == [.note("Only 4 steps: means and spreads are rough."), .note("second")])
        #expect(old.schemaVersion == 2)
    }
}
