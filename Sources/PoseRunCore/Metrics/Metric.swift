/// Every metric PoseRun reports, one case each, in reading order (the order tables and summaries use).
///
/// The raw value is the metric's key in `analysis.json` and `steps.csv`; it carries the unit, so a length
/// has two cases, in metres (with a scale) and in leg lengths (without). Everything else known about a
/// metric is its ``definition``: adding a metric means adding a case here and its definition below, and
/// the compiler then finds every `switch` that must handle it.
public enum Metric: String, CaseIterable, Sendable, Hashable, Codable, CodingKeyRepresentable, CustomStringConvertible {
    case cadence = "cadence_spm"
    case contactTime = "contact_time_s"
    case flightTime = "flight_time_s"
    case dutyFactor = "duty_factor"
    case footStrikeAngle = "foot_strike_angle_deg"
    case kneeFlexionAtContact = "knee_flexion_at_contact_deg"
    case shankAngleAtContact = "shank_angle_at_contact_deg"
    case overstride = "overstride_leg_lengths"
    /// How far ahead of the hips the landing point reaches before contact (leg lengths); see StepMeasurer.
    case landingReach = "landing_reach_leg_lengths"
    case peakStanceKneeFlexion = "peak_stance_knee_flexion_deg"
    case peakSwingKneeFlexion = "peak_swing_knee_flexion_deg"
    case timeToPeakSwingKneeFlexion = "time_to_peak_swing_knee_flexion_s"
    case kneeDrive = "knee_drive_deg"
    case hipExtensionAtToeOff = "hip_extension_at_toe_off_deg"
    case trunkLean = "trunk_lean_deg"
    case trunkLeanRange = "trunk_lean_range_deg"
    case fallingAngleMidStance = "falling_angle_mid_stance_deg"
    case fallingAngleToeOff = "falling_angle_toe_off_deg"
    case heelToHipMinimum = "heel_to_hip_min_leg_lengths"
    case armSwingRange = "arm_swing_range_deg"
    case elbowAngle = "elbow_angle_deg"
    case runningSpeedMetresPerSecond = "running_speed_m_per_s"
    case runningSpeedLegLengthsPerSecond = "running_speed_leg_lengths_per_s"
    case stepLengthMetres = "step_length_m"
    case stepLengthLegLengths = "step_length_leg_lengths"
    case strideLengthMetres = "stride_length_m"
    case strideLengthLegLengths = "stride_length_leg_lengths"
    case verticalOscillationMetres = "vertical_oscillation_m"
    case verticalOscillationLegLengths = "vertical_oscillation_leg_lengths"
    case verticalRatio = "vertical_ratio_pct"

    /// The key in `analysis.json`, `steps.csv` and `comparison.json`.
    public var key: String { rawValue }

    /// The key, so that a metric written into text reads as it does in the files.
    public var description: String { rawValue }

    /// The metric with this key, or `nil` for a key this version does not know.
    public init?(key: String) { self.init(rawValue: key) }

    /// Length metrics in the unit the scale allows: metres with one, leg lengths without.
    public static func verticalOscillation(inMetres: Bool) -> Metric {
        inMetres ? .verticalOscillationMetres : .verticalOscillationLegLengths
    }
    public static func stepLength(inMetres: Bool) -> Metric { inMetres ? .stepLengthMetres : .stepLengthLegLengths }
    public static func strideLength(inMetres: Bool) -> Metric { inMetres ? .strideLengthMetres : .strideLengthLegLengths }
    public static func runningSpeed(inMetres: Bool) -> Metric {
        inMetres ? .runningSpeedMetresPerSecond : .runningSpeedLegLengthsPerSecond
    }

    /// The metrics an analysis reports, in reading order: each length in the one unit the scale allows.
    public static func reported(inMetres: Bool) -> [Metric] {
        allCases.filter { $0.definition.reportedWith(scale: inMetres) }
    }
}

/// The unit a metric is reported in. The raw value is how `analysis.json` writes it.
public enum MetricUnit: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case degrees = "deg"
    case seconds = "s"
    case stepsPerMinute = "steps/min"
    case fraction
    case percent = "%"
    case metres = "m"
    case legLengths = "leg lengths"
    case metresPerSecond = "m/s"
    case legLengthsPerSecond = "leg lengths/s"

    /// As written in the files: "deg", "steps/min"…
    public var description: String { rawValue }

    /// Metres and metres per second need a scale (the runner's height or leg length, or a metric input).
    public var needsScale: Bool { self == .metres || self == .metresPerSecond }
}

/// The smallest change in a metric that `compare` counts as real, with where that number comes from.
public struct MinimalChange: Sendable, Hashable {
    public enum Amount: Sendable, Hashable {
        /// In the metric's unit.
        case absolute(Double)
        /// A fraction of the earlier value.
        case fractionOfBefore(Double)
        /// One frame at the coarser clip's rate: a smaller change in a time cannot be seen.
        case oneFrame
    }

    public var amount: Amount
    public var source: String

    public init(_ amount: Amount, source: String) {
        self.amount = amount
        self.source = source
    }

    /// Angles: 3°. Markerless 2D pose is good to about 5–8° RMSE per joint angle (Van Hooren 2023, domain
    /// brief §5); the same camera set-up cancels much of that offset between two clips, so half of the
    /// typical error is the floor. Heuristic.
    public static let angle = MinimalChange(
        .absolute(3), source: "3°: about half of markerless 2D joint-angle error (5–8° RMSE, Van Hooren 2023); heuristic")
    /// Cadence: 2.5 %, half the smallest step-rate change shown to alter knee loading (+5 %, Heiderscheit 2011).
    public static let cadence = MinimalChange(
        .fractionOfBefore(0.025),
        source: "2.5 % of the earlier cadence: half of the +5 % step-rate change that lowered knee loading (Heiderscheit 2011)")
    /// Lengths: 0.02 leg lengths or 2 cm (heuristic: a few pixels on a phone clip; Pose vs control vertical
    /// oscillation differed by 1.5 cm, Dallam 2005, so smaller is below what matters).
    public static let lengthLegLengths = MinimalChange(.absolute(0.02), source: "0.02 leg lengths (about 2 cm); heuristic")
    public static let verticalOscillationMetres = MinimalChange(
        .absolute(0.01), source: "1 cm: below the 1.5 cm Pose vs control difference (Dallam 2005); heuristic")
    public static let verticalOscillationLegLengths = MinimalChange(
        .absolute(0.01), source: "0.01 leg lengths (about 1 cm); see vertical oscillation in metres")
    /// Duty factor: 0.012, the gap between "aerial" (< 27.6 %) and "terrestrial" (> 28.8 %) runners (Patoz 2019).
    public static let dutyFactor = MinimalChange(
        .absolute(0.012), source: "0.012: the gap between aerial and terrestrial runners (Patoz 2019)")
    public static let percent = MinimalChange(.absolute(0.5), source: "0.5 percentage points; heuristic")
    public static let speed = MinimalChange(.fractionOfBefore(0.05), source: "5 % of the earlier speed; heuristic")
    /// Step and stride length are the speed estimate × a step's time, so they inherit the speed's floor.
    public static let stepLength = MinimalChange(
        .fractionOfBefore(0.05), source: "5 % of the earlier length: it is speed × time, so the speed's floor; heuristic")
    /// Times: one frame, the timing resolution.
    public static let oneFrame = MinimalChange(.oneFrame, source: "one frame: the timing resolution")
}

/// Where a metric appears besides `analysis.json` (which has them all).
public struct MetricDisplay: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The terminal's table of key numbers.
    public static let keyNumbers = MetricDisplay(rawValue: 1 << 0)
    /// The report's step-by-step table (and its left/right table).
    public static let stepTable = MetricDisplay(rawValue: 1 << 1)
    /// The report's left/right table.
    public static let symmetryTable = MetricDisplay(rawValue: 1 << 2)
}

/// How a metric's per-step values combine into the clip's mean and SD.
public enum MetricAveraging: Sendable, Hashable {
    /// The mean and sample SD of the per-step values.
    case arithmetic
    /// Each per-step value is a rate, the reciprocal of an interval (cadence: 60 / step time). The clip's rate is
    /// the rate of the mean interval, steps ÷ the time they took: 60 / mean step time, the harmonic mean of the
    /// per-step rates. The plain mean of the rates is biased upward whenever the intervals vary (1/x is convex,
    /// so mean(1/T) ≥ 1/mean(T)), and a step timed short by a contact found late or early raises it more than a
    /// step timed as much long lowers it (steps of 0.30, 0.40 and 0.50 s: 60 / 0.40 = 150 steps/min, but the
    /// rates 200, 150 and 120 average 156.7). The SD is the intervals' spread carried to the rate to first order
    /// (delta method): rate × SD / mean of the intervals, so the coefficient of variation is the step times'
    /// and SD / √n is the rate's standard error, as `compare` reads it.
    case rateOfMeanInterval
}

/// Everything known about one metric: what it needs, how far it can be trusted, how it is shown.
public struct MetricDefinition: Sendable, Hashable {
    public var metric: Metric
    /// The plain name people read in tables: "Ground contact time".
    public var name: String
    public var unit: MetricUnit
    /// Landmarks without which it cannot be measured (reported as not measurable, naming them).
    public var needs: [Landmark]
    /// A time or a rate from event timing: coarse below the configured frame rate for timing.
    public var isTiming: Bool
    /// A duration or a rate in seconds: unmeasurable in slow motion whose capture rate is unknown. Angles,
    /// lengths and ratios (duty factor) do not depend on the clock.
    public var needsTrueFrameRate: Bool {
        switch unit {
        case .seconds, .stepsPerMinute, .metresPerSecond, .legLengthsPerSecond: true
        default: false
        }
    }
    /// Depends on the centre of mass: only approximate when that is the mid-hip fallback.
    public var usesCentreOfMass: Bool
    /// Speed × step time (step and stride length, speed): its note says where the speed came from.
    public var usesSpeedEstimate: Bool
    /// `true` for a length in leg lengths that has a metres twin: reported only when there is no scale.
    public var isUnscaledTwin: Bool
    public var minimalChange: MinimalChange
    public var display: MetricDisplay
    /// How the per-step values combine into the clip's mean and SD (`MetricAveraging`).
    public var averaging: MetricAveraging = .arithmetic

    /// Whether an analysis with (`true`) or without a scale reports this metric.
    public func reportedWith(scale inMetres: Bool) -> Bool {
        if unit.needsScale { return inMetres }
        if isUnscaledTwin { return !inMetres }
        return true
    }
}

extension Metric {
    /// This metric's one definition.
    public var definition: MetricDefinition {
        let leg: [Landmark] = [.leftHip, .rightHip, .leftKnee, .rightKnee, .leftAnkle, .rightAnkle]
        let feet: [Landmark] = [.leftHeel, .rightHeel, .leftToe, .rightToe]
        let trunk: [Landmark] = [.leftShoulder, .rightShoulder, .leftHip, .rightHip]
        let arms: [Landmark] = [.leftShoulder, .rightShoulder, .leftElbow, .rightElbow]
        let thighs: [Landmark] = [.leftHip, .rightHip, .leftKnee, .rightKnee]
        let shanks: [Landmark] = [.leftKnee, .rightKnee, .leftAnkle, .rightAnkle]
        let tables: MetricDisplay = [.stepTable, .symmetryTable]
        func make(
            _ name: String, _ unit: MetricUnit, needs: [Landmark] = [], timing: Bool = false, centreOfMass: Bool = false,
            speedEstimate: Bool = false, unscaledTwin: Bool = false, change: MinimalChange, display: MetricDisplay = [],
            averaging: MetricAveraging = .arithmetic
        ) -> MetricDefinition {
            MetricDefinition(
                metric: self, name: name, unit: unit, needs: needs, isTiming: timing, usesCentreOfMass: centreOfMass,
                usesSpeedEstimate: speedEstimate, isUnscaledTwin: unscaledTwin, minimalChange: change, display: display,
                averaging: averaging)
        }
        switch self {
        case .cadence:
            // Steps per minute over the clip: 60 / mean step time (`MetricAveraging.rateOfMeanInterval`), the rate
            // the labels' and the force plates' cadence are read at, not the mean of the per-step rates.
            return make("Cadence", .stepsPerMinute, timing: true, change: .cadence, display: [.keyNumbers, .symmetryTable],
                        averaging: .rateOfMeanInterval)
        case .contactTime:
            return make("Ground contact time", .seconds, timing: true, change: .oneFrame, display: tables.union(.keyNumbers))
        case .flightTime:
            return make("Flight time", .seconds, timing: true, change: .oneFrame, display: tables.union(.keyNumbers))
        case .dutyFactor:
            return make("Duty factor", .fraction, timing: true, change: .dutyFactor, display: [.keyNumbers, .symmetryTable])
        case .footStrikeAngle:
            return make("Foot-strike angle", .degrees, needs: feet, change: .angle, display: tables.union(.keyNumbers))
        case .kneeFlexionAtContact:
            return make("Knee flexion at contact", .degrees, needs: leg, change: .angle, display: tables.union(.keyNumbers))
        case .shankAngleAtContact:
            return make("Shank angle at contact", .degrees, needs: shanks, change: .angle, display: tables.union(.keyNumbers))
        case .overstride:
            return make("Overstride", .legLengths, needs: feet, centreOfMass: true, change: .lengthLegLengths,
                        display: tables.union(.keyNumbers))
        case .landingReach:
            return make("Landing reach ahead of the hips", .legLengths, needs: feet, change: .lengthLegLengths,
                        display: tables.union(.keyNumbers))
        case .peakStanceKneeFlexion:
            return make("Peak stance knee flexion", .degrees, needs: leg, change: .angle, display: tables.union(.keyNumbers))
        case .peakSwingKneeFlexion:
            return make("Peak swing knee flexion", .degrees, needs: leg, change: .angle, display: tables.union(.keyNumbers))
        case .timeToPeakSwingKneeFlexion:
            return make("Toe-off to peak swing knee flexion", .seconds, needs: leg, timing: true, change: .oneFrame)
        case .kneeDrive:
            return make("Knee drive (thigh ahead)", .degrees, needs: thighs, change: .angle, display: tables)
        case .hipExtensionAtToeOff:
            return make("Thigh behind vertical at toe-off", .degrees, needs: thighs, change: .angle, display: tables)
        case .trunkLean:
            return make("Trunk lean", .degrees, needs: trunk, change: .angle, display: tables.union(.keyNumbers))
        case .trunkLeanRange:
            return make("Trunk lean range in a stride", .degrees, needs: trunk, change: .angle, display: tables.union(.keyNumbers))
        case .fallingAngleMidStance:
            return make("Falling angle, mid-stance", .degrees, needs: feet, centreOfMass: true, change: .angle,
                        display: tables.union(.keyNumbers))
        case .fallingAngleToeOff:
            return make("Falling angle, toe-off", .degrees, needs: feet, centreOfMass: true, change: .angle, display: tables)
        case .heelToHipMinimum:
            return make("Closest heel to hip in swing", .legLengths, needs: [.leftHip, .rightHip], change: .lengthLegLengths)
        case .armSwingRange:
            return make("Arm swing range", .degrees, needs: arms, change: .angle, display: [.keyNumbers, .symmetryTable])
        case .elbowAngle:
            return make("Elbow angle", .degrees, needs: arms + [.leftWrist, .rightWrist], change: .angle, display: .symmetryTable)
        case .runningSpeedMetresPerSecond:
            return make("Running speed", .metresPerSecond, speedEstimate: true, change: .speed, display: .keyNumbers)
        case .runningSpeedLegLengthsPerSecond:
            return make("Running speed", .legLengthsPerSecond, speedEstimate: true, unscaledTwin: true, change: .speed,
                        display: .keyNumbers)
        case .stepLengthMetres:
            return make("Step length", .metres, speedEstimate: true, change: .stepLength, display: tables.union(.keyNumbers))
        case .stepLengthLegLengths:
            return make("Step length", .legLengths, speedEstimate: true, unscaledTwin: true, change: .stepLength,
                        display: tables.union(.keyNumbers))
        case .strideLengthMetres:
            return make("Stride length", .metres, speedEstimate: true, change: .stepLength)
        case .strideLengthLegLengths:
            return make("Stride length", .legLengths, speedEstimate: true, unscaledTwin: true, change: .stepLength)
        case .verticalOscillationMetres:
            return make("Vertical oscillation", .metres, centreOfMass: true, change: .verticalOscillationMetres,
                        display: tables.union(.keyNumbers))
        case .verticalOscillationLegLengths:
            return make("Vertical oscillation", .legLengths, centreOfMass: true, unscaledTwin: true,
                        change: .verticalOscillationLegLengths, display: tables.union(.keyNumbers))
        case .verticalRatio:
            return make("Vertical ratio", .percent, centreOfMass: true, change: .percent)
        }
    }
}

extension KeyedDecodingContainer {
    /// An object keyed by an enum's raw values (metrics, curves, angles), skipping keys this version does not
    /// know (a later version's), so a newer file still reads with what both versions share.
    func decodeKeyed<Name: RawRepresentable & Hashable, Value: Decodable>(
        _ type: [Name: Value].Type, forKey key: Key
    ) throws -> [Name: Value] where Name.RawValue == String {
        var result: [Name: Value] = [:]
        for (text, value) in try decode([String: Value].self, forKey: key) {
            if let name = Name(rawValue: text) { result[name] = value }
        }
        return result
    }
}
