public import Foundation

/// Everything the web app keeps, behind one protocol, so a PostgreSQL store can sit beside the SQLite one
/// (`SQLiteStore`) with the same routes and worker above it.
///
/// Why athletes, sessions and jobs are always asked for *with the coach's id*: each coach sees only their
/// own athletes, and that rule lives in the queries themselves (`WHERE coach_id = ?`), not in each route.
/// A route cannot fetch another coach's athlete by forgetting a check; it gets `nil` and answers 404.
public protocol Store: Sendable {
    // MARK: Coaches and sign-in

    /// Creates a coach; throws `StoreError.usernameTaken` when the name is in use.
    func createCoach(username: String, passwordHash: String, now: Date) async throws -> Coach
    func coach(username: String) async throws -> Coach?
    func coach(id: Int64) async throws -> Coach?

    func createLoginSession(_ session: LoginSession) async throws
    /// The session with this token, if it has not expired by `now`.
    func loginSession(token: String, now: Date) async throws -> LoginSession?
    func deleteLoginSession(token: String) async throws
    /// Removes sessions that expired before `now`; returns how many.
    @discardableResult func deleteExpiredLoginSessions(now: Date) async throws -> Int

    // MARK: Athletes, one coach's

    /// The coach's athletes, by name.
    func athletes(coachID: Int64) async throws -> [Athlete]
    /// The athlete, only if it is this coach's.
    func athlete(id: Int64, coachID: Int64) async throws -> Athlete?
    func createAthlete(_ draft: AthleteDraft, coachID: Int64, now: Date) async throws -> Athlete
    /// Updates the athlete, only if it is this coach's; `nil` otherwise.
    func updateAthlete(id: Int64, coachID: Int64, _ draft: AthleteDraft, now: Date) async throws -> Athlete?
    /// Deletes the athlete with their sessions and jobs, only if it is this coach's (`nil` otherwise), and
    /// returns the sessions it deleted, so that their files can be removed after the rows are gone.
    func deleteAthlete(id: Int64, coachID: Int64) async throws -> [TrainingSession]?

    // MARK: Training sessions and their jobs

    /// Creates the session and queues its analysis job in one transaction, only if the athlete is this
    /// coach's (`nil` otherwise): there is never a session without its job, nor a job without its session.
    func createSession(
        _ draft: TrainingSessionDraft, athleteID: Int64, coachID: Int64, storedFileName: String, now: Date
    ) async throws -> (TrainingSession, JobRecord)?
    /// The athlete's sessions, newest first, each with its job; empty if the athlete is not this coach's.
    func sessions(athleteID: Int64, coachID: Int64) async throws -> [(TrainingSession, JobRecord?)]
    /// One session with its job, only if its athlete is this coach's.
    func session(id: Int64, coachID: Int64) async throws -> (TrainingSession, JobRecord?)?

    // MARK: The job queue

    /// Claims the oldest job that is queued, or running with a lease that ran out before `now` (its worker
    /// died), atomically: two workers never hold the same job. The claim counts an attempt and holds the
    /// job until `leaseUntil`. A job whose lease ran out after its last attempt is marked failed instead.
    func claimJob(now: Date, leaseUntil: Date, maxAttempts: Int) async throws -> ClaimedJob?
    /// Records how the claimed attempt ended. A failed attempt is queued again while attempts remain, and
    /// marked failed (with its error) after the last one. Ignored when the job's attempt count is no longer
    /// `attempt`: another worker took it after this one's lease ran out.
    func finishJob(id: Int64, attempt: Int, outcome: JobOutcome, maxAttempts: Int, now: Date) async throws
    /// Extends a running job's lease while its worker is alive. Returns false when the attempt is no longer
    /// this worker's (its lease ran out and another worker took the job).
    func renewLease(id: Int64, attempt: Int, until: Date) async throws -> Bool
    /// Records how far a running attempt has got (`fraction` 0…1 and the stage in words), for the page's
    /// live progress; ignored when the attempt is no longer the job's.
    func reportProgress(id: Int64, attempt: Int, fraction: Double, stage: String, now: Date) async throws
    func job(id: Int64) async throws -> JobRecord?

    // MARK: Lifetime

    /// Releases the store's connections when the app stops; nothing is asked of it afterwards.
    func close() async
}

extension Store {
    /// Nothing to release: SQLite's pool closes with the store.
    public func close() async {}
}

/// Store failures a route turns into words.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case usernameTaken(String)
    /// A value read back from the database that this version cannot read (a newer schema's, or damage).
    case unreadableRow(table: String, problem: String)

    public var description: String {
        switch self {
        case .usernameTaken(let name): "the username \(name) is taken"
        case .unreadableRow(let table, let problem): "a row of \(table) cannot be read: \(problem)"
        }
    }
}
