import PoseRunSynthetic
import Testing
@testable import PoseRunCore

/// A pose model can keep a foot moving through a short contact (the panning sprint at 29 fps: the foot slows
/// to 0.2–0.5 of running speed over the ground and never stops). The synthetic runner's contact is known, so
/// one contact is made to slide forward over the ground at a chosen share of running speed, and the detector
/// must find it where it happened when the share is under `slidingLandingSpeedFraction`, and not otherwise.
@Suite struct SlidingLandingTests {
    /// An 8 s synthetic Pose runner at 60 fps, overground, the truth of the left contact in its middle and of the
    /// next one. Running toward +x: the detector is given sequences already turned that way (docs/analysis.md §3).
    static func runner() throws -> (run: SyntheticRunner.Run, contact: SyntheticStepTruth, next: SyntheticStepTruth, unitsPerSecond: Double) {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 8
        c.setting = .overground
        let run = try SyntheticRunner(c).generate()
        let left = run.truth.steps.filter { $0.side == .left }
        let unitsPerMetre = run.truth.legLengthInSequenceUnits / run.truth.legLengthMetres
        return (run, left[left.count / 2], left[left.count / 2 + 1], run.truth.speedMetresPerSecond * unitsPerMetre)
    }

    /// The sequence with the left foot's landmarks sliding forward over the ground at `share` of running speed
    /// from the contact's IC to its TO, then brought back by mid-swing (no jump, and the next landing and the
    /// shank's length as they were).
    static func sliding(
        _ run: SyntheticRunner.Run, _ contact: SyntheticStepTruth, next: SyntheticStepTruth, share: Double, unitsPerSecond: Double
    ) throws -> KeypointSequence {
        var s = run.sequence
        let velocity = share * unitsPerSecond * Double(run.truth.directionOfTravel)
        let slide = velocity * (contact.toeOffTime - contact.initialContactTime)
        let midSwing = (contact.toeOffTime + next.initialContactTime) / 2
        for landmark in [Landmark.heel(.left), .toe(.left), .ankle(.left)] {
            var track = try #require(s.tracks[landmark])
            for i in 0..<s.frameCount {
                let t = s.times[i]
                if t > contact.initialContactTime, t <= contact.toeOffTime {
                    track.x[i] += velocity * (t - contact.initialContactTime)
                } else if t > contact.toeOffTime, t < midSwing {
                    track.x[i] += slide * (midSwing - t) / (midSwing - contact.toeOffTime)
                }
            }
            s.tracks[landmark] = track
        }
        return s
    }

    static func contacts(in s: KeypointSequence, slidingFraction: Double) throws -> [GaitEvent] {
        let kinematics = BodyKinematics(sequence: s)
        let legLength = try #require(kinematics.legLength)
        var configuration = EventDetectionConfiguration()
        configuration.slidingLandingSpeedFraction = slidingFraction
        return GaitEventDetector(configuration: configuration)
            .detect(in: s, legLength: legLength, midHip: kinematics.midHip)
            .events.filter { $0.kind == .initialContact }
    }

    /// The left IC within half a step of `time`, if any.
    static func leftContact(near time: Double, in events: [GaitEvent], step: Double) -> GaitEvent? {
        events.first { $0.side == .left && abs($0.time - time) < step / 2 }
    }

    @Test func aContactReadAsSlidingIsFoundWhereItHappened() throws {
        let (run, contact, next, unitsPerSecond) = try Self.runner()
        let step = run.truth.stepTimeSeconds
        let slid = try Self.sliding(run, contact, next: next, share: 0.35, unitsPerSecond: unitsPerSecond)

        // Without the rule the foot never gets below 0.2 of running speed there, and its contact is lost.
        let without = try Self.contacts(in: slid, slidingFraction: 0)
        #expect(Self.leftContact(near: contact.initialContactTime, in: without, step: step) == nil)

        // With it the contact is found within 20 ms (just over a frame at 60 fps) of the runner's.
        let with = try Self.contacts(in: slid, slidingFraction: 0.5)
        let found = try #require(Self.leftContact(near: contact.initialContactTime, in: with, step: step))
        #expect(abs(found.time - contact.initialContactTime) < 0.020, "IC \(found.time) s, truth \(contact.initialContactTime) s")

        // Every other contact is the one found without the rule: contacts that stop are left alone.
        let others = with.filter { $0 != found }
        #expect(others.count == without.count)
        for event in others {
            #expect(without.contains { $0.side == event.side && abs($0.time - event.time) < 1e-9 }, "IC at \(event.time) s")
        }
    }

    @Test func aFootThatNeverSlowsToHalfTheRunningSpeedHasNoContact() throws {
        let (run, contact, next, unitsPerSecond) = try Self.runner()
        let slid = try Self.sliding(run, contact, next: next, share: 0.65, unitsPerSecond: unitsPerSecond)
        let found = try Self.contacts(in: slid, slidingFraction: 0.5)
        #expect(Self.leftContact(near: contact.initialContactTime, in: found, step: run.truth.stepTimeSeconds) == nil)
        // The bound is what leaves it out: with a bound above the slide, the same contact is found.
        let looser = try Self.contacts(in: slid, slidingFraction: 1.0)
        #expect(Self.leftContact(near: contact.initialContactTime, in: looser, step: run.truth.stepTimeSeconds) != nil)
        // …while the neighbouring contacts of that foot, which stop, are still found.
        let stride = run.truth.strideTimeSeconds
        #expect(Self.leftContact(near: contact.initialContactTime - stride, in: found, step: run.truth.stepTimeSeconds) != nil)
        #expect(Self.leftContact(near: contact.initialContactTime + stride, in: found, step: run.truth.stepTimeSeconds) != nil)
    }
}
