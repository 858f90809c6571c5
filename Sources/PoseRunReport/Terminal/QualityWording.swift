public import PoseRunCore

/// The data-quality facts an analysis carries, in words, each with the metrics its limitation touches:
/// one wording for the terminal and the HTML report.
public enum QualityWording {
    /// One fact about the data: what it is, its value, and what it limits (nil when it limits nothing).
    public struct Line: Sendable, Hashable {
        public var label: String
        public var value: String
        public var touches: String?
    }

    /// Below this share of frames a body part's gaps are worth naming as a limit; heuristic (a side view hides
    /// the far arm through much of each stride, and that is normal).
    static let wellSeenFraction = 0.8

    public static func lines(_ q: DataQuality, input: InputDescription) -> [Line] {
        var lines: [Line] = []
        func share(_ count: Int) -> String {
            let pct = q.frames > 0 ? Double(count) / Double(q.frames) * 100 : 0
            return "\(count) of \(q.frames) (\(MetricLabels.formatNumber(pct.rounded())) %)"
        }
        func wellSeen(_ count: Int) -> Bool { q.frames > 0 && Double(count) >= wellSeenFraction * Double(q.frames) }
        if let legs = q.framesWithConfidentLegs {
            lines.append(Line(
                label: "Frames with confident legs and feet", value: share(legs),
                touches: wellSeen(legs) ? nil : "contacts and every leg metric rest on these; gaps were bridged or left unmeasured"))
        }
        if let arms = q.framesWithConfidentArms {
            lines.append(Line(
                label: "Frames with confident arms", value: share(arms),
                touches: wellSeen(arms) ? nil : "limits arm swing and elbow angle only (the far arm is often hidden side-on)"))
        }
        lines.append(Line(label: "Frames with every point confident", value: share(q.framesWithConfidentPose), touches: nil))
        if let distinct = q.distinctFramesPerSecond {
            lines.append(Line(
                label: "Distinct frames per second", value: "\(MetricLabels.formatNumber(distinct)) of \(MetricLabels.formatNumber(input.frameRate))",
                touches: "timing (contact, flight, cadence) to ±\(MetricLabels.formatNumber((1000 / distinct).rounded())) ms a frame; repeats were bridged"))
        }
        if let slow = input.slowMotion {
            lines.append(Line(
                label: "Slow motion", value: "about ×\(MetricLabels.formatNumber((slow.factor * 10).rounded() / 10)) (×\(MetricLabels.formatNumber((slow.lowestFactor * 10).rounded() / 10))–\(MetricLabels.formatNumber((slow.highestFactor * 10).rounded() / 10)))",
                touches: "not scored; durations and rates not measurable without the capture rate"))
        }
        if let check = q.cadenceCheck {
            let rhythm = "\(MetricLabels.formatNumber(check.rhythmStepsPerMinute.rounded())) steps/min from the legs' rhythm"
            if let events = check.eventStepsPerMinute, let difference = check.differencePercent {
                let agrees = check.agrees == true
                lines.append(Line(
                    label: "Cadence check",
                    value: "\(MetricLabels.formatNumber(events.rounded())) from the steps, \(rhythm) (\(difference >= 0 ? "+" : "")\(MetricLabels.formatNumber((difference * 10).rounded() / 10)) %)",
                    touches: agrees ? nil : "contacts were probably missed or doubled: cadence and step timings are less certain"))
            } else {
                lines.append(Line(label: "Cadence check", value: rhythm, touches: nil))
            }
        }
        return lines
    }
}
