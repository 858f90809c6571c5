import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// The pieces of a JSON document found by skipping bytes: the known answers are the byte ranges of a hand-written
/// document, and a long keypoints file read a slice at a time reads as it did whole.
struct JSONPiecesTests {
    func members(_ text: String) -> [(String, String)]? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in
            JSONPieces.members(of: b)?.map { (String(decoding: $0.key, as: UTF8.self), String(decoding: bytes[$0.value], as: UTF8.self)) }
        }
    }

    func elements(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in
            JSONPieces.elements(ofArray: 0..<bytes.count, in: b)?.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func topLevelMembersAreFoundWithStringsAndNestingSkipped() throws {
        let text = #" {"a": 1, "b" :"x}\"]," , "c":{"d":[1,{"e":"]"}]}, "f":[ ] ,"g":-2.5e3,"h":null}"# + "\n"
        let found = try #require(members(text))
        #expect(found.map(\.0) == ["a", "b", "c", "f", "g", "h"])
        #expect(found.map(\.1) == ["1", #""x}\"],""#, #"{"d":[1,{"e":"]"}]}"#, "[ ]", "-2.5e3", "null"])
        #expect(members("{}")?.isEmpty == true)
        #expect(members("\u{FEFF}{\"a\":true}")?.first?.1 == "true")
    }

    @Test func whatIsNotOneObjectIsNotSplit() {
        for bad in [
            "", "[1]", "{", #"{"a":1"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, #"{"a":[1}"#, #"{"a":"x}"#, #"{"a":1} {}"#,
            #"{"a":1 "b":2}"#, #"{"a":}"#, #"{"a":"\"}"#,
        ] {
            #expect(members(bad) == nil, "\(bad)")
        }
    }

    @Test func anArraysElementsAreItsTopLevelValues() {
        #expect(elements(#"[1, "a,b", [2,3], {"x":[4]} ,null]"#) == ["1", #""a,b""#, "[2,3]", #"{"x":[4]}"#, "null"])
        #expect(elements("[ ]") == [])
        #expect(elements("[1 2]") == nil)
        #expect(elements("[1,]") == nil)
        #expect(elements(#"{"a":1}"#) == nil)
    }

    /// More frames than one slice: the same sequence as the whole document gives, and a bad frame in the second
    /// slice is named by its place in the file.
    @Test func aLongKeypointsFileReadsAsItsWholeDocument() throws {
        let n = PoseRunKeypointsFile.framesPerSlice + 300
        var heel = LandmarkTrack(missingFrames: n)
        for i in 0..<n where i % 7 != 3 { heel.set(PlanePoint(x: Double(i) * 0.5, y: -400 - Double(i % 13)), confidence: 0.9, at: i) }
        let sequence = KeypointSequence(
            times: (0..<n).map { Double($0) / 60 }, tracks: [.leftHeel: heel], lengthUnit: .pixels, sourceKind: .video, frameRate: 60)
        let file = PoseRunKeypointsFile(sequence: sequence, imageWidth: 1080, imageHeight: 1920)
        let data = try file.encoded()
        #expect(PoseRunKeypointsFile.pieces(of: data)?.frames.count == n)
        let read = try PoseRunKeypointsFile.decode(data, fileName: "k.json")
        #expect(read.sequence.times == sequence.times)
        #expect(read.sequence.frameNumbers == sequence.frameNumbers)
        let x = try #require(read.sequence.tracks[.leftHeel]?.x)
        #expect(zip(x, heel.x).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })

        // The frame after the first slice, made wrong: a confidence of 2.
        var text = String(decoding: data, as: UTF8.self)
        let k = PoseRunKeypointsFile.framesPerSlice + 5
        let good = #""time":\#(sequence.times[k])"#
        let at = try #require(text.range(of: good))
        let frameStart = try #require(text[..<at.lowerBound].range(of: "{", options: .backwards))
        let pointEnd = try #require(text[frameStart.lowerBound...].range(of: ",0.9]"))
        text.replaceSubrange(pointEnd, with: ",2]")
        #expect {
            try PoseRunKeypointsFile.decode(Data(text.utf8), fileName: "k.json")
        } throws: { error in
            "\(error)".contains("frames[\(k)]") && "\(error)".contains("outside 0…1")
        }
        // A point that is not [x, y, confidence]: the decoder's own error, placed in the file.
        text.replaceSubrange(try #require(text.range(of: ",2]")), with: ",\"a\"]")
        #expect {
            try PoseRunKeypointsFile.decode(Data(text.utf8), fileName: "k.json")
        } throws: { error in "\(error)".contains("frames[\(k)]") }
    }
}
