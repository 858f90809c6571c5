import Testing
import PoseRunSynthetic
@testable import PoseRunCore

/// A second, independent reading of the legs (the pose model on the mirrored picture): the swap corrector takes
/// a frame's legs from it where it fits the motion and segment lengths better (`KeypointCleaner`).
struct SecondReadingTests {
    static let legs: [Landmark] = Side.allCases.flatMap { Landmark.leg($0) }
    static let drawnWrong = 100...103

    /// Ten seconds at 30 fps, without artefacts; and the same with the left knee, ankle, heel and toe drawn
    /// 0.3 m ahead and 0.2 m up in `drawnWrong`, a drawing error no left/right exchange explains.
    static func runs() throws -> (clean: KeypointSequence, corrupted: KeypointSequence) {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 10
        c.frameRate = 30
        let clean = try SyntheticRunner(c).generate().sequence
        var corrupted = clean
        for l in [Landmark.leftKnee, .leftAnkle, .leftHeel, .leftToe] {
            for f in drawnWrong {
                guard let p = corrupted.tracks[l]?.point(at: f) else { continue }
                corrupted.tracks[l]?.set(PlanePoint(x: p.x + 0.3, y: p.y + 0.2), confidence: 0.9, at: f)
            }
        }
        return (clean, corrupted)
    }

    /// The largest distance between two cleanings' left ankles over `frames`.
    static func largestAnkleDifference(_ a: KeypointSequence, _ b: KeypointSequence, frames: ClosedRange<Int>) -> Double {
        frames.map { f in
            guard let p = a.point(.leftAnkle, at: f), let q = b.point(.leftAnkle, at: f) else { return .infinity }
            return p.distance(to: q)
        }.max() ?? .infinity
    }

    @Test func framesDrawnWrongTakeTheSecondReadingsLegs() throws {
        let (clean, corrupted) = try Self.runs()
        let cleaner = KeypointCleaner()
        let reference = cleaner.clean(clean).sequence

        // Alone, the wrong drawing survives cleaning (so the test can fail).
        let alone = cleaner.clean(corrupted)
        #expect(Self.largestAnkleDifference(alone.sequence, reference, frames: Self.drawnWrong) > 0.1)
        #expect(alone.report.framesFromSecondReading.isEmpty)

        var withSecond = corrupted
        for l in Self.legs { withSecond.secondReading[l] = clean.tracks[l] }
        let result = cleaner.clean(withSecond)
        #expect(Set(Self.drawnWrong).isSubset(of: Set(result.report.framesFromSecondReading)),
                "frames from the second reading: \(result.report.framesFromSecondReading)")
        #expect(Self.largestAnkleDifference(result.sequence, reference, frames: 90...113) < 0.01)
    }

    /// A reading without a joint the first has is not taken there: missing evidence costs nothing, so taking it
    /// would favour the reading that shows less.
    @Test func aSecondReadingMissingAJointIsNotTakenThere() throws {
        let (clean, corrupted) = try Self.runs()
        var withSecond = corrupted
        for l in Self.legs { withSecond.secondReading[l] = clean.tracks[l] }
        for f in Self.drawnWrong { withSecond.secondReading[.leftAnkle]?.set(nil, confidence: 0, at: f) }
        let result = KeypointCleaner().clean(withSecond)
        #expect(Set(Self.drawnWrong).isDisjoint(with: Set(result.report.framesFromSecondReading)))
    }

    /// With one reading, `choices` is `states` with every frame on reading 0.
    @Test func oneReadingChoosesOnlyIt() throws {
        let (_, corrupted) = try Self.runs()
        func limb(_ side: Side) -> LeftRightSwapCorrector.Limb {
            let tracks = Landmark.leg(side).map { corrupted.tracks[$0] }
            return .init(x: tracks.map { $0?.x ?? [] }, y: tracks.map { $0?.y ?? [] })
        }
        let corrector = LeftRightSwapCorrector(chain: .leg)
        let choices = corrector.choices(readings: [.init(left: limb(.left), right: limb(.right))])
        #expect(choices.count == corrupted.frameCount)
        #expect(choices.allSatisfy { $0.reading == 0 })
    }
}
