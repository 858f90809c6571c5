import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

struct InputLoaderTests {
    func write(_ data: Data, named name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    func kind(of error: any Error) -> FormatError.Kind? { (error as? FormatError)?.kind }

    @Test func detectsByContentNotExtension() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trc = try write(Data(SyntheticMarkers(frameCount: 10).trcText().utf8), named: "trial.json", in: folder)
        #expect(try InputLoader.detectKind(at: trc) == .trc)
        var c3d = Data(count: 1024)
        c3d[0] = 2
        c3d[1] = 0x50
        let c3dURL = try write(c3d, named: "trial.trc", in: folder)
        #expect(try InputLoader.detectKind(at: c3dURL) == .c3d)
        // Whether or not the C3D reader is wired in, a zero-filled "C3D" must give a FormatError.
        #expect(throws: FormatError.self) { try InputLoader.load(path: c3dURL.path) }
        let openPose = try write(Data(#"{"version":1.3,"people":[]}"#.utf8), named: "frame.txt", in: folder)
        #expect(try InputLoader.detectKind(at: openPose) == .openPoseFile)
    }

    @Test func unknownEmptyAndMissingInputsAreExplained() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = try write(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), named: "photo.png", in: folder)
        do {
            _ = try InputLoader.load(path: png.path)
            Issue.record("expected an error")
        } catch let error as FormatError {
            // 8 bytes with 0x50 second: too short to be a C3D header.
            #expect(error.kind == .truncated || error.kind == .unrecognisedFormat)
            #expect(error.description.contains("photo.png"))
        }
        let text = try write(Data("just some words\n".utf8), named: "notes.txt", in: folder)
        #expect { try InputLoader.load(path: text.path) } throws: {
            self.kind(of: $0) == .unrecognisedFormat && "\($0)".contains("TRC") && "\($0)".contains("OpenPose")
        }
        let empty = try write(Data(), named: "empty.trc", in: folder)
        #expect { try InputLoader.load(path: empty.path) } throws: { self.kind(of: $0) == .noData }
        #expect { try InputLoader.load(path: folder.appendingPathComponent("absent.trc").path) } throws: { self.kind(of: $0) == .unreadable }
        let otherJSON = try write(Data(#"{"hello": 1}"#.utf8), named: "x.json", in: folder)
        #expect { try InputLoader.load(path: otherJSON.path) } throws: { self.kind(of: $0) == .unrecognisedFormat }
        #expect { try InputLoader.load(path: folder.path) } throws: { self.kind(of: $0) == .unrecognisedFormat }
    }

    @Test func fpsMustAgreeWithTheFileRate() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write(Data(SyntheticMarkers(speedMetresPerSecond: 3, frameRate: 100, frameCount: 60).trcText().utf8), named: "t.trc", in: folder)
        let input = try InputLoader.load(path: url.path, options: InputOptions(framesPerSecond: 100))
        #expect(input.sequence.frameRate == 100)
        #expect(input.sequence.sourceKind == .motionCapture)
        #expect(input.sequence.lengthUnit == .metres)
        #expect { try InputLoader.load(path: url.path, options: InputOptions(framesPerSecond: 50)) } throws: {
            self.kind(of: $0) == .conflictingFrameRate
        }
    }

    @Test func markerMapOptionIsUsedAndCheckedAgainstTheKind() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write(Data(SyntheticMarkers(speedMetresPerSecond: 3, frameCount: 60).trcText().utf8), named: "t.trc", in: folder)
        let map = try write(Data(#"{"left_heel": "LHEE", "right_heel": "RHEE", "left_toe": "LTOE", "right_toe": "RTOE", "head": ["LFHD", "RFHD"], "left_hip": "LASI", "right_hip": "RASI"}"#.utf8),
                            named: "map.json", in: folder)
        let input = try InputLoader.load(path: url.path, options: InputOptions(markerMap: map))
        #expect(input.mapping?.markerSetName == "custom map (map.json)")
        #expect(!input.sequence.has(.leftKnee))
        #expect(input.sequence.has(.head))
        let openPose = try write(Data(#"{"people":[]}"#.utf8), named: "f_keypoints.json", in: folder)
        #expect { try InputLoader.load(path: openPose.path, options: InputOptions(framesPerSecond: 30, markerMap: map)) } throws: {
            self.kind(of: $0) == .invalidOption
        }
    }
}
