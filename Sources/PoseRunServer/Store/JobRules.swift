extension JobOutcome {
    /// What an attempt's outcome makes of the job and its session, in every store alike: a failed attempt is
    /// queued again while attempts remain and failed after the last; `error` and `note` are what the page shows.
    func ending(attempt: Int, maxAttempts: Int) -> (job: JobState, session: SessionStatus, error: String?, note: String?) {
        switch self {
        case .analysed:
            return (.done, .analysed, nil, nil)
        case .noAnalysis(let reason):
            return (.done, .noAnalysis, nil, reason)
        case .failed(let message):
            return attempt >= maxAttempts ? (.failed, .failed, message, nil) : (.queued, .queued, message, nil)
        }
    }
}
