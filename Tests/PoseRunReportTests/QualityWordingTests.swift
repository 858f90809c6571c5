import PoseRunCore
import Testing
@testable import PoseRunReport

/// The data-quality lines say what each limit touches, and say nothing where there is no limit.
@Suite struct QualityWordingTests {
    static func input() -> InputDescription {
        InputDescription(
            name: "clip", sourceKind: .video, frameRate: 30, frameCount: 100, durationSeconds: 3.3, lengthUnit: .legLengths,
            directionOfTravel: 1, setting: .treadmill, centreOfMassMethod: .segmental)
    }

    @Test func aHiddenFarArmLimitsOnlyTheArmMetricsAndWellSeenLegsLimitNothing() {
        var q = DataQuality(
            frames: 100, framesWithConfidentPose: 20, interpolatedSamples: 0, swapsCorrected: 0, missingLandmarks: [],
            filterCutoffHz: 6, findings: [])
        q.framesWithConfidentLegs = 95
        q.framesWithConfidentArms = 20
        let lines = QualityWording.lines(q, input: Self.input())
        let legs = lines.first { $0.label.contains("legs") }, arms = lines.first { $0.label.contains("arms") }
        #expect(legs?.value == "95 of 100 (95 %)" && legs?.touches == nil)
        #expect(arms?.touches?.contains("arm swing") == true)
        #expect(arms?.touches?.contains("contacts") == false)
    }

    @Test func repeatedFramesSlowMotionAndADisagreeingCadenceAreEachSaid() {
        var q = DataQuality(
            frames: 100, framesWithConfidentPose: 100, interpolatedSamples: 0, swapsCorrected: 0, missingLandmarks: [],
            filterCutoffHz: 6, findings: [])
        q.distinctFramesPerSecond = 24
        q.cadenceCheck = CadenceCheck(rhythm: LegRhythm(strideSeconds: 120.0 / 160, strength: 0.9), eventStepsPerMinute: 180)
        var input = Self.input()
        input.slowMotion = SlowMotionEstimate(rhythm: LegRhythm(strideSeconds: 120.0 / 42.5, strength: 0.9), givenFrameRate: 30)
        let lines = QualityWording.lines(q, input: input)
        #expect(lines.first { $0.label.hasPrefix("Distinct") }?.touches?.contains("±42 ms") == true)
        #expect(lines.first { $0.label == "Slow motion" }?.value.hasPrefix("about ×4") == true)
        let cadence = lines.first { $0.label == "Cadence check" }
        #expect(cadence?.value.contains("+12.5 %") == true)
        #expect(cadence?.touches?.contains("missed or doubled") == true)
    }
}
