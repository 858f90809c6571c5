import Foundation
import PoseRunServer
import Testing

/// How many jobs a second the queue hands out and takes back (claim, then finish) with N workers at once,
/// each on a pool of its own as on separate machines. A measurement, not a check: it runs only when
/// POSERUN_MEASURE_QUEUE=1 (and, for PostgreSQL, POSERUN_TEST_POSTGRES_URL) is set, and prints its figures
/// for docs/web-app.md ("Many workers").
@Suite(.enabled(if: ProcessInfo.processInfo.environment["POSERUN_MEASURE_QUEUE"] == "1", "set POSERUN_MEASURE_QUEUE=1 to measure the queue"))
struct QueueThroughputTests {
    static let jobs = 1000

    @Test(arguments: StoreKind.available) func claimsAndFinishesPerSecond(_ kind: StoreKind) async throws {
        for workers in [1, 2, 4, 8] {
            let test = try await TestStore.make(kind, maximumConnections: 2)
            do {
                try await JobQueueTests.addJobs(Self.jobs, to: test.store)
                // One pool per worker for PostgreSQL; SQLite's workers share the file's pool, as on one machine.
                var stores: [any Store] = []
                for _ in 0..<workers {
                    if let postgres = test.store as? PostgresStore {
                        stores.append(try await PostgresStore.open(postgres.address, maximumConnections: 1))
                    } else {
                        stores.append(test.store)
                    }
                }
                let now = Date(timeIntervalSince1970: 1_800_000_100)
                let started = ContinuousClock.now
                let done = try await withThrowingTaskGroup(of: Int.self) { group in
                    for store in stores {
                        group.addTask {
                            var count = 0
                            while let claimed = try await store.claimJob(now: now, leaseUntil: now + 600, maxAttempts: 3) {
                                try await store.finishJob(
                                    id: claimed.job.id, attempt: claimed.job.attempts, outcome: .analysed, maxAttempts: 3, now: now)
                                count += 1
                            }
                            return count
                        }
                    }
                    return try await group.reduce(0, +)
                }
                let seconds = (ContinuousClock.now - started) / .seconds(1)
                #expect(done == Self.jobs)
                print("queue throughput, \(kind): \(workers) worker(s), \(done) jobs in \(String(format: "%.2f", seconds)) s: \(Int(Double(done) / seconds)) jobs/s")
                if kind == .postgres { for store in stores { await store.close() } }
            } catch {
                await test.remove()
                throw error
            }
            await test.remove()
        }
    }
}
