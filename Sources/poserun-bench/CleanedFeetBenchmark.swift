import Foundation
import PoseRunCore
import PoseRunFormats

/// For developing the cleaning on a real clip: each frame's knee and ankle fore-aft positions relative to the
/// hips, as the pose model gave them and after cleaning (swaps undone, gaps bridged, filtered), with the swap
/// corrections marked. Not a figure of merit; a look at what the corrector did.
///
///   cleaned-feet KEYPOINTS.json [FROM [TO]]
enum CleanedFeetBenchmark {
    static func run(_ arguments: [String]) throws {
        guard let path = arguments.first else { throw BenchmarkUsage("give a keypoints file") }
        let sequence = try InputLoader.load(path: path).sequence
        let result = KeypointCleaner(configuration: AnalysisConfiguration().cleaning).clean(sequence)
        let n = sequence.frameCount
        let from = arguments.dropFirst().first.flatMap(Int.init) ?? 0
        let to = min(n, arguments.dropFirst(2).first.flatMap(Int.init) ?? n)
        var swapped: [Int: String] = [:]
        for c in result.report.swapCorrections {
            let joints = c.leftLandmarks.map(\.rawValue).joined(separator: "+")
            for f in c.frames { swapped[f] = joints }
        }
        let fromSecond = Set(result.report.framesFromSecondReading)
        var second = sequence
        second.tracks.merge(sequence.secondReading) { $1 }
        let hasSecond = !sequence.secondReading.isEmpty
        func relative(_ s: KeypointSequence, _ l: Landmark, _ f: Int) -> String {
            guard let t = s.tracks[l], let h = s.tracks[.leftHip], let r = s.tracks[.rightHip] else { return "    -" }
            let mid = (h.x[f] + r.x[f]) / 2
            let v = t.x[f] - (mid.isFinite ? mid : h.x[f].isFinite ? h.x[f] : r.x[f])
            return v.isFinite ? String(format: "%+5.0f", v) : "    -"
        }
        print("frame  raw: Lknee Lank  Rknee Rank" + (hasSecond ? " | 2nd: Lknee Lank  Rknee Rank" : "")
            + " | cleaned: Lknee Lank  Rknee Rank  swap")
        for f in from..<to {
            let raw = [Landmark.leftKnee, .leftAnkle, .rightKnee, .rightAnkle].map { relative(sequence, $0, f) }
            let clean = [Landmark.leftKnee, .leftAnkle, .rightKnee, .rightAnkle].map { relative(result.sequence, $0, f) }
            var line = String(format: "%5d ", f) + raw.joined(separator: " ")
            if hasSecond {
                line += " | " + [Landmark.leftKnee, .leftAnkle, .rightKnee, .rightAnkle].map { relative(second, $0, f) }.joined(separator: " ")
            }
            line += " | " + clean.joined(separator: " ")
            if fromSecond.contains(f) { line += "  2nd" }
            if let joints = swapped[f] { line += "  " + joints }
            if sequence.repeatedFrames.contains(f) { line += "  repeated" }
            print(line)
        }
    }
}
