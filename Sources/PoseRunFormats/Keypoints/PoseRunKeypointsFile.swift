public import Foundation
public import PoseRunCore

/// PoseRun's own keypoints file (`"format": "poserun-keypoints"`), written by the video path so an
/// analysis can be re-run without the pose model. Schema and conventions: docs/keypoints-json.md.
///
/// On disk coordinates are image pixels with y down, as the pose model gives them; in memory the
/// sequence has y up (y_plane = −y_image), like every other input.
public struct PoseRunKeypointsFile: Sendable, Hashable {
    public static let formatName = "poserun-keypoints"
    /// Bumped when a field changes meaning or is removed; readers refuse newer versions.
    public static let currentVersion = 1
    /// The only coordinate convention version 1 writes.
    public static let coordinateConvention = "image_pixels_y_down"

    /// Landmarks in pixels, y up; `frameRate` is the capture rate (the time base for analysis).
    public var sequence: KeypointSequence
    public var imageWidth: Int
    public var imageHeight: Int
    /// The rate the video container declares, when it differs from the capture rate (slow motion).
    public var containerFrameRate: Double?
    /// Free text: which model and video produced the keypoints.
    public var source: String?
    /// Names of extra points (e.g. BlazePose's 33), in file order.
    public var extraPointNames: [String]
    /// Extra points by name, pixels, y up.
    public var extraTracks: [String: LandmarkTrack]

    public init(
        sequence: KeypointSequence, imageWidth: Int, imageHeight: Int, containerFrameRate: Double? = nil,
        source: String? = nil, extraPointNames: [String] = [], extraTracks: [String: LandmarkTrack] = [:]
    ) {
        self.sequence = sequence
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.containerFrameRate = containerFrameRate
        self.source = source
        self.extraPointNames = extraPointNames
        self.extraTracks = extraTracks
    }

    // MARK: - On-disk shape

    struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    struct Document: Codable {
        struct Image: Codable {
            var width: Int
            var height: Int
        }
        struct Frame: Codable {
            var frame: Int
            var time: Double
            var points: [[Double]?]
            var extra: [[Double]?]?
            /// The second reading's points, in `second_reading` order.
            var second: [[Double]?]?
        }
        var format: String
        var version: Int
        var frame_rate: Double
        var container_frame_rate: Double?
        var image: Image
        var coordinates: String
        var source: String?
        /// `video` (the default when absent) or `synthetic`: what the analysis reports as the input's kind.
        var source_kind: String?
        var landmarks: [String]
        var extra_points: [String]?
        /// Landmarks read a second time, independently, in the same frames (`KeypointSequence.secondReading`).
        var second_reading: [String]?
        /// Frame numbers of frames that repeat the one before (a clip converted from a lower rate).
        var repeated_frames: [Int]?
        var frames: [Frame]
    }

    // MARK: - Reading

    /// Reads a keypoints file from disk.
    public static func read(contentsOf url: URL) throws -> PoseRunKeypointsFile {
        let data: Data
        do { data = try FileContents.read(url) } catch {
            throw FormatError(.unreadable, file: url.path, problem: "cannot read the file", remedy: "check the path and permissions")
        }
        return try decode(data, fileName: url.path)
    }

    /// Decodes and checks the file's content; `fileName` is used in error messages.
    public static func decode(_ data: Data, fileName: String) throws -> PoseRunKeypointsFile {
        func fail(_ kind: FormatError.Kind, at location: String?, _ problem: String, _ remedy: String? = nil) -> FormatError {
            FormatError(kind, file: fileName, location: location, problem: problem, remedy: remedy)
        }
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            let said = JSONDuplicateKeys.problem(duplicate)
            throw fail(.malformed, at: said.location, said.problem, said.remedy)
        }
        // The frames are decoded a slice at a time when the document splits into its members (JSONPieces): the
        // decoder's map of a whole 30-minute file was 263 MB. Otherwise the whole is decoded and its error said.
        let pieces = Self.pieces(of: data)
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: pieces?.rest ?? data) } catch {
            throw fail(.malformed, at: nil, "not valid JSON (\(jsonProblem(error)))", "the file may be cut short; write it again")
        }
        guard header.format == formatName else {
            throw fail(.unrecognisedFormat, at: nil, "format is \(header.format.map { "\"\($0)\"" } ?? "missing"), expected \"\(formatName)\"")
        }
        guard let version = header.version else { throw fail(.malformed, at: nil, "the version field is missing") }
        guard version <= currentVersion, version >= 1 else {
            throw fail(.unsupported, at: nil, "version \(version) is newer than this PoseRun reads (up to \(currentVersion))", "update PoseRun")
        }
        let doc: Document
        do { doc = try JSONDecoder().decode(Document.self, from: pieces?.rest ?? data) } catch {
            throw fail(.malformed, at: jsonLocation(error), "does not follow the poserun-keypoints layout (\(jsonProblem(error)))",
                       "see docs/keypoints-json.md")
        }
        guard doc.coordinates == coordinateConvention else {
            throw fail(.unsupported, at: "coordinates", "coordinates \"\(doc.coordinates)\" are not supported; version 1 uses \"\(coordinateConvention)\"")
        }
        guard doc.frame_rate.isFinite, doc.frame_rate > 0 else { throw fail(.malformed, at: "frame_rate", "must be a positive number") }
        if let c = doc.container_frame_rate, !(c.isFinite && c > 0) { throw fail(.malformed, at: "container_frame_rate", "must be a positive number") }
        guard doc.image.width > 0, doc.image.height > 0 else { throw fail(.malformed, at: "image", "width and height must be positive") }
        var landmarks: [Landmark] = []
        for name in doc.landmarks {
            guard let l = Landmark(rawValue: name) else {
                throw fail(.malformed, at: "landmarks", "unknown landmark \"\(name)\"",
                           "use PoseRun's names (\(Landmark.allCases.map(\.rawValue).joined(separator: ", "))); put other points in extra_points")
            }
            guard !landmarks.contains(l) else { throw fail(.malformed, at: "landmarks", "\"\(name)\" is listed twice") }
            landmarks.append(l)
        }
        let extraNames = doc.extra_points ?? []
        guard Set(extraNames).count == extraNames.count else { throw fail(.malformed, at: "extra_points", "a name is listed twice") }
        var secondLandmarks: [Landmark] = []
        for name in doc.second_reading ?? [] {
            guard let l = Landmark(rawValue: name) else {
                throw fail(.malformed, at: "second_reading", "unknown landmark \"\(name)\"")
            }
            guard !secondLandmarks.contains(l) else { throw fail(.malformed, at: "second_reading", "\"\(name)\" is listed twice") }
            secondLandmarks.append(l)
        }
        let n = pieces?.frames.count ?? doc.frames.count
        guard n > 0 else { throw fail(.noData, at: "frames", "the file has no frames") }
        // The frames, a slice at a time: the document's own when it was decoded whole.
        func frames(_ slice: Range<Int>) throws -> [Document.Frame] {
            guard let pieces else { return Array(doc.frames[slice]) }
            let json = data.withUnsafeBytes { JSONPieces.array(of: pieces.frames[slice], in: $0) }
            do { return try JSONDecoder().decode([Document.Frame].self, from: json) } catch {
                throw fail(.malformed, at: jsonLocation(error, inArray: "frames", from: slice.lowerBound),
                           "does not follow the poserun-keypoints layout (\(jsonProblem(error)))", "see docs/keypoints-json.md")
            }
        }
        var tracks: [Landmark: LandmarkTrack] = [:]
        for l in landmarks { tracks[l] = LandmarkTrack(missingFrames: n) }
        var extraTracks: [String: LandmarkTrack] = [:]
        for name in extraNames { extraTracks[name] = LandmarkTrack(missingFrames: n) }
        var secondTracks: [Landmark: LandmarkTrack] = [:]
        for l in secondLandmarks { secondTracks[l] = LandmarkTrack(missingFrames: n) }
        var times: [Double] = []
        var frameNumbers: [Int] = []
        for slice in stride(from: 0, to: n, by: Self.framesPerSlice).map({ $0..<min($0 + Self.framesPerSlice, n) }) {
            for (j, frame) in try frames(slice).enumerated() {
                let i = slice.lowerBound + j
                let location = "frames[\(i)]"
                guard frame.time.isFinite else { throw fail(.malformed, at: location, "time is not a number") }
                if let previous = times.last, frame.time <= previous {
                    throw fail(.malformed, at: location, "time \(frame.time) s does not increase (previous frame: \(previous) s)")
                }
                guard frame.points.count == landmarks.count else {
                    throw fail(.malformed, at: location, "has \(frame.points.count) points but \(landmarks.count) landmarks are listed")
                }
                // One frame's points of one list into their tracks (y turned up), each checked where it stands.
                func store<Key>(_ points: [[Double]?], field: String, into tracks: inout [Key: LandmarkTrack], keys: [Key]) throws {
                    for (k, point) in points.enumerated() {
                        guard let point else { continue }
                        let p = try checkedPoint(point, at: "\(location).\(field)[\(k)]", fileName: fileName)
                        tracks[keys[k]]?.set(PlanePoint(x: p.x, y: -p.y), confidence: p.confidence, at: i)
                    }
                }
                try store(frame.points, field: "points", into: &tracks, keys: landmarks)
                if let extra = frame.extra {
                    guard extra.count == extraNames.count else {
                        throw fail(.malformed, at: location, "has \(extra.count) extra points but \(extraNames.count) extra_points are listed")
                    }
                    try store(extra, field: "extra", into: &extraTracks, keys: extraNames)
                }
                if let second = frame.second {
                    guard second.count == secondLandmarks.count else {
                        throw fail(.malformed, at: location, "has \(second.count) second-reading points but \(secondLandmarks.count) are listed in second_reading")
                    }
                    try store(second, field: "second", into: &secondTracks, keys: secondLandmarks)
                }
                times.append(frame.time)
                frameNumbers.append(frame.frame)
            }
        }
        guard tracks.values.contains(where: { $0.presentCount > 0 }) else {
            throw fail(.noData, at: "frames", "no landmark is present in any frame", "the pose model found nobody; check the video")
        }
        var sequence = KeypointSequence(
            times: times, frameNumbers: frameNumbers, tracks: tracks, lengthUnit: .pixels,
            sourceKind: doc.source_kind.flatMap(SourceKind.init(rawValue:)) ?? .video, frameRate: doc.frame_rate)
        sequence.secondReading = secondTracks
        if let repeated = doc.repeated_frames {
            let position = Dictionary(zip(frameNumbers, frameNumbers.indices), uniquingKeysWith: { a, _ in a })
            sequence.repeatedFrames = Set(repeated.compactMap { position[$0] })
        }
        return PoseRunKeypointsFile(
            sequence: sequence, imageWidth: doc.image.width, imageHeight: doc.image.height,
            containerFrameRate: doc.container_frame_rate, source: doc.source, extraPointNames: extraNames,
            extraTracks: extraTracks)
    }

    /// Frames decoded at a time: a slice's map is a few MB.
    static let framesPerSlice = 2048

    /// The document with `"frames": []`, and the byte ranges of its frames; nil when the bytes do not split
    /// into one object with one `frames` array.
    static func pieces(of data: Data) -> (rest: Data, frames: [Range<Int>])? {
        data.withUnsafeBytes { raw -> (rest: Data, frames: [Range<Int>])? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let key = Array("frames".utf8)
            guard let members = JSONPieces.members(of: bytes) else { return nil }
            let named = members.filter { $0.key == key }
            guard named.count == 1, let value = named.first?.value, let frames = JSONPieces.elements(ofArray: value, in: bytes) else { return nil }
            var rest = Data(UnsafeRawBufferPointer(rebasing: raw[..<value.lowerBound]))
            rest.append(contentsOf: "[]".utf8)
            rest.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[value.upperBound...]))
            return (rest, frames)
        }
    }

    static func checkedPoint(
        _ values: [Double], at location: String, fileName: String
    ) throws -> (x: Double, y: Double, confidence: Double) {
        guard values.count == 3 else {
            throw FormatError(.malformed, file: fileName, location: location,
                              problem: "a point is [x, y, confidence] or null; found \(values.count) numbers")
        }
        guard values[2] >= 0, values[2] <= 1 else {
            throw FormatError(.malformed, file: fileName, location: location, problem: "confidence \(values[2]) is outside 0…1")
        }
        return (values[0], values[1], values[2])
    }

    // MARK: - Writing

    /// The file's bytes: compact JSON with sorted keys (stable diffs, exact round trip of doubles).
    public func encoded() throws -> Data {
        var data = Data()
        try encode { data.append($0) }
        return data
    }

    /// The same bytes handed to `emit` a piece at a time: the document without its frames, then a frame
    /// at a time. Encoding the whole document at once held ~8 kB a frame (the encoder's tree of every
    /// number), 400 MB for a 30-minute clip; a frame at a time holds one.
    func encode(_ emit: (Data) throws -> Void) throws {
        guard sequence.lengthUnit == .pixels else {
            throw FormatError(.unsupported, file: "keypoints JSON", problem: "version 1 stores image pixels; this sequence is in \(sequence.lengthUnit.rawValue)")
        }
        let n = sequence.frameCount
        guard sequence.frameNumbers.count == n, sequence.tracks.values.allSatisfy({ $0.count == n && $0.confidence.count == n }),
              extraTracks.values.allSatisfy({ $0.count == n && $0.confidence.count == n }) else {
            throw FormatError(.malformed, file: "keypoints JSON", problem: "tracks, times and frame numbers differ in length")
        }
        let landmarks = Landmark.allCases.filter { sequence.tracks[$0] != nil }
        let extraNames = extraPointNames.filter { extraTracks[$0] != nil }
        let secondLandmarks = Landmark.allCases.filter { sequence.secondReading[$0]?.count == n }
        func point(_ track: LandmarkTrack?, _ i: Int) -> [Double]? {
            guard let track, let p = track.point(at: i) else { return nil }
            let c = track.confidence[i]
            return [p.x, -p.y, c.isFinite ? min(max(c, 0), 1) : 0]
        }
        if let i = sequence.times.firstIndex(where: { !$0.isFinite }) {
            throw FormatError(.malformed, file: "keypoints JSON", location: "frame \(i)", problem: "time is not a number")
        }
        let doc = Document(
            format: Self.formatName, version: Self.currentVersion, frame_rate: sequence.frameRate,
            container_frame_rate: containerFrameRate, image: .init(width: imageWidth, height: imageHeight),
            coordinates: Self.coordinateConvention, source: source,
            source_kind: sequence.sourceKind == .video ? nil : sequence.sourceKind.rawValue, landmarks: landmarks.map(\.rawValue),
            extra_points: extraNames.isEmpty ? nil : extraNames,
            second_reading: secondLandmarks.isEmpty ? nil : secondLandmarks.map(\.rawValue),
            repeated_frames: sequence.repeatedFrames.isEmpty ? nil : sequence.repeatedFrames.sorted().map { sequence.frameNumbers[$0] },
            frames: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // `frames` sorts between `frame_rate` and `image`: the empty array is where the frames go.
        let head = try encoder.encode(doc)
        let marker = Data("\"frames\":[]".utf8)
        guard let slot = head.firstRange(of: marker) else {
            throw FormatError(.malformed, file: "keypoints JSON", problem: "the encoder wrote no frames array")
        }
        try emit(head[..<slot.lowerBound] + Data("\"frames\":[".utf8))
        for i in 0..<sequence.frameCount {
            let frame = Document.Frame(
                frame: sequence.frameNumbers[i], time: sequence.times[i],
                points: landmarks.map { point(sequence.tracks[$0], i) },
                extra: extraNames.isEmpty ? nil : extraNames.map { point(extraTracks[$0], i) },
                second: secondLandmarks.isEmpty ? nil : secondLandmarks.map { point(sequence.secondReading[$0], i) })
            try emit((i > 0 ? Data(",".utf8) : Data()) + (try encoder.encode(frame)))
        }
        try emit(Data("]".utf8) + head[(slot.upperBound)...])
    }

    /// Writes the file atomically (temporary name, then rename), a frame at a time.
    public func write(to url: URL) throws {
        try AtomicFile.write(to: url) { file in try encode { try file.write($0) } }
    }
}

/// A short description of a JSON decoding error.
func jsonProblem(_ error: any Error) -> String {
    switch error as? DecodingError {
    case .dataCorrupted(let c)?: return c.debugDescription
    case .keyNotFound(let key, _)?: return "missing \"\(key.stringValue)\""
    case .typeMismatch(let type, _)?: return "expected \(type)"
    case .valueNotFound(let type, _)?: return "expected \(type), found null"
    default: return "\(error)"
    }
}
