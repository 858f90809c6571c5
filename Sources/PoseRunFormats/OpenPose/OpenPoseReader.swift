public import Foundation
public import PoseRunCore

/// Reads OpenPose BODY_25 output: a folder of `*_keypoints.json` files (one per frame), or one file.
///
/// Each file holds `people[].pose_keypoints_2d`, 25 × (x, y, confidence) in image pixels with y down;
/// (0, 0, 0) marks a keypoint not found. The files carry no frame rate, so one must be given.
public enum OpenPoseReader {
    /// BODY_25 index of each canonical landmark. The head is the nose (the only head point
    /// BODY_25 always tries to place); toes are the big toes.
    public static let body25Indices: [Landmark: Int] = [
        .head: 0,
        .rightShoulder: 2, .rightElbow: 3, .rightWrist: 4,
        .leftShoulder: 5, .leftElbow: 6, .leftWrist: 7,
        .rightHip: 9, .rightKnee: 10, .rightAnkle: 11,
        .leftHip: 12, .leftKnee: 13, .leftAnkle: 14,
        .leftToe: 19, .leftHeel: 21, .rightToe: 22, .rightHeel: 24,
    ]
    static let keypointCount = 25

    /// What was read, with notes on person selection.
    public struct Result: Sendable {
        public var sequence: KeypointSequence
        public var notes: [String]
    }

    struct Frame: Decodable {
        struct Person: Decodable {
            var pose_keypoints_2d: [Double]?
        }
        var people: [Person]
    }

    /// The per-frame files of a folder, in frame order: names ending `_keypoints.json`, ordered
    /// by the last number in the name (OpenPose writes `video_000000000012_keypoints.json`).
    public static func frameFiles(in folder: URL) throws -> [(frame: Int, url: URL)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw FormatError(.unreadable, file: folder.path, problem: "cannot list the folder", remedy: "check the path and permissions")
        }
        var files: [(Int, URL)] = []
        for (position, name) in names.sorted().enumerated() where name.hasSuffix("_keypoints.json") {
            files.append((frameNumber(in: name) ?? position, folder.appendingPathComponent(name)))
        }
        files.sort { $0.0 < $1.0 }
        return files
    }

    /// The last run of digits in a file name, e.g. 12 in `clip_000000000012_keypoints.json`.
    static func frameNumber(in name: String) -> Int? {
        let stem = name.hasSuffix("_keypoints.json") ? String(name.dropLast("_keypoints.json".count)) : name
        var digits = ""
        var found = ""
        for ch in stem {
            if ch.isASCII, ch.isNumber { digits.append(ch) } else {
                if !digits.isEmpty { found = digits }
                digits = ""
            }
        }
        if !digits.isEmpty { found = digits }
        return Int(found)
    }

    /// Reads a folder of per-frame files or a single file. `framesPerSecond` is required.
    public static func read(at url: URL, framesPerSecond: Double?) throws -> Result {
        guard let fps = framesPerSecond else {
            throw FormatError(.missingFrameRate, file: url.path, problem: "OpenPose JSON files carry no frame rate",
                              remedy: "give the video's capture rate (e.g. 60 fps)", option: .frameRate)
        }
        guard fps.isFinite, fps > 0 else {
            throw FormatError(.invalidOption, file: url.path, problem: "the frame rate given must be a positive number, got \(fps)", option: .frameRate)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FormatError(.unreadable, file: url.path, problem: "no such file or folder")
        }
        let files: [(frame: Int, url: URL)]
        if isDirectory.boolValue {
            files = try frameFiles(in: url)
            guard !files.isEmpty else {
                throw FormatError(.noData, file: url.path, problem: "the folder has no *_keypoints.json files",
                                  remedy: "point to OpenPose's --write_json output folder")
            }
        } else {
            files = [(frameNumber(in: url.lastPathComponent) ?? 0, url)]
        }

        let n = files.count
        var tracks: [Landmark: LandmarkTrack] = [:]
        for landmark in body25Indices.keys { tracks[landmark] = LandmarkTrack(missingFrames: n) }
        var previousCentre: PlanePoint?
        var crowdedFrames = 0
        var emptyFrames = 0
        for (i, file) in files.enumerated() {
            let people = try decodePeople(file.url)
            if people.count > 1 { crowdedFrames += 1 }
            guard let chosen = choose(from: people, near: previousCentre) else { emptyFrames += 1; continue }
            previousCentre = centroid(chosen) ?? previousCentre
            for (landmark, k) in body25Indices {
                let x = chosen[3 * k], y = chosen[3 * k + 1], c = chosen[3 * k + 2]
                guard !(x == 0 && y == 0 && c == 0), x.isFinite, y.isFinite, c.isFinite else { continue }
                tracks[landmark]?.set(PlanePoint(x: x, y: -y), confidence: min(max(c, 0), 1), at: i)
            }
        }
        guard emptyFrames < n else {
            throw FormatError(.noData, file: url.path, problem: "no person was detected in any of the \(n) frame(s)")
        }
        var notes: [String] = []
        if crowdedFrames > 0 {
            notes.append("\(crowdedFrames) frame(s) showed several people; followed the largest person of the first frame, then the one nearest the previous choice")
        }
        if emptyFrames > 0 { notes.append("\(emptyFrames) frame(s) had no person detected") }
        let frameNumbers = files.map(\.frame)
        let times = frameNumbers.map { Double($0) / fps }
        if Set(frameNumbers).count != frameNumbers.count {
            throw FormatError(.malformed, file: url.path, problem: "two files carry the same frame number",
                              remedy: "keep one OpenPose output per frame in the folder")
        }
        let sequence = KeypointSequence(
            times: times, frameNumbers: frameNumbers, tracks: tracks, lengthUnit: .pixels, sourceKind: .video, frameRate: fps)
        return Result(sequence: sequence, notes: notes)
    }

    static func decodePeople(_ url: URL) throws -> [[Double]] {
        let data: Data
        do { data = try FileContents.read(url) } catch {
            throw FormatError(.unreadable, file: url.path, problem: "cannot read the file")
        }
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            let said = JSONDuplicateKeys.problem(duplicate)
            throw FormatError(.malformed, file: url.path, location: said.location, problem: said.problem, remedy: said.remedy)
        }
        let frame: Frame
        do { frame = try JSONDecoder().decode(Frame.self, from: data) } catch {
            throw FormatError(.malformed, file: url.path, location: jsonLocation(error),
                              problem: "not an OpenPose keypoints file (expected {\"people\": [{\"pose_keypoints_2d\": [...]}]})",
                              remedy: "the file may be cut short or not OpenPose output")
        }
        var people: [[Double]] = []
        for (p, person) in frame.people.enumerated() {
            guard let values = person.pose_keypoints_2d, !values.isEmpty else { continue }
            guard values.count == 3 * keypointCount else {
                throw FormatError(.unsupported, file: url.path, location: "people[\(p)]",
                                  problem: "pose_keypoints_2d has \(values.count) numbers; BODY_25 has 75 (25 × x, y, confidence)",
                                  remedy: "run OpenPose with --model_pose BODY_25")
            }
            people.append(values)
        }
        return people
    }

    /// The first frame's largest person; afterwards the person nearest the previous choice.
    static func choose(from people: [[Double]], near previous: PlanePoint?) -> [Double]? {
        let candidates = people.filter { centroid($0) != nil }
        guard !candidates.isEmpty else { return nil }
        if let previous {
            return candidates.min { (centroid($0)?.distance(to: previous) ?? .infinity) < (centroid($1)?.distance(to: previous) ?? .infinity) }
        }
        return candidates.max { boxArea($0) < boxArea($1) }
    }

    static func found(_ values: [Double]) -> [PlanePoint] {
        (0..<keypointCount).compactMap { k in
            let c = values[3 * k + 2]
            return c > 0 ? PlanePoint(x: values[3 * k], y: values[3 * k + 1]) : nil
        }
    }

    static func centroid(_ values: [Double]) -> PlanePoint? {
        let points = found(values)
        guard !points.isEmpty else { return nil }
        let sum = points.reduce(PlanePoint(x: 0, y: 0), +)
        return sum * (1 / Double(points.count))
    }

    static func boxArea(_ values: [Double]) -> Double {
        let points = found(values)
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return 0 }
        return (maxX - minX) * (maxY - minY)
    }
}

/// Where an error decoding elements `first…` of the array `name` on their own happened, as `jsonLocation`
/// would say it for the whole document: "name[first + i]…".
func jsonLocation(_ error: any Error, inArray name: String, from first: Int) -> String? {
    guard let inner = jsonLocation(error) else { return name }
    guard inner.hasPrefix("["), let close = inner.firstIndex(of: "]"), let i = Int(inner[inner.index(after: inner.startIndex)..<close]) else {
        return name + inner
    }
    return "\(name)[\(first + i)]" + inner[inner.index(after: close)...]
}

/// Where a JSON decoding error happened, as a readable path (`frames[3].points`), when known.
func jsonLocation(_ error: any Error) -> String? {
    let context: DecodingError.Context?
    switch error as? DecodingError {
    case .dataCorrupted(let c)?: context = c
    case .keyNotFound(_, let c)?: context = c
    case .typeMismatch(_, let c)?: context = c
    case .valueNotFound(_, let c)?: context = c
    default: context = nil
    }
    guard let path = context?.codingPath, !path.isEmpty else { return nil }
    var text = ""
    for key in path {
        if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
    }
    return text
}
