public import PoseRunCore

extension SyntheticRunner {
    /// Everything the synthetic runner is asked to do. Angles in degrees, lengths in metres, times in seconds.
    ///
    /// Controlled exactly: cadence, contact time, foot-strike angle, knee flexion at contact, peak stance
    /// knee flexion (running), knee flexion at toe-off (running), peak swing knee flexion, peak swing thigh
    /// angle, trunk lean mean and range, arm swing range, overstride. Derived from the geometry (and
    /// reported in the truth): shank angle at contact, pelvis height during stance and so the vertical
    /// oscillation (flight is ballistic unless `verticalOscillationMetres` asks for more).
    public struct Configuration: Sendable, Hashable {
        // MARK: Gait
        public var cadenceStepsPerMinute: Double
        public var contactTimeSeconds: Double
        public var speedMetresPerSecond: Double
        /// Heel→toe line vs ground at initial contact; positive = toe up (rearfoot). Standing offset is 0.
        public var footStrikeAngleDegrees: Double
        /// 180° − hip–knee–ankle angle at initial contact.
        public var kneeFlexionAtContactDegrees: Double
        /// Largest knee flexion between contact and toe-off (reached at `stanceKneePeakFraction` of stance).
        public var peakStanceKneeFlexionDegrees: Double
        /// Knee flexion at toe-off (running only; in walking it follows from the geometry).
        public var kneeFlexionAtToeOffDegrees: Double
        /// Largest knee flexion in swing (the "pull").
        public var peakSwingKneeFlexionDegrees: Double
        /// Largest forward thigh angle (hip→knee vs vertical) in swing: the knee drive.
        public var peakSwingThighAngleDegrees: Double
        /// Foot pitch at toe-off (negative = heel up).
        public var footPitchAtToeOffDegrees: Double
        /// Mean trunk lean (mid-shoulder → mid-hip line vs vertical, forward positive).
        public var trunkLeanDegrees: Double
        /// Peak-to-peak variation of trunk lean within a stride (a sinusoid at step frequency).
        public var trunkLeanRangeDegrees: Double
        /// Peak-to-peak range of the upper-arm angle relative to the trunk.
        public var armSwingRangeDegrees: Double
        /// Mean upper-arm angle relative to the trunk (forward positive).
        public var meanUpperArmAngleDegrees: Double
        /// Elbow flexion, held constant.
        public var elbowFlexionDegrees: Double
        /// Pelvis (mid-hip) vertical range per stride, in metres, or `nil` (the default) to let the geometry set it.
        /// With `nil` the flight joins the stance ends smoothly and the oscillation follows from the stance
        /// geometry — the truth reports it. A value raises the pelvis in flight until the range is reached
        /// (never lowers it): convenient for a test that needs a given oscillation, at the cost of a flight
        /// that rises more steeply than a body in free fall could.
        public var verticalOscillationMetres: Double?
        /// Horizontal distance landing point → whole-body centre of mass at contact, over leg length
        /// (landing point: heel for a rearfoot strike, toe otherwise; centre of mass: de Leva 1996 segments).
        public var overstrideLegLengths: Double
        public var heightMetres: Double

        // MARK: Timing of the peaks (fractions)
        /// When peak stance knee flexion falls, as a fraction of contact time (running: about 40–45 %).
        public var stanceKneePeakFraction: Double
        /// When peak swing knee flexion falls, as a fraction of the stride from contact (about 70 %, Fukuchi BMC-RIC, see pose-method.md §3).
        public var swingKneePeakStrideFraction: Double
        /// When the thigh is furthest forward, as a fraction of the stride from contact.
        public var swingThighPeakStrideFraction: Double
        /// The foot is flat from this fraction of stance (heel strike: the forefoot comes down)...
        public var footFlatStanceFraction: Double
        /// ...until the heel rises at this fraction of stance.
        public var heelOffStanceFraction: Double

        // MARK: Setting and sampling
        public var setting: Setting
        /// +1: the runner travels toward +x; −1: toward −x.
        public var directionOfTravel: Int
        public var frameRate: Double
        public var durationSeconds: Double
        /// Time of the first frame.
        public var startTimeSeconds: Double
        /// Time of a left initial contact (the motion is periodic, so any one fixes the phase).
        public var leftContactTimeSeconds: Double

        // MARK: Output
        public var lengthUnit: LengthUnit
        /// Used when `lengthUnit` is `.pixels`.
        public var pixelsPerMetre: Double
        /// A smooth horizontal offset added to every point, as a panning camera would.
        public var cameraPan: CameraPan?
        /// Noise, dropouts, low-confidence glitches and left/right swaps.
        public var artefacts: Artefacts

        public init(
            cadenceStepsPerMinute: Double = 172, contactTimeSeconds: Double = 0.25,
            speedMetresPerSecond: Double = 3.3, footStrikeAngleDegrees: Double = 10,
            kneeFlexionAtContactDegrees: Double = 15, peakStanceKneeFlexionDegrees: Double = 42,
            kneeFlexionAtToeOffDegrees: Double = 18, peakSwingKneeFlexionDegrees: Double = 95,
            peakSwingThighAngleDegrees: Double = 35, footPitchAtToeOffDegrees: Double = -40,
            trunkLeanDegrees: Double = 6, trunkLeanRangeDegrees: Double = 3, armSwingRangeDegrees: Double = 50,
            meanUpperArmAngleDegrees: Double = -10, elbowFlexionDegrees: Double = 85,
            verticalOscillationMetres: Double? = nil, overstrideLegLengths: Double = 0.25, heightMetres: Double = 1.75,
            stanceKneePeakFraction: Double = 0.45, swingKneePeakStrideFraction: Double = 0.70,
            swingThighPeakStrideFraction: Double = 0.85, footFlatStanceFraction: Double = 0.15,
            heelOffStanceFraction: Double = 0.5, setting: Setting = .overground, directionOfTravel: Int = 1,
            frameRate: Double = 60, durationSeconds: Double = 5, startTimeSeconds: Double = 0,
            leftContactTimeSeconds: Double = 0.1037, lengthUnit: LengthUnit = .metres, pixelsPerMetre: Double = 400,
            cameraPan: CameraPan? = nil, artefacts: Artefacts = .none
        ) {
            self.cadenceStepsPerMinute = cadenceStepsPerMinute
            self.contactTimeSeconds = contactTimeSeconds
            self.speedMetresPerSecond = speedMetresPerSecond
            self.footStrikeAngleDegrees = footStrikeAngleDegrees
            self.kneeFlexionAtContactDegrees = kneeFlexionAtContactDegrees
            self.peakStanceKneeFlexionDegrees = peakStanceKneeFlexionDegrees
            self.kneeFlexionAtToeOffDegrees = kneeFlexionAtToeOffDegrees
            self.peakSwingKneeFlexionDegrees = peakSwingKneeFlexionDegrees
            self.peakSwingThighAngleDegrees = peakSwingThighAngleDegrees
            self.footPitchAtToeOffDegrees = footPitchAtToeOffDegrees
            self.trunkLeanDegrees = trunkLeanDegrees
            self.trunkLeanRangeDegrees = trunkLeanRangeDegrees
            self.armSwingRangeDegrees = armSwingRangeDegrees
            self.meanUpperArmAngleDegrees = meanUpperArmAngleDegrees
            self.elbowFlexionDegrees = elbowFlexionDegrees
            self.verticalOscillationMetres = verticalOscillationMetres
            self.overstrideLegLengths = overstrideLegLengths
            self.heightMetres = heightMetres
            self.stanceKneePeakFraction = stanceKneePeakFraction
            self.swingKneePeakStrideFraction = swingKneePeakStrideFraction
            self.swingThighPeakStrideFraction = swingThighPeakStrideFraction
            self.footFlatStanceFraction = footFlatStanceFraction
            self.heelOffStanceFraction = heelOffStanceFraction
            self.setting = setting
            self.directionOfTravel = directionOfTravel
            self.frameRate = frameRate
            self.durationSeconds = durationSeconds
            self.startTimeSeconds = startTimeSeconds
            self.leftContactTimeSeconds = leftContactTimeSeconds
            self.lengthUnit = lengthUnit
            self.pixelsPerMetre = pixelsPerMetre
            self.cameraPan = cameraPan
            self.artefacts = artefacts
        }

        /// Seconds between successive contacts of opposite feet: 60 / cadence.
        public var stepTimeSeconds: Double { 60 / cadenceStepsPerMinute }
        /// Seconds between successive contacts of the same foot.
        public var strideTimeSeconds: Double { 2 * stepTimeSeconds }

        /// The same configuration lasting a whole number of strides (plus one frame, so the last event is in).
        public func lasting(strides: Int) -> Configuration {
            var c = self
            c.durationSeconds = Double(strides) * strideTimeSeconds
            return c
        }

        /// The same configuration with other artefacts.
        public func with(_ artefacts: Artefacts) -> Configuration {
            var c = self
            c.artefacts = artefacts
            return c
        }
    }

    /// Overground (the body travels) or treadmill (the pelvis stays put and the belt carries the stance foot back).
    public enum Setting: String, Sendable, Hashable, Codable {
        case overground, treadmill
    }

    /// A panning camera: `x += driftMetresPerSecond · t + amplitudeMetres · sin(2π t / periodSeconds)`.
    public struct CameraPan: Sendable, Hashable {
        public var driftMetresPerSecond: Double
        public var amplitudeMetres: Double
        public var periodSeconds: Double

        public init(driftMetresPerSecond: Double, amplitudeMetres: Double = 0, periodSeconds: Double = 1) {
            self.driftMetresPerSecond = driftMetresPerSecond
            self.amplitudeMetres = amplitudeMetres
            self.periodSeconds = periodSeconds
        }
    }

    /// What goes wrong with real keypoints, injected on purpose and reported in the truth.
    public struct Artefacts: Sendable, Hashable {
        /// Gaussian noise per coordinate, in metres (scaled with the output unit).
        public var noiseSDMetres: Double
        /// Confidence of a good sample, drawn uniformly from this range.
        public var confidenceRange: ClosedRange<Double>
        /// Number of gaps (one landmark, NaN with confidence 0) and their longest length in frames.
        public var dropoutGaps: Int
        public var maxDropoutFrames: Int
        /// Number of samples thrown off by up to 30 % of leg length with a low confidence (below 0.2).
        public var lowConfidenceGlitches: Int
        /// Number of samples thrown off by 10–30 % of leg length but reported with a normal confidence:
        /// the glitches a confidence gate cannot catch.
        public var confidentGlitches: Int
        /// Number of whole-leg label exchanges (hip, knee, ankle, heel, toe) and of single-landmark exchanges.
        public var legSwaps: Int
        public var singleLandmarkSwaps: Int
        /// Number of whole-arm label exchanges (shoulder, elbow, wrist).
        public var armSwaps: Int
        /// Longest swap, in frames (each lasts 1…this).
        public var maxSwapFrames: Int
        /// Where swaps go: anywhere, or starting or ending where the swapped landmarks cross (the hard case
        /// for a corrector: there the two labellings are equally near).
        public var swapPlacement: SwapPlacement
        public var seed: UInt64

        public init(
            noiseSDMetres: Double = 0, confidenceRange: ClosedRange<Double> = 0.75...1.0, dropoutGaps: Int = 0,
            maxDropoutFrames: Int = 4, lowConfidenceGlitches: Int = 0, confidentGlitches: Int = 0, legSwaps: Int = 0,
            singleLandmarkSwaps: Int = 0, armSwaps: Int = 0,
            maxSwapFrames: Int = 6, swapPlacement: SwapPlacement = .anywhere, seed: UInt64 = 1
        ) {
            self.noiseSDMetres = noiseSDMetres
            self.confidenceRange = confidenceRange
            self.dropoutGaps = dropoutGaps
            self.maxDropoutFrames = maxDropoutFrames
            self.lowConfidenceGlitches = lowConfidenceGlitches
            self.confidentGlitches = confidentGlitches
            self.legSwaps = legSwaps
            self.singleLandmarkSwaps = singleLandmarkSwaps
            self.armSwaps = armSwaps
            self.maxSwapFrames = maxSwapFrames
            self.swapPlacement = swapPlacement
            self.seed = seed
        }

        public enum SwapPlacement: String, Sendable, Hashable {
            case anywhere
            case atCrossings
        }

        /// Perfect keypoints: confidence 1, no noise, nothing missing or swapped.
        public static let none = Artefacts(confidenceRange: 1...1)

        /// Roughly what a good pose model gives on a clear side-view clip: 1 cm noise, a few short dropouts and swaps.
        public static func realistic(seed: UInt64, seconds: Double) -> Artefacts {
            let perTenSeconds = max(1, Int((seconds / 10).rounded(.up)))
            return Artefacts(
                noiseSDMetres: 0.01, dropoutGaps: 6 * perTenSeconds, maxDropoutFrames: 4,
                lowConfidenceGlitches: 4 * perTenSeconds, legSwaps: 4 * perTenSeconds,
                singleLandmarkSwaps: 4 * perTenSeconds, armSwaps: 2 * perTenSeconds, maxSwapFrames: 6, seed: seed)
        }
    }
}

// MARK: - Presets

extension SyntheticRunner.Configuration {
    /// A runner who looks like the Pose Method: quick steps, short contact on the ball of the foot, bent knee,
    /// landing close under the centre of mass, a steady forward lean, compact arms.
    public static var poseRunner: Self {
        Self(
            cadenceStepsPerMinute: 185, contactTimeSeconds: 0.18, speedMetresPerSecond: 3.0,
            footStrikeAngleDegrees: -6, kneeFlexionAtContactDegrees: 22, peakStanceKneeFlexionDegrees: 40,
            kneeFlexionAtToeOffDegrees: 20, peakSwingKneeFlexionDegrees: 110, peakSwingThighAngleDegrees: 28,
            footPitchAtToeOffDegrees: -35, trunkLeanDegrees: 8, trunkLeanRangeDegrees: 2, armSwingRangeDegrees: 40,
            meanUpperArmAngleDegrees: -5, elbowFlexionDegrees: 90,
            overstrideLegLengths: 0.15, footFlatStanceFraction: 0.2, heelOffStanceFraction: 0.45)
    }

    /// A traditional heel striker: long steps landing well ahead of the centre of mass on the heel with a
    /// nearly straight knee, upright trunk that rocks, big arm swing, more bounce.
    public static var heelStriker: Self {
        Self(
            cadenceStepsPerMinute: 158, contactTimeSeconds: 0.28, speedMetresPerSecond: 3.2,
            footStrikeAngleDegrees: 16, kneeFlexionAtContactDegrees: 6, peakStanceKneeFlexionDegrees: 38,
            kneeFlexionAtToeOffDegrees: 16, peakSwingKneeFlexionDegrees: 92, peakSwingThighAngleDegrees: 40,
            footPitchAtToeOffDegrees: -45, trunkLeanDegrees: 3, trunkLeanRangeDegrees: 6, armSwingRangeDegrees: 70,
            meanUpperArmAngleDegrees: -12, elbowFlexionDegrees: 75,
            overstrideLegLengths: 0.3, footFlatStanceFraction: 0.15, heelOffStanceFraction: 0.55)
    }

    /// Walking: no flight phase (contact longer than a step), duty factor above 0.5. For "not running" tests.
    public static var walker: Self {
        Self(
            cadenceStepsPerMinute: 110, contactTimeSeconds: 0.66, speedMetresPerSecond: 1.35,
            footStrikeAngleDegrees: 18, kneeFlexionAtContactDegrees: 4, peakStanceKneeFlexionDegrees: 18,
            kneeFlexionAtToeOffDegrees: 35, peakSwingKneeFlexionDegrees: 62, peakSwingThighAngleDegrees: 32,
            footPitchAtToeOffDegrees: -45, trunkLeanDegrees: 2, trunkLeanRangeDegrees: 2, armSwingRangeDegrees: 30,
            meanUpperArmAngleDegrees: -3, elbowFlexionDegrees: 20,
            overstrideLegLengths: 0.35, stanceKneePeakFraction: 0.22, swingKneePeakStrideFraction: 0.72,
            swingThighPeakStrideFraction: 0.88, footFlatStanceFraction: 0.12, heelOffStanceFraction: 0.6)
    }
}
