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

    @Test func theOneInvalidPointIsNaN() throws {
        // RTOE's last frame (1156) is stored as (0, 0, 0) with residual word 65535.0 (= int16 −1);
        // it is the only such point in the file.
        let rtoe = try #require(file.positions(ofPoint: "RTOE"))
        #expect(rtoe.last?.x.isNaN == true)
        let invalid = file.pointResiduals.map { $0.filter { $0 < 0 }.count }.reduce(0, +)
        #expect(invalid == 1)
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
        // JA1Gait35.trc, first row (its frame 1, time 0), in metres and OpenSim axes:
        // C7 (-5.89775, 1.49048, 0.161625), LASI (-5.8109, 1.00551, 0.0662321). The TRC is rotated
        // from the lab frame, so compare a distance between markers, which no rotation changes.
        // That row is the C3D's frame 835 (3.336 s), not 833: the TRC starts two frames later than
        // the data README's "TRC time 0 = C3D time 3.328 s" says (frame 833 differs by ~1 cm).
        let trajectories = try file.markerTrajectories()
        #expect(trajectories.frameNumbers.first == 833)
        #expect(abs(trajectories.times[0] - 3.328) < 1e-9)
        let c7Row1 = SIMD3(-5.89775, 1.49048, 0.161625), lasiRow1 = SIMD3(-5.8109, 1.00551, 0.0662321)
        let trcDistance = ((c7Row1 - lasiRow1) * (c7Row1 - lasiRow1)).sum().squareRoot()
        let frame835 = try #require(trajectories.frameNumbers.firstIndex(of: 835))
        let c7 = try #require(trajectories.positions["C7"]?[frame835])
        let lasi = try #require(trajectories.positions["LASI"]?[frame835])
        let c3dDistance = ((c7 - lasi) * (c7 - lasi)).sum().squareRoot()
        #expect(abs(trcDistance - c3dDistance) < 1e-4)
        // And C7's height (C3D z, TRC y) agrees directly with the TRC's 1.49048 m.
        #expect(abs(c7.z - 1.49048) < 2e-4)
    }
}
