/// Everything that tunes the analysis, in one value with documented defaults (passed in, never global).
public struct AnalysisConfiguration: Sendable, Hashable {
    /// Cleaning before anything is measured.
    public var cleaning: CleaningConfiguration
    /// Gait-event detection.
    public var events: EventDetectionConfiguration
    /// The runner's height in metres, if known: turns image units into metres (via segment fractions).
    public var runnerHeightMetres: Double?
    /// The runner's leg length (hip joint to ankle) in metres, if known; takes precedence over height.
    public var legLengthMetres: Double?
    /// Treadmill belt speed in m/s, if known: gives step and stride length from step time.
    public var treadmillSpeedMetresPerSecond: Double?
    /// Fewest initial contacts the analysis needs (two complete steps: what cadence and symmetry need).
    public var minimumInitialContacts: Int
    /// Frame rate below which contact timing is flagged as coarse (domain brief §5: < 60 fps).
    public var minimumFrameRateForContactTiming: Double
    /// Fewest frames worth analysing at all (a third of a second at 30 fps); heuristic.
    public var minimumFrames: Int
    /// Below this foot speed relative to the hips (leg lengths per second) nobody is moving: a jog is
    /// ~3 leg lengths/s, so 0.2 only rejects standing and noise; heuristic.
    public var minimumFootSpeedLegLengthsPerSecond: Double
    /// Hips travelling more than this many leg lengths through the clip mean overground running
    /// (a treadmill runner drifts a few centimetres); heuristic.
    public var overgroundTravelLegLengths: Double
    /// Summaries of fewer steps than this are `limited` quality, and a clip with fewer than
    /// `stepsForFirmSummary` steps gets a warning; heuristic (spread needs several steps per side).
    public var stepsForGoodQuality: Int
    public var stepsForFirmSummary: Int
    /// Video metrics whose landmarks average below this confidence are `poor` quality; heuristic, set
    /// above the cleaner's 0.3 gate so that a clip that only just passes the gate is flagged.
    public var minimumVideoConfidence: Double
    /// Running needs a median flight phase of at least this many frame intervals. Contacts are timed
    /// between frames, so a median over several steps resolves a flight shorter than a frame: a treadmill
    /// heel-striker with 0–1 frames of flight in the eye labels (Overstride_3, duty factor 45 %) reads
    /// 32 ms at 30 fps and runs. Two feet landing together after a jump (5 ms, 0.15 frame) stay below;
    /// half a frame is the rounding step of a frame-counted flight; heuristic.
    public var minimumFlightFrames: Double
    /// A step (one foot's contact to the other's next) longer than this many times the clip's median step,
    /// or a stride longer than this many median strides, holds a contact that was not seen: two steps'
    /// time is ~2 medians, and running step times vary by a few per cent (plus a frame of rounding, 15 %
    /// of a step at 30 fps), so 1.75 splits them; heuristic. Its cadence, flight, lengths and stride values
    /// are left out. Needs at least `missedContactMinimumSteps` steps for a median worth the name.
    /// The same ratio bounds a step from below (shorter than median / 1.75): a contact found twice or far
    /// off its time splits one step into parts that add up to about one median (`StepMeasurer`).
    public var missedContactStepRatio: Double
    public static let defaultMissedContactStepRatio = 1.75
    public var missedContactMinimumSteps: Int

    /// Steps quicker than this (the median step of a clip, as a cadence) are not anyone running: the fastest
    /// sprinters step about 4.5–5 times a second at top speed (Bolt's 9.58 s 100 m took 41 steps, 4.3 a second
    /// on average), so 5.5 a second has a margin of one in ten. Contacts found twice, or a clip that plays
    /// faster than it was filmed, read like this; heuristic.
    public static let fastestRunningStepsPerMinute = 330.0

    /// The analysis cleans with a 20 Hz cut-off (capped at 0.2 × frame rate, so 6 Hz at 30 fps and 12 Hz
    /// at 60 fps): the cleaner's 10 Hz default rounds off the foot's deceleration at contact. Measured
    /// on the force-plate trials: 15 → 20 Hz moved sprint contact timing closer to the plates, and
    /// 25 Hz gained nothing (docs/analysis.md).
    public static let analysisCutoffHz = 20.0

    public init(
        cleaning: CleaningConfiguration = CleaningConfiguration(cutoffHz: AnalysisConfiguration.analysisCutoffHz, maximumCutoffFractionOfFrameRate: 0.2),
        events: EventDetectionConfiguration = .init(),
        runnerHeightMetres: Double? = nil,
        legLengthMetres: Double? = nil,
        treadmillSpeedMetresPerSecond: Double? = nil,
        minimumInitialContacts: Int = 3,
        minimumFrameRateForContactTiming: Double = 60,
        minimumFrames: Int = 10,
        minimumFootSpeedLegLengthsPerSecond: Double = 0.2,
        overgroundTravelLegLengths: Double = 2,
        stepsForGoodQuality: Int = 4,
        stepsForFirmSummary: Int = 6,
        minimumVideoConfidence: Double = 0.6,
        minimumFlightFrames: Double = 0.5,
        missedContactStepRatio: Double = defaultMissedContactStepRatio,
        missedContactMinimumSteps: Int = 3
    ) {
        self.minimumFlightFrames = minimumFlightFrames
        self.missedContactStepRatio = missedContactStepRatio
        self.missedContactMinimumSteps = missedContactMinimumSteps
        self.minimumFrames = minimumFrames
        self.minimumFootSpeedLegLengthsPerSecond = minimumFootSpeedLegLengthsPerSecond
        self.overgroundTravelLegLengths = overgroundTravelLegLengths
        self.stepsForGoodQuality = stepsForGoodQuality
        self.stepsForFirmSummary = stepsForFirmSummary
        self.minimumVideoConfidence = minimumVideoConfidence
        self.cleaning = cleaning
        self.events = events
        self.runnerHeightMetres = runnerHeightMetres
        self.legLengthMetres = legLengthMetres
        self.treadmillSpeedMetresPerSecond = treadmillSpeedMetresPerSecond
        self.minimumInitialContacts = minimumInitialContacts
        self.minimumFrameRateForContactTiming = minimumFrameRateForContactTiming
    }
}

/// How initial contact and toe-off are found (see `GaitEventDetector` and docs/analysis.md).
///
/// The foot counts as on the ground while some point of its sole moves, in the ground's frame, slower
/// than a fraction of the running speed. The fractions were tuned on the three force-plate trials in
/// ../shared/data/mocap (Hamner 2 and 3 m/s treadmill, Dorn 9.5 m/s overground) and are reported there.
public struct EventDetectionConfiguration: Sendable, Hashable {
    /// Initial contact: the slowest sole point's speed (both axes) falls below this fraction of running speed.
    public var contactSpeedFraction: Double
    /// Toe-off: the slowest sole point's horizontal speed rises above this fraction of running speed.
    public var toeOffSpeedFraction: Double
    /// A landing read as sliding: where the slowest sole point stays above `contactSpeedFraction` of running
    /// speed all through its landing window but does fall below this fraction of it, the pose model's foot kept
    /// moving through a contact (a sprinter's three-frame contacts at 29 fps: the foot slows to 0.2–0.5 of
    /// running speed over the ground; through the filter an ideal stop of 0.08 s reaches 0.21, one of 0.1 s 0).
    /// The contact is then where the speed falls to within `contactSpeedFraction` of running speed of its
    /// slowest in the window.
    /// 0.5: halfway from the forward turn, where a swinging foot moves over the ground at the hips' speed, to
    /// standing still; a foot that never gets that slow has no contact there. Heuristic (docs/analysis.md §4).
    public var slidingLandingSpeedFraction: Double
    /// Ground contact and the ground line: a foot point within this many leg lengths of the ground counts
    /// as on it (the ground line's fit, and the tilt band).
    public var groundProximityLegLengths: Double
    /// The foot counts as flat (its reference pose) while its lowest point is this close to the ground.
    public var flatFootToleranceLegLengths: Double
    /// Positions along the heel→toe sole line whose velocities are examined (0 = heel, 1 = toe).
    public var solePointFractions: [Double]
    /// The ground is fitted as a line along the path (camera roll, perspective) only when the hips travel at
    /// least this many leg lengths across a static view: then contacts spread along x; on a treadmill or a
    /// panning camera they do not and the ground stays level. 2: the same as `overgroundTravelLegLengths`.
    public var groundLineMinimumTravelLegLengths: Double
    /// …and only when the camera stood still: the hips cross the image at least this fraction of the running
    /// speed. A static camera gives ~1 (the stance foot is still in the image); a camera panning with the
    /// runner gives near 0 (sprint-100m-panning.mp4: the runner drifts across the view, but slowly); 0.5
    /// splits the two; heuristic.
    public var staticCameraHipSpeedFraction: Double
    /// Width of the x bins whose lowest foot points the ground line is fitted to: 0.5 leg lengths, about a
    /// foot's length and a half, so each contact fills a bin or two and a flight's bins stay empty or high.
    public var groundLineBinLegLengths: Double
    /// At most this many bins: the fit tries every pair of bins against every bin (cubic in their number),
    /// so a long path (a 10-minute synthetic run crosses thousands of bin widths) widens the bins instead.
    /// 128 bins of 0.5 leg lengths is 64 leg lengths of path, far wider than any phone's side-on view, so
    /// real clips are untouched; a computing bound, not a domain number.
    public var groundLineMaximumBins: Int
    /// Ground slopes steeper than this are not believed (a side-on phone clip is within a few degrees; a
    /// steeper line is more likely a runner going up steps or the fit failing); heuristic.
    public var maximumGroundSlopeDegrees: Double
    /// Slopes under this are treated as level: 0.3° is 0.5 cm over a metre, below what a pose model resolves,
    /// and it keeps level motion-capture data (whose vertical axis is known) untouched.
    public var smallestGroundSlopeDegrees: Double

    public init(
        contactSpeedFraction: Double = 0.2,
        toeOffSpeedFraction: Double = 0.2,
        slidingLandingSpeedFraction: Double = 0.5,
        groundProximityLegLengths: Double = 0.06,
        flatFootToleranceLegLengths: Double = 0.012,
        solePointFractions: [Double] = [0, 0.25, 0.5, 0.75, 1]
    ) {
        self.contactSpeedFraction = contactSpeedFraction
        self.toeOffSpeedFraction = toeOffSpeedFraction
        self.slidingLandingSpeedFraction = slidingLandingSpeedFraction
        self.groundProximityLegLengths = groundProximityLegLengths
        self.flatFootToleranceLegLengths = flatFootToleranceLegLengths
        self.solePointFractions = solePointFractions
        self.groundLineMinimumTravelLegLengths = 2
        self.groundLineBinLegLengths = 0.5
        self.groundLineMaximumBins = 128
        self.staticCameraHipSpeedFraction = 0.5
        self.maximumGroundSlopeDegrees = 15
        self.smallestGroundSlopeDegrees = 0.3
    }
}
