/// Turns per-step values into the clip's summary: mean ± SD, each side, symmetry, quality, and for
/// metrics that could not be measured, the reason.
struct MetricSummarizer {
    let sequence: KeypointSequence
    let steps: [StepRecord]
    let inMetres: Bool
    let centreOfMassMethod: CentreOfMassMethod
    let configuration: AnalysisConfiguration
    private(set) var findings: [QualityFinding] = []

    init(sequence: KeypointSequence, steps: [StepRecord], inMetres: Bool, centreOfMassMethod: CentreOfMassMethod, configuration: AnalysisConfiguration) {
        self.sequence = sequence
        self.steps = steps
        self.inMetres = inMetres
        self.centreOfMassMethod = centreOfMassMethod
        self.configuration = configuration
        // Timing rests on the distinct frames: a 30 fps file holding 24 fps footage times events to 1/24 s.
        let rate = sequence.distinctFrameRate
        if !sequence.repeatedFrames.isEmpty {
            findings.append(.repeatedFrames(
                repeated: sequence.repeatedFrames.count, frames: sequence.frameCount, distinctRate: rate, frameRate: sequence.frameRate))
        }
        if rate < configuration.minimumFrameRateForContactTiming {
            findings.append(.coarseTiming(
                rate: rate, isDistinctRate: !sequence.repeatedFrames.isEmpty,
                recommendedRate: configuration.minimumFrameRateForContactTiming))
        }
        if steps.count < configuration.stepsForFirmSummary {
            findings.append(.fewSteps(steps.count))
        }
    }

    /// Each metric the analysis reports (`Metric.reported`), from its definition.
    func summarize() -> [Metric: MetricSummary] {
        var summary: [Metric: MetricSummary] = [:]
        for metric in Metric.reported(inMetres: inMetres) {
            let entry = metric.definition
            let left = steps.filter { $0.side == .left }.compactMap { $0.metrics[metric] }
            let right = steps.filter { $0.side == .right }.compactMap { $0.metrics[metric] }
            guard !(left.isEmpty && right.isEmpty) else {
                summary[metric] = .notMeasurable(reason: reason(for: entry))
                continue
            }
            var notes: [String] = []
            var quality: MeasurementQuality = .good
            let n = left.count + right.count
            if n < configuration.stepsForGoodQuality { quality = .limited; notes.append(n == 1 ? "only 1 step" : "only \(n) steps") }
            if n < 2 { quality = .poor }
            let rate = sequence.distinctFrameRate
            if entry.isTiming, rate < configuration.minimumFrameRateForContactTiming {
                quality = quality == .poor ? .poor : .limited
                notes.append("±\(Int((1000 / rate).rounded())) ms per frame at \(Int(rate.rounded())) \(sequence.repeatedFrames.isEmpty ? "fps" : "distinct fps")")
            }
            if entry.usesCentreOfMass, centreOfMassMethod.isMidHipFallback {
                notes.append("centre of mass approximated by mid-hip")
                if quality == .good { quality = .limited }
            }
            if metric == .footStrikeAngle {
                notes.append("standing foot angle assumed (no standing trial)")
            }
            if entry.usesSpeedEstimate {
                notes.append(configuration.treadmillSpeedMetresPerSecond != nil
                    ? "from the given belt speed × step time"
                    : "from the stance foot's speed relative to the hips × step time")
            }
            let confidence = averageConfidence(entry.needs)
            if sequence.sourceKind == .video, confidence < configuration.minimumVideoConfidence {
                quality = .poor
                notes.append("low keypoint confidence (\(Int((confidence * 100).rounded())) %)")
            }
            summary[metric] = .measured(MeasuredMetric(
                left: left, right: right, unit: entry.unit, quality: quality, notes: notes, averaging: entry.averaging))
        }
        return summary
    }

    private func reason(for entry: MetricDefinition) -> String {
        let missing = entry.needs.filter { !sequence.has($0) }
        if !missing.isEmpty {
            return "Not measurable from this input: it has no \(missing.map(\.rawValue).joined(separator: ", "))."
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
