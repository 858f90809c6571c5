import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunReport

/// One fuzz target per reader, and one for the analysis and report path on whatever a reader accepts.
/// A target takes any bytes; a thrown error is the right answer to a bad file, so errors are ignored. A
/// crash, a hang (libFuzzer's -timeout) or a huge allocation (-malloc_limit_mb) is a finding.
enum FuzzTargets {
    static let names = ["c3d", "trc", "keypoints", "openpose", "analysis", "reference-csv", "labels", "marker-map", "pipeline"]

    /// Inputs that need a file go through one in memory-backed /dev/shm when there is one.
    static let scratch: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let dir = base.appendingPathComponent("poserun-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func file(_ data: Data, named name: String) -> URL? {
        let url = scratch.appendingPathComponent(name)
        return (try? data.write(to: url)) != nil ? url : nil
    }

    static func run(_ target: String, _ data: Data) {
        switch target {
        case "c3d":
            if let file = try? C3DReader.read(bytes: [UInt8](data), fileName: "fuzz.c3d") { _ = try? file.markerTrajectories() }
        case "trc":
            _ = try? TRCReader.parse(String(decoding: data, as: UTF8.self), fileName: "fuzz.trc")
        case "keypoints":
            _ = try? PoseRunKeypointsFile.decode(data, fileName: "fuzz.json")
        case "openpose":
            if let url = file(data, named: "fuzz_000000000000_keypoints.json") { _ = try? OpenPoseReader.read(at: url, framesPerSecond: 30) }
        case "analysis":
            guard let analysis = try? AnalysisFileLoader.decode(data, path: "fuzz/analysis.json") else { return }
            render(analysis)
            _ = ComparisonDocuments.html(AnalysisComparison(before: analysis, after: analysis, beforeLabel: "a", afterLabel: "b"))
        case "reference-csv":
            _ = try? ReferenceEventsCSV.parse(
                String(decoding: data, as: UTF8.self), fileName: "fuzz.csv",
                timeBase: InputTimeBase(frameRate: 100, firstFrameNumber: 1, firstSampleTime: 0))
        case "labels":
            _ = try? VideoEventLabels.parse(String(decoding: data, as: UTF8.self), fileName: "fuzz.labels")
        case "marker-map":
            _ = try? MarkerMapping.custom(
                mapData: data, mapName: "fuzz-map.json",
                markerNames: ["LASI", "RASI", "LPSI", "RPSI", "LKNE", "RKNE", "LANK", "RANK", "LHEE", "RHEE", "LTOE", "RTOE"],
                fileName: "fuzz.trc")
        case "pipeline":
            // Any input a reader accepts (told apart by content, as `analyze` does), analysed and drawn.
            guard let url = file(data, named: "fuzz-input"),
                  let loaded = try? InputLoader.load(path: url.path),
                  let run = try? Analyzer().analyzeKeepingCleaned(loaded.sequence, name: "fuzz") else { return }
            let full = run.analysis
            render(full)
            _ = PlayerData(
                analysis: full, cleaned: run.cleaned, frameByFrame: run.frameByFrame, media: nil,
                targets: HTMLReport(analysis: full).playerTargets()).javaScript()
            if let json = try? AnalysisWriter.analysisJSONData(full) { _ = try? AnalysisFileLoader.decode(json, path: "round-trip") }
        default:
            break
        }
    }

    static func render(_ analysis: Analysis) {
        _ = HTMLReport(analysis: analysis, hasPlayer: true).render()
        _ = TerminalSummary(useColour: false).render(analysis)
    }
}
