import Foundation
import PoseRunTestSupport
import Testing

/// Bad input gets a clear message naming the file and a non-zero exit — never a crash, never silence.
@Suite struct BadInputTests {
    let folder: URL = {
        let f = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-bad-input-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
        return f
    }()

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A TRC header for the given markers (metres, 100 Hz).
    func trc(rows: [String], markers: [String] = ["LHEE", "RHEE"]) -> String {
        var s = "PathFileType\t4\t(X/Y/Z)\tx.trc\n"
        s += "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n"
        s += "100\t100\t\(rows.count)\t\(markers.count)\tm\t100\t1\t\(rows.count)\n"
        s += "Frame#\tTime\t" + markers.map { $0 + "\t\t" }.joined() + "\n"
        s += "\t\t" + markers.indices.map { "X\($0 + 1)\tY\($0 + 1)\tZ\($0 + 1)" }.joined(separator: "\t") + "\n\n"
        return s + rows.joined(separator: "\n") + "\n"
    }

    @Test func unknownFormatNamesTheFileAndTheFormatsAccepted() throws {
        let path = try write("notes.txt", "this is not motion capture\n")
        let r = try PoseRunBinary.run(["analyze", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("notes.txt"))
        #expect(r.stderr.contains("TRC") && r.stderr.contains("C3D"))
    }

    /// A phone video can be gigabytes: finding what kind of file it is must read only its start. This one is
    /// 3 GB (sparse: no disk used) under a 1.5 GB address-space limit; read whole, as it once was (an 800 MB
    /// file held 840 MB), it would fail before ever reaching the video probe's "not a video".
    @Test func aHugeFileIsNotReadWholeToFindItsKind() throws {
        let url = folder.appendingPathComponent("huge.mp4")
        try Data([0, 0, 0, 0x18] + Array("ftypisom".utf8)).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "ulimit -v 1500000 && exec \"$0\" analyze \"$1\"", PoseRunBinary.url.path, url.path])
        let stderr = r.stderrText
        #expect(r.status != 0)
        #expect(stderr.contains("huge.mp4"))
        #expect(!stderr.contains("cannot read the file") && !stderr.contains("Fatal error"), "\(stderr)")
    }

    @Test func emptyFileIsAnError() throws {
        let path = try write("empty.trc", "")
        let r = try PoseRunBinary.run(["analyze", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("empty.trc"))
    }

    @Test func truncatedTRCSaysWhere() throws {
        let full = trc(rows: (1...50).map { "\($0)\t\(Double($0 - 1) / 100)\t0.1\t0.05\t0\t0.3\t0.05" })
        let path = try write("cut.trc", String(full.prefix(full.count / 2)) + "\n7\t0.06\t0.1")
        let r = try PoseRunBinary.run(["analyze", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cut.trc"))
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func markerMapNamingAbsentMarkersListsThem() throws {
        let data = trc(rows: (1...50).map { "\($0)\t\(Double($0 - 1) / 100)\t0.1\t0.05\t0\t0.3\t0.05\t0" })
        let path = try write("two.trc", data)
        let map = try write("map.json", #"{"left_heel": "LHEE", "right_heel": "NOPE", "left_hip": ["A", "B"]}"#)
        let r = try PoseRunBinary.run(["analyze", path, "--markers", map])
        #expect(r.status != 0)
        #expect(r.stderr.contains("NOPE"))
    }

    @Test func nobodyMovingIsAnError() throws {
        // Plug-in Gait markers standing perfectly still for a second.
        let names = ["LASI", "RASI", "LPSI", "RPSI", "LHEE", "RHEE", "LTOE", "RTOE", "LKNE", "RKNE", "LANK", "RANK"]
        let positions: [[Double]] = [
            [0.1, 1.0, 0.12], [0.1, 1.0, -0.12], [-0.05, 1.02, 0.05], [-0.05, 1.02, -0.05],
            [0, 0.05, 0.1], [0, 0.05, -0.1], [0.2, 0.03, 0.1], [0.2, 0.03, -0.1],
            [0.05, 0.5, 0.1], [0.05, 0.5, -0.1], [0.03, 0.08, 0.1], [0.03, 0.08, -0.1],
        ]
        let rows = (1...100).map { f in
            "\(f)\t\(Double(f - 1) / 100)\t" + positions.map { $0.map { String($0) }.joined(separator: "\t") }.joined(separator: "\t")
        }
        let path = try write("still.trc", trc(rows: rows, markers: names))
        let r = try PoseRunBinary.run(["analyze", path])
        #expect(r.status != 0)
        #expect(r.stderr.lowercased().contains("moving") || r.stderr.contains("contact"))
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func conflictingFrameRateIsAnErrorNotAGuess() throws {
        let data = trc(rows: (1...50).map { "\($0)\t\(Double($0 - 1) / 100)\t0.1\t0.05\t0\t0.3\t0.05\t0" })
        let path = try write("rate.trc", data)
        let r = try PoseRunBinary.run(["analyze", path, "--fps", "60"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("rate.trc"))
    }

    @Test func missingFileIsAnError() throws {
        let r = try PoseRunBinary.run(["analyze", folder.appendingPathComponent("nowhere.c3d").path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("nowhere.c3d"))
    }
}
