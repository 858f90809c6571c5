import Foundation
import PoseRunCore
import Testing
@testable import PoseRunFormats

/// Minimal, in-code copies of the fuzzer's kinds (../shared/data/bad-inputs): a frame rate no recording has,
/// a coordinate or time no body has. Each is an error that names the field, never a trap or a terabyte.
struct PlausibilityTests {
    @Test func aTRCDataRateNoRecordingHasIsRefusedNamingDataRate() throws {
        for rate in ["1e12", "4294967296", "9223372036854775808", "0.001"] {
            let text = TRCReaderTests.messy.replacingOccurrences(of: "200\t200\t3", with: "\(rate)\t200\t3")
            do {
                _ = try TRCReader.parse(text, fileName: "messy.trc")
                Issue.record("DataRate \(rate) was accepted")
            } catch {
                #expect("\(error)".contains("DataRate") && "\(error)".contains("0.5–100000 per second"), "\(error)")
            }
        }
    }

    @Test func aC3DPointRateNoRecordingHasIsRefusedNamingIt() throws {
        var writer = C3DTestWriter()
        writer.pointLabels = ["A"]
        writer.points = [[SIMD3(1, 2, 3)], [SIMD3(1, 2, 3)]]
        writer.pointRate = 1e12
        do {
            _ = try C3DReader.read(bytes: writer.bytes(), fileName: "rate.c3d")
            Issue.record("POINT:RATE 1e12 was accepted")
        } catch {
            #expect("\(error)".contains("POINT:RATE"), "\(error)")
        }
    }

    @Test func aKeypointFarOutsideAnyFrameIsRefusedNamingLandmarkAndFrame() throws {
        // A hip 1e308 px away in one frame (as a mutated keypoints or OpenPose file gave).
        let sequence = KeypointSequence(
            times: [0, 0.1, 0.2], tracks: [.leftHip: LandmarkTrack(x: [1, 1e308, 1], y: [1, 1, 1], confidence: [1, 1, 1])],
            lengthUnit: .pixels, sourceKind: .video, frameRate: 10)
        let v = try #require(Plausibility.firstViolation(in: sequence))
        #expect(v.field == "left_hip x" && v.frame == 1 && v.value == 1e308)
        let late = KeypointSequence(
            times: [0, -9.3e18, 0.2], tracks: [.leftHip: LandmarkTrack(x: [1, 1, 1], y: [1, 1, 1], confidence: [1, 1, 1])],
            lengthUnit: .pixels, sourceKind: .video, frameRate: 10)
        #expect(Plausibility.firstViolation(in: late)?.field == "time")
        // Missing samples (NaN) are gaps, not violations.
        let gaps = KeypointSequence(
            times: [0, 0.1, 0.2], tracks: [.leftHip: LandmarkTrack(x: [1, .nan, 1], y: [1, .nan, 1], confidence: [1, 1, 1])],
            lengthUnit: .pixels, sourceKind: .video, frameRate: 10)
        #expect(Plausibility.firstViolation(in: gaps) == nil)
    }

    @Test func theCheckedConversionRefusesWhatIntCannotHold() {
        #expect(Int(measured: 2.6) == 3 && Int(measured: -2.5) == -3)
        for v in [Double.nan, .infinity, -.infinity, 1e308, -1e308, 18446744073709551616.0, 9.3e18] {
            #expect(Int(measured: v) == nil, "\(v)")
        }
    }
}
