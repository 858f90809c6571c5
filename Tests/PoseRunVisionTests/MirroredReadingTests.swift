import Foundation
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// The landmark model's second reading on the mirrored region (`MirroredReading`) and when it is made
/// (`LegJumpGate`).
struct MirroredReadingTests {
    /// Every point's mirror is on the other side, and mirroring twice gives the point back.
    @Test func mirroringExchangesLeftAndRight() {
        for point in BlazePoseLandmark.allCases {
            #expect(point.mirrored.mirrored == point)
            let name = "\(point)", mirrored = "\(point.mirrored)"
            if name.contains("left") || name.contains("Left") {
                #expect(mirrored == name.replacingOccurrences(of: "left", with: "right").replacingOccurrences(of: "Left", with: "Right"))
            } else if !(name.contains("right") || name.contains("Right")) {
                #expect(point.mirrored == point)
            }
        }
        // The two auxiliary landmarks and the four unused ones (33–38) have no side.
        #expect(PoseLandmarker.mirroredIndex[33...] == [33, 34, 35, 36, 37, 38])
    }

    /// The 33 body landmarks with the knees and ankles at the given hip-relative fore-aft offsets, the hips at
    /// `hipX`, thigh and shank 100 px each.
    static func body(hipX: Float, knee: Float, ankle: Float) -> [PoseLandmark] {
        var points = [PoseLandmark](repeating: PoseLandmark(x: hipX, y: 500, z: 0, visibility: 1, presence: 1), count: 33)
        for (hip, kneeLandmark, ankleLandmark, sign) in [
            (BlazePoseLandmark.leftHip, BlazePoseLandmark.leftKnee, BlazePoseLandmark.leftAnkle, Float(1)),
            (.rightHip, .rightKnee, .rightAnkle, -1),
        ] {
            points[hip.rawValue].x = hipX
            points[kneeLandmark.rawValue] = PoseLandmark(x: hipX + sign * knee, y: 600, z: 0, visibility: 1, presence: 1)
            points[ankleLandmark.rawValue] = PoseLandmark(x: hipX + sign * ankle, y: 700, z: 0, visibility: 1, presence: 1)
        }
        return points
    }

    @Test func aJumpingLegIsReadMirroredAndTheFrameAfterIt() {
        var gate = LegJumpGate()
        // Legs swinging at constant speed while the camera pans ever faster: no jump relative to the hips.
        var answers: [Bool] = []
        for f in 0..<8 {
            let t = Float(f)
            answers.append(gate.needsMirroredReading(Self.body(hipX: 300 + 4 * t * t, knee: 2 * t, ankle: 3 * t)))
        }
        // The first two frames have nothing to judge by, and the one after them follows the second.
        #expect(answers == [true, true, true, false, false, false, false, false])

        // The left ankle drawn 200 px off in frame 8 (more than 0.6 of the ~270 px mean leg it makes), then back.
        var jumping: [Bool] = []
        for f in 8..<13 {
            let t = Float(f)
            var body = Self.body(hipX: 300 + 4 * t * t, knee: 2 * t, ankle: 3 * t)
            if f == 8 { body[BlazePoseLandmark.leftAnkle.rawValue].x += 200 }
            jumping.append(gate.needsMirroredReading(body))
        }
        // Frames 8, 9 and 10 see the jump in their second differences (+200, −400, +200 px), 11 follows 10.
        #expect(jumping == [true, true, true, true, false])

        // A lost pose clears the history: the next two frames are read mirrored again.
        gate.clear()
        let afterLoss = gate.needsMirroredReading(Self.body(hipX: 300, knee: 0, ankle: 0))
        #expect(afterLoss)
    }
}

/// On a real clip, the mirrored reading is the same body: mirrored back, its points sit near the first reading's,
/// and where the two readings clearly agree on the legs it is mostly side for side. Not always: the two readings'
/// leg confusions fall on different frames, which is what the second reading is for (on the jogging clip 17
/// frames side for side, 6 crossed).
@Suite(
    .enabled(if: Tools.modelsAvailable, Tools.modelsMissing),
    .enabled(if: SharedData.hasJoggingClip, SharedData.skipReason()),
    .enabled(if: Tools.ffmpegAvailable, Tools.ffmpegMissing))
struct MirroredReadingOnVideoTests {
    @Test func theMirroredReadingIsTheSameBody() throws {
        let info = try VideoProbe.probe(SharedData.joggingClip)
        let tracker = try BlazePoseTracker(cache: VisionTestSupport.cache, options: BlazePoseOptions(mirroredReading: .always))
        let reader = try VideoFrameReader(video: SharedData.joggingClip, width: info.width, height: info.height)
        defer { reader.close() }
        var distances: [Float] = []
        var ownSide = 0, otherSide = 0
        var index = 0
        while let image = try reader.nextFrame(), index < 60 {
            let estimate = try tracker.process(image, timeMicroseconds: Int64(index + 1) * 33_333)
            index += 1
            guard let first = estimate.landmarks, let second = estimate.mirroredLandmarks else { continue }
            for (p, q) in zip(first, second) { distances.append(simdLength(p.point - q.point)) }
            // The legs' knees, ankles and toes, each side against the same side and against the other.
            var same: Float = 0, crossed: Float = 0
            for point in [BlazePoseLandmark.leftKnee, .rightKnee, .leftAnkle, .rightAnkle, .leftFootIndex, .rightFootIndex] {
                same += simdLength(second[point.rawValue].point - first[point.rawValue].point)
                crossed += simdLength(second[point.rawValue].point - first[point.mirrored.rawValue].point)
            }
            if same < crossed / 4 { ownSide += 1 } else if crossed < same / 4 { otherSide += 1 }
        }
        distances.sort()
        let median = try #require(distances.isEmpty ? nil : distances[distances.count / 2])
        print("mirrored reading against the first: median \(median) px over \(distances.count) points; "
            + "legs side for side in \(ownSide) frames, crossed in \(otherSide)")
        // The runner is about 230 px tall; the two readings see the same pixels.
        #expect(median < 4)
        // A reading mirrored back without exchanging left and right would be crossed where it is side for side.
        #expect(ownSide > 2 * otherSide)
    }
}
