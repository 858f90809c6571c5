public import Foundation
public import PoseRunCore

/// The kinds of input `poserun analyze` accepts, told apart by content, not by extension.
public enum InputKind: String, Sendable, Hashable, CaseIterable {
    case c3d
    case trc
    case poseRunKeypoints = "poserun-keypoints"
    case openPoseFolder = "openpose-folder"
    case openPoseFile = "openpose-file"

    /// For messages: what the kind is called.
    public var displayName: String {
        switch self {
        case .c3d: "C3D motion capture"
        case .trc: "TRC marker file"
        case .poseRunKeypoints: "PoseRun keypoints JSON"
        case .openPoseFolder: "OpenPose BODY_25 JSON folder"
        case .openPoseFile: "OpenPose BODY_25 JSON file"
        }
    }
}

/// Choices the user can make about reading an input.
public struct InputOptions: Sendable, Hashable {
    /// `--fps`: the time base for inputs that carry none (OpenPose JSON). Must agree with a file's own rate.
    public var framesPerSecond: Double?
    /// `--markers MAP.json`: a marker map for TRC and C3D files.
    public var markerMap: URL?
    /// `--vertical-axis`: the lab's up axis for TRC and C3D files, when detection should be overridden.
    public var verticalAxis: SagittalProjection.SignedAxis?

    public init(framesPerSecond: Double? = nil, markerMap: URL? = nil, verticalAxis: SagittalProjection.SignedAxis? = nil) {
        self.framesPerSecond = framesPerSecond
        self.markerMap = markerMap
        self.verticalAxis = verticalAxis
    }
}

/// An input read and turned into the sagittal-plane keypoints Core analyses, with how that was done.
public struct LoadedInput: Sendable {
    public var sequence: KeypointSequence
    /// The file or folder name, for reports.
    public var displayName: String
    public var kind: InputKind
    /// Motion capture only: which markers made which landmark.
    public var mapping: MarkerMapping?
    /// Motion capture only: the axes, setting and direction chosen.
    public var projection: SagittalProjection.Report?
    /// Video keypoints only: the image size, when the file gives it.
    public var imageWidth: Int?
    public var imageHeight: Int?
    /// Plain-language remarks for the report (tolerated oddities, choices made).
    public var notes: [String]
}

/// Reads any supported input: detects the format, reads it, maps markers and projects 3D data.
public enum InputLoader {
    /// The formats, for messages.
    public static let acceptedFormats =
        "C3D, TRC (OpenSim/Pose2Sim/Sports2D), PoseRun keypoints JSON, OpenPose BODY_25 JSON (a *_keypoints.json file or a folder of them)"
    /// Relative tolerance for "the same frame rate" (29.97 typed for 30000/1001 counts as equal).
    static let frameRateTolerance = 1e-4

    /// Reads the input at `path`.
    public static func load(path: String, options: InputOptions = InputOptions()) throws -> LoadedInput {
        if let fps = options.framesPerSecond, let violation = Plausibility.frameRateViolation(fps, field: "the frame rate given") {
            throw FormatError(.invalidOption, file: path, problem: "\(violation)", remedy: "give the rate the keypoints were sampled at", option: .frameRate)
        }
        let loaded = try loadUnchecked(path: path, options: options)
        // Whatever the format, a value no recording holds is a corrupt file, said here with its field, before
        // cleaning or drawing could meet it.
        if let violation = Plausibility.firstViolation(in: loaded.sequence) {
            throw FormatError(
                .malformed, file: path, location: violation.frame.map { "frame \($0)" }, problem: "\(violation)",
                remedy: "the file is corrupt there; export it again from its source")
        }
        return loaded
    }

    static func loadUnchecked(path: String, options: InputOptions) throws -> LoadedInput {
        let url = URL(fileURLWithPath: path)
        let kind = try detectKind(at: url)
        let name = url.lastPathComponent
        switch kind {
        case .trc:
            let trc = try TRCReader.read(contentsOf: url)
            try checkFrameRate(fileRate: trc.dataRate, given: options.framesPerSecond, file: path)
            var notes = trc.notes
            if trc.isPlanar { notes.append("2D TRC (every Z is 0), as Sports2D writes") }
            return try loadMotionCapture(trc.trajectories, kind: .trc, path: path, options: options, notes: notes)
        case .c3d:
            let (trajectories, notes) = try readC3DMarkers(at: url)
            try checkFrameRate(fileRate: trajectories.frameRate, given: options.framesPerSecond, file: path)
            return try loadMotionCapture(trajectories, kind: .c3d, path: path, options: options, notes: notes)
        case .poseRunKeypoints:
            try rejectMotionCaptureOptions(options, kind: kind, file: path)
            let file = try PoseRunKeypointsFile.read(contentsOf: url)
            try checkFrameRate(fileRate: file.sequence.frameRate, given: options.framesPerSecond, file: path,
                               containerRate: file.containerFrameRate)
            var notes: [String] = []
            if let container = file.containerFrameRate, abs(container - file.sequence.frameRate) > frameRateTolerance * container {
                notes.append("capture rate \(file.sequence.frameRate) fps (the video container says \(container) fps: slow motion)")
            }
            return LoadedInput(
                sequence: file.sequence, displayName: name, kind: kind, mapping: nil, projection: nil,
                imageWidth: file.imageWidth, imageHeight: file.imageHeight, notes: notes)
        case .openPoseFolder, .openPoseFile:
            try rejectMotionCaptureOptions(options, kind: kind, file: path)
            let result = try OpenPoseReader.read(at: url, framesPerSecond: options.framesPerSecond)
            return LoadedInput(
                sequence: result.sequence, displayName: name, kind: kind, mapping: nil, projection: nil,
                imageWidth: nil, imageHeight: nil, notes: result.notes)
        }
    }

    /// Tells the format from the content: C3D by its header byte, TRC by its first line, JSON by
    /// its fields; a folder holding `*_keypoints.json` files is OpenPose output.
    /// How much of a file `detectKind` reads: enough for every signature it looks at.
    static let detectionHeadBytes = 64 * 1024

    public static func detectKind(at url: URL) throws -> InputKind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FormatError(.unreadable, file: url.path, problem: "no such file or folder", remedy: "check the path")
        }
        if isDirectory.boolValue {
            guard try !OpenPoseReader.frameFiles(in: url).isEmpty else {
                throw FormatError(.unrecognisedFormat, file: url.path,
                                  problem: "the folder holds no *_keypoints.json files",
                                  remedy: "give a file or folder in one of the accepted formats: \(acceptedFormats)")
            }
            return .openPoseFolder
        }
        // Only the start of the file is read: a phone video can be gigabytes, and on Linux a "mapped"
        // read of the whole file is a plain read into memory (an 800 MB file held 840 MB). A JSON file
        // is read whole below, to tell its kind from its keys.
        let data: Data
        let size: Int
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: Self.detectionHeadBytes) ?? Data()
            size = Int(try handle.seekToEnd())
        } catch {
            throw FormatError(.unreadable, file: url.path, problem: "cannot read the file", remedy: "check the path and permissions")
        }
        guard !data.isEmpty else {
            throw FormatError(.noData, file: url.path, problem: "the file is empty")
        }
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }  // UTF-8 byte-order mark
        while start < data.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(data[start]) { start += 1 }
        let head = data[start...].prefix(12)
        if head.starts(with: Array("PathFileType".utf8)) { return .trc }
        if head.first == UInt8(ascii: "{") {
            let whole = size > data.count ? ((try? FileContents.read(url)) ?? data) : data
            if let kind = jsonKind(whole) { return kind }
            throw FormatError(.unrecognisedFormat, file: url.path,
                              problem: "a JSON file that is neither PoseRun keypoints (\"format\": \"poserun-keypoints\") nor OpenPose output (\"people\")",
                              remedy: "accepted formats: \(acceptedFormats)")
        }
        // C3D: the first 512-byte block's second byte is 0x50 (the format's key).
        if size >= 512, data.count >= 2, data[data.startIndex + 1] == 0x50 { return .c3d }
        if data.count >= 2, size < 512, data[data.startIndex + 1] == 0x50 {
            throw FormatError(.truncated, file: url.path, location: "byte \(size)",
                              problem: "looks like a C3D file but is shorter than its 512-byte header", remedy: "the file looks cut short; export it again")
        }
        throw FormatError(.unrecognisedFormat, file: url.path, problem: "not a format PoseRun reads",
                          remedy: "accepted formats: \(acceptedFormats), or a video (MP4, MOV…)")
    }

    static func jsonKind(_ data: Data) -> InputKind? {
        struct Probe: Decodable {
            var format: String?
            var people: [Ignored]?
            struct Ignored: Decodable {}
        }
        // From the top-level members when the document splits into them (JSONPieces): decoding a long file whole
        // to read two keys mapped all of it (263 MB for a 30-minute clip's keypoints).
        let said: InputKind?? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let members = JSONPieces.members(of: bytes) else { return nil }
            func value(_ key: String) -> Range<Int>? { members.last { $0.key == Array(key.utf8) }?.value }
            if let format = value("format"),
               (try? JSONDecoder().decode([String].self, from: JSONPieces.array(of: [format], in: raw)))?.first == PoseRunKeypointsFile.formatName {
                return .some(.poseRunKeypoints)
            }
            if let people = value("people"), bytes[people.lowerBound] == UInt8(ascii: "[") { return .some(.openPoseFile) }
            return .some(nil)
        }
        if let said { return said }
        if let probe = try? JSONDecoder().decode(Probe.self, from: data) {
            if probe.format == PoseRunKeypointsFile.formatName { return .poseRunKeypoints }
            if probe.people != nil { return .openPoseFile }
            return nil
        }
        // Not decodable as a whole (cut short?): look for the telltale keys near the start.
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        if text.contains("\"poserun-keypoints\"") { return .poseRunKeypoints }
        if text.contains("\"people\"") { return .openPoseFile }
        return nil
    }

    // MARK: - Motion capture

    static func loadMotionCapture(
        _ markers: MarkerTrajectories, kind: InputKind, path: String, options: InputOptions, notes: [String]
    ) throws -> LoadedInput {
        let mapping: MarkerMapping
        if let mapURL = options.markerMap {
            let data: Data
            do { data = try FileContents.read(mapURL) } catch {
                throw FormatError(.unreadable, file: mapURL.path, problem: "cannot read the marker map", remedy: "check the marker map's path", option: .markerMap)
            }
            mapping = try MarkerMapping.custom(mapData: data, mapName: mapURL.lastPathComponent, markerNames: markers.markerNames, fileName: path)
        } else {
            mapping = try MarkerMapping.detect(markerNames: markers.markerNames, fileName: path)
        }
        let body = mapping.apply(to: markers)
        let (sequence, report) = try SagittalProjection.project(body, verticalAxis: options.verticalAxis, fileName: path)
        var allNotes = notes
        allNotes.append("marker set: \(mapping.markerSetName)")
        if let hips = mapping.hipMethod { allNotes.append("hips: \(hips)") }
        if !report.missingLandmarks.isEmpty {
            allNotes.append("not in this file: \(report.missingLandmarks.map(\.rawValue).joined(separator: ", "))")
        }
        allNotes.append(
            "vertical axis \(report.vertical)\(report.verticalWasGiven ? " (given)" : ""); \(report.setting.rawValue); forward \(report.forwardNearestAxis)"
            + (report.directionKnown ? "" : " (direction of travel unknown)"))
        allNotes += report.notes
        return LoadedInput(
            sequence: sequence, displayName: URL(fileURLWithPath: path).lastPathComponent, kind: kind, mapping: mapping,
            projection: report, imageWidth: nil, imageHeight: nil, notes: allNotes)
    }

    static func rejectMotionCaptureOptions(_ options: InputOptions, kind: InputKind, file: String) throws {
        if options.markerMap != nil {
            throw FormatError(.invalidOption, file: file, problem: "a marker map applies to TRC and C3D files, not to \(kind.displayName)",
                              remedy: "leave the marker map out", option: .markerMap)
        }
        if options.verticalAxis != nil {
            throw FormatError(.invalidOption, file: file, problem: "a vertical axis applies to TRC and C3D files, not to \(kind.displayName) (image y is always down)",
                              remedy: "leave the vertical axis out", option: .verticalAxis)
        }
    }

    /// A file's own rate wins; a given rate that disagrees is an error rather than a guess.
    static func checkFrameRate(fileRate: Double, given: Double?, file: String, containerRate: Double? = nil) throws {
        guard let given else { return }
        guard given.isFinite, given > 0 else {
            throw FormatError(.invalidOption, file: file, problem: "the frame rate given must be a positive number, got \(given)", option: .frameRate)
        }
        if abs(given - fileRate) > frameRateTolerance * fileRate {
            var problem = "the file's frame rate is \(fileRate) fps but \(given) fps was given"
            if let containerRate { problem += " (the video container says \(containerRate) fps; the file's frame_rate is the capture rate)" }
            throw FormatError(.conflictingFrameRate, file: file, problem: problem,
                              remedy: "leave the frame rate out: this file carries its own time base", option: .frameRate)
        }
    }
}
