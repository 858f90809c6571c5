import Foundation
import Logging
import PoseRunServer
import PostgresNIO
import Testing

/// What only PostgreSQL's queue has to prove: claims from separate pools (separate machines) never take the
/// same job, and a job another transaction holds is passed over at once (SKIP LOCKED), not waited for.
@Suite(.enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
struct PostgresQueueTests {
    @Test func workersOnSeparateConnectionPoolsNeverTakeTheSameJob() async throws {
        let address = try PostgresTestDatabase.freshAddress()
        let setup = try await PostgresStore.open(address, maximumConnections: 2)
        let jobs = 60
        do {
            try await JobQueueTests.addJobs(jobs, to: setup)
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            // Four "machines", each its own pool of two connections, claiming and finishing as fast as they can.
            let taken = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let store = try await PostgresStore.open(address, maximumConnections: 2)
                        var mine: [Int64] = []
                        do {
                            while let claimed = try await store.claimJob(now: now, leaseUntil: now + 600, maxAttempts: 3) {
                                mine.append(claimed.job.id)
                                try await store.finishJob(id: claimed.job.id, attempt: claimed.job.attempts, outcome: .analysed, maxAttempts: 3, now: now)
                            }
                        } catch {
                            await store.close()
                            throw error
                        }
                        await store.close()
                        return mine
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(taken.count == jobs)
            #expect(Set(taken) == Set(1...Int64(jobs)))
            for id in 1...Int64(jobs) {
                let job = try #require(try await setup.job(id: id))
                #expect(job.state == .done && job.attempts == 1, "job \(id)")
            }
        } catch {
            try? await setup.dropSchema()
            await setup.close()
            throw error
        }
        try await setup.dropSchema()
        await setup.close()
    }

    @Test func aJobAnotherTransactionHoldsIsPassedOverNotWaitedFor() async throws {
        let address = try PostgresTestDatabase.freshAddress()
        let store = try await PostgresStore.open(address, maximumConnections: 2)
        let logger = Logger(label: "test")
        let holder = try await PostgresConnection.connect(
            configuration: .init(
                host: address.host, port: address.port, username: address.username, password: address.password,
                database: address.database, tls: .disable),
            id: 99, logger: logger)
        do {
            try await JobQueueTests.addJobs(2, to: store)
            try await holder.query("SET search_path TO \(unescaped: address.schema ?? "public")", logger: logger)
            try await holder.query("BEGIN", logger: logger)
            try await holder.query("SELECT id FROM jobs WHERE id = 1 FOR UPDATE", logger: logger)
            // Without SKIP LOCKED the claim would wait for the holder's transaction: after 5 s the holder
            // gives up its lock, so such a claim ends late and with job 1, and the test fails rather than hangs.
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            let started = ContinuousClock.now
            let release = Task {
                try await Task.sleep(for: .seconds(5))
                try await holder.query("ROLLBACK", logger: logger)
            }
            let claimed = try await store.claimJob(now: now, leaseUntil: now + 60, maxAttempts: 3)
            let waited = ContinuousClock.now - started
            release.cancel()
            #expect(claimed?.job.id == 2)
            #expect(waited < .seconds(5))
            #expect(try await store.claimJob(now: now, leaseUntil: now + 60, maxAttempts: 3) == nil)
            if (try? await release.value) == nil { try await holder.query("ROLLBACK", logger: logger) }
            // Released, job 1 is claimable as usual.
            #expect(try await store.claimJob(now: now, leaseUntil: now + 60, maxAttempts: 3)?.job.id == 1)
        } catch {
            try? await holder.close()
            try? await store.dropSchema()
            await store.close()
            throw error
        }
        try await holder.close()
        try await store.dropSchema()
        await store.close()
    }
}
