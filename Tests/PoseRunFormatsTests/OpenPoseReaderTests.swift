import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

struct OpenPoseReaderTests {
    /// A BODY_25 person: every keypoint at `centre` offset by its index, except the listed missing ones.
    static func person(centreX: Double, centreY: Double, scale: Double, missing: Set<Int> = []) -> [Double] {
        (0..<25).flatMap { k -> [Double] in
            missing.contains(k) ? [0, 0, 0] : [centreX + scale * Double(k % 5), centreY + scale * Double(k / 5), 0.9]
        }
    }

    static func frameJSON(_ people: [[Double]]) -> String {
        let list = people.map { p in #"{"person_id":[-1],"pose_keypoints_2d":[\#(p.map { "\($0)" }.joined(separator: ","))]}"# }
        return #"{"version":1.3,"people":[\#(list.joined(separator: ","))]}"#
    }

    @Test func readsFramesInNumberOrderFollowingOnePerson() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Frame 0: a large runner at x≈100 and a small bystander at x≈900.
        // Frame 1: the runner has moved to x≈140 and is now smaller than the bystander (farther away).
        // Frame 2: the runner at x≈180 with the nose (0) and right heel (24) not found.
        let frames: [(String, [[Double]])] = [
            ("clip_000000000000_keypoints.json", [Self.person(centreX: 100, centreY: 200, scale: 20), Self.person(centreX: 900, centreY: 200, scale: 5)]),
            ("clip_000000000001_keypoints.json", [Self.person(centreX: 900, centreY: 200, scale: 30), Self.person(centreX: 140, centreY: 200, scale: 10)]),
            ("clip_000000000002_keypoints.json", [Self.person(centreX: 180, centreY: 200, scale: 20, missing: [0, 24])]),
        ]
        // Written out of order, and with a file that is not OpenPose output beside them.
        for (name, people) in frames.reversed() {
            try Self.frameJSON(people).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try "notes".write(to: folder.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)

        #expect(try InputLoader.detectKind(at: folder) == .openPoseFolder)
        let input = try InputLoader.load(path: folder.path, options: InputOptions(framesPerSecond: 50))
        let s = input.sequence
        #expect(s.frameNumbers == [0, 1, 2])
        #expect(s.times == [0, 0.02, 0.04])
        #expect(s.lengthUnit == .pixels)
        #expect(s.sourceKind == .video)
        // The nose (keypoint 0) of the followed person, y flipped up.
        #expect(s.point(.head, at: 0) == PlanePoint(x: 100, y: -200))
        #expect(s.point(.head, at: 1) == PlanePoint(x: 140, y: -200))
        #expect(s.point(.head, at: 2) == nil)
        #expect(s.tracks[.head]?.confidence[2] == 0)
        #expect(s.point(.rightHeel, at: 2) == nil)
        // Left heel is BODY_25 keypoint 21: column 1, row 4 of the synthetic grid.
        #expect(s.point(.leftHeel, at: 0) == PlanePoint(x: 120, y: -280))
        #expect(s.tracks[.leftHeel]?.confidence[0] == 0.9)
        #expect(input.notes.contains { $0.contains("several people") })
    }

    @Test func needsAFrameRate() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.frameJSON([Self.person(centreX: 0, centreY: 0, scale: 1)])
            .write(to: folder.appendingPathComponent("a_000000000000_keypoints.json"), atomically: true, encoding: .utf8)
        #expect { try InputLoader.load(path: folder.path) } throws: { ($0 as? FormatError)?.kind == .missingFrameRate }
    }

    @Test func acceptsASingleFile() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("one.json")
        try Self.frameJSON([Self.person(centreX: 10, centreY: 20, scale: 1)]).write(to: url, atomically: true, encoding: .utf8)
        let input = try InputLoader.load(path: url.path, options: InputOptions(framesPerSecond: 30))
        #expect(input.kind == .openPoseFile)
        #expect(input.sequence.frameCount == 1)
    }

    @Test func cocoEighteenAndBrokenFilesAreErrors() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let coco = folder.appendingPathComponent("coco_keypoints.json")
        try #"{"people":[{"pose_keypoints_2d":[\#(Array(repeating: "1", count: 54).joined(separator: ","))]}]}"#
            .write(to: coco, atomically: true, encoding: .utf8)
        #expect { try OpenPoseReader.read(at: coco, framesPerSecond: 30) } throws: { ($0 as? FormatError)?.kind == .unsupported }
        let text = Self.frameJSON([Self.person(centreX: 10, centreY: 20, scale: 1)])
        for cut in stride(from: 1, to: text.utf8.count, by: 37) {
            let url = folder.appendingPathComponent("cut_\(cut)_keypoints.json")
            try String(text.prefix(cut)).write(to: url, atomically: true, encoding: .utf8)
            #expect(throws: FormatError.self) { try OpenPoseReader.read(at: url, framesPerSecond: 30) }
        }
        let nobody = folder.appendingPathComponent("empty_keypoints.json")
        try #"{"people":[]}"#.write(to: nobody, atomically: true, encoding: .utf8)
        #expect { try OpenPoseReader.read(at: nobody, framesPerSecond: 30) } throws: { ($0 as? FormatError)?.kind == .noData }
    }

    @Test func frameNumbersComeFromTheLastNumberInTheName() {
        #expect(OpenPoseReader.frameNumber(in: "run2_000000000123_keypoints.json") == 123)
        #expect(OpenPoseReader.frameNumber(in: "000042_keypoints.json") == 42)
        #expect(OpenPoseReader.frameNumber(in: "keypoints.json") == nil)
    }
}
