import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

struct MarkerMappingTests {
    /// Harrington 2007 by hand for an upright pelvis facing +x in a Y-up lab:
    /// PW = 250 mm, PD = 180 mm → x = −0.24·180 − 9.9 = −53.1 mm, y = −0.30·250 − 10.9 = −85.9 mm,
    /// z = ±(0.33·250 + 7.3) = ±89.8 mm from mid-ASIS (right = +z).
    @Test func hipJointCentreMatchesHarringtonByHand() throws {
        let hips = try #require(HipJointCentre.estimate(
            leftASIS: [0.2, 1.0, -0.125], rightASIS: [0.2, 1.0, 0.125], midPosterior: [0.02, 1.0, 0]))
        #expect(abs(hips.right.x - (0.2 - 0.0531)) < 1e-12)
        #expect(abs(hips.right.y - (1.0 - 0.0859)) < 1e-12)
        #expect(abs(hips.right.z - 0.0898) < 1e-12)
        #expect(abs(hips.left.z + 0.0898) < 1e-12)
        #expect(HipJointCentre.estimate(leftASIS: [.nan, 0, 0], rightASIS: [0, 0, 1], midPosterior: [0, 0, 0]) == nil)
    }

    @Test func detectsEachBuiltInSetFromItsNames() throws {
        let pig = ["LFHD", "RFHD", "LBHD", "RBHD", "LSHO", "RSHO", "LASI", "RASI", "LPSI", "RPSI", "LKNE", "RKNE", "LANK", "RANK", "LHEE", "RHEE", "LTOE", "RTOE"]
        #expect(try MarkerMapping.detect(markerNames: pig, fileName: "f").markerSetName == MarkerSet.plugInGait.name)
        let dorn = ["C7", "LSH", "RSH", "LELB", "RELB", "LWR", "RWR", "LASI", "RASI", "SACR", "LLEPI", "RLEPI", "LLMAL", "RLMAL", "LHEEL", "RHEEL", "LTOE", "RTOE", "LP1MT", "RP1MT"]
        let dornMapping = try MarkerMapping.detect(markerNames: dorn, fileName: "f")
        #expect(dornMapping.markerSetName == MarkerSet.dorn.name)
        #expect(dornMapping.sources[.leftKnee] == .average(["LLEPI"]))
        #expect(dornMapping.hipMethod == HipJointCentre.method)
        let sports2D = ["Hip", "RHip", "RKnee", "RAnkle", "RBigToe", "RSmallToe", "RHeel", "LHip", "LKnee", "LAnkle", "LBigToe", "LSmallToe", "LHeel", "Neck", "Head", "Nose", "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist"]
        let body25 = try MarkerMapping.detect(markerNames: sports2D, fileName: "f")
        #expect(body25.markerSetName == MarkerSet.body25.name)
        #expect(body25.sources[.head] == .average(["Head"]))
        #expect(body25.missing.isEmpty)
    }

    @Test func subjectPrefixesAndCaseAreIgnored() throws {
        let names = ["Bob:LASI", "Bob:RASI", "Bob:LPSI", "Bob:RPSI", "Bob:lhee", "Bob:RHEE", "Bob:LTOE", "Bob:RTOE", "Bob:LSHO", "Bob:RSHO"]
        let mapping = try MarkerMapping.detect(markerNames: names, fileName: "f")
        #expect(mapping.sources[.leftHeel] == .average(["Bob:lhee"]))
        #expect(mapping.sources[.leftHip] != nil)
    }

    @Test func unknownMarkerSetIsAnErrorListingTheNames() {
        do {
            _ = try MarkerMapping.detect(markerNames: ["M1", "M2", "M3"], fileName: "odd.trc")
            Issue.record("expected an error")
        } catch let error as FormatError {
            #expect(error.kind == .missingMarkers)
            #expect(error.description.contains("M1, M2, M3"))
            // The remedy names the thing to give; the command line adds its flag (no library names one).
            #expect(error.option == .markerMap && error.description.contains("give a marker map"))
            #expect(!error.description.contains("--"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func customMapAveragesAndEstimatesHips() throws {
        let json = #"{"left_heel": "HL", "right_heel": ["HR1", "HR2"], "hip_joint_centre": {"left_asis": "A1", "right_asis": "A2", "sacrum": "S"}}"#
        let names = ["HL", "HR1", "HR2", "A1", "A2", "S"]
        let mapping = try MarkerMapping.custom(mapData: Data(json.utf8), mapName: "map.json", markerNames: names, fileName: "t.trc")
        #expect(mapping.sources[.rightHeel] == .average(["HR1", "HR2"]))
        #expect(mapping.hipMethod == HipJointCentre.method)
        #expect(mapping.missing.contains(.head))
        let markers = MarkerTrajectories(
            markerNames: names, frameRate: 100, times: [0], frameNumbers: [1],
            positions: ["HL": [[0, 0, 0]], "HR1": [[1, 0, 0]], "HR2": [[3, 2, 0]], "A1": [[0, 1, -0.1]], "A2": [[0, 1, 0.1]], "S": [[-0.15, 1, 0]]])
        let body = mapping.apply(to: markers)
        #expect(body.positions[.rightHeel]?[0] == SIMD3(2, 1, 0))
    }

    @Test func customMapNamingAbsentMarkersListsThemAndTheFileNames() {
        let json = #"{"left_heel": "LHEE", "left_toe": ["LTOE", "LMT5"]}"#
        do {
            _ = try MarkerMapping.custom(mapData: Data(json.utf8), mapName: "map.json", markerNames: ["LHEE", "LTOE"], fileName: "t.trc")
            Issue.record("expected an error")
        } catch let error as FormatError {
            #expect(error.kind == .missingMarkers)
            #expect(error.description.contains("LMT5"))
            #expect(error.description.contains("the file has: LHEE, LTOE"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func customMapWithUnknownLandmarkNameIsAnError() {
        #expect(throws: FormatError.self) {
            try MarkerMapping.custom(mapData: Data(#"{"left_foot": "LHEE"}"#.utf8), mapName: "m", markerNames: ["LHEE"], fileName: "t")
        }
        #expect(throws: FormatError.self) {
            try MarkerMapping.custom(mapData: Data("[1,2".utf8), mapName: "m", markerNames: ["LHEE"], fileName: "t")
        }
    }

    @Test func aMissingSampleInAnAveragedMarkerMakesTheLandmarkMissing() {
        let mapping = MarkerMapping.resolve(MarkerSet.plugInGait, markerNames: ["LWRA", "LWRB"])
        let markers = MarkerTrajectories(
            markerNames: ["LWRA", "LWRB"], frameRate: 100, times: [0, 0.01], frameNumbers: [1, 2],
            positions: ["LWRA": [[1, 0, 1], [.nan, .nan, .nan]], "LWRB": [[1, 2, 1], [1, 1, 1]]])
        let body = mapping.apply(to: markers)
        #expect(body.positions[.leftWrist]?[0] == SIMD3(1, 1, 1))
        #expect(body.positions[.leftWrist]?[1].x.isNaN == true)
    }

    @Test func aMarkerExactlyAtTheOriginIsAGap() {
        let mapping = MarkerMapping.resolve(MarkerSet.plugInGait, markerNames: ["LTOE"])
        let markers = MarkerTrajectories(
            markerNames: ["LTOE"], frameRate: 100, times: [0, 0.01], frameNumbers: [1, 2],
            positions: ["LTOE": [[0, 0, 0], [0.5, 0.02, 0]]])
        let body = mapping.apply(to: markers)
        #expect(body.positions[.leftToe]?[0].x.isNaN == true)
        #expect(body.positions[.leftToe]?[1] == SIMD3(0.5, 0.02, 0))
    }
}
