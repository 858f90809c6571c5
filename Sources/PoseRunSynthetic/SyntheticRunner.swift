public import PoseRunCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// A runner made of numbers: keypoint trajectories with known gait events and metric values,
/// so tests can check that the analysis recovers what was chosen.
///
/// ```swift
/// let run = try SyntheticRunner(.poseRunner.lasting(strides: 8)).generate()
/// run.sequence        // what the analysis sees (with artefacts, if configured)
/// run.truth.steps     // what it should find
/// ```
public struct SyntheticRunner: Sendable {
    public var configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// The keypoints as observed (with the configured artefacts), the same keypoints before
    /// artefacts, and the truth.
    public struct Run: Sendable {
        public var sequence: KeypointSequence
        public var cleanSequence: KeypointSequence
        public var truth: SyntheticTruth
    }

    /// Generates the run. Throws when a parameter is out of range or the body cannot do what is asked.
    public func generate() throws -> Run {
        let c = configuration
        try Self.check(c)
        let body = try RunnerKinematics.solve(c)
        let frameCount = Int((c.durationSeconds * c.frameRate).rounded(.down)) + 1
        let scale = c.lengthUnit == .pixels ? c.pixelsPerMetre : 1
        let direction = Double(c.directionOfTravel >= 0 ? 1 : -1)

        var times = [Double](repeating: 0, count: frameCount)
        var tracks: [Landmark: LandmarkTrack] = [:]
        for l in Landmark.allCases { tracks[l] = LandmarkTrack(missingFrames: frameCount) }
        var xs = [[Double]](repeating: [Double](repeating: 0, count: frameCount), count: Landmark.allCases.count)
        var ys = xs
        for i in 0..<frameCount {
            let t = c.startTimeSeconds + Double(i) / c.frameRate
            times[i] = t
            let pose = body.pose(at: t)
            let belt = c.setting == .treadmill ? body.speed * t : 0
            var pan = 0.0
            if let p = c.cameraPan {
                pan = p.driftMetresPerSecond * t + p.amplitudeMetres * sin(2 * Double.pi * t / p.periodSeconds)
            }
            for (j, l) in Landmark.allCases.enumerated() {
                let q = pose[l] ?? PlanePoint(x: .nan, y: .nan)
                xs[j][i] = (direction * (q.x - belt) + pan) * scale
                ys[j][i] = q.y * scale
            }
        }
        for (j, l) in Landmark.allCases.enumerated() {
            tracks[l] = LandmarkTrack(x: xs[j], y: ys[j], confidence: [Double](repeating: 1, count: frameCount))
        }
        let clean = KeypointSequence(
            times: times, tracks: tracks, lengthUnit: c.lengthUnit, sourceKind: .synthetic, frameRate: c.frameRate)
        var observed = clean
        var truth = Self.truth(of: body, configuration: c, times: times)
        ArtefactInjector(c.artefacts, scale: scale, legLength: body.body.legLengthMetres * scale)
            .apply(to: &observed, truth: &truth)
        return Run(sequence: observed, cleanSequence: clean, truth: truth)
    }

    private static func check(_ c: Configuration) throws {
        func positive(_ name: String, _ v: Double) throws {
            guard v.isFinite, v > 0 else {
                throw SyntheticRunnerError.invalidParameter(name: name, value: v, reason: "it must be a positive number")
            }
        }
        try positive("cadenceStepsPerMinute", c.cadenceStepsPerMinute)
        try positive("contactTimeSeconds", c.contactTimeSeconds)
        try positive("speedMetresPerSecond", c.speedMetresPerSecond)
        try positive("heightMetres", c.heightMetres)
        try positive("frameRate", c.frameRate)
        try positive("durationSeconds", c.durationSeconds)
        if c.lengthUnit == .pixels { try positive("pixelsPerMetre", c.pixelsPerMetre) }
        guard c.contactTimeSeconds < c.strideTimeSeconds else {
            throw SyntheticRunnerError.invalidParameter(
                name: "contactTimeSeconds", value: c.contactTimeSeconds,
                reason: "a foot must leave the ground before its next contact (stride time \(format3(c.strideTimeSeconds)) s)")
        }
        guard c.footFlatStanceFraction > 0, c.footFlatStanceFraction < c.heelOffStanceFraction,
            c.heelOffStanceFraction < 1
        else {
            throw SyntheticRunnerError.invalidParameter(
                name: "footFlatStanceFraction", value: c.footFlatStanceFraction,
                reason: "need 0 < foot flat < heel off (\(c.heelOffStanceFraction)) < 1")
        }
        guard c.kneeFlexionAtContactDegrees < c.peakStanceKneeFlexionDegrees,
            c.kneeFlexionAtToeOffDegrees < c.peakStanceKneeFlexionDegrees || c.contactTimeSeconds >= c.stepTimeSeconds
        else {
            throw SyntheticRunnerError.invalidParameter(
                name: "peakStanceKneeFlexionDegrees", value: c.peakStanceKneeFlexionDegrees,
                reason: "the stance peak must exceed the knee flexion at contact and at toe-off")
        }
        guard c.kneeFlexionAtContactDegrees >= 0, c.peakSwingKneeFlexionDegrees > c.peakStanceKneeFlexionDegrees,
            c.peakSwingKneeFlexionDegrees < 160
        else {
            throw SyntheticRunnerError.invalidParameter(
                name: "peakSwingKneeFlexionDegrees", value: c.peakSwingKneeFlexionDegrees,
                reason: "need 0 ≤ knee at contact, and stance peak < swing peak < 160°")
        }
    }

    // MARK: - Truth

    private static func truth(of k: RunnerKinematics, configuration c: Configuration, times: [Double]) -> SyntheticTruth {
        let deg = 180 / Double.pi
        let start = times.first ?? 0, end = times.last ?? 0
        let scale = c.lengthUnit == .pixels ? c.pixelsPerMetre : 1
        let legLength = k.body.legLengthMetres

        // Per side, one stride of dense samples: the motion is exactly periodic, so every step of a side is the same.
        var perSide: [Side: SyntheticStepTruth] = [:]
        for side in Side.allCases {
            let contact = k.firstLeftContact + (side == .left ? 0 : k.stepTime)
            let n = 4000
            var stancePeak = -Double.infinity, swingPeak = -Double.infinity, thighPeak = -Double.infinity
            var leanSum = 0.0, leanSq = 0.0, leanMin = Double.infinity, leanMax = -Double.infinity
            var comMin = Double.infinity, comMax = -Double.infinity
            var pelvisMin = Double.infinity, pelvisMax = -Double.infinity
            var armMin = Double.infinity, armMax = -Double.infinity
            var swingPeakTime = k.contactTime
            var heelToHip = Double.infinity
            var elbowSum = 0.0
            func peaks(_ tau: Double, _ leg: RunnerKinematics.Leg) {
                if tau <= k.contactTime { stancePeak = max(stancePeak, leg.kneeFlexion) }
                if tau >= k.contactTime {
                    if leg.kneeFlexion > swingPeak {
                        swingPeak = leg.kneeFlexion
                        swingPeakTime = tau
                    }
                    thighPeak = max(thighPeak, leg.thighAngle)
                    heelToHip = min(heelToHip, leg.heel.distance(to: leg.hip))
                }
            }
            // The chosen peaks sit exactly at known times; sample them too (knee and thigh maxima only).
            for tau in k.peakTimes { peaks(tau, k.leg(sinceContact: tau)) }
            for i in 0..<n {
                let tau = k.strideTime * Double(i) / Double(n)
                let t = contact + tau
                let p = k.pose(at: t)
                peaks(tau, k.leg(sinceContact: tau))
                if let s = p[.shoulder(side)], let e = p[.elbow(side)], let w = p[.wrist(side)] {
                    let a = s - e, b = w - e
                    elbowSum += acos(max(-1, min(1, (a.x * b.x + a.y * b.y) / (a.length * b.length))))
                }
                let lean = trunkLean(p)
                leanSum += lean
                leanSq += lean * lean
                leanMin = min(leanMin, lean)
                leanMax = max(leanMax, lean)
                let com = SegmentalCentreOfMass.of { p[$0] ?? PlanePoint(x: .nan, y: .nan) }
                comMin = min(comMin, com.y)
                comMax = max(comMax, com.y)
                let midHip = PlanePoint.midpoint(p[.leftHip] ?? com, p[.rightHip] ?? com)
                pelvisMin = min(pelvisMin, midHip.y)
                pelvisMax = max(pelvisMax, midHip.y)
                let arm = k.upperArmAngle(sinceContact: tau)
                armMin = min(armMin, arm)
                armMax = max(armMax, arm)
            }
            // Exact values at the contact itself.
            let p = k.pose(at: contact)
            let atContact = k.leg(sinceContact: 0)
            let com = SegmentalCentreOfMass.of { p[$0] ?? PlanePoint(x: .nan, y: .nan) }
            let landing = RunnerKinematics.landingPoint(
                p[.heel(side)] ?? com, p[.toe(side)] ?? com, isHeel: k.landingIsHeel)
            let midHip = PlanePoint.midpoint(p[.leftHip] ?? com, p[.rightHip] ?? com)
            let atTO = k.leg(sinceContact: k.contactTime)
            let leanMean = leanSum / Double(n)
            func fallingAngle(sinceContact tau: Double) -> Double {
                let q = k.pose(at: contact + tau)
                let com = SegmentalCentreOfMass.of { q[$0] ?? PlanePoint(x: .nan, y: .nan) }
                let heel = q[.heel(side)] ?? com, toe = q[.toe(side)] ?? com
                let ball = RunnerKinematics.landingPoint(heel, toe, isHeel: false)
                return atan2(com.x - ball.x, com.y - ball.y)
            }
            let vo = comMax - comMin
            perSide[side] = SyntheticStepTruth(
                side: side, initialContactTime: contact, toeOffTime: contact + k.contactTime,
                contactTimeSeconds: k.contactTime, flightTimeSeconds: max(0, k.stepTime - k.contactTime),
                stepTimeSeconds: k.stepTime, cadenceStepsPerMinute: 60 / k.stepTime,
                dutyFactor: k.contactTime / k.strideTime, footStrikeAngleDegrees: k.footStrikeAngle * deg,
                landingPoint: k.landingIsHeel ? .heel : .ballOfFoot,
                kneeFlexionAtContactDegrees: atContact.kneeFlexion * deg,
                peakStanceKneeFlexionDegrees: stancePeak * deg, peakSwingKneeFlexionDegrees: swingPeak * deg,
                shankAngleAtContactDegrees: atContact.shankAngle * deg,
                overstrideLegLengths: (landing.x - com.x) / legLength,
                overstrideFromMidHipLegLengths: (landing.x - midHip.x) / legLength,
                trunkLeanMeanDegrees: leanMean * deg, trunkLeanRangeDegrees: (leanMax - leanMin) * deg,
                trunkLeanStandardDeviationDegrees: max(0, leanSq / Double(n) - leanMean * leanMean).squareRoot() * deg,
                verticalOscillationMetres: vo, pelvisVerticalOscillationMetres: pelvisMax - pelvisMin,
                armSwingRangeDegrees: (armMax - armMin) * deg, peakSwingThighAngleDegrees: thighPeak * deg,
                thighAngleAtToeOffDegrees: atTO.thighAngle * deg, hipExtensionAtToeOffDegrees: -atTO.thighAngle * deg,
                timeToPeakSwingKneeFlexionSeconds: swingPeakTime - k.contactTime,
                heelToHipMinimumLegLengths: heelToHip / legLength,
                fallingAngleMidStanceDegrees: fallingAngle(sinceContact: k.contactTime / 2) * deg,
                fallingAngleToeOffDegrees: fallingAngle(sinceContact: k.contactTime) * deg,
                elbowAngleDegrees: elbowSum / Double(n) * deg, stepLengthMetres: k.speed * k.stepTime,
                strideLengthMetres: k.speed * k.strideTime, verticalRatioPercent: vo / (k.speed * k.strideTime) * 100)
        }

        var events: [GaitEvent] = []
        var steps: [SyntheticStepTruth] = []
        func frame(_ t: Double) -> Int {
            min(max(0, Int(((t - start) * c.frameRate).rounded())), max(0, times.count - 1))
        }
        let firstIndex = Int(((start - k.firstLeftContact) / k.stepTime).rounded(.down)) - 2
        let lastIndex = Int(((end - k.firstLeftContact) / k.stepTime).rounded(.up)) + 1
        for m in firstIndex...max(firstIndex, lastIndex) {
            let side: Side = m % 2 == 0 ? .left : .right
            let ic = k.firstLeftContact + Double(m) * k.stepTime
            let to = ic + k.contactTime
            if ic >= start && ic <= end {
                events.append(GaitEvent(side: side, kind: .initialContact, time: ic, frame: frame(ic)))
                if var s = perSide[side] {
                    s.initialContactTime = ic
                    s.toeOffTime = to
                    steps.append(s)
                }
            }
            if to >= start && to <= end {
                events.append(GaitEvent(side: side, kind: .toeOff, time: to, frame: frame(to)))
            }
        }
        events.sort { $0.time < $1.time }
        return SyntheticTruth(
            events: events, steps: steps, injectedSwaps: [], glitches: [], confidentGlitches: [], dropouts: [], body: k.body,
            legLengthMetres: legLength, legLengthInSequenceUnits: legLength * scale, stepTimeSeconds: k.stepTime,
            strideTimeSeconds: k.strideTime, hasFlightPhase: k.hasFlight, setting: c.setting,
            directionOfTravel: c.directionOfTravel >= 0 ? 1 : -1, speedMetresPerSecond: k.speed)
    }

    /// Mid-shoulder → mid-hip line vs vertical, forward (+x) positive, radians.
    static func trunkLean(_ p: [Landmark: PlanePoint]) -> Double {
        guard let ls = p[.leftShoulder], let rs = p[.rightShoulder], let lh = p[.leftHip], let rh = p[.rightHip] else {
            return .nan
        }
        let s = PlanePoint.midpoint(ls, rs), h = PlanePoint.midpoint(lh, rh)
        return atan2(s.x - h.x, s.y - h.y)
    }
}
