/// Everything PoseRun found in one input: the contents of `analysis.json` (schema in docs/analysis-json.md).
public struct Analysis: Sendable, Hashable, Codable {
    /// Bumped when a field changes meaning or is removed. 2: `quality.warnings` (sentences) became
    /// `quality.findings` (data); a version-1 file still reads, its warnings as `.note` findings.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var input: InputDescription
    /// Whether the input shows running; when not, nothing is scored and `running.reason` says why.
    public var running: RunningCheck
    public var events: [GaitEvent]
    public var steps: [StepRecord]
    /// Every metric the analysis reports (`Metric.reported(inMetres:)`), measured or with the reason it is not.
    public var summary: [Metric: MetricSummary]
    public var footStrikePattern: FootStrikePattern
    public var assessment: Assessment
    public var quality: DataQuality
    /// Gait-cycle curves and key-frame poses for drawing a report (`Analyzer` attaches them); `nil` when no
    /// running was found, or in a file written before they were added to schema 1.
    public var gaitCycleProfiles: GaitCycleProfiles?

    public init(
        input: InputDescription, running: RunningCheck, events: [GaitEvent], steps: [StepRecord],
        summary: [Metric: MetricSummary], footStrikePattern: FootStrikePattern, assessment: Assessment,
        quality: DataQuality
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.input = input
        self.running = running
        self.events = events
        self.steps = steps
        self.summary = summary
        self.footStrikePattern = footStrikePattern
        self.assessment = assessment
        self.quality = quality
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case input, running, events, steps, summary
        case footStrikePattern = "foot_strike_pattern"
        case assessment, quality
        case gaitCycleProfiles = "gait_cycle_profiles"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Read into the current model, an older file is the current version (written back, it says so).
        _ = try c.decode(Int.self, forKey: .schemaVersion)
        schemaVersion = Self.currentSchemaVersion
        input = try c.decode(InputDescription.self, forKey: .input)
        running = try c.decode(RunningCheck.self, forKey: .running)
        events = try c.decode([GaitEvent].self, forKey: .events)
        steps = try c.decode([StepRecord].self, forKey: .steps)
        summary = try c.decodeKeyed([Metric: MetricSummary].self, forKey: .summary)
        footStrikePattern = try c.decode(FootStrikePattern.self, forKey: .footStrikePattern)
        assessment = try c.decode(Assessment.self, forKey: .assessment)
        quality = try c.decode(DataQuality.self, forKey: .quality)
        gaitCycleProfiles = try c.decodeIfPresent(GaitCycleProfiles.self, forKey: .gaitCycleProfiles)
    }
}

/// What was analysed and in which frame of reference.
public struct InputDescription: Sendable, Hashable, Codable {
    /// File or folder name as given by the user (set by the caller; Core does no I/O).
    public var name: String
    public var sourceKind: SourceKind
    public var frameRate: Double
    public var frameCount: Int
    public var durationSeconds: Double
    /// Unit of lengths after scaling: metres, or leg lengths when no scale was known.
    public var lengthUnit: LengthScale
    /// Which way the runner travels along the plane's x axis: +1 or −1.
    public var directionOfTravel: Int
    /// Overground, treadmill, or in place (a treadmill or a panning camera: video cannot tell).
    public var setting: Setting
    /// How the centre of mass was estimated (segments, de Leva 1996; or mid-hip fallback).
    public var centreOfMassMethod: CentreOfMassMethod
    /// Where `frameRate` came from, when the input could be ambiguous (video: the container's rate,
    /// or `--capture-fps` for slow motion). Set by the caller; `nil` for inputs with one time base.
    public var frameRateSource: String?
    /// Plain-language remarks on how the input was read (rotation applied, variable frame rate…).
    /// Set by the caller; `nil` when there are none.
    public var notes: [String]?
    /// Metres per unit of the input's coordinates (per pixel for video) when a scale was known
    /// (metres in, or `--height` / `--leg-length`); `nil` when lengths are in leg lengths.
    public var metresPerInputUnit: Double?
    /// Set when the clip looks like slow motion at the rate given: how much slower, estimated from the
    /// legs' rhythm; the analysis is then not scored. `nil` otherwise.
    public var slowMotion: SlowMotionEstimate?

    public init(
        name: String, sourceKind: SourceKind, frameRate: Double, frameCount: Int, durationSeconds: Double,
        lengthUnit: LengthScale, directionOfTravel: Int, setting: Setting, centreOfMassMethod: CentreOfMassMethod,
        frameRateSource: String? = nil, notes: [String]? = nil, metresPerInputUnit: Double? = nil
    ) {
        self.metresPerInputUnit = metresPerInputUnit
        self.frameRateSource = frameRateSource
        self.notes = notes
        self.name = name
        self.sourceKind = sourceKind
        self.frameRate = frameRate
        self.frameCount = frameCount
        self.durationSeconds = durationSeconds
        self.lengthUnit = lengthUnit
        self.directionOfTravel = directionOfTravel
        self.setting = setting
        self.centreOfMassMethod = centreOfMassMethod
    }

    enum CodingKeys: String, CodingKey {
        case name
        case sourceKind = "source_kind"
        case frameRate = "frame_rate"
        case frameCount = "frame_count"
        case durationSeconds = "duration_s"
        case lengthUnit = "length_unit"
        case directionOfTravel = "direction_of_travel"
        case setting
        case centreOfMassMethod = "centre_of_mass_method"
        case frameRateSource = "frame_rate_source"
        case notes
        case metresPerInputUnit = "metres_per_input_unit"
        case slowMotion = "slow_motion"
    }
}

/// The verdict on whether the input shows running.
public struct RunningCheck: Sendable, Hashable, Codable {
    public var isRunning: Bool
    /// Plain words: what was seen (flight phases, duty factor, steps) and why it counts or not.
    public var reason: String

    public init(isRunning: Bool, reason: String) {
        self.isRunning = isRunning
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case isRunning = "is_running"
        case reason
    }
}

/// One step: a foot's contact from initial contact to toe-off, and what was measured on it.
public struct StepRecord: Sendable, Hashable, Codable {
    public var side: Side
    public var initialContactTime: Double
    public var initialContactFrame: Int
    public var toeOffTime: Double?
    public var toeOffFrame: Int?
    /// Metric values on this step (those that could be measured on it).
    public var metrics: [Metric: Double]

    public init(
        side: Side, initialContactTime: Double, initialContactFrame: Int, toeOffTime: Double?, toeOffFrame: Int?,
        metrics: [Metric: Double]
    ) {
        self.side = side
        self.initialContactTime = initialContactTime
        self.initialContactFrame = initialContactFrame
        self.toeOffTime = toeOffTime
        self.toeOffFrame = toeOffFrame
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey {
        case side
        case initialContactTime = "initial_contact_time"
        case initialContactFrame = "initial_contact_frame"
        case toeOffTime = "toe_off_time"
        case toeOffFrame = "toe_off_frame"
        case metrics
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        side = try c.decode(Side.self, forKey: .side)
        initialContactTime = try c.decode(Double.self, forKey: .initialContactTime)
        initialContactFrame = try c.decode(Int.self, forKey: .initialContactFrame)
        toeOffTime = try c.decodeIfPresent(Double.self, forKey: .toeOffTime)
        toeOffFrame = try c.decodeIfPresent(Int.self, forKey: .toeOffFrame)
        metrics = try c.decodeKeyed([Metric: Double].self, forKey: .metrics)
    }
}

/// Rearfoot, midfoot or forefoot, per Altman & Davis 2012.
public enum StrikeType: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case rearfoot, midfoot, forefoot
}

/// The clip's foot-strike pattern: the type most steps show, with the counts.
public struct FootStrikePattern: Sendable, Hashable, Codable {
    /// The majority type, or `nil` when foot-strike angle is not measurable.
    public var pattern: StrikeType?
    /// Steps of each type.
    public var counts: [StrikeType: Int]
    public var note: String

    public init(pattern: StrikeType?, counts: [StrikeType: Int], note: String) {
        self.pattern = pattern
        self.counts = counts
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case pattern, counts, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pattern = try c.decodeIfPresent(StrikeType.self, forKey: .pattern)
        counts = try c.decodeKeyed([StrikeType: Int].self, forKey: .counts)
        note = try c.decode(String.self, forKey: .note)
    }
}

/// How good the input was: travels with every number so a reader can weigh it.
public struct DataQuality: Sendable, Hashable, Codable {
    public var frames: Int
    /// Frames where every landmark the analysis uses was present with confidence above the gate.
    public var framesWithConfidentPose: Int
    /// Frames with confident legs and feet (what events and leg metrics need) and with confident arms
    /// (what only the arm metrics need); nil in files written before they were counted.
    public var framesWithConfidentLegs: Int?
    public var framesWithConfidentArms: Int?
    /// Distinct frames per second (repeated frames left out), when some frames repeated the one before.
    public var distinctFramesPerSecond: Double?
    /// Samples filled by short-gap interpolation.
    public var interpolatedSamples: Int
    /// Frames whose left/right legs were swapped back.
    public var swapsCorrected: Int
    /// Landmarks the input does not provide at all.
    public var missingLandmarks: [Landmark]
    /// Low-pass cut-off used, in Hz.
    public var filterCutoffHz: Double
    /// What limits the numbers (frame rate too low for contact timing, few steps…), as data; the report
    /// layer words them. Written as `findings` (schema 2); a version-1 file's `warnings` read as `.note`s.
    public var findings: [QualityFinding]
    /// Video only: how well the camera saw the runner (side-on, size, in frame). Its findings are
    /// also in `findings`. Set by the caller from ``CameraViewCheck``; `nil` for other inputs.
    public var cameraView: CameraViewReport?
    /// The event cadence checked against the legs' rhythm; nil when the clip shows no rhythm to read.
    public var cadenceCheck: CadenceCheck?
    /// The times (input's time base) gait events were looked for in: the input less half a period of the
    /// low-pass cut-off at each end, where the filter rests on padding; events outside it are not reported.
    public var eventSpan: ClosedRange<Double>?

    public init(
        frames: Int, framesWithConfidentPose: Int, interpolatedSamples: Int, swapsCorrected: Int,
        missingLandmarks: [Landmark], filterCutoffHz: Double, findings: [QualityFinding], cameraView: CameraViewReport? = nil
    ) {
        self.cameraView = cameraView
        self.frames = frames
        self.framesWithConfidentPose = framesWithConfidentPose
        self.interpolatedSamples = interpolatedSamples
        self.swapsCorrected = swapsCorrected
        self.missingLandmarks = missingLandmarks
        self.filterCutoffHz = filterCutoffHz
        self.findings = findings
    }

    enum CodingKeys: String, CodingKey {
        case frames
        case framesWithConfidentPose = "frames_with_confident_pose"
        case framesWithConfidentLegs = "frames_with_confident_legs"
        case framesWithConfidentArms = "frames_with_confident_arms"
        case distinctFramesPerSecond = "distinct_frames_per_second"
        case interpolatedSamples = "interpolated_samples"
        case swapsCorrected = "swaps_corrected"
        case missingLandmarks = "missing_landmarks"
        case filterCutoffHz = "filter_cutoff_hz"
        case findings
        case cameraView = "camera_view"
        case cadenceCheck = "cadence_check"
        case eventSpan = "event_span_s"
    }

    /// Schema 1 kept the findings as sentences.
    private enum VersionOneKeys: String, CodingKey { case warnings }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        frames = try c.decode(Int.self, forKey: .frames)
        framesWithConfidentPose = try c.decode(Int.self, forKey: .framesWithConfidentPose)
        framesWithConfidentLegs = try c.decodeIfPresent(Int.self, forKey: .framesWithConfidentLegs)
        framesWithConfidentArms = try c.decodeIfPresent(Int.self, forKey: .framesWithConfidentArms)
        distinctFramesPerSecond = try c.decodeIfPresent(Double.self, forKey: .distinctFramesPerSecond)
        interpolatedSamples = try c.decode(Int.self, forKey: .interpolatedSamples)
        swapsCorrected = try c.decode(Int.self, forKey: .swapsCorrected)
        missingLandmarks = try c.decode([Landmark].self, forKey: .missingLandmarks)
        filterCutoffHz = try c.decode(Double.self, forKey: .filterCutoffHz)
        if let findings = try c.decodeIfPresent([QualityFinding].self, forKey: .findings) {
            self.findings = findings
        } else {
            let old = try decoder.container(keyedBy: VersionOneKeys.self)
            findings = (try old.decodeIfPresent([String].self, forKey: .warnings) ?? []).map(QualityFinding.note)
        }
        cameraView = try c.decodeIfPresent(CameraViewReport.self, forKey: .cameraView)
        cadenceCheck = try c.decodeIfPresent(CadenceCheck.self, forKey: .cadenceCheck)
        eventSpan = try c.decodeIfPresent(ClosedRange<Double>.self, forKey: .eventSpan)
    }
}

/// Two independent cadences side by side: the one the detected steps give and the one the legs' rhythm
/// gives over the whole clip (``LegRhythm``). When they part, contacts were missed or doubled.
public struct CadenceCheck: Sendable, Hashable, Codable {
    /// Steps per minute from the legs' rhythm (autocorrelation), and how clearly the legs repeat (0…1).
    public var rhythmStepsPerMinute: Double
    public var rhythmStrength: Double
    /// Steps per minute from the detected steps (the summary's cadence), when there is one.
    public var eventStepsPerMinute: Double?
    /// (events − rhythm) / rhythm, per cent.
    public var differencePercent: Double?

    /// Above this difference the two cadences disagree: the 3 %, five times the spread of step
    /// times on a steady treadmill clip; heuristic.
    public static let agreementPercent = 3.0

    /// Whether the two agree; nil when there is no event cadence to compare.
    public var agrees: Bool? { differencePercent.map { abs($0) <= Self.agreementPercent } }

    public init(rhythm: LegRhythm, eventStepsPerMinute: Double?) {
        rhythmStepsPerMinute = rhythm.stepsPerMinute
        rhythmStrength = rhythm.strength
        self.eventStepsPerMinute = eventStepsPerMinute
        differencePercent = eventStepsPerMinute.map { ($0 - rhythm.stepsPerMinute) / rhythm.stepsPerMinute * 100 }
    }

    enum CodingKeys: String, CodingKey {
        case rhythmStepsPerMinute = "rhythm_steps_per_minute"
        case rhythmStrength = "rhythm_strength"
        case eventStepsPerMinute = "event_steps_per_minute"
        case differencePercent = "difference_percent"
        case agrees
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rhythmStepsPerMinute, forKey: .rhythmStepsPerMinute)
        try c.encode(rhythmStrength, forKey: .rhythmStrength)
        try c.encodeIfPresent(eventStepsPerMinute, forKey: .eventStepsPerMinute)
        try c.encodeIfPresent(differencePercent, forKey: .differencePercent)
        try c.encodeIfPresent(agrees, forKey: .agrees)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rhythmStepsPerMinute = try c.decode(Double.self, forKey: .rhythmStepsPerMinute)
        rhythmStrength = try c.decode(Double.self, forKey: .rhythmStrength)
        eventStepsPerMinute = try c.decodeIfPresent(Double.self, forKey: .eventStepsPerMinute)
        differencePercent = try c.decodeIfPresent(Double.self, forKey: .differencePercent)
    }
}
