import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

struct TRCReaderTests {
    /// A small hand-written file: CRLF, a blank line, trailing tabs, an empty cell and a NaN.
    static let messy = [
        "PathFileType\t4\t(X/Y/Z)\tmessy.trc",
        "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames",
        "200\t200\t3\t2\tmm\t200\t11\t3",
        "Frame#\tTime\tA\t\t\tB\t\t",
        "\t\tX1\tY1\tZ1\tX2\tY2\tZ2",
        "",
        "11\t0.05\t1000\t2000\t3000\t10\t20\t30\t",
        "",
        "12\t0.055\t1001\t\t3001\tNaN\tNaN\tNaN\t",
        "13\t0.06\t1002\t2002\t3002\t12\t22\t32",
    ].joined(separator: "\r\n") + "\r\n"

    @Test func readsHeaderFramesTimesAndConvertsMillimetres() throws {
        let trc = try TRCReader.parse(Self.messy, fileName: "messy.trc")
        #expect(trc.dataRate == 200)
        #expect(trc.units == "mm")
        #expect(trc.originalDataStartFrame == 11)
        let m = trc.trajectories
        #expect(m.markerNames == ["A", "B"])
        #expect(m.frameNumbers == [11, 12, 13])
        #expect(m.times == [0.05, 0.055, 0.06])
        #expect(m.positions["A"]?[0] == SIMD3(1, 2, 3))
        // An empty cell and NaN cells are missing values.
        #expect(m.positions["A"]?[1].y.isNaN == true)
        #expect(abs((m.positions["A"]?[1].x ?? 0) - 1.001) < 1e-12)
        #expect(m.positions["B"]?[1].x.isNaN == true)
        #expect(abs((m.positions["B"]?[2].z ?? 0) - 0.032) < 1e-15)
        #expect(!trc.isPlanar)
    }

    @Test func metresAndSyntheticRoundTrip() throws {
        let runner = SyntheticMarkers(frameCount: 20)
        for (units, ending, tab) in [("m", "\n", false), ("mm", "\r\n", true)] {
            let trc = try TRCReader.parse(runner.trcText(units: units, lineEnding: ending, trailingTab: tab), fileName: "s.trc")
            #expect(trc.trajectories.frameCount == 20)
            let built = runner.markers()["LSHO"]![5]
            let read = trc.trajectories.positions["LSHO"]![5]
            #expect(abs(read.y - built.y) < 1e-9)
        }
    }

    @Test func twoDimensionalSports2DFileIsPlanar() throws {
        let names = ["Nose", "RShoulder", "LShoulder", "RHip", "LHip", "RKnee", "LKnee", "RAnkle", "LAnkle", "RHeel", "LHeel", "RBigToe", "LBigToe"]
        let heights: [String: Double] = ["Nose": 1.7, "RShoulder": 1.45, "LShoulder": 1.45, "RHip": 0.95, "LHip": 0.95, "RKnee": 0.5, "LKnee": 0.5,
                                         "RAnkle": 0.08, "LAnkle": 0.08, "RHeel": 0.05, "LHeel": 0.05, "RBigToe": 0.03, "LBigToe": 0.03]
        let offsets: [String: Double] = ["RHeel": -0.06, "LHeel": -0.06, "RBigToe": 0.15, "LBigToe": 0.15]
        var lines = ["PathFileType\t4\t(X/Y/Z)\tdemo_Sports2D.trc",
                     "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames",
                     "30\t30\t30\t\(names.count)\tm\t30\t0\t30",
                     "Frame#\tTime\t" + names.joined(separator: "\t\t\t"),
                     "\t\t" + (1...names.count).map { "X\($0)\tY\($0)\tZ\($0)" }.joined(separator: "\t"), ""]
        for i in 0..<30 {
            let t = Double(i) / 30
            var cells = ["\(i)", "\(t)"]
            for name in names {
                let swing = name.hasPrefix("L") ? 0.3 * sin(2 * .pi * 1.5 * t) : -0.3 * sin(2 * .pi * 1.5 * t)
                let foot = ["Ankle", "Heel", "BigToe"].contains { name.hasSuffix($0) }
                cells += ["\(2.0 * t + (offsets[name] ?? 0) + (foot ? swing : 0))", "\(heights[name]!)", "0"]
            }
            lines.append(cells.joined(separator: "\t"))
        }
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("demo_Sports2D.trc")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let input = try InputLoader.load(path: url.path)
        #expect(input.mapping?.markerSetName == MarkerSet.body25.name)
        #expect(input.projection?.vertical == .init(.y))
        #expect(input.projection?.setting == .overground)
        #expect(input.projection?.forwardNearestAxis == .init(.x))
        #expect(input.notes.contains { $0.contains("2D TRC") })
        #expect(input.sequence.frameNumbers.first == 0)
    }

    func expectError(_ text: String, _ kind: FormatError.Kind, line: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try TRCReader.parse(text, fileName: "bad.trc")
            Issue.record("expected \(kind)", sourceLocation: sourceLocation)
        } catch let error as FormatError {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.file == "bad.trc", sourceLocation: sourceLocation)
            if let line { #expect(error.location == "line \(line)", "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func brokenFilesGiveErrorsNamingTheLine() {
        let lines = Self.messy.components(separatedBy: "\r\n")
        func with(_ index: Int, _ replacement: String) -> String {
            var l = lines
            l[index] = replacement
            return l.joined(separator: "\n")
        }
        expectError("hello\n", .unrecognisedFormat, line: 1)
        expectError(with(2, "200\t200\t3\t2\tinches\t200\t11\t3"), .unsupported, line: 3)
        expectError(with(2, "0\t0\t3\t2\tmm"), .malformed, line: 3)
        expectError(with(6, "11\t0.05\t1000\tabc\t3000\t10\t20\t30"), .malformed, line: 7)
        expectError(with(9, "13\t0.05\t1002\t2002\t3002\t12\t22\t32"), .malformed, line: 10)
        expectError(with(9, "x\t0.06\t1002\t2002\t3002\t12\t22\t32"), .malformed, line: 10)
        expectError(with(9, "13\t0.06\t1002\t2002\t3002\t12\t22\t32\t99"), .malformed, line: 10)
        expectError(with(3, "Frame#\tTime\tA\t\t\tA\t\t"), .malformed, line: 4)
        // Header counts more frames than the file holds.
        expectError(with(2, "200\t200\t9\t2\tmm\t200\t11\t9"), .truncated)
        // Every value missing.
        let empty = (0..<lines.count).map { i in i >= 6 && !lines[i].isEmpty ? "\(i)\t\(Double(i))\t\t\t\tNaN\tNaN\tNaN" : lines[i] }
        expectError(empty.joined(separator: "\n"), .noData)
        // No data rows at all.
        expectError(lines[0..<5].joined(separator: "\n") + "\n", .noData)
    }

    /// Every marker at (0, 0, 0), which a TRC means as a gap: the file has no data, and the message says so
    /// rather than that the vertical axis cannot be found.
    @Test func aFileWhoseMarkersAreAllGapsSaysItHasNoPositions() throws {
        let runner = SyntheticMarkers(frameCount: 20)
        let lines = runner.trcText(units: "m", lineEnding: "\n", trailingTab: false).components(separatedBy: "\n")
        // Rows after the five header lines and a blank: frame, time, then every coordinate 0.
        let zeros = lines.map { line -> String in
            let cells = line.components(separatedBy: "\t")
            guard cells.count > 2, Int(cells[0]) != nil else { return line }
            return ([cells[0], cells[1]] + Array(repeating: "0", count: cells.count - 2)).joined(separator: "\t")
        }.joined(separator: "\n")
        #expect(try TRCReader.parse(zeros, fileName: "zeros.trc").trajectories.positions.values
            .allSatisfy { $0.allSatisfy { $0 == SIMD3(0, 0, 0) } })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zeros-\(UUID().uuidString).trc")
        try Data(zeros.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try InputLoader.load(path: url.path)
            Issue.record("an all-zero TRC loaded")
        } catch let error as FormatError {
            #expect(error.kind == .noData)
            #expect("\(error)".contains("no marker has a position"))
            #expect(!"\(error)".contains("which way is up"))
        }
    }

    @Test func truncatedAnywhereGivesAnErrorOrAShorterFileNeverACrash() {
        let text = SyntheticMarkers(frameCount: 4).trcText(units: "mm")
        let bytes = Array(text.utf8)
        var errors = 0
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            let piece = String(decoding: bytes[0..<cut], as: UTF8.self)
            do {
                _ = try TRCReader.parse(piece, fileName: "cut.trc")
                Issue.record("a file cut at byte \(cut) of \(bytes.count) was accepted")
            } catch is FormatError {
                errors += 1
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(errors > 50)
    }
}
