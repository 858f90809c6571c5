public import Foundation
public import PoseRunCore

/// Writes a video's keypoints as a 2D TRC marker file, the format OpenSim, Pose2Sim and Sports2D read.
///
/// Markers carry the OpenPose / HALPE names Sports2D uses (`Head`, `LShoulder`, `RBigToe`…), so
/// PoseRun's own reader maps them back with its BODY_25 marker set. X is image x, Y is height above
/// the frame's bottom edge (up positive), Z is 0. With a scale (`metresPerPixel`, from the runner's
/// height) the values are metres; without one they follow Sports2D's pixel files: pixels / 1000,
/// labelled `m` (OpenSim needs a length unit), which are not metres.
public enum TRCWriter {
    /// TRC marker name for each landmark (Sports2D / HALPE_26 spelling; toes are big toes).
    public static let markerNames: [(Landmark, String)] = [
        (.head, "Head"),
        (.rightShoulder, "RShoulder"), (.rightElbow, "RElbow"), (.rightWrist, "RWrist"),
        (.leftShoulder, "LShoulder"), (.leftElbow, "LElbow"), (.leftWrist, "LWrist"),
        (.rightHip, "RHip"), (.rightKnee, "RKnee"), (.rightAnkle, "RAnkle"), (.rightHeel, "RHeel"), (.rightToe, "RBigToe"),
        (.leftHip, "LHip"), (.leftKnee, "LKnee"), (.leftAnkle, "LAnkle"), (.leftHeel, "LHeel"), (.leftToe, "LBigToe"),
    ]
    /// Sports2D's pixel convention when no scale is known: 1 px = 0.001 "m".
    public static let unscaledMetresPerPixel = 0.001

    /// The file's text. `fileName` goes into the `PathFileType` line, as TRC writers do.
    public static func text(_ keypoints: PoseRunKeypointsFile, metresPerPixel: Double? = nil, fileName: String = "keypoints.trc") -> String {
        var text = ""
        lines(keypoints, metresPerPixel: metresPerPixel, fileName: fileName) { text += $0 }
        return text
    }

    /// Lines handed on at a time: a few hundred frames, ~80 kB of text, never the whole of a long clip's file.
    static let linesPerPiece = 256

    /// The file's text `linesPerPiece` lines at a time (a long clip's file is never whole in memory).
    static func lines(
        _ keypoints: PoseRunKeypointsFile, metresPerPixel: Double?, fileName: String, emit: (String) throws -> Void
    ) rethrows {
        let s = keypoints.sequence
        let scale = metresPerPixel.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? unscaledMetresPerPixel
        let markers = markerNames.filter { s.tracks[$0.0] != nil }
        let height = Double(keypoints.imageHeight)
        var lines: [String] = []
        lines.append("PathFileType\t4\t(X/Y/Z)\t\(fileName)")
        lines.append("DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames")
        let rate = number(s.frameRate)
        let firstFrame = s.frameNumbers.first ?? 0
        lines.append("\(rate)\t\(rate)\t\(s.frameCount)\t\(markers.count)\tm\t\(rate)\t\(firstFrame)\t\(s.frameCount)")
        lines.append((["Frame#", "Time"] + markers.flatMap { [$0.1, "", ""] }).joined(separator: "\t"))
        lines.append((["", ""] + markers.indices.flatMap { ["X\($0 + 1)", "Y\($0 + 1)", "Z\($0 + 1)"] }).joined(separator: "\t"))
        lines.append("")
        for i in 0..<s.frameCount {
            var cells = [String(s.frameNumbers[i]), number(s.times[i])]
            for (landmark, _) in markers {
                if let p = s.point(landmark, at: i) {
                    // y in the keypoints file is −row: height above the bottom edge is imageHeight + y.
                    cells += [number(p.x * scale), number((height + p.y) * scale), "0"]
                } else {
                    cells += ["", "", ""]
                }
            }
            lines.append(cells.joined(separator: "\t"))
            if lines.count >= linesPerPiece {
                try emit(lines.joined(separator: "\n") + "\n")
                lines.removeAll(keepingCapacity: true)
            }
        }
        if !lines.isEmpty { try emit(lines.joined(separator: "\n") + "\n") }
    }

    /// Writes the file atomically (temporary name, then rename).
    public static func write(_ keypoints: PoseRunKeypointsFile, metresPerPixel: Double? = nil, to url: URL) throws {
        try AtomicFile.write(to: url) { file in
            try lines(keypoints, metresPerPixel: metresPerPixel, fileName: url.lastPathComponent) { try file.write($0) }
        }
    }

    /// Shortest text that reads back as the same double.
    static func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }
}
