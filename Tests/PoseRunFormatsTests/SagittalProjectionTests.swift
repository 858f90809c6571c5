import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// The projection must find the lab's up axis and the runner's direction whatever the lab's
/// conventions: built runners in Y-up and Z-up labs, both directions, treadmill and overground.
struct SagittalProjectionTests {
    func project(_ runner: SyntheticMarkers, units: String = "m", vertical: SagittalProjection.SignedAxis? = nil) throws
        -> (KeypointSequence, SagittalProjection.Report)
    {
        let trc = try TRCReader.parse(runner.trcText(units: units), fileName: "synthetic.trc")
        let mapping = try MarkerMapping.detect(markerNames: trc.trajectories.markerNames, fileName: "synthetic.trc")
        #expect(mapping.markerSetName == MarkerSet.plugInGait.name)
        return try SagittalProjection.project(mapping.apply(to: trc.trajectories), verticalAxis: vertical, fileName: "synthetic.trc")
    }

    /// Forward means: toes ahead of heels in every frame, and (overground) the hips move to larger x.
    func expectForward(_ sequence: KeypointSequence, overground: Bool) throws {
        for i in 0..<sequence.frameCount {
            let toe = try #require(sequence.point(.leftToe, at: i)), heel = try #require(sequence.point(.leftHeel, at: i))
            #expect(toe.x > heel.x)
        }
        if overground {
            let first = try #require(sequence.point(.leftHip, at: 0)), last = try #require(sequence.point(.leftHip, at: sequence.frameCount - 1))
            #expect(last.x > first.x)
        }
    }

    @Test func yUpOvergroundRunningTowardPlusX() throws {
        let runner = SyntheticMarkers(upAxis: .init(.y), forward: [1, 0, 0], speedMetresPerSecond: 3.5)
        let (sequence, report) = try project(runner)
        #expect(report.vertical == .init(.y))
        #expect(report.setting == .overground)
        #expect(report.forwardNearestAxis == .init(.x))
        #expect(abs(report.pelvisSpeedMetresPerSecond - 3.5) < 1e-6)
        try expectForward(sequence, overground: true)
    }

    @Test func zUpMillimetreOvergroundRunningTowardMinusY() throws {
        let runner = SyntheticMarkers(upAxis: .init(.z), forward: [0, -1, 0], speedMetresPerSecond: 5)
        let (sequence, report) = try project(runner, units: "mm")
        #expect(report.vertical == .init(.z))
        #expect(report.setting == .overground)
        #expect(report.forwardNearestAxis == .init(.y, sign: -1))
        try expectForward(sequence, overground: true)
        // Millimetres became metres: the shoulders are 1.45 m up.
        #expect(abs((sequence.point(.leftShoulder, at: 0)?.y ?? 0) - 1.45) < 1e-9)
    }

    @Test func treadmillInZUpLabFacingMinusXIsToldFromHeelToToe() throws {
        let runner = SyntheticMarkers(upAxis: .init(.z), forward: [-1, 0, 0], speedMetresPerSecond: 0)
        let (sequence, report) = try project(runner)
        #expect(report.setting == .treadmill)
        #expect(report.forwardNearestAxis == .init(.x, sign: -1))
        #expect(report.directionKnown)
        try expectForward(sequence, overground: false)
    }

    @Test func treadmillInYUpLabFacingPlusZ() throws {
        let runner = SyntheticMarkers(upAxis: .init(.y), forward: [0, 0, 1], speedMetresPerSecond: 0)
        let (sequence, report) = try project(runner)
        #expect(report.vertical == .init(.y))
        #expect(report.setting == .treadmill)
        #expect(report.forwardNearestAxis == .init(.z))
        try expectForward(sequence, overground: false)
    }

    @Test func downwardVerticalAxisIsFoundAndFlipped() throws {
        // A lab with −y up (image-like): heads have the most negative y.
        let runner = SyntheticMarkers(upAxis: .init(.y, sign: -1), forward: [1, 0, 0], speedMetresPerSecond: 3)
        let (sequence, report) = try project(runner)
        #expect(report.vertical == .init(.y, sign: -1))
        #expect((sequence.point(.head, at: 0)?.y ?? 0) > (sequence.point(.leftHeel, at: 0)?.y ?? 1))
    }

    @Test func diagonalOvergroundRunUsesTheTrueDirection() throws {
        let d = (0.5).squareRoot()
        let runner = SyntheticMarkers(upAxis: .init(.y), forward: [d, 0, -d], speedMetresPerSecond: 4)
        let (sequence, report) = try project(runner)
        #expect(abs(report.forwardAngleFromAxisDegrees - 45) < 1e-6)
        // Along the true direction the pelvis covers speed × duration.
        let first = try #require(sequence.point(.leftHip, at: 0)), last = try #require(sequence.point(.leftHip, at: sequence.frameCount - 1))
        #expect(abs((last.x - first.x) - 4 * sequence.duration) < 1e-6)
    }

    @Test func heelSitsAtItsBuiltHeightInStance() throws {
        let (sequence, _) = try project(SyntheticMarkers(upAxis: .init(.z), forward: [0, 1, 0], speedMetresPerSecond: 3))
        let heel = try #require(sequence.tracks[.rightHeel])
        #expect(abs((heel.y.min() ?? 0) - SyntheticMarkers.heelHeightInStance) < 1e-9)
    }

    @Test func givenVerticalAxisIsUsed() throws {
        let runner = SyntheticMarkers(upAxis: .init(.z), forward: [1, 0, 0], speedMetresPerSecond: 3)
        let (_, report) = try project(runner, vertical: .init(.z))
        #expect(report.vertical == .init(.z))
        #expect(report.verticalWasGiven)
        let (_, wrong) = try project(runner, vertical: .init(.z, sign: -1))
        #expect(wrong.notes.contains { $0.contains("below the feet") })
    }

    @Test func signedAxisParsing() {
        #expect(SagittalProjection.SignedAxis(parsing: "y") == .init(.y))
        #expect(SagittalProjection.SignedAxis(parsing: "-Z") == .init(.z, sign: -1))
        #expect(SagittalProjection.SignedAxis(parsing: "+x") == .init(.x))
        #expect(SagittalProjection.SignedAxis(parsing: "up") == nil)
    }

    @Test func noFeetAndNoGivenAxisIsAnError() throws {
        let body = LandmarkTrajectories(times: [0, 0.01], frameNumbers: [0, 1], frameRate: 100,
                                        positions: [.head: [[0, 1.7, 0], [0, 1.7, 0]]])
        #expect(throws: FormatError.self) { try SagittalProjection.project(body, fileName: "x.trc") }
    }
}
