/// Decides whether the steps show running: a flight phase (both feet off the ground, for at least
/// `minimumFlightSeconds`: half a frame) and a duty factor below one half. Walking has double support
/// instead (negative flight time, duty factor > 0.5).
enum RunningClassifier {
    static func classify(steps: [StepRecord], minimumFlightSeconds: Double = 0) -> RunningCheck {
        let flights = steps.compactMap { $0.metrics[Metric.flightTime] }
        let duties = steps.compactMap { $0.metrics[Metric.dutyFactor] }
        let contacts = steps.compactMap { $0.metrics[Metric.contactTime] }
        guard !flights.isEmpty || !duties.isEmpty else {
            return RunningCheck(
                isRunning: false,
                reason: "Could not time any complete step (contact and the next foot's landing), so running could not be confirmed.")
        }
        let medianFlight = Signal.median(flights)
        let medianDuty = Signal.median(duties)
        let hasFlight = (medianFlight ?? -1) > 0 && (medianFlight ?? -1) >= minimumFlightSeconds
        let lowDuty = medianDuty.map { $0 < 0.5 } ?? hasFlight
        let contactText = Signal.median(contacts).map { " Median contact \(Int(($0 * 1000).rounded())) ms." } ?? ""
        if hasFlight && lowDuty {
            let f = medianFlight.map { "\(Int(($0 * 1000).rounded())) ms" } ?? "?"
            return RunningCheck(isRunning: true, reason: "Flight phases seen (median flight \(f)) in \(steps.count) steps.\(contactText)")
        }
        let d = medianDuty.map { "\((($0 * 100).rounded()))%" } ?? "unknown"
        // A negative flight is both feet on the ground at once (double support, as in walking).
        let f: String
        if let flight = medianFlight, flight < 0 {
            f = "none: both feet are on the ground together for a median \(Int((-flight * 1000).rounded())) ms a step"
        } else {
            let resolution = minimumFlightSeconds > 0 && (medianFlight ?? 0) < minimumFlightSeconds
                ? " (a median flight shorter than \(Int((minimumFlightSeconds * 1000).rounded())) ms cannot be told from none at this frame rate)" : ""
            f = (medianFlight.map { "median \(Int(($0 * 1000).rounded())) ms" } ?? "unknown") + resolution
        }
        return RunningCheck(
            isRunning: false,
            reason: "\(hasFlight ? "Feet on the ground for half the stride or more" : "No flight phase"): flight time \(f), duty factor \(d) (running has both feet off the ground between steps and a duty factor below 50 %). This looks like walking; nothing is scored.\(contactText)")
    }
}

/// Rearfoot / midfoot / forefoot per step, and the clip's majority (Altman & Davis 2012 cut-offs).
enum FootStrikeClassifier {
    static func type(ofAngle a: Double) -> StrikeType {
        if a > PoseMethodTargets.rearfootAboveDegrees { return .rearfoot }
        if a < PoseMethodTargets.forefootBelowDegrees { return .forefoot }
        return .midfoot
    }

    static func classify(steps: [StepRecord]) -> FootStrikePattern {
        let angles = steps.compactMap { $0.metrics[Metric.footStrikeAngle] }
        guard !angles.isEmpty else {
            return FootStrikePattern(pattern: nil, counts: [:], note: "Not measurable: no heel and toe points at contact.")
        }
        var counts: [StrikeType: Int] = [:]
        for a in angles { counts[type(ofAngle: a), default: 0] += 1 }
        // The most frequent class; a tie goes to the class of the median angle (a dictionary's order is not
        // stable between runs, so taking the first of the tied would change the answer from run to run).
        let most = counts.values.max() ?? 0
        let tied = counts.filter { $0.value == most }.map(\.key)
        let medianClass = Signal.median(angles).map(type(ofAngle:))
        let majority = tied.count == 1 ? tied.first : (medianClass.flatMap { tied.contains($0) ? $0 : nil } ?? tied.sorted { $0.rawValue < $1.rawValue }.first)
        return FootStrikePattern(
            pattern: majority, counts: counts,
            note: "Altman & Davis 2012 cut-offs (rearfoot > 8°, forefoot < −1.6°). No standing trial: the standing foot angle is assumed to be the angle the heel and toe points make when each rests at its lowest.")
    }
}
