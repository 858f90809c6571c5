public import Foundation
import GRDB
import PoseRunCoaching

/// The default store: one SQLite file in the data folder, through a GRDB `DatabasePool`.
///
/// Why a pool: it opens the database in WAL mode, so pages are read while a job's result is written, and
/// reads run in parallel on their own connections; writes are serialised by SQLite, which is what makes the
/// job claim atomic (one `UPDATE … RETURNING` in a write transaction). Foreign keys are on (GRDB's
/// default), so deleting an athlete deletes their sessions and jobs.
public final class SQLiteStore: Store {
    let pool: DatabasePool

    /// Opens (creating it if needed) the database at `path` and runs every migration not yet run.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A writer waits this long for another writer (a worker's claim) instead of failing at once.
        configuration.busyMode = .timeout(5)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
    }

    /// The journal mode the database is in ("wal" for a pool): for the tests and `docs/web-app.md`'s claim.
    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The migrations that have run, in order.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    // MARK: Coaches and sign-in

    public func createCoach(username: String, passwordHash: String, now: Date) async throws -> Coach {
        do {
            return try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO coaches (username, password_hash, created_at) VALUES (?, ?, ?)",
                    arguments: [username, passwordHash, now])
                return Coach(id: db.lastInsertedRowID, username: username, passwordHash: passwordHash, createdAt: now)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.usernameTaken(username)
        }
    }

    public func coach(username: String) async throws -> Coach? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM coaches WHERE username = ?", arguments: [username]).map(Self.coach)
        }
    }

    public func coach(id: Int64) async throws -> Coach? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM coaches WHERE id = ?", arguments: [id]).map(Self.coach)
        }
    }

    public func createLoginSession(_ session: LoginSession) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO login_sessions (token, coach_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [session.token, session.coachID, session.csrfToken, session.createdAt, session.expiresAt])
        }
    }

    public func loginSession(token: String, now: Date) async throws -> LoginSession? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM login_sessions WHERE token = ? AND expires_at > ?", arguments: [token, now]
            ).map { row in
                LoginSession(
                    token: try row.decode(forColumn: "token"), coachID: try row.decode(forColumn: "coach_id"),
                    csrfToken: try row.decode(forColumn: "csrf_token"), createdAt: try row.decode(forColumn: "created_at"),
                    expiresAt: try row.decode(forColumn: "expires_at"))
            }
        }
    }

    public func deleteLoginSession(token: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM login_sessions WHERE token = ?", arguments: [token])
        }
    }

    @discardableResult
    public func deleteExpiredLoginSessions(now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM login_sessions WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    // MARK: Athletes

    public func athletes(coachID: Int64) async throws -> [Athlete] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM athletes WHERE coach_id = ? ORDER BY name COLLATE NOCASE, id", arguments: [coachID])
                .map(Self.athlete)
        }
    }

    public func athlete(id: Int64, coachID: Int64) async throws -> Athlete? {
        try await pool.read { db in try Self.athlete(db, id: id, coachID: coachID) }
    }

    public func createAthlete(_ draft: AthleteDraft, coachID: Int64, now: Date) async throws -> Athlete {
        let screen = try Self.json(draft.injuryScreen)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO athletes (coach_id, name, height_m, leg_length_m, experience, injury_screen, notes, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [coachID, draft.name, draft.heightMetres, draft.legLengthMetres, draft.experience.rawValue, screen, draft.notes, now, now])
            return Athlete(id: db.lastInsertedRowID, coachID: coachID, details: draft, createdAt: now, updatedAt: now)
        }
    }

    public func updateAthlete(id: Int64, coachID: Int64, _ draft: AthleteDraft, now: Date) async throws -> Athlete? {
        let screen = try Self.json(draft.injuryScreen)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE athletes SET name = ?, height_m = ?, leg_length_m = ?, experience = ?, injury_screen = ?, notes = ?, updated_at = ?
                    WHERE id = ? AND coach_id = ?
                    """,
                arguments: [draft.name, draft.heightMetres, draft.legLengthMetres, draft.experience.rawValue, screen, draft.notes, now, id, coachID])
            guard db.changesCount == 1 else { return nil }
            return try Self.athlete(db, id: id, coachID: coachID)
        }
    }

    public func deleteAthlete(id: Int64, coachID: Int64) async throws -> [TrainingSession]? {
        try await pool.write { db in
            guard try Self.athlete(db, id: id, coachID: coachID) != nil else { return nil }
            let sessions = try Row.fetchAll(db, sql: "SELECT * FROM training_sessions WHERE athlete_id = ?", arguments: [id])
                .map(Self.session)
            // The foreign keys' ON DELETE CASCADE removes the sessions and their jobs with the athlete.
            try db.execute(sql: "DELETE FROM athletes WHERE id = ? AND coach_id = ?", arguments: [id, coachID])
            return sessions
        }
    }

    // MARK: Training sessions

    public func createSession(
        _ draft: TrainingSessionDraft, athleteID: Int64, coachID: Int64, storedFileName: String, now: Date
    ) async throws -> (TrainingSession, JobRecord)? {
        try await pool.write { db in
            // The write transaction holds the athlete row's ownership check and both inserts together.
            guard try Self.athlete(db, id: athleteID, coachID: coachID) != nil else { return nil }
            try db.execute(
                sql: """
                    INSERT INTO training_sessions (athlete_id, date, treadmill_speed, footwear, note, original_file_name, stored_file_name, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    athleteID, draft.date, draft.treadmillSpeed, draft.footwear.rawValue, draft.note, draft.originalFileName,
                    storedFileName, SessionStatus.queued.rawValue, now,
                ])
            let session = TrainingSession(
                id: db.lastInsertedRowID, athleteID: athleteID, details: draft, storedFileName: storedFileName, status: .queued,
                createdAt: now)
            try db.execute(
                sql: "INSERT INTO jobs (session_id, state, attempts, created_at, updated_at) VALUES (?, 'queued', 0, ?, ?)",
                arguments: [session.id, now, now])
            let job = JobRecord(id: db.lastInsertedRowID, sessionID: session.id, state: .queued, attempts: 0, leaseUntil: nil, error: nil, updatedAt: now)
            return (session, job)
        }
    }

    /// Sessions with their athlete (for the coach filter) and their job, as `session(_:)` and
    /// `job(joined:)` read them; the callers add the WHERE clause.
    static let sessionsWithTheirJobs = """
        SELECT s.*, j.id AS job_id, j.state AS job_state, j.attempts AS job_attempts, j.lease_until AS job_lease_until,
               j.error AS job_error, j.updated_at AS job_updated_at, j.progress AS job_progress, j.stage AS job_stage
        FROM training_sessions s
        JOIN athletes a ON a.id = s.athlete_id
        LEFT JOIN jobs j ON j.session_id = s.id
        """

    public func sessions(athleteID: Int64, coachID: Int64) async throws -> [(TrainingSession, JobRecord?)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: Self.sessionsWithTheirJobs + " WHERE s.athlete_id = ? AND a.coach_id = ? ORDER BY s.date DESC, s.id DESC",
                arguments: [athleteID, coachID]
            ).map { row in (try Self.session(row), try Self.job(joined: row)) }
        }
    }

    public func session(id: Int64, coachID: Int64) async throws -> (TrainingSession, JobRecord?)? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: Self.sessionsWithTheirJobs + " WHERE s.id = ? AND a.coach_id = ?",
                arguments: [id, coachID]
            ).map { row in (try Self.session(row), try Self.job(joined: row)) }
        }
    }

    // MARK: The job queue

    public func claimJob(now: Date, leaseUntil: Date, maxAttempts: Int) async throws -> ClaimedJob? {
        try await pool.write { db in
            // A worker that died after its last attempt leaves a running job with an expired lease: that job
            // has had its attempts, so it fails rather than running a fourth time.
            let exhausted = try Int64.fetchAll(
                db, sql: "SELECT session_id FROM jobs WHERE state = 'running' AND lease_until <= ? AND attempts >= ?",
                arguments: [now, maxAttempts])
            if !exhausted.isEmpty {
                try db.execute(
                    sql: """
                        UPDATE jobs SET state = 'failed', lease_until = NULL, updated_at = ?,
                            error = COALESCE(error || '; ', '') || 'the worker stopped during the last attempt (its lease ran out)'
                        WHERE state = 'running' AND lease_until <= ? AND attempts >= ?
                        """,
                    arguments: [now, now, maxAttempts])
                for sessionID in exhausted {
                    try db.execute(sql: "UPDATE training_sessions SET status = 'failed' WHERE id = ?", arguments: [sessionID])
                }
            }
            // One statement picks and takes the job: inside SQLite's single write transaction no other
            // worker can claim it between the pick and the update.
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = ?, updated_at = ?, progress = 0, stage = NULL
                    WHERE id = (
                        SELECT id FROM jobs
                        WHERE (state = 'queued' OR (state = 'running' AND lease_until <= ?)) AND attempts < ?
                        ORDER BY id LIMIT 1)
                    RETURNING *
                    """,
                arguments: [leaseUntil, now, now, maxAttempts])
            else { return nil }
            let job = try Self.job(row)
            try db.execute(sql: "UPDATE training_sessions SET status = 'analysing' WHERE id = ?", arguments: [job.sessionID])
            guard let sessionRow = try Row.fetchOne(db, sql: "SELECT * FROM training_sessions WHERE id = ?", arguments: [job.sessionID])
            else { throw StoreError.unreadableRow(table: "jobs", problem: "job \(job.id) has no session") }
            let session = try Self.session(sessionRow)
            guard let athleteRow = try Row.fetchOne(db, sql: "SELECT * FROM athletes WHERE id = ?", arguments: [session.athleteID])
            else { throw StoreError.unreadableRow(table: "training_sessions", problem: "session \(session.id) has no athlete") }
            return ClaimedJob(job: job, session: session, athlete: try Self.athlete(athleteRow))
        }
    }

    public func finishJob(id: Int64, attempt: Int, outcome: JobOutcome, maxAttempts: Int, now: Date) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) else { return }
            let job = try Self.job(row)
            // Another worker took the job after this one's lease ran out: its result is the one that counts.
            guard job.state == .running, job.attempts == attempt else { return }
            let (jobState, sessionStatus, error, note) = outcome.ending(attempt: attempt, maxAttempts: maxAttempts)
            try db.execute(
                sql: "UPDATE jobs SET state = ?, lease_until = NULL, error = ?, updated_at = ?, progress = NULL, stage = NULL WHERE id = ?",
                arguments: [jobState.rawValue, error, now, id])
            try db.execute(
                sql: "UPDATE training_sessions SET status = ?, status_note = ? WHERE id = ?",
                arguments: [sessionStatus.rawValue, note ?? error, job.sessionID])
        }
    }

    public func renewLease(id: Int64, attempt: Int, until: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE jobs SET lease_until = ? WHERE id = ? AND attempts = ? AND state = 'running'",
                arguments: [until, id, attempt])
            return db.changesCount == 1
        }
    }

    public func reportProgress(id: Int64, attempt: Int, fraction: Double, stage: String, now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE jobs SET progress = ?, stage = ?, updated_at = ? WHERE id = ? AND attempts = ? AND state = 'running'",
                arguments: [min(max(fraction, 0), 1), stage, now, id, attempt])
        }
    }

    public func job(id: Int64) async throws -> JobRecord? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map(Self.job) }
    }

    // MARK: Rows → values (throwing, never trapping, on a value this version cannot read)

    static func coach(_ row: Row) throws -> Coach {
        Coach(
            id: try row.decode(forColumn: "id"), username: try row.decode(forColumn: "username"),
            passwordHash: try row.decode(forColumn: "password_hash"), createdAt: try row.decode(forColumn: "created_at"))
    }

    static func athlete(_ db: Database, id: Int64, coachID: Int64) throws -> Athlete? {
        try Row.fetchOne(db, sql: "SELECT * FROM athletes WHERE id = ? AND coach_id = ?", arguments: [id, coachID]).map(athlete)
    }

    static func athlete(_ row: Row) throws -> Athlete {
        let experienceText: String = try row.decode(forColumn: "experience")
        guard let experience = Experience(rawValue: experienceText) else {
            throw StoreError.unreadableRow(table: "athletes", problem: "unknown experience \(experienceText)")
        }
        let screenText: String = try row.decode(forColumn: "injury_screen")
        let screen: InjuryScreen
        do {
            screen = try JSONDecoder().decode(InjuryScreen.self, from: Data(screenText.utf8))
        } catch {
            throw StoreError.unreadableRow(table: "athletes", problem: "injury_screen is not the screen's JSON (\(error))")
        }
        let details = AthleteDraft(
            name: try row.decode(forColumn: "name"), heightMetres: try row.decode(forColumn: "height_m"),
            legLengthMetres: try row.decode(forColumn: "leg_length_m"), experience: experience, injuryScreen: screen,
            notes: try row.decode(forColumn: "notes"))
        return Athlete(
            id: try row.decode(forColumn: "id"), coachID: try row.decode(forColumn: "coach_id"), details: details,
            createdAt: try row.decode(forColumn: "created_at"), updatedAt: try row.decode(forColumn: "updated_at"))
    }

    static func session(_ row: Row) throws -> TrainingSession {
        let footwearText: String = try row.decode(forColumn: "footwear")
        let statusText: String = try row.decode(forColumn: "status")
        guard let footwear = SessionFootwear(rawValue: footwearText), let status = SessionStatus(rawValue: statusText) else {
            throw StoreError.unreadableRow(table: "training_sessions", problem: "unknown footwear \(footwearText) or status \(statusText)")
        }
        let details = TrainingSessionDraft(
            date: try row.decode(forColumn: "date"), treadmillSpeed: try row.decode(forColumn: "treadmill_speed"), footwear: footwear,
            note: try row.decode(forColumn: "note"), originalFileName: try row.decode(forColumn: "original_file_name"))
        return TrainingSession(
            id: try row.decode(forColumn: "id"), athleteID: try row.decode(forColumn: "athlete_id"), details: details,
            storedFileName: try row.decode(forColumn: "stored_file_name"), status: status,
            statusNote: try row.decode(forColumn: "status_note"), createdAt: try row.decode(forColumn: "created_at"))
    }

    static func job(_ row: Row) throws -> JobRecord {
        try job(row, prefix: "", idColumn: "id")
    }

    /// The job columns of a session row joined with its job (`job_…`), or `nil` when it has none.
    static func job(joined row: Row) throws -> JobRecord? {
        let id: Int64? = try row.decode(forColumn: "job_id")
        guard id != nil else { return nil }
        return try job(row, prefix: "job_", idColumn: "job_id", sessionColumn: "id")
    }

    private static func job(_ row: Row, prefix: String, idColumn: String, sessionColumn: String = "session_id") throws -> JobRecord {
        let stateText: String = try row.decode(forColumn: prefix + "state")
        guard let state = JobState(rawValue: stateText) else {
            throw StoreError.unreadableRow(table: "jobs", problem: "unknown state \(stateText)")
        }
        return JobRecord(
            id: try row.decode(forColumn: idColumn), sessionID: try row.decode(forColumn: sessionColumn), state: state,
            attempts: try row.decode(forColumn: prefix + "attempts"), leaseUntil: try row.decode(forColumn: prefix + "lease_until"),
            error: try row.decode(forColumn: prefix + "error"), updatedAt: try row.decode(forColumn: prefix + "updated_at"),
            progress: try row.decode(forColumn: prefix + "progress"), stage: try row.decode(forColumn: prefix + "stage"))
    }

    static func json(_ screen: InjuryScreen) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(screen), as: UTF8.self)
    }
}
