import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

struct AnalysisWriterTests {
    static let steps = [
        StepRecord(side: .left, initialContactTime: 0.5, initialContactFrame: 50, toeOffTime: 0.72, toeOffFrame: 72,
                   metrics: [.contactTime: 0.22, .kneeFlexionAtContact: 12.5]),
        StepRecord(side: .right, initialContactTime: 0.86, initialContactFrame: 86, toeOffTime: nil, toeOffFrame: nil,
                   metrics: [.kneeFlexionAtContact: 14, .trunkLean: .nan]),
    ]

    static func analysis() -> Analysis {
        Analysis(
            input: InputDescription(name: "t.trc", sourceKind: .motionCapture, frameRate: 100, frameCount: 200, durationSeconds: 1.99,
                                    lengthUnit: .metresFromInput, directionOfTravel: 1, setting: .treadmill, centreOfMassMethod: .midHipForMissingLandmarks),
            running: RunningCheck(isRunning: true, reason: "flight phases seen"), events: [], steps: steps,
            summary: [.cadence: .measured(MeasuredMetric(left: [170], right: [172], unit: .stepsPerMinute)),
                      .elbowAngle: .notMeasurable(reason: "no wrists")],
            footStrikePattern: FootStrikePattern(pattern: nil, counts: [:], note: "n/a"),
            assessment: Assessment(score: nil, scoring: "none", criteria: []),
            quality: DataQuality(frames: 200, framesWithConfidentPose: 200, interpolatedSamples: 0, swapsCorrected: 0,
                                 missingLandmarks: [.head], filterCutoffHz: 10, findings: []))
    }

    @Test func stepsCSVHasFixedColumnsThenSortedMetricsAndEmptyCells() {
        let lines = AnalysisWriter.stepsCSV(Self.steps).split(separator: "\n").map(String.init)
        #expect(lines == [
            "side,ic_time_s,ic_frame,to_time_s,to_frame,contact_time_s,knee_flexion_at_contact_deg,trunk_lean_deg",
            "left,0.5,50,0.72,72,0.22,12.5,",
            "right,0.86,86,,,,14.0,",
        ])
    }

    @Test func writesBothFilesAtomicallyAndTheJSONReadsBack() throws {
        let folder = try makeScratchFolder().appendingPathComponent("out/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        let urls = try AnalysisWriter.write(Self.analysis(), toFolder: folder)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["analysis.json", "steps.csv"])
        let decoded = try JSONDecoder().decode(Analysis.self, from: Data(contentsOf: urls.analysis))
        #expect(decoded.input == Self.analysis().input)
        #expect(decoded.summary[.elbowAngle] == .notMeasurable(reason: "no wrists"))
        // The NaN step metric means "not measured" and is left out rather than written as a non-number.
        #expect(decoded.steps[1].metrics == [.kneeFlexionAtContact: 14])
        #expect(try AnalysisWriter.readAnalysis(from: urls.analysis).steps.count == 2)
        let text = try String(contentsOf: urls.analysis, encoding: .utf8)
        #expect(text.contains("\"schema_version\" : 2"))
    }

    @Test func unwritableOutputIsAClearError() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        #expect { try AnalysisWriter.write(Self.analysis(), toFolder: blocker.appendingPathComponent("out")) } throws: {
            ($0 as? FormatError)?.kind == .notWritable && "\($0)".contains("output folder")
        }
        #expect { try AtomicFile.write(Data(), to: folder.appendingPathComponent("missing/a.json")) } throws: {
            ($0 as? FormatError)?.kind == .notWritable
        }
        // A folder where the file should go: the rename fails and the temporary file is cleaned up.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("analysis.json/inner"), withIntermediateDirectories: true)
        #expect(throws: FormatError.self) { try AtomicFile.write(Data("{}".utf8), to: folder.appendingPathComponent("analysis.json")) }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["file", "analysis.json"])
    }

    /// The one atomic writer (plan.md, plan.ics and plan.json go through it too): a flushed write replaces
    /// the file whole and leaves no temporary file beside it.
    @Test func atomicWriteReplacesTheFileAndLeavesNoTemporary() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.md")
        try AtomicFile.write("first", to: file)
        try AtomicFile.write("second", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.md"])
    }

    @Test func writingIntoAMissingFolderNamesItAndSaysWhatToDo() {
        let folder = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect {
            try AtomicFile.write("x", to: folder.appendingPathComponent("plan.md"))
        } throws: { error in
            let text = "\(error)"
            return (error as? FormatError)?.kind == .notWritable && text.contains(folder.path) && text.contains("create it")
        }
    }
}
