import Foundation
import Testing
@testable import PoseRunFormats

/// The Dorn et al. (2012) sprint trial JA1Gait35.c3d, whose contents the data README describes.
@Suite(.enabled(if: C3DTestData.isAvailable, "needs ../shared/data/mocap/dorn-sprint-ja1"))
struct C3DRealDataTests {
    let file: C3DFile

    init() throws {
        file = try C3DReader.read(contentsOf: C3DTestData.dornC3D)
    }

    @Test func readsTheDescribedMarkersAndRates() throws {
        #expect(file.processorType == .intel)
        #expect(file.usesFloatStorage)
        #expect(file.pointLabels.count == 53)
        #expect(file.pointRate == 250)
        #expect(file.analog.rate == 1500)
        #expect(file.analog.samplesPerPointFrame == 6)
        #expect(file.forcePlates.count == 8)
        #expect(file.pointUnits == "mm")
    }

    @Test func firstSampleIsAt3Point328Seconds() {
        // The data README: TRC time 0 = C3D time 3.328 s (first frame 832 counted from 0).
        #expect(file.firstFrameNumber == 833)
        #expect(abs(file.firstSampleTime - 3.328) < 1e-9)
    }

    @Test func hasFiveFootStrikesAndFiveFootOffs() {
        #expect(file.events.filter { $0.label == "Foot Strike" }.count == 5)
        #expect(file.events.filter { $0.label == "Foot Off" }.count == 5)
        // First event in JA1Gait35_c3d_events.csv: 3.5640 s, Left, Foot Off.
        #expect(file.events.first.map { abs($0.time - 3.564) < 1e-4 && $0.context == "Left" && $0.label == "Foot Off" } == true)
    }

    @Test func markersAgreeWithTheTRCExport() throws {
        // JA1Gait35.trc frame 1: C7 = (-5.89775, 1.49048, 0.161625) m in
        // OpenSim axes. The TRC is rotated from the lab frame, so compare distances between markers,
        // which no rotation changes: |C7 − LASI| there is from (-5.8109, 1.00551, 0.0662321).
        // The TRC's first row is the C3D's *third* sample (index 2; TRC time 0 = C3D 3.336 s, not the
        // README's 3.328 s): whole-trial heel heights match to 0.08 mm at that offset, 27 mm at none.
        let trajectories = try file.markerTrajectories()
        let c7 = try #require(trajectories.positions["C7"]?[2])
        let lasi = try #require(trajectories.positions["LASI"]?[2])
        let trcDistance = ((SIMD3(-5.89775, 1.49048, 0.161625) - SIMD3(-5.8109, 1.00551, 0.0662321)) * (SIMD3(-5.89775, 1.49048, 0.161625) - SIMD3(-5.8109, 1.00551, 0.0662321))).sum().squareRoot()
        let c3dDistance = ((c7 - lasi) * (c7 - lasi)).sum().squareRoot()
        #expect(abs(trcDistance - c3dDistance) < 1e-4)
        #expect(trajectories.frameNumbers.first == 833)
        #expect(abs(trajectories.times[0] - 3.328) < 1e-9)
    }
}
