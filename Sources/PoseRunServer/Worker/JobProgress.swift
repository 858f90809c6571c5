import Synchronization

/// A running analysis's progress, set from the analysis thread (the pose model's frame callback) and
/// written to the store by the worker every `WorkerConfiguration.progressSeconds`, so a page can show it
/// live whichever worker, on whichever machine, runs the job.
public final class JobProgress: Sendable {
    /// What the analysis is doing, as the session's page names it.
    public enum Stage: String, Sendable, CaseIterable {
        case reading = "reading the file"
        case findingThePose = "finding the pose"
        case measuring = "measuring the strides"
        case writingTheReport = "writing the report"

        /// The share of the whole job the pose model takes on a video (the rest is measuring and writing):
        /// about 90 % of `poserun analyze`'s time on the shared clips (docs/vision.md).
        static let poseShare = 0.9
        /// Where the bar stands when the report is written.
        static let writingShare = 0.95
    }

    private struct Latest {
        var fraction: Double
        var stage: Stage
        var changed: Bool
    }

    private let latest = Mutex(Latest(fraction: 0, stage: .reading, changed: false))

    public init() {}

    public func report(fraction: Double, stage: Stage) {
        latest.withLock { value in
            guard value.fraction != fraction || value.stage != stage else { return }
            value = Latest(fraction: fraction, stage: stage, changed: true)
        }
    }

    /// The progress reported since the last call, or nil when nothing changed.
    func takeChange() -> (Double, Stage)? {
        latest.withLock { value in
            guard value.changed else { return nil }
            value.changed = false
            return (value.fraction, value.stage)
        }
    }
}
