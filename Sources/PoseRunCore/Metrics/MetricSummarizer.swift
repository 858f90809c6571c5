/// Turns per-step values into the clip's summary: mean ± SD, each side, symmetry, quality, and for
/// metrics that could not be measured, the reason.
struct MetricSummarizer {
    let sequence: KeypointSequence
    let steps: [StepRecord]
    let inMetres: Bool
    let centreOfMassMethod: String
    let configuration: AnalysisConfiguration
    private(set) var warnings: [String] = []

    init(sequence: KeypointSequence, steps: [StepRecord], inMetres: Bool, centreOfMassMethod: String, configuration: AnalysisConfiguration) {
        self.sequence = sequence
        self.steps = steps
        self.inMetres = inMetres
        self.centreOfMassMethod = centreOfMassMethod
        self.configuration = configuration
        // Timing rests on the distinct frames: a 30 fps file holding 24 fps footage times events to 1/24 s.
        let rate = sequence.distinctFrameRate
        if !sequence.repeatedFrames.isEmpty {
            warnings.append("\(sequence.repeatedFrames.count) of \(sequence.frameCount) frames repeat the one before (the clip was converted from a lower rate): "
                + "\(Self.format(rate)) distinct frames per second, not \(Self.format(sequence.frameRate)); the repeats were left out and bridged.")
        }
        if rate < configuration.minimumFrameRateForContactTiming {
            let what = sequence.repeatedFrames.isEmpty ? "fps" : "distinct frames per second"
            warnings.append("At \(Int(rate.rounded())) \(what) one frame is \(Int((1000 / rate).rounded())) ms: contact and flight times are coarse (60 fps or more is recommended).")
        }
        if steps.count < configuration.stepsForFirmSummary {
            warnings.append("Only \(steps.count) step\(steps.count == 1 ? "" : "s"): means and spreads are rough; film more strides for firmer numbers.")
        }
    }

    /// Each metric, the unit it is reported in, and the landmarks it needs.
    private var catalogue: [(key: String, unit: String, needs: [Landmark], timing: Bool, usesCentreOfMass: Bool)] {
        let length = inMetres ? "m" : "leg lengths"
        let leg: [Landmark] = [.leftHip, .rightHip, .leftKnee, .rightKnee, .leftAnkle, .rightAnkle]
        let feet: [Landmark] = [.leftHeel, .rightHeel, .leftToe, .rightToe]
        let trunk: [Landmark] = [.leftShoulder, .rightShoulder, .leftHip, .rightHip]
        let arms: [Landmark] = [.leftShoulder, .rightShoulder, .leftElbow, .rightElbow]
        return [
            (MetricKey.cadence, "steps/min", [], true, false),
            (MetricKey.contactTime, "s", [], true, false),
            (MetricKey.flightTime, "s", [], true, false),
            (MetricKey.dutyFactor, "fraction", [], true, false),
            (MetricKey.footStrikeAngle, "deg", feet, false, false),
            (MetricKey.kneeFlexionAtContact, "deg", leg, false, false),
            (MetricKey.peakStanceKneeFlexion, "deg", leg, false, false),
            (MetricKey.peakSwingKneeFlexion, "deg", leg, false, false),
            (MetricKey.timeToPeakSwingKneeFlexion, "s", leg, true, false),
            (MetricKey.shankAngleAtContact, "deg", [.leftKnee, .rightKnee, .leftAnkle, .rightAnkle], false, false),
            (MetricKey.overstride, "leg lengths", feet, false, true),
            (MetricKey.landingReach, "leg lengths", feet, false, false),
            (MetricKey.trunkLean, "deg", trunk, false, false),
            (MetricKey.trunkLeanRange, "deg", trunk, false, false),
            (MetricKey.fallingAngleMidStance, "deg", feet, false, true),
            (MetricKey.fallingAngleToeOff, "deg", feet, false, true),
            (MetricKey.kneeDrive, "deg", [.leftHip, .rightHip, .leftKnee, .rightKnee], false, false),
            (MetricKey.hipExtensionAtToeOff, "deg", [.leftHip, .rightHip, .leftKnee, .rightKnee], false, false),
            (MetricKey.heelToHipMinimum, "leg lengths", [.leftHip, .rightHip], false, false),
            (MetricKey.armSwingRange, "deg", arms, false, false),
            (MetricKey.elbowAngle, "deg", arms + [.leftWrist, .rightWrist], false, false),
            (MetricKey.verticalOscillation(inMetres: inMetres), length, [], false, true),
            (MetricKey.stepLength(inMetres: inMetres), length, [], false, false),
            (MetricKey.strideLength(inMetres: inMetres), length, [], false, false),
            (MetricKey.runningSpeed(inMetres: inMetres), inMetres ? "m/s" : "leg lengths/s", [], false, false),
            (MetricKey.verticalRatio, "%", [], false, true),
        ]
    }

    func summarize() -> [String: MetricSummary] {
        var summary: [String: MetricSummary] = [:]
        for entry in catalogue {
            let left = steps.filter { $0.side == .left }.compactMap { $0.metrics[entry.key] }
            let right = steps.filter { $0.side == .right }.compactMap { $0.metrics[entry.key] }
            guard !(left.isEmpty && right.isEmpty) else {
                summary[entry.key] = .notMeasurable(reason: reason(for: entry.key, needs: entry.needs))
                continue
            }
            var notes: [String] = []
            var quality: MeasurementQuality = .good
            let n = left.count + right.count
            if n < configuration.stepsForGoodQuality { quality = .limited; notes.append(n == 1 ? "only 1 step" : "only \(n) steps") }
            if n < 2 { quality = .poor }
            let rate = sequence.distinctFrameRate
            if entry.timing, rate < configuration.minimumFrameRateForContactTiming {
                quality = quality == .poor ? .poor : .limited
                notes.append("±\(Int((1000 / rate).rounded())) ms per frame at \(Int(rate.rounded())) \(sequence.repeatedFrames.isEmpty ? "fps" : "distinct fps")")
            }
            if entry.usesCentreOfMass, centreOfMassMethod.hasPrefix("mid-hip") {
                notes.append("centre of mass approximated by mid-hip")
                if quality == .good { quality = .limited }
            }
            if entry.key == MetricKey.footStrikeAngle {
                notes.append("standing foot angle assumed (no standing trial)")
            }
            if entry.key.hasPrefix("step_length") || entry.key.hasPrefix("stride_length") || entry.key.hasPrefix("running_speed") {
                notes.append(configuration.treadmillSpeedMetresPerSecond != nil
                    ? "from the given belt speed × step time"
                    : "from the stance foot's speed relative to the hips × step time")
            }
            let confidence = averageConfidence(entry.needs)
            if sequence.sourceKind == .video, confidence < configuration.minimumVideoConfidence {
                quality = .poor
                notes.append("low keypoint confidence (\(Int((confidence * 100).rounded())) %)")
            }
            summary[entry.key] = .measured(MeasuredMetric(left: left, right: right, unit: entry.unit, quality: quality, notes: notes))
        }
        return summary
    }

    static func format(_ rate: Double) -> String {
        let r = (rate * 10).rounded() / 10
        if r == r.rounded(), let i = Int(measured: r) { return String(i) }
        return String(r)
    }

    private func reason(for key: String, needs: [Landmark]) -> String {
        let missing = needs.filter { !sequence.has($0) }
        if !missing.isEmpty {
            return "Not measurable from this input: it has no \(missing.map(\.rawValue).joined(separator: ", "))."
        }
        if !inMetres && (key.hasSuffix("_m") || key.hasSuffix("_m_per_s")) {
            return "Not measurable without a scale: give --height or --leg-length."
        }
        if steps.isEmpty { return "Not measurable: no steps were found." }
        return "Not measurable: no step had the events or landmarks it needs (e.g. a complete stride, or the landmarks were missing at the moments measured)."
    }

    private func averageConfidence(_ landmarks: [Landmark]) -> Double {
        var sum = 0.0, n = 0
        for l in landmarks {
            guard let t = sequence.tracks[l] else { continue }
            for c in t.confidence { sum += c; n += 1 }
        }
        return n == 0 ? 1 : sum / Double(n)
    }
}
