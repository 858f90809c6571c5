import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// A key written twice in one object is an error naming the key and its line, in every JSON reader;
/// the same key in different objects, or inside a string, is not.
struct JSONDuplicateKeysTests {
    static func first(_ text: String) -> JSONDuplicateKeys.Duplicate? { JSONDuplicateKeys.first(in: Data(text.utf8)) }

    @Test func findsTheSecondOccurrenceAndItsLine() {
        #expect(Self.first("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}") == .init(key: "a", line: 3))
        #expect(Self.first(#"{"x": {"k": 1, "k": 2}}"#) == .init(key: "k", line: 1))
        #expect(Self.first(#"[{"a": 1}, {"b": [1, {"c": 1, "c": 2}]}]"#)?.key == "c")
        // An escaped spelling is the same key to a decoder.
        #expect(Self.first(#"{"a": 1, "\u0061": 2}"#)?.key == "a")
    }

    @Test func sameKeyInOtherObjectsOrInsideStringsIsFine() {
        #expect(Self.first(#"{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}"#) == nil)
        #expect(Self.first(#"{"x": "{\"a\": 1, \"a\": 2}", "y": "a"}"#) == nil)
        #expect(Self.first(#"{"a": "a", "b": ["a", "a"]}"#) == nil)
        // Broken JSON is left to the decoder: no finding, no crash.
        for broken in ["{\"a\":", "}}]]", "{\"a", "\"", "{\"a\\", ""] { #expect(Self.first(broken) == nil) }
    }

    @Test func everyJSONReaderRefusesADuplicateNamingKeyAndLine() throws {
        do {
            _ = try PoseRunKeypointsFile.decode(Data("{\"format\": \"poserun-keypoints\",\n\"format\": \"x\"}".utf8), fileName: "k.json")
            Issue.record("a keypoints file with a duplicate key was read")
        } catch let error as FormatError {
            #expect(error.kind == .malformed && error.location == "line 2")
            #expect(error.problem.contains("\"format\" appears twice"))
        }
        do {
            _ = try MarkerMapping.custom(
                mapData: Data(#"{"left_heel": "LHEE", "left_heel": "LTOE"}"#.utf8), mapName: "map.json",
                markerNames: ["LHEE", "LTOE"], fileName: "t.trc")
            Issue.record("a marker map with a duplicate key was read")
        } catch let error as FormatError {
            #expect(error.file == "map.json" && error.problem.contains("\"left_heel\" appears twice"))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openpose-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let frame = folder.appendingPathComponent("clip_000000000000_keypoints.json")
        try Data(#"{"people": [], "people": []}"#.utf8).write(to: frame)
        #expect(throws: FormatError.self) { _ = try OpenPoseReader.decodePeople(frame) }
        do { _ = try OpenPoseReader.decodePeople(frame) } catch let error as FormatError {
            #expect(error.problem.contains("\"people\" appears twice"))
        }
    }

    @Test func anAnalysisWithADuplicateKeyIsRefused() throws {
        let data = try AnalysisFileLoaderTests.encoded(AnalysisFileLoaderTests.analysis())
        var text = String(decoding: data, as: UTF8.self)
        text.removeFirst()   // "{"
        let doubled = Data(("{\"schema_version\": 1," + text).utf8)
        #expect(AnalysisFileLoaderTests.problem(doubled).contains("\"schema_version\" appears twice"))
        #expect(AnalysisFileLoaderTests.problem(data).isEmpty)
    }
}
