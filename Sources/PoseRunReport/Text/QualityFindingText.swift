public import PoseRunCore

/// The English for Core's quality findings: the one place these sentences are written, read by the terminal
/// summary, the HTML report and the plan's warnings.
public enum QualityFindingText {
    /// Every finding of an analysis, in the order found.
    public static func sentences(for analysis: Analysis) -> [String] {
        analysis.quality.findings.map { sentence($0, in: analysis) }
    }

    /// One finding as a sentence; `analysis` gives what a finding only points to (the slow-motion reason).
    public static func sentence(_ finding: QualityFinding, in analysis: Analysis) -> String {
        switch finding {
        case .frameRateUnusable(let rate):
            return "the frame rate (\(rate)) is not a positive number: gaps were not filled and nothing was filtered"
        case .noLowPassFilter(let cutoff):
            return "no low-pass filter: a \(cutoff) Hz cut-off is not below the Nyquist frequency"
        case .legsSwapped(let frames):
            return "Left and right legs were swapped by the pose source in \(frames) frame(s); corrected."
        case .legsMerged(let frames):
            return "The pose source drew both legs on one in \(frames) frame(s); their leg points were left out and bridged."
        case .groundTilted(let degrees):
            return "The ground runs at \((degrees * 10).rounded() / 10)° in the image (camera tilt or perspective): contacts were found against that line."
        case .footWithoutLandmarks(let side):
            return "No \(side) foot landmarks (heel, toe or ankle): no events for that foot."
        case .footFromSinglePoint(let side):
            return "The \(side) foot has no heel and toe pair: events come from a single foot point and are less precise."
        case .stepsAcrossMissedContacts(let steps, let ratio):
            return "\(steps) step(s) reached the next contact only after over \(ratio)× the median step or stride, most likely across a "
                + "contact that was not detected: their cadence, flight, step and stride values are left out."
        case .repeatedFrames(let repeated, let frames, let distinctRate, let frameRate):
            return "\(repeated) of \(frames) frames repeat the one before (the clip was converted from a lower rate): "
                + "\(rateText(distinctRate)) distinct frames per second, not \(rateText(frameRate)); the repeats were left out and bridged."
        case .pulldownRetimed(let period, let captureRate):
            return "The repeats fall on one frame in every \(period), a regular pulldown of footage filmed at \(rateText(captureRate)) fps: "
                + "the steps were timed on that clock (each distinct frame at the moment it was filmed) and placed back on the clip's frames."
        case .coarseTiming(let rate, let isDistinctRate, let recommended):
            let what = isDistinctRate ? "distinct frames per second" : "fps"
            return "At \(whole(rate)) \(what) one frame is \(whole(1000 / rate)) ms: contact and flight times are coarse "
                + "(\(rateText(recommended)) fps or more is recommended)."
        case .fewSteps(let steps):
            return "Only \(steps) step\(steps == 1 ? "" : "s"): means and spreads are rough; film more strides for firmer numbers."
        case .cadenceDisagrees(let events, let rhythm):
            return "The steps found give \(whole(events)) steps/min but the legs' rhythm over the clip gives \(whole(rhythm)): "
                + "some contacts were probably missed or doubled, so cadence and the step timings are less certain."
        case .cameraView(let camera):
            return camera.message
        case .slowMotion:
            return analysis.running.reason
        case .note(let text):
            return text
        }
    }

    /// A rate to a tenth, without ".0" when whole: "30", "29.97" → "30", "23.976" → "24".
    static func rateText(_ rate: Double) -> String {
        let r = (rate * 10).rounded() / 10
        if r == r.rounded(), let i = Int(measured: r) { return String(i) }
        return String(r)
    }

    /// The nearest whole number, or the value as Swift prints it when it has none (NaN, huge).
    static func whole(_ value: Double) -> String { Int(measured: value).map(String.init) ?? "\(value)" }
}
