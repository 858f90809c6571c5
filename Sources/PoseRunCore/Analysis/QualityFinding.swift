/// Something about the input or the measurement that limits what the numbers mean, as data: what it is,
/// how much, where, and which metrics it limits. Core finds these; the report layer words them
/// (`QualityFindingText` in PoseRunReport) for the terminal, the HTML and the plan, so the English has one
/// home and a front end can word or filter them its own way.
public enum QualityFinding: Sendable, Hashable {
    /// The input's frame rate is not a positive number: gaps were not filled and nothing was filtered.
    case frameRateUnusable(Double)
    /// The low-pass cut-off is not below the Nyquist frequency, so nothing was filtered.
    case noLowPassFilter(cutoffHz: Double)
    /// The pose source swapped the left and right legs in this many frames; corrected.
    case legsSwapped(frames: Int)
    /// The pose source drew both legs on one in this many frames; their leg points were left out and bridged.
    case legsMerged(frames: Int)
    /// The ground runs at this angle in the image (camera tilt or perspective); contacts were found against it.
    case groundTilted(degrees: Double)
    /// A foot has no heel, toe or ankle: no events for it.
    case footWithoutLandmarks(Side)
    /// A foot has no heel and toe pair: its events come from one point and are less precise.
    case footFromSinglePoint(Side)
    /// Steps that reached the next contact only after more than `ratio` × the median step or stride, most
    /// likely across a missed contact; their cadence, flight, step and stride values are left out.
    case stepsAcrossMissedContacts(steps: Int, ratio: Double)
    /// Frames that repeat the one before (a clip converted from a lower rate); timing uses the distinct rate.
    case repeatedFrames(repeated: Int, frames: Int, distinctRate: Double, frameRate: Double)
    /// The repeats fall in a regular pulldown (one in every `period` frames): the clip holds footage filmed at
    /// `captureRate`, and it was measured on that clock, its events placed back on the clip's frames.
    case pulldownRetimed(period: Int, captureRate: Double)
    /// One frame lasts long against a contact: timings are coarse below `recommendedRate`.
    case coarseTiming(rate: Double, isDistinctRate: Bool, recommendedRate: Double)
    /// Too few steps for firm means and spreads.
    case fewSteps(Int)
    /// The steps found and the legs' rhythm give different cadences: contacts were probably missed or doubled.
    case cadenceDisagrees(eventStepsPerMinute: Double, rhythmStepsPerMinute: Double)
    /// A problem with the camera view (the frame-rate one is not repeated here: `coarseTiming` says it).
    case cameraView(CameraViewFinding)
    /// The clip looks like slow motion; the running check's reason says by how much and what to do.
    case slowMotion(factor: Double)
    /// A warning of a version-1 analysis.json, which kept them as sentences.
    case note(String)

    /// Whether the finding is about how the clip was recorded (the camera's view, slow motion, a coarse or
    /// repeated frame rate) rather than about the keypoints: such a finding changes what every number means,
    /// so a reader sees it before the numbers.
    public var isAboutTheRecording: Bool {
        switch self {
        case .cameraView, .slowMotion, .repeatedFrames, .pulldownRetimed, .coarseTiming, .frameRateUnusable:
            return true
        case .noLowPassFilter, .legsSwapped, .legsMerged, .groundTilted, .footWithoutLandmarks, .footFromSinglePoint,
             .stepsAcrossMissedContacts, .fewSteps, .cadenceDisagrees, .note:
            return false
        }
    }

    /// The metrics this finding makes less certain; empty when it bears on the whole analysis or on none.
    public var limits: [Metric] {
        switch self {
        case .repeatedFrames, .coarseTiming, .slowMotion:
            return Metric.allCases.filter { $0.definition.isTiming || $0.definition.needsTrueFrameRate }
        case .stepsAcrossMissedContacts, .cadenceDisagrees:
            return [.cadence] + Metric.allCases.filter { $0.definition.isTiming }
        case .frameRateUnusable, .noLowPassFilter, .legsSwapped, .legsMerged, .groundTilted, .footWithoutLandmarks,
             .footFromSinglePoint, .fewSteps, .cameraView, .pulldownRetimed, .note:
            return []
        }
    }
}

// MARK: - analysis.json

extension QualityFinding: Codable {
    /// The kinds as analysis.json spells them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case frameRateUnusable = "frame_rate_unusable"
        case noLowPassFilter = "no_low_pass_filter"
        case legsSwapped = "legs_swapped"
        case legsMerged = "legs_merged"
        case groundTilted = "ground_tilted"
        case footWithoutLandmarks = "foot_without_landmarks"
        case footFromSinglePoint = "foot_from_single_point"
        case stepsAcrossMissedContacts = "steps_across_missed_contacts"
        case repeatedFrames = "repeated_frames"
        case pulldownRetimed = "pulldown_retimed"
        case coarseTiming = "coarse_timing"
        case fewSteps = "few_steps"
        case cadenceDisagrees = "cadence_disagrees"
        case cameraView = "camera_view"
        case slowMotion = "slow_motion"
        case note
    }

    public var kind: Kind {
        switch self {
        case .frameRateUnusable: .frameRateUnusable
        case .noLowPassFilter: .noLowPassFilter
        case .legsSwapped: .legsSwapped
        case .legsMerged: .legsMerged
        case .groundTilted: .groundTilted
        case .footWithoutLandmarks: .footWithoutLandmarks
        case .footFromSinglePoint: .footFromSinglePoint
        case .stepsAcrossMissedContacts: .stepsAcrossMissedContacts
        case .repeatedFrames: .repeatedFrames
        case .pulldownRetimed: .pulldownRetimed
        case .coarseTiming: .coarseTiming
        case .fewSteps: .fewSteps
        case .cadenceDisagrees: .cadenceDisagrees
        case .cameraView: .cameraView
        case .slowMotion: .slowMotion
        case .note: .note
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, limits, frames, side, steps, ratio, degrees, text, factor, period
        case captureRate = "capture_frame_rate"
        case frameRate = "frame_rate"
        case cutoffHz = "cutoff_hz"
        case repeated
        case distinctRate = "distinct_frame_rate"
        case isDistinctRate = "is_distinct_rate"
        case recommendedRate = "recommended_frame_rate"
        case eventStepsPerMinute = "event_steps_per_min"
        case rhythmStepsPerMinute = "rhythm_steps_per_min"
        case camera
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        if !limits.isEmpty { try c.encode(limits.map(\.rawValue), forKey: .limits) }
        switch self {
        case .frameRateUnusable(let rate): try c.encode(rate, forKey: .frameRate)
        case .noLowPassFilter(let cutoff): try c.encode(cutoff, forKey: .cutoffHz)
        case .legsSwapped(let frames), .legsMerged(let frames): try c.encode(frames, forKey: .frames)
        case .groundTilted(let degrees): try c.encode(degrees, forKey: .degrees)
        case .footWithoutLandmarks(let side), .footFromSinglePoint(let side): try c.encode(side, forKey: .side)
        case .stepsAcrossMissedContacts(let steps, let ratio):
            try c.encode(steps, forKey: .steps)
            try c.encode(ratio, forKey: .ratio)
        case .repeatedFrames(let repeated, let frames, let distinctRate, let frameRate):
            try c.encode(repeated, forKey: .repeated)
            try c.encode(frames, forKey: .frames)
            try c.encode(distinctRate, forKey: .distinctRate)
            try c.encode(frameRate, forKey: .frameRate)
        case .pulldownRetimed(let period, let captureRate):
            try c.encode(period, forKey: .period)
            try c.encode(captureRate, forKey: .captureRate)
        case .coarseTiming(let rate, let isDistinct, let recommended):
            try c.encode(rate, forKey: .frameRate)
            try c.encode(isDistinct, forKey: .isDistinctRate)
            try c.encode(recommended, forKey: .recommendedRate)
        case .fewSteps(let steps): try c.encode(steps, forKey: .steps)
        case .cadenceDisagrees(let events, let rhythm):
            try c.encode(events, forKey: .eventStepsPerMinute)
            try c.encode(rhythm, forKey: .rhythmStepsPerMinute)
        case .cameraView(let finding): try c.encode(finding, forKey: .camera)
        case .slowMotion(let factor): try c.encode(factor, forKey: .factor)
        case .note(let text): try c.encode(text, forKey: .text)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .frameRateUnusable: self = .frameRateUnusable(try c.decode(Double.self, forKey: .frameRate))
        case .noLowPassFilter: self = .noLowPassFilter(cutoffHz: try c.decode(Double.self, forKey: .cutoffHz))
        case .legsSwapped: self = .legsSwapped(frames: try c.decode(Int.self, forKey: .frames))
        case .legsMerged: self = .legsMerged(frames: try c.decode(Int.self, forKey: .frames))
        case .groundTilted: self = .groundTilted(degrees: try c.decode(Double.self, forKey: .degrees))
        case .footWithoutLandmarks: self = .footWithoutLandmarks(try c.decode(Side.self, forKey: .side))
        case .footFromSinglePoint: self = .footFromSinglePoint(try c.decode(Side.self, forKey: .side))
        case .stepsAcrossMissedContacts:
            self = .stepsAcrossMissedContacts(
                steps: try c.decode(Int.self, forKey: .steps), ratio: try c.decode(Double.self, forKey: .ratio))
        case .repeatedFrames:
            self = .repeatedFrames(
                repeated: try c.decode(Int.self, forKey: .repeated), frames: try c.decode(Int.self, forKey: .frames),
                distinctRate: try c.decode(Double.self, forKey: .distinctRate),
                frameRate: try c.decode(Double.self, forKey: .frameRate))
        case .pulldownRetimed:
            self = .pulldownRetimed(period: try c.decode(Int.self, forKey: .period), captureRate: try c.decode(Double.self, forKey: .captureRate))
        case .coarseTiming:
            self = .coarseTiming(
                rate: try c.decode(Double.self, forKey: .frameRate), isDistinctRate: try c.decode(Bool.self, forKey: .isDistinctRate),
                recommendedRate: try c.decode(Double.self, forKey: .recommendedRate))
        case .fewSteps: self = .fewSteps(try c.decode(Int.self, forKey: .steps))
        case .cadenceDisagrees:
            self = .cadenceDisagrees(
                eventStepsPerMinute: try c.decode(Double.self, forKey: .eventStepsPerMinute),
                rhythmStepsPerMinute: try c.decode(Double.self, forKey: .rhythmStepsPerMinute))
        case .cameraView: self = .cameraView(try c.decode(CameraViewFinding.self, forKey: .camera))
        case .slowMotion: self = .slowMotion(factor: try c.decode(Double.self, forKey: .factor))
        case .note: self = .note(try c.decode(String.self, forKey: .text))
        }
    }
}
