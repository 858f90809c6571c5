import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

struct PoseRunKeypointsFileTests {
    func same(_ a: LandmarkTrack?, _ b: LandmarkTrack) -> Bool {
        guard let a else { return false }
        func eq(_ u: [Double], _ v: [Double]) -> Bool { u.count == v.count && zip(u, v).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
        return eq(a.x, b.x) && eq(a.y, b.y) && a.confidence == b.confidence
    }

    static func sample() -> PoseRunKeypointsFile {
        var heel = LandmarkTrack(missingFrames: 3)
        heel.set(PlanePoint(x: 100.25, y: -400.5), confidence: 0.8, at: 0)
        heel.set(PlanePoint(x: 110.125, y: -401), confidence: 0.7, at: 2)
        var head = LandmarkTrack(missingFrames: 3)
        for i in 0..<3 { head.set(PlanePoint(x: 90 + Double(i) / 3, y: -100), confidence: 1, at: i) }
        var nose = LandmarkTrack(missingFrames: 3)
        nose.set(PlanePoint(x: 95, y: -98), confidence: 0.5, at: 1)
        let sequence = KeypointSequence(
            times: [10.0, 10.0 + 1 / 240, 10.0 + 2 / 240], frameNumbers: [2400, 2401, 2402],
            tracks: [.leftHeel: heel, .head: head], lengthUnit: .pixels, sourceKind: .video, frameRate: 240)
        return PoseRunKeypointsFile(
            sequence: sequence, imageWidth: 1920, imageHeight: 1080, containerFrameRate: 30, source: "test",
            extraPointNames: ["nose"], extraTracks: ["nose": nose])
    }

    @Test func roundTripsExactly() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("clip.keypoints.json")
        let original = Self.sample()
        try original.write(to: url)
        let read = try PoseRunKeypointsFile.read(contentsOf: url)
        // Field by field: NaN (missing) never compares equal, so tracks are compared with NaN = NaN.
        #expect(read.sequence.times == original.sequence.times)
        #expect(read.sequence.frameNumbers == original.sequence.frameNumbers)
        #expect(read.sequence.frameRate == 240 && read.sequence.lengthUnit == .pixels && read.sequence.sourceKind == .video)
        #expect(Set(read.sequence.tracks.keys) == Set(original.sequence.tracks.keys))
        for (landmark, track) in original.sequence.tracks { #expect(same(read.sequence.tracks[landmark], track)) }
        #expect(same(read.extraTracks["nose"], original.extraTracks["nose"]!))
        #expect(read.imageWidth == 1920 && read.imageHeight == 1080 && read.containerFrameRate == 30 && read.source == "test")
        #expect(read.extraPointNames == ["nose"])
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["clip.keypoints.json"])
    }

    /// The second reading (the legs read again on the mirrored picture) goes into the file and comes back; a file
    /// without one reads back with none, and a frame with the wrong count of its points is refused.
    @Test func theSecondReadingRoundTrips() throws {
        var file = Self.sample()
        var ankle = LandmarkTrack(missingFrames: 3)
        ankle.set(PlanePoint(x: 120.5, y: -410.25), confidence: 0.6, at: 1)
        file.sequence.secondReading = [.leftAnkle: ankle]
        let data = try file.encoded()
        let read = try PoseRunKeypointsFile.decode(data, fileName: "m.json")
        #expect(Set(read.sequence.secondReading.keys) == [.leftAnkle])
        #expect(same(read.sequence.secondReading[.leftAnkle], ankle))
        #expect(try PoseRunKeypointsFile.decode(try Self.sample().encoded(), fileName: "v.json").sequence.secondReading.isEmpty)

        let text = try #require(String(data: data, encoding: .utf8))
        let broken = text.replacingOccurrences(of: "\"second\":[null]", with: "\"second\":[null,null]")
        #expect(broken != text)
        #expect(throws: FormatError.self) { try PoseRunKeypointsFile.decode(Data(broken.utf8), fileName: "b.json") }
    }

    @Test func aSyntheticRunnerStaysSyntheticAndVideoIsTheDefault() throws {
        var file = Self.sample()
        file.sequence.sourceKind = .synthetic
        let synthetic = try PoseRunKeypointsFile.decode(try file.encoded(), fileName: "s.json")
        #expect(synthetic.sequence.sourceKind == .synthetic)
        // A video's file carries no source_kind (older files neither), and reads back as video.
        let video = try Self.sample().encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: video) as? [String: Any])
        #expect(object["source_kind"] == nil)
        #expect(try PoseRunKeypointsFile.decode(video, fileName: "v.json").sequence.sourceKind == .video)
    }

    /// The file is written a frame at a time; its bytes must be what encoding the whole document at once gives
    /// (decoded and encoded again with the same encoder settings: one canonical form).
    @Test func theFileWrittenAFrameAtATimeIsTheWholeDocumentsEncoding() throws {
        let data = try Self.sample().encoded()
        let document = try JSONDecoder().decode(PoseRunKeypointsFile.Document.self, from: data)
        #expect(document.frames.count == Self.sample().sequence.frameCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(document), as: UTF8.self) == String(decoding: data, as: UTF8.self))
        // And the written file has the same bytes.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("k.json")
        try Self.sample().write(to: url)
        #expect(try Data(contentsOf: url) == data)
    }

    @Test func storesImagePixelsWithYDown() throws {
        let data = try Self.sample().encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "poserun-keypoints")
        #expect(object["version"] as? Int == 1)
        #expect(object["coordinates"] as? String == "image_pixels_y_down")
        #expect(object["landmarks"] as? [String] == ["head", "left_heel"])
        let frames = try #require(object["frames"] as? [[String: Any]])
        let points = try #require(frames[0]["points"] as? [Any])
        #expect(points[1] as? [Double] == [100.25, 400.5, 0.8])
        #expect(frames[1]["points"].flatMap { ($0 as? [Any])?[1] } is NSNull)
    }

    @Test func loaderReadsItAsVideoAndChecksFps() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("whatever.dat")
        try Self.sample().write(to: url)
        let input = try InputLoader.load(path: url.path)
        #expect(input.kind == .poseRunKeypoints)
        #expect(input.imageWidth == 1920)
        #expect(input.notes.contains { $0.contains("slow motion") })
        _ = try InputLoader.load(path: url.path, options: InputOptions(framesPerSecond: 240))
        #expect { try InputLoader.load(path: url.path, options: InputOptions(framesPerSecond: 30)) } throws: {
            ($0 as? FormatError)?.kind == .conflictingFrameRate
        }
    }

    @Test func rejectsNewerVersionsWrongCountsAndTruncation() throws {
        let good = String(decoding: try Self.sample().encoded(), as: UTF8.self)
        func kind(_ text: String) -> FormatError.Kind? {
            do { _ = try PoseRunKeypointsFile.decode(Data(text.utf8), fileName: "k.json"); return nil } catch let e as FormatError { return e.kind } catch { return nil }
        }
        #expect(kind(good) == nil)
        #expect(kind(good.replacingOccurrences(of: #""version":1"#, with: #""version":2"#)) == .unsupported)
        #expect(kind(good.replacingOccurrences(of: #""left_heel""#, with: #""left_foot""#)) == .malformed)
        #expect(kind(good.replacingOccurrences(of: #","left_heel"]"#, with: "]")) == .malformed)
        #expect(kind(good.replacingOccurrences(of: #""frame_rate":240"#, with: #""frame_rate":0"#)) == .malformed)
        for cut in stride(from: 0, to: good.utf8.count - 1, by: 11) {
            #expect(kind(String(good.prefix(cut))) != nil, "cut at \(cut)")
        }
    }
}
