import PoseRunSynthetic
import Testing
@testable import PoseRunCore

/// A step measured to the next contact must not jump over contacts that were not detected: its time would
/// be several steps' (a third of the cadence, a flight of two steps). One missed contact of the other foot
/// is already caught (its next contact falls after this foot's next, outside the stride); two in a row, or a
/// foot whose contacts stop while the other's go on (the panning sprint clip), are not. The synthetic
/// runner's cadence is chosen, so the steps either side of contacts removed from the detected events are known.
@Suite struct MissedContactTests {
    static let cadence = 185.0

    /// The detected events of an 8 s synthetic Pose runner, the kinematics and the feet.
    static func detected() throws -> (BodyKinematics, GaitEventDetector.Result) {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 8
        c.cadenceStepsPerMinute = cadence
        let run = try SyntheticRunner(c).generate()
        let kinematics = BodyKinematics(sequence: run.sequence)
        let legLength = try #require(kinematics.legLength)
        let detection = GaitEventDetector(configuration: EventDetectionConfiguration())
            .detect(in: run.sequence, legLength: legLength, midHip: kinematics.midHip)
        return (kinematics, detection)
    }

    static func measurer(_ k: BodyKinematics, _ d: GaitEventDetector.Result, ratio: Double) -> StepMeasurer {
        var m = StepMeasurer(
            kinematics: k, feet: d.feet, metresPerUnit: 1, treadmillSpeed: nil, rearfootThresholdDegrees: 8,
            contactLagFrames: 1)
        m.missedContactRatio = ratio
        return m
    }

    @Test func aStepAcrossAnUndetectedContactHasNoCadenceOrFlight() throws {
        let (kinematics, detection) = try Self.detected()
        let contacts = detection.events.filter { $0.kind == .initialContact }.sorted { $0.time < $1.time }
        #expect(contacts.count >= 20)
        // Take out two contacts in a row in the middle (one of each foot), as a pose model that lost the feet
        // for a stride would: the contact before them then reaches the other foot's next contact three steps on.
        let middle = contacts.count / 2
        let missing = [contacts[middle], contacts[middle + 1]]
        let before = contacts[middle - 1]
        let events = detection.events.filter { !missing.contains($0) }

        let kept = Self.measurer(kinematics, detection, ratio: 1.75).measure(events: events)
        let stepBefore = try #require(kept.steps.first { $0.initialContactTime == before.time })
        #expect(stepBefore.metrics[Metric.cadence] == nil)
        #expect(stepBefore.metrics[Metric.flightTime] == nil)
        #expect(stepBefore.metrics[Metric.dutyFactor] == nil, "its stride is two strides long")
        #expect(kept.stepsSpanningMissedContacts >= 1)
        // Every cadence left is a real step's: within 2 % of the runner's (a frame at 60 fps is 5 % of a step).
        let cadences = kept.steps.compactMap { $0.metrics[Metric.cadence] }
        #expect(cadences.count >= contacts.count - 4)
        #expect(cadences.allSatisfy { abs($0 - Self.cadence) < 0.05 * Self.cadence })

        // Without the rule that step comes out at a third of the cadence: what the rule keeps out.
        let unbounded = Self.measurer(kinematics, detection, ratio: .infinity).measure(events: events)
        let third = try #require(unbounded.steps.first { $0.initialContactTime == before.time }?.metrics[Metric.cadence])
        #expect(abs(third - Self.cadence / 3) < 0.05 * Self.cadence / 3)
        #expect(unbounded.stepsSpanningMissedContacts == 0)
    }

    /// A contact found twice (or far off its time) splits a step in two; the shorter part is no step. The runner's
    /// chosen cadence is the known answer: the step before the extra contact reads about 1/(fraction) times it
    /// without the rule, and has no cadence, flight or step length with it; every other cadence stays the runner's.
    @Test func aStepSplitByAnExtraContactHasNoCadenceOrFlight() throws {
        let (kinematics, detection) = try Self.detected()
        let contacts = detection.events.filter { $0.kind == .initialContact }.sorted { $0.time < $1.time }
        #expect(contacts.count >= 20)
        // An extra contact of the next foot a third of a step after a contact in the middle, as a pose model's
        // glitch in late swing gives (F_Running_8: a "contact" 6 frames after the other foot's, steps are 11).
        let middle = contacts.count / 2
        let before = contacts[middle]
        let step = contacts[middle + 1].time - before.time
        let extra = GaitEvent(side: before.side.opposite, kind: .initialContact, time: before.time + step / 3, frame: before.frame)
        let events = (detection.events + [extra]).sorted { $0.time < $1.time }

        let kept = Self.measurer(kinematics, detection, ratio: 1.75).measure(events: events)
        let split = try #require(kept.steps.first { $0.initialContactTime == before.time })
        #expect(split.metrics[Metric.cadence] == nil)
        #expect(split.metrics[Metric.flightTime] == nil)
        #expect(kept.stepsSpanningMissedContacts == 0, "a short step spans no missed contact")
        let cadences = kept.steps.filter { $0.initialContactTime != extra.time }.compactMap { $0.metrics[Metric.cadence] }
        #expect(cadences.count >= contacts.count - 4)
        #expect(cadences.allSatisfy { abs($0 - Self.cadence) < 0.05 * Self.cadence })

        // Without the rule the split step reads three times the runner's cadence.
        let unbounded = Self.measurer(kinematics, detection, ratio: .infinity).measure(events: events)
        let tripled = try #require(unbounded.steps.first { $0.initialContactTime == before.time }?.metrics[Metric.cadence])
        #expect(abs(tripled - 3 * Self.cadence) < 0.05 * 3 * Self.cadence)
    }

    @Test func allDetectedContactsLeaveEveryStepMeasured() throws {
        let (kinematics, detection) = try Self.detected()
        let measured = Self.measurer(kinematics, detection, ratio: 1.75).measure(events: detection.events)
        #expect(measured.stepsSpanningMissedContacts == 0)
        // All but the last step of each foot reach the other foot's next contact.
        #expect(measured.steps.filter { $0.metrics[Metric.cadence] != nil }.count >= measured.steps.count - 2)
    }

    /// Where the feet were not seen (a stretch longer than the cleaning bridges), a time measured across it
    /// is left out even though the contacts at both ends were found.
    @Test func aStepAcrossFramesWithoutTheFeetIsNotTimed() throws {
        var c = SyntheticRunner.Configuration.poseRunner
        c.durationSeconds = 8
        c.cadenceStepsPerMinute = Self.cadence
        let run = try SyntheticRunner(c).generate()
        let full = BodyKinematics(sequence: run.sequence)
        let legLength = try #require(full.legLength)
        let detection = GaitEventDetector(configuration: EventDetectionConfiguration())
            .detect(in: run.sequence, legLength: legLength, midHip: full.midHip)
        // Both ankles missing for 3 frames (0.05 s at 60 fps) around 4 s.
        var blanked = run.sequence
        let window = Array(240..<243)
        for landmark in [Landmark.leftAnkle, .rightAnkle] {
            var track = try #require(blanked.tracks[landmark])
            for i in window { track.x[i] = .nan; track.y[i] = .nan }
            blanked.tracks[landmark] = track
        }
        let measured = Self.measurer(BodyKinematics(sequence: blanked), detection, ratio: 1.75).measure(events: detection.events)
        let gapTime = blanked.times[window[0]]
        let contacts = detection.events.filter { $0.kind == .initialContact }
        for step in measured.steps {
            let nextOther = contacts.filter { $0.side != step.side && $0.time > step.initialContactTime }.map(\.time).min()
            guard let nextOther else { continue }
            let spansGap = step.initialContactTime < gapTime && gapTime < nextOther
            #expect((step.metrics[Metric.cadence] == nil) == spansGap, "step at \(step.initialContactTime) s")
        }
        #expect(measured.steps.contains { $0.initialContactTime < gapTime } && measured.steps.contains { $0.initialContactTime > gapTime })
    }
}
