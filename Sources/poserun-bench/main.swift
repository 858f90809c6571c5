import Foundation
import PoseRunCore
import PoseRunFormats

// Scratch accuracy check (to be replaced by ReferenceEvents + EventMatching).
func loadTRC(_ path: String) throws -> KeypointSequence {
    let url = URL(fileURLWithPath: path)
    let trc = try TRCReader.read(contentsOf: url)
    let markers = trc.trajectories
    let mapping = try MarkerMapping.detect(markerNames: markers.markerNames, fileName: url.lastPathComponent)
    let body = mapping.apply(to: markers)
    return try SagittalProjection.project(body, fileName: url.lastPathComponent).sequence
}

func loadCSV(_ path: String, column: String) throws -> [(Double, Side, GaitEventKind)] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
    let header = lines[0].split(separator: ",").map(String.init)
    guard let ti = header.firstIndex(of: column), let si = header.firstIndex(of: "side"), let ei = header.firstIndex(of: "event") else { return [] }
    return lines.dropFirst().compactMap { l in
        let f = l.split(separator: ",").map(String.init)
        guard let t = Double(f[ti]) else { return nil }
        return (t, f[si].hasPrefix("L") ? .left : .right, f[ei] == "IC" ? .initialContact : .toeOff)
    }
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data/mocap").path
let trials = [
    ("hamner-subject01/run200.trc", "hamner-subject01/run200_events_from_grf.csv", "time_s"),
    ("hamner-subject01/run300.trc", "hamner-subject01/run300_events_from_grf.csv", "time_s"),
    ("dorn-sprint-ja1/JA1Gait35.trc", "dorn-sprint-ja1/JA1Gait35_events_from_c3d_forceplates.csv", "time_rel_s"),
]
for (trc, csv, col) in trials {
    do {
        let seq = try loadTRC(root + "/" + trc)
        let analysis = try Analyzer().analyze(seq, name: trc)
        let ref = try loadCSV(root + "/" + csv, column: col)
        var ic: [Double] = [], to: [Double] = []
        for (t, side, kind) in ref {
            let cands = analysis.events.filter { $0.side == side && $0.kind == kind }
            guard let best = cands.min(by: { abs($0.time - t) < abs($1.time - t) }), abs(best.time - t) < 0.1 else { print("  missed \(side) \(kind) \(t)"); continue }
            (kind == .initialContact ? { ic.append(best.time - t) } : { to.append(best.time - t) })()
        }
        func s(_ v: [Double]) -> String { String(format: "MAE %.1f ms, mean %.1f ms, n %d", v.map { abs($0) }.reduce(0, +) / Double(max(1, v.count)) * 1000, v.reduce(0, +) / Double(max(1, v.count)) * 1000, v.count) }
        print(trc, "IC:", s(ic), "| TO:", s(to), "| events", analysis.events.count, "| running", analysis.running.isRunning)
    } catch {
        print(trc, "error:", error)
    }
}
