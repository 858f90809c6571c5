public import Foundation
public import Logging
public import ServiceLifecycle

/// The background worker: claims a job from the store, runs its analysis, records how it ended.
///
/// Why the queue is in the database: a job survives a restart (a claimed job whose worker died is taken
/// again once its lease runs out), and a later `poserun worker` on another machine can take jobs from the
/// same PostgreSQL store (`poserun worker`). It reads the upload and writes the results through the
/// `FileStorage`, so on another machine it needs the same storage (the shared folder), not the server's disk.
/// The worker runs as a service of the server's (or `poserun worker`'s) service group, so it stops with it.
public struct JobWorker: Service {
    let store: any Store
    let storage: any FileStorage
    let configuration: WorkerConfiguration
    let logger: Logger
    /// Runs one claimed job's analysis; PoseRunPipeline's by default, a stand-in in tests of the queue.
    let analyse: @Sendable (ClaimedJob, any FileStorage, JobProgress) async throws -> JobOutcome

    public init(
        store: any Store, storage: any FileStorage, configuration: WorkerConfiguration, logger: Logger,
        analyse: (@Sendable (ClaimedJob, any FileStorage, JobProgress) async throws -> JobOutcome)? = nil
    ) {
        self.store = store
        self.storage = storage
        self.configuration = configuration
        self.logger = logger
        self.analyse = analyse ?? JobWorker.pipelineAnalysis
    }

    /// PoseRunPipeline's analysis of the session's upload, on a thread of its own, from and into the storage.
    @Sendable
    public static func pipelineAnalysis(_ claimed: ClaimedJob, storage: any FileStorage, progress: JobProgress) async throws -> JobOutcome {
        let configuration = AnalysisRunner.configuration(for: claimed.athlete, session: claimed.session)
        let original = claimed.session.details.originalFileName
        let name = original.isEmpty ? claimed.session.storedFileName : original
        return try await storage.withUpload(claimed.session.storedFileName) { upload in
            try await storage.withResultsFolder(sessionID: claimed.session.id) { folder in
                try await Offload.run {
                    try AnalysisRunner.run(upload: upload, displayName: name, configuration: configuration, into: folder, progress: progress)
                }
            }
        }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let didWork: Bool
            do {
                didWork = try await runNextJob() != nil
            } catch {
                logger.error("job queue unavailable", metadata: ["error": "\(error)"])
                didWork = false
            }
            if !didWork {
                // Woken early by a graceful shutdown: the loop's condition then ends it.
                try? await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .seconds(configuration.pollSeconds))
                }
            }
        }
    }

    /// Claims and runs one job, if one is waiting; returns how it ended (nil when there was none).
    @discardableResult
    public func runNextJob(now: @Sendable () -> Date = { Date() }) async throws -> JobOutcome? {
        let start = now()
        guard let claimed = try await store.claimJob(
            now: start, leaseUntil: start.addingTimeInterval(configuration.leaseSeconds), maxAttempts: configuration.maxAttempts)
        else { return nil }
        let job = claimed.job
        logger.info("job claimed", metadata: ["job": "\(job.id)", "session": "\(job.sessionID)", "attempt": "\(job.attempts)"])
        let progress = JobProgress()
        let outcome = await withTaskGroup(of: JobOutcome?.self) { group in
            group.addTask {
                do {
                    return try await analyse(claimed, storage, progress)
                } catch {
                    return .failed(error: String(describing: error))
                }
            }
            // Renews the lease while the analysis runs; ends when the analysis does (cancelled below), or when
            // the job is no longer this attempt's. A renewal the database did not answer is tried again at the
            // next interval (the lease has two more to run): giving up on one network blip would let another
            // worker take a job that is still being analysed.
            group.addTask {
                let interval = max(configuration.leaseSeconds / 3, 0.05)
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(interval))
                    if Task.isCancelled { break }
                    do {
                        let until = Date().addingTimeInterval(configuration.leaseSeconds)
                        guard try await store.renewLease(id: job.id, attempt: job.attempts, until: until) else { break }
                    } catch {
                        logger.warning("lease not renewed; trying again", metadata: ["job": "\(job.id)", "error": "\(error)"])
                    }
                }
                return nil
            }
            // Writes the analysis's latest progress to the store, for the page's live progress, at most
            // every `progressSeconds`: the analysis thread only sets a value and never waits for the store.
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(configuration.progressSeconds))
                    if Task.isCancelled { break }
                    if let (fraction, stage) = progress.takeChange() {
                        try? await store.reportProgress(id: job.id, attempt: job.attempts, fraction: fraction, stage: stage.rawValue, now: Date())
                    }
                }
                return nil
            }
            var result: JobOutcome = .failed(error: "the analysis ended without a result")
            for await value in group {
                if let value {
                    result = value
                    group.cancelAll()
                }
            }
            return result
        }
        try await store.finishJob(id: job.id, attempt: job.attempts, outcome: outcome, maxAttempts: configuration.maxAttempts, now: now())
        logger.info("job finished", metadata: ["job": "\(job.id)", "outcome": "\(outcome)"])
        return outcome
    }
}
