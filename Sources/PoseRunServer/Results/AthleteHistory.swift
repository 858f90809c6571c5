import PoseRunCore
import PoseRunReport

/// An athlete's analysed sessions over time: each metric's mean and uncertainty per session, and the
/// `poserun compare` verdict (real change or noise) from each session to the next and from the first to
/// the latest. Facts only; the history page draws and words them.
struct AthleteHistory: Sendable {
    /// One session's value of one metric.
    struct Point: Sendable {
        var session: TrainingSession
        var mean: Double
        var sd: Double
        var n: Int
        /// The mean's standard error (sd/√n): the band drawn is ±`ChangeRules.standardErrorMultiple` of it,
        /// the same multiple `compare`'s noise rule uses.
        var standardError: Double { n > 0 ? sd / Double(n).squareRoot() : .nan }
        var band: ClosedRange<Double> {
            let half = ChangeRules.standardErrorMultiple * standardError
            return half.isFinite ? (mean - half)...(mean + half) : mean...mean
        }
    }

    /// One metric across the sessions that measured it, with the verdict between neighbours.
    struct Series: Sendable {
        var metric: Metric
        var points: [Point]
        /// `changes[i]`: from `points[i]` to `points[i + 1]`.
        var changes: [MetricChange]
        /// The Pose Method target the verdicts move toward, when the metric has one.
        var target: (low: Double?, high: Double?)?
    }

    /// The analysed sessions, oldest first.
    var sessions: [TrainingSession]
    var series: [Series]
    /// The first session against the latest (nil with fewer than two).
    var overall: AnalysisComparison?
    /// The session before the latest against the latest (nil with fewer than two).
    var latest: AnalysisComparison?

    /// The metrics the history charts: every metric a Pose criterion judges, and the timing a coach reads
    /// first, in the metrics' reading order.
    static let charted: Set<Metric> = [.cadence, .contactTime, .flightTime, .dutyFactor]

    /// `analysed`: sessions with their analyses, in any order; sorted here by date, then upload.
    init(_ analysed: [(TrainingSession, Analysis)]) {
        let ordered = analysed
            .filter { $0.1.running.isRunning }
            .sorted { ($0.0.details.date, $0.0.id) < ($1.0.details.date, $1.0.id) }
        sessions = ordered.map(\.0)
        let judged = Set(ordered.flatMap { $0.1.assessment.criteria.map(\.metric) })
        let wanted = judged.union(Self.charted)
        series = Metric.allCases.filter(wanted.contains).compactMap { metric in
            var points: [Point] = []
            var frameRates: [Double] = []
            var measured: [MeasuredMetric] = []
            for (session, analysis) in ordered {
                guard let value = analysis.summary[metric]?.measured, value.mean.isFinite else { continue }
                points.append(Point(session: session, mean: value.mean, sd: value.sd.isFinite ? value.sd : 0, n: value.n))
                frameRates.append(analysis.input.frameRate)
                measured.append(value)
            }
            guard !points.isEmpty else { return nil }
            let changes = measured.indices.dropLast().map { i in
                AnalysisComparison.compare(
                    key: metric, before: measured[i], after: measured[i + 1], frameRate: min(frameRates[i], frameRates[i + 1]))
            }
            var target: (low: Double?, high: Double?)?
            if case .towardRange(let low, let high, _) = ChangeRules.better(for: metric) { target = (low, high) }
            return Series(metric: metric, points: points, changes: changes, target: target)
        }
        if let first = ordered.first, let last = ordered.last, ordered.count >= 2 {
            overall = AnalysisComparison(before: first.1, after: last.1, beforeLabel: first.0.details.date, afterLabel: last.0.details.date)
            let previous = ordered[ordered.count - 2]
            latest = AnalysisComparison(before: previous.1, after: last.1, beforeLabel: previous.0.details.date, afterLabel: last.0.details.date)
        }
    }
}
