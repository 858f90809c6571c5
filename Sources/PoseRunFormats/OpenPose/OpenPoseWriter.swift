public import Foundation
import PoseRunCore

/// Writes keypoints as OpenPose BODY_25 JSON: one `<name>_<frame, 12 digits>_keypoints.json` per
/// frame in a folder, as OpenPose's `--write_json` does, so tools built for OpenPose read them.
///
/// Each file holds one person (or none where no pose was found): 25 × (x, y, confidence) in image
/// pixels, y down; (0, 0, 0) where a point is missing. Points come from the landmarks; the nose,
/// eyes and ears from BlazePose's extra points when the file has them (else the nose is the head
/// landmark); the neck and mid-hip are the midpoints OpenPose defines them as; the small toes,
/// which BlazePose lacks, are left missing.
public enum OpenPoseWriter {
    /// BODY_25 points taken from extra points by name, when present.
    static let extraIndices: [(name: String, index: Int)] = [
        ("nose", 0), ("right_eye", 15), ("left_eye", 16), ("right_ear", 17), ("left_ear", 18),
    ]
    static let neckIndex = 1
    static let midHipIndex = 8

    /// The 75 numbers of one frame, or `nil` when the frame has no pose at all.
    public static func body25(_ keypoints: PoseRunKeypointsFile, frame i: Int) -> [Double]? {
        let s = keypoints.sequence
        var values = [Double](repeating: 0, count: 3 * OpenPoseReader.keypointCount)
        var any = false
        func set(_ index: Int, _ point: PlanePoint?, _ confidence: Double) {
            guard let point, point.isFinite else { return }
            // Keypoints files store y = −row; OpenPose stores the row.
            values[3 * index] = point.x
            values[3 * index + 1] = -point.y
            values[3 * index + 2] = confidence.isFinite ? min(max(confidence, 0), 1) : 0
            any = true
        }
        func sample(_ landmark: Landmark) -> (PlanePoint, Double)? {
            guard let track = s.tracks[landmark], let p = track.point(at: i) else { return nil }
            return (p, track.confidence[i])
        }
        for (landmark, index) in OpenPoseReader.body25Indices {
            if let (p, c) = sample(landmark) { set(index, p, c) }
        }
        for (name, index) in extraIndices {
            if let track = keypoints.extraTracks[name], let p = track.point(at: i) { set(index, p, track.confidence[i]) }
        }
        func midpoint(_ a: Landmark, _ b: Landmark, into index: Int) {
            guard let (p, c) = sample(a), let (q, d) = sample(b) else { return }
            set(index, PlanePoint.midpoint(p, q), min(c, d))
        }
        midpoint(.leftShoulder, .rightShoulder, into: neckIndex)
        midpoint(.leftHip, .rightHip, into: midHipIndex)
        return any ? values : nil
    }

    /// One frame's file contents.
    public static func frameJSON(_ keypoints: PoseRunKeypointsFile, frame i: Int) -> String {
        let people: String
        if let values = body25(keypoints, frame: i) {
            let numbers = values.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }.joined(separator: ",")
            people = "{\"person_id\":[-1],\"pose_keypoints_2d\":[\(numbers)],\"face_keypoints_2d\":[],\"hand_left_keypoints_2d\":[],"
                + "\"hand_right_keypoints_2d\":[],\"pose_keypoints_3d\":[],\"face_keypoints_3d\":[],\"hand_left_keypoints_3d\":[],"
                + "\"hand_right_keypoints_3d\":[]}"
        } else {
            people = ""
        }
        return "{\"version\":1.3,\"people\":[\(people)]}\n"
    }

    /// The file name of a frame: `<prefix>_000000000012_keypoints.json`.
    public static func fileName(prefix: String, frameNumber: Int) -> String {
        let digits = String(max(frameNumber, 0))
        return prefix + "_" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "_keypoints.json"
    }

    /// Writes every frame into `folder` (which must exist), each file atomically.
    public static func write(_ keypoints: PoseRunKeypointsFile, toFolder folder: URL, prefix: String) throws {
        let s = keypoints.sequence
        // A file per frame: a long clip has thousands, so they are written a block of frames per core.
        let blockSize = 64
        try Parallel.forEach((s.frameCount + blockSize - 1) / blockSize) { block in
            for i in block * blockSize..<min(s.frameCount, (block + 1) * blockSize) {
                let url = folder.appendingPathComponent(fileName(prefix: prefix, frameNumber: s.frameNumbers[i]))
                try AtomicFile.write(frameJSON(keypoints, frame: i), to: url, flushingToDisk: false)
            }
        }
    }
}
