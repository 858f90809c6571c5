import PoseRunCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The synthetic runner's body as a continuous function of time, before any output transform.
///
/// Frame: metres, y up, ground at y = 0, the runner travelling toward +x overground.
/// Construction (documented choices):
/// - The pelvis moves forward at constant speed. Each foot contact fixes a stance foot on the
///   ground; the foot rolls (heel pivot while toe up, toe pivot while heel up), so the lowest of
///   heel/toe is always at y = 0 and does not slide.
/// - During a leg's *controlling window* (contact → toe-off when running, contact → the other
///   foot's contact when walking) the knee flexion follows a chosen schedule and the pelvis height
///   is *solved* from it (two-link leg: hip–ankle distance fixed by the knee angle). So knee flexion
///   at contact, its stance peak and (running) its value at toe-off are exact; pelvis height in
///   stance is derived.
/// - In flight the pelvis follows a cubic Hermite joining the stance ends (matching heights and rates).
///   The knee rates at toe-off and contact *aim* for the vertical speeds of a ballistic flight (a
///   parabola under g); they are bounded so the chosen stance peak stays the peak, and with the presets
///   the bound usually bites, so the flight is smooth but flatter than ballistic — a known simplification.
///   If a vertical oscillation is asked for, the flight is raised until the pelvis range reaches it.
/// - In swing, thigh angle, knee flexion and foot pitch are cubic Hermite curves that match the
///   stance values and rates at toe-off and contact and pass through the chosen peaks.
/// - Overstride is met by placing the foot: the landing offset is solved by fixed-point iteration
///   against the de Leva whole-body centre of mass at contact.
struct RunnerKinematics: Sendable {
    /// Altman & Davis 2012 (*Gait Posture*): foot-strike angle above 8° is a rearfoot strike; the
    /// landing point for overstride is then the heel, otherwise the ball of the foot (pose-method.md §3).
    static let rearfootStrikeAboveDegrees = 8.0
    /// The ball of the foot along heel→toe: Core's `Anthropometry.ballOfFootFraction`.
    static let ballOfFootFraction = Anthropometry.ballOfFootFraction
    /// Ours: transverse pelvis rotation seen from the side moves each hip ±1 % of height along x,
    /// shoulders counter-rotate ±1.5 %. Small, but it keeps left and right hips distinguishable.
    static let pelvisRotationFractionOfHeight = 0.01
    static let shoulderRotationFractionOfHeight = 0.015

    /// Ours (heuristic): the landing foot still moves forward at 30 % of running speed relative to
    /// the ground when it touches down, then stops: a visible but not extreme impact.
    static let footSpeedAtContactFraction = 0.3
    /// Ours (heuristic): at contact the foot rolls down at this multiple of its mean roll rate to foot-flat,
    /// and the knee flexes at this multiple of its mean rate to the stance peak: fast, but not at their
    /// peak yet (running knee flexion velocity peaks some tens of milliseconds after contact).
    static let footRollRateAtContact = 1.0
    static let kneeRateAtContact = 1.5
    /// Ours (heuristic): after toe-off the foot's roll (about −700°/s with the presets) stops within 40 ms,
    /// carrying the foot a further ~14° toward plantarflexion, as the ankle plantarflexion peak just after
    /// toe-off does in running.
    static let footRollStopSeconds = 0.04

    let body: BodyDimensions
    let stepTime: Double
    let strideTime: Double
    let contactTime: Double
    let speed: Double
    let firstLeftContact: Double
    /// Length of the window in which a leg's stance schedule sets the pelvis height.
    let window: Double
    let hasFlight: Bool

    // Chosen angles, radians.
    let footStrikeAngle: Double
    let kneeAtContact: Double
    let kneeStancePeak: Double
    let kneeSwingPeak: Double
    let thighSwingPeak: Double
    let trunkLeanMean: Double
    let trunkLeanRange: Double
    let armSwingRange: Double
    let armMean: Double
    let elbowFlexion: Double
    let verticalOscillationTarget: Double?

    /// Landing point x minus pelvis x at contact (metres): what overstride places.
    let landingOffset: Double
    /// Heel position when the stance foot is flat, minus pelvis x at contact.
    let heelPivotOffset: Double
    let landingIsHeel: Bool
    let pitchSchedule: HermiteCurve
    private(set) var kneeSchedule: HermiteCurve
    private(set) var kneeAtWindowEnd: Double
    /// Times since contact where a chosen peak sits exactly (for truth sampling).
    private(set) var peakTimes: [Double] = []
    private var flightCurve: HermiteCurve?
    private var flightBump: Double = 0
    private var swingThigh = HermiteCurve(knots: [])
    private var swingKnee = HermiteCurve(knots: [])
    private var swingPitch = HermiteCurve(knots: [])

    // MARK: - Construction

    /// Builds the body for a configuration, solving the landing offset so the overstride is as chosen.
    static func solve(_ c: SyntheticRunner.Configuration, skipValidation: Bool = false) throws -> RunnerKinematics {
        let legLength = BodyDimensions(heightMetres: c.heightMetres).legLengthMetres
        let target = c.overstrideLegLengths * legLength
        var offset = target
        var k = try RunnerKinematics(c, landingOffset: offset)
        for _ in 0..<40 {
            let comX = k.centreOfMassAtLeftContact().x
            let overstride = offset - comX  // pelvis x at contact is 0 in contact-relative terms
            let next = offset + (target - overstride)
            if abs(next - offset) < 1e-12 { break }
            offset = next
            k = try RunnerKinematics(c, landingOffset: offset)
        }
        if !skipValidation { try k.validate() }
        return k
    }

    private init(_ c: SyntheticRunner.Configuration, landingOffset: Double) throws {
        let rad = Double.pi / 180
        body = BodyDimensions(heightMetres: c.heightMetres)
        stepTime = c.stepTimeSeconds
        strideTime = c.strideTimeSeconds
        contactTime = c.contactTimeSeconds
        speed = c.speedMetresPerSecond
        firstLeftContact = c.leftContactTimeSeconds
        hasFlight = contactTime < stepTime
        window = min(contactTime, stepTime)
        footStrikeAngle = c.footStrikeAngleDegrees * rad
        kneeAtContact = c.kneeFlexionAtContactDegrees * rad
        kneeStancePeak = c.peakStanceKneeFlexionDegrees * rad
        kneeSwingPeak = c.peakSwingKneeFlexionDegrees * rad
        thighSwingPeak = c.peakSwingThighAngleDegrees * rad
        trunkLeanMean = c.trunkLeanDegrees * rad
        trunkLeanRange = c.trunkLeanRangeDegrees * rad
        armSwingRange = c.armSwingRangeDegrees * rad
        armMean = c.meanUpperArmAngleDegrees * rad
        elbowFlexion = c.elbowFlexionDegrees * rad
        verticalOscillationTarget = c.verticalOscillationMetres
        self.landingOffset = landingOffset

        // Stance foot pitch: strike angle → flat → heel rise to the toe-off pitch. The foot is still rolling
        // at both ends (twice the mean rate of the roll): it slaps down at contact and peels off at toe-off,
        // so the landing point meets the ground moving down and the toe leaves it moving up.
        let pitchTO = c.footPitchAtToeOffDegrees * rad
        let flatAt = c.footFlatStanceFraction * contactTime, heelOffAt = c.heelOffStanceFraction * contactTime
        pitchSchedule = HermiteCurve(knots: [
            .init(t: 0, value: footStrikeAngle, slope: Self.footRollRateAtContact * (0 - footStrikeAngle) / flatAt),
            .init(t: flatAt, value: 0, slope: 0), .init(t: heelOffAt, value: 0, slope: 0),
            .init(t: contactTime, value: pitchTO, slope: 2 * pitchTO / (contactTime - heelOffAt)),
        ])
        landingIsHeel = c.footStrikeAngleDegrees > Self.rearfootStrikeAboveDegrees
        let atContact = Self.footPoints(body, heelPivotX: 0, pitch: footStrikeAngle)
        heelPivotOffset = landingOffset - Self.landingPoint(atContact.heel, atContact.toe, isHeel: landingIsHeel).x

        // Knee schedule over the controlling window.
        let peakTime = c.stanceKneePeakFraction * contactTime
        var end = c.kneeFlexionAtToeOffDegrees * rad
        kneeSchedule = HermiteCurve(knots: [
            .init(t: 0, value: kneeAtContact, slope: 0), .init(t: peakTime, value: kneeStancePeak, slope: 0),
            .init(t: window, value: end, slope: 0),
        ])
        kneeAtWindowEnd = end
        if !hasFlight {
            // Walking: the knee at the window's end is whatever lets the next leg take over at its contact height.
            let nextContactHeight = hipHeight(at: 0, kneeFlexion: kneeAtContact)
            let hipX = hipRelativeX(at: window)
            let ankle = Self.footPoints(body, heelPivotX: heelPivotOffset, pitch: pitchSchedule.value(at: window)).ankle
            let d = PlanePoint(x: hipX - ankle.x, y: nextContactHeight - ankle.y).length
            end = kneeFlexion(forHipAnkleDistance: d)
            kneeAtWindowEnd = end
        }
        // Knee rates at the window ends set the pelvis's vertical speed there: aimed at a ballistic flight
        // (g = 9.81 m/s²; descending at contact, rising at toe-off), or level at the hand-over when walking.
        // The rates are then bounded by the schedule's limiter, so the aim is not always reached.
        let yContact = hipHeight(at: 0, kneeFlexion: kneeAtContact)
        let yEnd = hipHeight(at: window, kneeFlexion: end)
        var vContact = 0.0, vEnd = 0.0
        if hasFlight {
            let flight = stepTime - contactTime, g = 9.81
            vEnd = (yContact - yEnd) / flight + g * flight / 2
            vContact = vEnd - g * flight
        }
        kneeSchedule = HermiteCurve(limiting: [
            .init(t: 0, value: kneeAtContact, slope: min(
                kneeRate(at: 0, knee: kneeAtContact, pelvisRate: vContact),
                Self.kneeRateAtContact * (kneeStancePeak - kneeAtContact) / peakTime)),
            .init(t: peakTime, value: kneeStancePeak, slope: 0),
            .init(t: window, value: end, slope: kneeRate(at: window, knee: end, pelvisRate: vEnd)),
        ])
        guard peakTime > 0, peakTime < window else {
            throw SyntheticRunnerError.invalidParameter(
                name: "stanceKneePeakFraction", value: c.stanceKneePeakFraction,
                reason: "the stance knee peak must fall inside the part of stance that sets the pelvis height")
        }

        if hasFlight { buildFlight() }
        buildSwing(c)
    }

    private mutating func buildFlight() {
        let h = 1e-6
        let y0 = stanceHipHeight(at: contactTime)
        let m0 = (y0 - stanceHipHeight(at: contactTime - h)) / h
        let y1 = stanceHipHeight(at: 0)
        let m1 = (stanceHipHeight(at: h) - y1) / h
        let curve = HermiteCurve(knots: [.init(t: contactTime, value: y0, slope: m0), .init(t: stepTime, value: y1, slope: m1)])
        flightCurve = curve
        guard let oscillation = verticalOscillationTarget else { return }  // ballistic: the curve is the parabola
        var stanceMin = Double.infinity
        for i in 0...400 { stanceMin = min(stanceMin, stanceHipHeight(at: contactTime * Double(i) / 400)) }
        let targetMax = stanceMin + oscillation
        func flightMax(_ bump: Double) -> Double {
            var m = -Double.infinity
            for i in 0...400 {
                let s = Double(i) / 400
                m = max(m, curve.value(at: contactTime + s * (stepTime - contactTime)) + bump * 16 * s * s * (1 - s) * (1 - s))
            }
            return m
        }
        var lo = 0.0, hi = max(0.5, 4 * oscillation)
        if flightMax(lo) >= targetMax { flightBump = 0; return }
        if flightMax(hi) <= targetMax { flightBump = hi; return }
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if flightMax(mid) < targetMax { lo = mid } else { hi = mid }
        }
        flightBump = (lo + hi) / 2
    }

    private mutating func buildSwing(_ c: SyntheticRunner.Configuration) {
        let h = 1e-6
        func angles(_ tau: Double) -> (thigh: Double, knee: Double, pitch: Double) {
            let leg = stanceLeg(sinceContact: tau)
            return (leg.thighAngle, leg.kneeFlexion, pitchSchedule.value(at: tau))
        }
        let atTO = angles(contactTime), beforeTO = angles(contactTime - h)
        let atIC = angles(0)
        let swing = strideTime - contactTime
        func clampInSwing(_ fraction: Double) -> Double {
            min(max(fraction * strideTime, contactTime + 0.2 * swing), strideTime - 0.1 * swing)
        }
        let kneePeakT = clampInSwing(c.swingKneePeakStrideFraction)
        let thighPeakT = clampInSwing(c.swingThighPeakStrideFraction)
        peakTimes = [kneeSchedule.knots[1].t, kneePeakT, thighPeakT]
        let thighPeak = max(thighSwingPeak, atIC.thigh + 0.5 * Double.pi / 180)
        swingKnee = HermiteCurve(limiting: [
            .init(t: contactTime, value: atTO.knee, slope: (atTO.knee - beforeTO.knee) / h),
            .init(t: kneePeakT, value: kneeSwingPeak, slope: 0),
            // The knee arrives at its contact angle without first over-extending (rate 0), so the foot
            // comes down onto the ground rather than through it; it starts to flex at the impact.
            .init(t: strideTime, value: atIC.knee, slope: 0),
        ])
        swingThigh = HermiteCurve(limiting: [
            .init(t: contactTime, value: atTO.thigh, slope: (atTO.thigh - beforeTO.thigh) / h),
            .init(t: thighPeakT, value: thighPeak, slope: 0),
            // Swing-leg retraction: the thigh swings back into contact so the foot still moves forward
            // at a fraction of running speed relative to the ground (horizontal foot speed ≈ v + θ'·hip height).
            .init(t: strideTime, value: atIC.thigh, slope: thighRateAtContact()),
        ])
        // Toe-off is not an impact: the ground force fades to zero, so no point of the foot can change
        // velocity there. The foot leaves the ground still rolling at its stance rate (the toe, pinned until
        // then, lifts off from rest), and the roll decelerates uniformly to a stop `footRollStopSeconds`
        // later (a quadratic: it rolls on by rate × time / 2). At contact the foot stops rolling (pitch rate 0),
        // so the landing point comes down onto the ground; contact itself is an impact, where a jump in
        // velocity is physical.
        // A walker's swing foot clears the ground by a centimetre or two, so the roll stops sooner where a
        // longer one would put the toe through the ground (the first of these stopping times that clears).
        let rollRateAtTO = (atTO.pitch - beforeTO.pitch) / h
        for fraction in [1, 0.5, 0.25, 0.125] {
            let rollStop = min(Self.footRollStopSeconds * fraction, 0.5 * swing)
            swingPitch = HermiteCurve(knots: [
                .init(t: contactTime, value: atTO.pitch, slope: rollRateAtTO),
                .init(t: contactTime + rollStop, value: atTO.pitch + rollRateAtTO * rollStop / 2, slope: 0),
                .init(t: strideTime, value: atIC.pitch, slope: 0),
            ])
            if swingFootClearsTheGround() { break }
        }
    }

    /// Whether the swing foot stays above the ground between toe-off and the next contact (as `validate` checks).
    private func swingFootClearsTheGround() -> Bool {
        let n = 400
        for i in 1..<n {
            let tau = contactTime + 1e-3 + (strideTime - contactTime - 2e-3) * Double(i) / Double(n)
            let leg = swingLeg(sinceContact: tau)
            if min(leg.heel.y, leg.toe.y) < 0 { return false }
        }
        return true
    }

    /// The thigh rate (rad/s) at contact that leaves the landing foot moving forward at
    /// `footSpeedAtContactFraction` of running speed.
    private func thighRateAtContact() -> Double {
        let leg = stanceLeg(sinceContact: 0)
        let drop = max(0.1, leg.hip.y - leg.ankle.y)
        return (Self.footSpeedAtContactFraction - 1) * speed / drop
    }

    /// Checks the legs can reach and the swing foot clears the ground; throws with what to change.
    private func validate() throws {
        let n = 2000
        for i in 0...n {
            let tau = strideTime * Double(i) / Double(n)
            let sigma = tau.truncatingRemainder(dividingBy: stepTime)
            if !pelvisHeight(sinceContact: sigma).isFinite {
                throw SyntheticRunnerError.infeasible(
                    "the stance leg cannot reach the ground \(format3(tau)) s after contact: the body travels "
                        + "\(format3(speed * contactTime)) m during contact; shorten the contact time, lower the speed "
                        + "or land further ahead (more overstride)")
            }
            if tau < contactTime {
                let leg = stanceLeg(sinceContact: tau)
                if leg.hipToAnkle > body.thighMetres + body.shankMetres + 1e-9 {
                    throw SyntheticRunnerError.infeasible(
                        "the trailing leg would have to stretch beyond straight \(format3(tau)) s after contact; "
                            + "use a shorter contact time or a steeper toe-off foot pitch")
                }
            } else if tau > contactTime + 1e-3 && tau < strideTime - 1e-3 {
                let leg = swingLeg(sinceContact: tau)
                if min(leg.heel.y, leg.toe.y) < 0 {
                    throw SyntheticRunnerError.infeasible(
                        "the swing foot would go through the ground \(format3(tau)) s after contact; "
                            + "raise the peak swing knee flexion or the knee drive")
                }
            }
        }
    }

    // MARK: - Geometry

    /// Heel, ankle and toe of a foot whose flat heel position is `heelPivotX`, pitched by `pitch`
    /// (positive toe up: it pivots on the heel; negative heel up: it pivots on the toe).
    static func footPoints(_ body: BodyDimensions, heelPivotX: Double, pitch: Double)
        -> (heel: PlanePoint, ankle: PlanePoint, toe: PlanePoint)
    {
        let lf = body.footLengthMetres
        let along = PlanePoint(x: cos(pitch), y: sin(pitch))
        let heel: PlanePoint, toe: PlanePoint
        if pitch >= 0 {
            heel = PlanePoint(x: heelPivotX, y: 0)
            toe = heel + along * lf
        } else {
            toe = PlanePoint(x: heelPivotX + lf, y: 0)
            heel = toe - along * lf
        }
        return (heel, heel + footAnkleOffset(body, pitch: pitch), toe)
    }

    /// Where the foot lands for the overstride measure: the heel, or the ball of the foot.
    static func landingPoint(_ heel: PlanePoint, _ toe: PlanePoint, isHeel: Bool) -> PlanePoint {
        isHeel ? heel : heel + (toe - heel) * ballOfFootFraction
    }

    /// The ankle relative to the heel for a foot pitched by `pitch`.
    static func footAnkleOffset(_ body: BodyDimensions, pitch: Double) -> PlanePoint {
        let ax = body.ankleForwardOfHeelMetres, ay = body.ankleHeightMetres
        return PlanePoint(x: ax * cos(pitch) - ay * sin(pitch), y: ax * sin(pitch) + ay * cos(pitch))
    }

    func hipAnkleDistance(kneeFlexion k: Double) -> Double {
        let t = body.thighMetres, s = body.shankMetres
        return (t * t + s * s + 2 * t * s * cos(k)).squareRoot()
    }

    func kneeFlexion(forHipAnkleDistance d: Double) -> Double {
        let t = body.thighMetres, s = body.shankMetres
        let c = (d * d - t * t - s * s) / (2 * t * s)
        return acos(max(-1, min(1, c)))
    }

    /// Horizontal hip shift from pelvis rotation, for a leg `tau` seconds after its own contact.
    func hipShift(sinceContact tau: Double) -> Double {
        Self.pelvisRotationFractionOfHeight * body.heightMetres * cos(2 * Double.pi * tau / strideTime)
    }

    /// The stance leg's hip x relative to pelvis x at contact, `sigma` seconds after contact.
    func hipRelativeX(at sigma: Double) -> Double { speed * sigma + hipShift(sinceContact: sigma) }

    /// Pelvis height `sigma` seconds into a leg's controlling window, from its knee schedule.
    func stanceHipHeight(at sigma: Double) -> Double {
        hipHeight(at: sigma, kneeFlexion: kneeSchedule.value(at: sigma))
    }

    /// Hip height that puts the stance ankle at the hip–ankle distance of knee flexion `k`, `sigma` s after contact.
    func hipHeight(at sigma: Double, kneeFlexion k: Double) -> Double {
        let ankle = Self.footPoints(body, heelPivotX: heelPivotOffset, pitch: pitchSchedule.value(at: sigma)).ankle
        let d = hipAnkleDistance(kneeFlexion: k)
        let dx = hipRelativeX(at: sigma) - ankle.x
        let dy2 = d * d - dx * dx
        return dy2 >= 0 ? ankle.y + dy2.squareRoot() : .nan
    }

    /// The knee flexion rate (rad/s) at `sigma` that gives the pelvis the vertical speed `pelvisRate`.
    private func kneeRate(at sigma: Double, knee k: Double, pelvisRate: Double) -> Double {
        let h = 1e-6
        let a = sigma + h <= window ? sigma : sigma - h
        let b = a + h
        let rateAtFixedKnee = (hipHeight(at: b, kneeFlexion: k) - hipHeight(at: a, kneeFlexion: k)) / h
        let perKnee = (hipHeight(at: sigma, kneeFlexion: k + h) - hipHeight(at: sigma, kneeFlexion: k)) / h
        guard perKnee.isFinite, abs(perKnee) > 1e-9, rateAtFixedKnee.isFinite else { return 0 }
        return (pelvisRate - rateAtFixedKnee) / perKnee
    }

    /// Pelvis height `sigma` seconds after the latest contact of either foot (0 ≤ sigma < step time).
    func pelvisHeight(sinceContact sigma: Double) -> Double {
        if sigma <= window || !hasFlight { return stanceHipHeight(at: min(sigma, window)) }
        let curve = flightCurve ?? HermiteCurve(knots: [])
        let s = (sigma - contactTime) / (stepTime - contactTime)
        return curve.value(at: sigma) + flightBump * 16 * s * s * (1 - s) * (1 - s)
    }

    struct Leg {
        var hip: PlanePoint
        var knee: PlanePoint
        var ankle: PlanePoint
        var heel: PlanePoint
        var toe: PlanePoint
        /// Hip→knee vs downward vertical, forward positive.
        var thighAngle: Double { atan2(knee.x - hip.x, hip.y - knee.y) }
        /// Knee→ankle vs downward vertical, forward positive (ankle ahead of knee).
        var shankAngle: Double { atan2(ankle.x - knee.x, knee.y - ankle.y) }
        var kneeFlexion: Double { thighAngle - shankAngle }
        var hipToAnkle: Double { hip.distance(to: ankle) }
    }

    /// A leg in stance, in contact-relative coordinates (x = 0 is the pelvis at this leg's contact).
    func stanceLeg(sinceContact tau: Double) -> Leg {
        let sigma = tau.truncatingRemainder(dividingBy: stepTime)
        let hip = PlanePoint(x: hipRelativeX(at: tau), y: pelvisHeight(sinceContact: sigma))
        let foot = Self.footPoints(body, heelPivotX: heelPivotOffset, pitch: pitchSchedule.value(at: tau))
        let d = min(hip.distance(to: foot.ankle), body.thighMetres + body.shankMetres)
        let t = body.thighMetres, s = body.shankMetres
        let cosBeta = max(-1, min(1, (t * t + d * d - s * s) / (2 * t * d)))
        let u = (foot.ankle - hip) * (1 / max(d, 1e-12))
        let forward = PlanePoint(x: -u.y, y: u.x)
        let knee = hip + (u * cosBeta + forward * (1 - cosBeta * cosBeta).squareRoot()) * t
        return Leg(hip: hip, knee: knee, ankle: foot.ankle, heel: foot.heel, toe: foot.toe)
    }

    /// A leg in swing, in contact-relative coordinates of its previous contact.
    func swingLeg(sinceContact tau: Double) -> Leg {
        let sigma = tau.truncatingRemainder(dividingBy: stepTime)
        let hip = PlanePoint(x: hipRelativeX(at: tau), y: pelvisHeight(sinceContact: sigma))
        let theta = swingThigh.value(at: tau), k = swingKnee.value(at: tau), pitch = swingPitch.value(at: tau)
        let knee = hip + PlanePoint(x: sin(theta), y: -cos(theta)) * body.thighMetres
        let psi = theta - k
        let ankle = knee + PlanePoint(x: sin(psi), y: -cos(psi)) * body.shankMetres
        let heel = ankle - Self.footAnkleOffset(body, pitch: pitch)
        let toe = heel + PlanePoint(x: cos(pitch), y: sin(pitch)) * body.footLengthMetres
        return Leg(hip: hip, knee: knee, ankle: ankle, heel: heel, toe: toe)
    }

    func leg(sinceContact tau: Double) -> Leg {
        tau < contactTime ? stanceLeg(sinceContact: tau) : swingLeg(sinceContact: tau)
    }

    // MARK: - Whole body

    /// Seconds since this side's latest contact at time `t`, and that contact's time.
    func sinceContact(of side: Side, at t: Double) -> (tau: Double, contact: Double) {
        let first = firstLeftContact + (side == .left ? 0 : stepTime)
        let n = ((t - first) / strideTime).rounded(.down)
        var contact = first + n * strideTime
        var tau = t - contact
        if tau < 0 { tau += strideTime; contact -= strideTime }
        if tau >= strideTime { tau -= strideTime; contact += strideTime }
        return (tau, contact)
    }

    func trunkLean(at t: Double) -> Double {
        trunkLeanMean + trunkLeanRange / 2 * sin(2 * Double.pi * (t - firstLeftContact) / stepTime)
    }

    /// Upper-arm angle relative to the trunk: back at the same side's contact, forward half a stride later.
    func upperArmAngle(sinceContact tau: Double) -> Double {
        armMean - armSwingRange / 2 * cos(2 * Double.pi * tau / strideTime)
    }

    /// Every landmark at time `t`, overground, travelling toward +x, in metres.
    func pose(at t: Double) -> [Landmark: PlanePoint] {
        var p: [Landmark: PlanePoint] = [:]
        p.reserveCapacity(17)
        let left = sinceContact(of: .left, at: t)
        let sigma = (t - firstLeftContact).truncatingRemainder(dividingBy: stepTime)
        let pelvis = PlanePoint(x: speed * t, y: pelvisHeight(sinceContact: sigma < 0 ? sigma + stepTime : sigma))
        for side in Side.allCases {
            let (tau, contact) = sinceContact(of: side, at: t)
            let shift = PlanePoint(x: speed * contact, y: 0)
            let leg = self.leg(sinceContact: tau)
            p[.hip(side)] = leg.hip + shift
            p[.knee(side)] = leg.knee + shift
            p[.ankle(side)] = leg.ankle + shift
            p[.heel(side)] = leg.heel + shift
            p[.toe(side)] = leg.toe + shift
        }
        let lean = trunkLean(at: t)
        let up = PlanePoint(x: sin(lean), y: cos(lean))
        let midShoulder = pelvis + up * body.trunkMetres
        p[.head] = midShoulder + up * body.headAboveShouldersMetres
        let shoulderShift = Self.shoulderRotationFractionOfHeight * body.heightMetres
            * cos(2 * Double.pi * left.tau / strideTime)
        for side in Side.allCases {
            let shoulder = midShoulder + PlanePoint(x: side == .left ? -shoulderShift : shoulderShift, y: 0)
            let tau = sinceContact(of: side, at: t).tau
            let gamma = upperArmAngle(sinceContact: tau) - lean
            let elbow = shoulder + PlanePoint(x: sin(gamma), y: -cos(gamma)) * body.upperArmMetres
            let gf = gamma + elbowFlexion
            p[.shoulder(side)] = shoulder
            p[.elbow(side)] = elbow
            p[.wrist(side)] = elbow + PlanePoint(x: sin(gf), y: -cos(gf)) * body.forearmMetres
        }
        return p
    }

    /// Whole-body centre of mass at the left contact, relative to the pelvis x there.
    func centreOfMassAtLeftContact() -> PlanePoint {
        let p = pose(at: firstLeftContact)
        let com = SegmentalCentreOfMass.of { p[$0] ?? PlanePoint(x: 0, y: 0) }
        return PlanePoint(x: com.x - speed * firstLeftContact, y: com.y)
    }
}

func format3(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return "\(r)"
}
