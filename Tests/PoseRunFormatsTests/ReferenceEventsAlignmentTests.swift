import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

@Suite struct ReferenceEventsAlignmentTests {
    /// A marker moving irregularly (sum of unrelated sines) so that only one shift fits.
    func motion(_ frame: Int) -> SIMD3<Double> {
        let t = Double(frame) / 100
        return SIMD3(2 * t + 0.1 * sin(7 * t), 0.05 * sin(11 * t) + 0.02 * sin(3.1 * t), 1 + 0.03 * cos(17 * t))
    }

    @Test func findsTheShiftOfARotatedTrimmedCopy() throws {
        // Reference: frames 0…199 on a clock starting at 10 s. Input: frames 7…156 of the same
        // motion, rotated 90° about the vertical and moved, on a clock starting at 0.
        let referenceTimes = (0..<200).map { 10 + Double($0) / 100 }
        let reference = MarkerTrajectories(
            markerNames: ["HEEL"], frameRate: 100, times: referenceTimes, frameNumbers: Array(1...200),
            positions: ["HEEL": (0..<200).map(motion)])
        let input = MarkerTrajectories(
            markerNames: ["heel"], frameRate: 100, times: (0..<150).map { Double($0) / 100 }, frameNumbers: Array(1...150),
            positions: ["heel": (7..<157).map { let p = motion($0); return SIMD3(-p.y + 5, p.x, p.z) }])
        let estimate = try #require(ReferenceClockAlignment.estimate(input: input, reference: reference))
        #expect(estimate.frameShift == 7)
        // Input time 0 is reference frame 7: 10 + 7 / 100 s.
        #expect(abs(estimate.referenceOffsetSeconds - 10.07) < 1e-9)
        #expect(estimate.medianSpeedDifferenceMetresPerSecond < 1e-9)
        #expect(estimate.markerCount == 1)
    }

    @Test func differentRatesOrNoSharedMarkersGiveNoEstimate() {
        let a = MarkerTrajectories(markerNames: ["A"], frameRate: 100, times: [0, 0.01, 0.02], frameNumbers: [1, 2, 3],
                                   positions: ["A": [.zero, .one, .zero]])
        var b = a
        b.frameRate = 120
        #expect(ReferenceClockAlignment.estimate(input: a, reference: b) == nil)
        var c = a
        c.markerNames = ["B"]
        c.positions = ["B": [.zero, .one, .zero]]
        #expect(ReferenceClockAlignment.estimate(input: a, reference: c) == nil)
    }

    @Test(.enabled(if: C3DTestData.isAvailable, "needs ../shared/data/mocap/dorn-sprint-ja1"))
    func theDornTRCStartsAtC3DFrame835() throws {
        let c3d = try C3DReader.read(contentsOf: C3DTestData.dornC3D).markerTrajectories()
        let trc = try readTRC(C3DTestData.dorn.appendingPathComponent("JA1Gait35.trc"))
        let estimate = try #require(ReferenceClockAlignment.estimate(input: trc, reference: c3d))
        // Marker by marker the TRC's row 1 equals C3D frame 835 within 0.05 mm (checked independently
        // while writing these tests), i.e. C3D time (835 − 1) / 250 = 3.336 s.
        #expect(estimate.frameShift == 2)
        #expect(abs(estimate.referenceOffsetSeconds - 3.336) < 1e-9)
        #expect(estimate.markerCount >= 50)
        // The TRC is lightly smoothed: speeds differ by ~1 % of the 9.5 m/s running speed.
        #expect(estimate.medianSpeedDifferenceMetresPerSecond < 0.1)
    }

    /// Just enough TRC reading for this test (the project's TRC reader lives elsewhere): names on
    /// line 4, data from line 7, frame and time then X Y Z per marker, metres.
    func readTRC(_ url: URL) throws -> MarkerTrajectories {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[3].split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let names = stride(from: 2, to: header.count, by: 3).map { header[$0] }.filter { !$0.isEmpty }
        var positions = Dictionary(uniqueKeysWithValues: names.map { ($0, [SIMD3<Double>]()) })
        var times: [Double] = [], frames: [Int] = []
        for line in lines.dropFirst(5) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
            guard fields.count >= 2 + 3 * names.count, fields[0].isFinite else { continue }
            frames.append(Int(fields[0]))
            times.append(fields[1])
            for (index, name) in names.enumerated() {
                positions[name]?.append(SIMD3(fields[2 + 3 * index], fields[3 + 3 * index], fields[4 + 3 * index]))
            }
        }
        return MarkerTrajectories(markerNames: names, frameRate: 250, times: times, frameNumbers: frames, positions: positions)
    }
}
