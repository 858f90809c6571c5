import Foundation
import PoseRunCore
import PoseRunSynthetic
import Testing
@testable import PoseRunFormats

/// TRC and OpenPose BODY_25 writers: what they write, PoseRun's own readers read back.
struct KeypointWritersTests {
    static let imageHeight = 1080

    /// The synthetic runner in pixels, as a keypoints file (y = −row: the runner's feet near row 1000).
    static func keypoints(seconds: Double = 3, frameRate: Double = 60) throws -> PoseRunKeypointsFile {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = seconds
        c.frameRate = frameRate
        c.lengthUnit = .pixels
        var s = try SyntheticRunner(c).generate().sequence
        // Place it in a 1920×1080 image: synthetic y is height above the ground; row = 1000 − height.
        for (l, t) in s.tracks {
            var u = t
            for i in u.y.indices where u.y[i].isFinite { u.y[i] -= 1000 }
            s.tracks[l] = u
        }
        return PoseRunKeypointsFile(sequence: s, imageWidth: 1920, imageHeight: imageHeight)
    }

    /// 6 s at 60 fps: over 360 frames, more than one of the writer's 256-line pieces.
    @Test func trcReadsBackAsTheSamePositions() throws {
        let file = try Self.keypoints(seconds: 6)
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("keypoints.trc")
        try TRCWriter.write(file, to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == TRCWriter.text(file, fileName: "keypoints.trc"))
        let trc = try TRCReader.read(contentsOf: url)
        #expect(trc.trajectories.times.count == file.sequence.frameCount && file.sequence.frameCount > TRCWriter.linesPerPiece)
        let s = file.sequence
        #expect(trc.dataRate == s.frameRate)
        #expect(trc.isPlanar)
        #expect(trc.trajectories.times == s.times)
        #expect(trc.trajectories.frameNumbers == s.frameNumbers)
        #expect(trc.trajectories.markerNames.count == s.tracks.count)
        // Without a scale: Sports2D's convention, pixels / 1000, y = height above the frame's bottom edge.
        for (landmark, name) in TRCWriter.markerNames {
            let track = try #require(s.tracks[landmark])
            let positions = try #require(trc.trajectories.positions[name])
            for i in stride(from: 0, to: s.frameCount, by: 7) {
                #expect(abs(positions[i].x - track.x[i] / 1000) < 1e-12)
                #expect(abs(positions[i].y - (Double(Self.imageHeight) + track.y[i]) / 1000) < 1e-12)
                #expect(positions[i].z == 0)
            }
        }
    }

    @Test func trcInMetresIsAnalysedLikeTheOriginal() throws {
        let file = try Self.keypoints(seconds: 4)
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("keypoints.trc")
        // The synthetic runner is drawn at 400 px per metre, so this scale gives true metres.
        try TRCWriter.write(file, metresPerPixel: 1.0 / 400, to: url)
        let loaded = try InputLoader.load(path: url.path)
        #expect(loaded.kind == .trc)
        #expect(loaded.mapping?.markerSetName == MarkerSet.body25.name)
        #expect(Set(loaded.sequence.tracks.keys) == Set(Landmark.allCases))
        let fromTRC = try Analyzer().analyze(loaded.sequence, name: "trc")
        let direct = try Analyzer().analyze(file.sequence, name: "direct")
        // The synthetic runner's chosen cadence is the independent truth for both.
        let truth = SyntheticRunner.Configuration.poseRunner.cadenceStepsPerMinute
        let a = try #require(fromTRC.summary[Metric.cadence]?.measured?.mean)
        let b = try #require(direct.summary[Metric.cadence]?.measured?.mean)
        #expect(abs(a - truth) / truth < 0.02)
        #expect(abs(b - truth) / truth < 0.02)
        #expect(fromTRC.events.count == direct.events.count)
    }

    @Test func openPoseFolderReadsBackAsTheSameKeypoints() throws {
        // 150 frames: more than two of the writer's blocks of 64, written on different threads.
        var file = try Self.keypoints(seconds: 2.5)
        // A frame with nobody in it, and one landmark missing in another.
        let s0 = file.sequence
        for l in s0.tracks.keys { file.sequence.tracks[l]?.set(nil, confidence: 0, at: 5) }
        file.sequence.tracks[.leftToe]?.set(nil, confidence: 0, at: 8)
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try OpenPoseWriter.write(file, toFolder: folder, prefix: "clip")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == file.sequence.frameCount)
        #expect(names.first == "clip_000000000000_keypoints.json")

        let read = try OpenPoseReader.read(at: folder, framesPerSecond: file.sequence.frameRate)
        let s = file.sequence
        #expect(read.sequence.frameNumbers == s.frameNumbers)
        for (i, t) in read.sequence.times.enumerated() { #expect(abs(t - s.times[i]) < 1e-9) }
        #expect(read.notes.contains { $0.contains("1 frame(s) had no person") })
        for (landmark, track) in s.tracks {
            let back = try #require(read.sequence.tracks[landmark])
            for i in 0..<s.frameCount {
                if let p = track.point(at: i) {
                    let q = try #require(back.point(at: i), "\(landmark) frame \(i)")
                    #expect(abs(q.x - p.x) < 1e-9 && abs(q.y - p.y) < 1e-9)
                    #expect(abs(back.confidence[i] - min(max(track.confidence[i], 0), 1)) < 1e-12)
                } else {
                    #expect(back.point(at: i) == nil)
                }
            }
        }
    }

    @Test func openPoseUsesTheNoseAndMidpointsAsBody25Defines() throws {
        var file = try Self.keypoints(seconds: 1)
        var nose = LandmarkTrack(missingFrames: file.sequence.frameCount)
        nose.set(PlanePoint(x: 12, y: -34), confidence: 0.5, at: 0)
        file.extraPointNames = ["nose"]
        file.extraTracks = ["nose": nose]
        let values = try #require(OpenPoseWriter.body25(file, frame: 0))
        #expect(values.count == 75)
        #expect(Array(values[0..<3]) == [12, 34, 0.5])
        let s = file.sequence
        let l = try #require(s.point(.leftHip, at: 0)), r = try #require(s.point(.rightHip, at: 0))
        #expect(abs(values[3 * 8] - (l.x + r.x) / 2) < 1e-9)
        #expect(abs(values[3 * 8 + 1] + (l.y + r.y) / 2) < 1e-9)
        // Small toes: BlazePose has none, so they are missing (0, 0, 0).
        #expect(Array(values[60..<63]) == [0, 0, 0])
    }
}

/// Outputs are written all or nothing.
struct OutputFolderTests {
    struct Boom: Error {}

    @Test func writesEveryItemAndLeavesNoStagingBehind() throws {
        let root = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("new out")
        let urls = try OutputFolder.write([
            OutputItem(name: "a.txt") { try AtomicFile.write("a", to: $0) },
            OutputItem(name: "frames", isFolder: true) { try AtomicFile.write("f", to: $0.appendingPathComponent("1.json")) },
        ], into: out)
        #expect(urls.map(\.lastPathComponent) == ["a.txt", "frames"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["a.txt", "frames"])
        #expect(try String(contentsOf: out.appendingPathComponent("frames/1.json"), encoding: .utf8) == "f")
    }

    @Test func aFailureLeavesNothingAndRemovesAFolderItCreated() throws {
        let root = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        #expect(throws: Boom.self) {
            try OutputFolder.write([
                OutputItem(name: "a.txt") { try AtomicFile.write("a", to: $0) },
                OutputItem(name: "b.txt") { _ in throw Boom() },
            ], into: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// Items are written at the same time; with several failing, the error is the first item's (what a
    /// one-by-one loop would have stopped at), whatever order the threads finished in.
    @Test func withSeveralFailuresTheFirstItemsErrorIsThrown() throws {
        struct Numbered: Error, Equatable { var item: Int }
        let root = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for _ in 0..<20 {
            let out = root.appendingPathComponent("out")
            #expect(throws: Numbered(item: 2)) {
                try OutputFolder.write([
                    OutputItem(name: "a.txt") { try AtomicFile.write("a", to: $0) },
                    OutputItem(name: "b.txt") { _ in Thread.sleep(forTimeInterval: 0.002); throw Numbered(item: 2) },
                    OutputItem(name: "c.txt") { _ in throw Numbered(item: 3) },
                    OutputItem(name: "d.txt") { _ in throw Numbered(item: 4) },
                ], into: out)
            }
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    /// The OpenPose folder's files skip the flush to disk, but are still whole and leave no temporary files.
    @Test func unflushedWritesAreWholeAndLeaveNoTemporaryFiles() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Data((0..<100_000).map { UInt8($0 % 251) })
        let url = folder.appendingPathComponent("frame.json")
        try AtomicFile.write(Data("old".utf8), to: url, flushingToDisk: false)
        try AtomicFile.write(bytes, to: url, flushingToDisk: false)
        #expect(try Data(contentsOf: url) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["frame.json"])
        #expect { try AtomicFile.write(bytes, to: folder.appendingPathComponent("missing/a.json"), flushingToDisk: false) } throws: {
            ($0 as? FormatError)?.kind == .notWritable
        }
    }

    /// Text is written from the string's own storage, small pieces gathered and a large one straight through, in
    /// order: non-ASCII letters and a piece of 200,000 bytes (over the 64 kB buffer) between short ones.
    @Test func streamedTextIsWrittenWholeAndInOrder() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = String(repeating: "0123456789", count: 20_000)
        let pieces = ["window.P={", "\"côté\":", large, ",\"é\":1", "};\n"]
        let url = folder.appendingPathComponent("player.js")
        try AtomicFile.write(to: url, flushingToDisk: false) { file in
            for piece in pieces { try file.write(piece) }
        }
        #expect(try Data(contentsOf: url) == Data(pieces.joined().utf8))
        try AtomicFile.write(pieces.joined(), to: url, flushingToDisk: false)
        #expect(try String(contentsOf: url, encoding: .utf8) == pieces.joined())
    }

    @Test func aFailureKeepsTheEarlierOutputsOfAnExistingFolder() throws {
        let out = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try AtomicFile.write("old", to: out.appendingPathComponent("a.txt"))
        #expect(throws: Boom.self) {
            try OutputFolder.write([
                OutputItem(name: "a.txt") { try AtomicFile.write("new", to: $0) },
                OutputItem(name: "b.txt") { _ in throw Boom() },
            ], into: out)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["a.txt"])
        #expect(try String(contentsOf: out.appendingPathComponent("a.txt"), encoding: .utf8) == "old")
    }

    @Test func aFolderItemReplacesTheOldFolderWhole() throws {
        let out = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let old = out.appendingPathComponent("frames")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try AtomicFile.write("stale", to: old.appendingPathComponent("stale.json"))
        try OutputFolder.write([
            OutputItem(name: "frames", isFolder: true) { try AtomicFile.write("f", to: $0.appendingPathComponent("1.json")) },
        ], into: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: old.path) == ["1.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["frames"])
    }
}
