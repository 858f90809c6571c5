public import Foundation
public import Logging
import NIOCore
import NIOSSL
import PoseRunCoaching
import PostgresNIO

/// The store for more than one machine: PostgreSQL through postgres-nio's `PostgresClient` (a connection
/// pool), with the same tables, rules and answers as `SQLiteStore`, so that `poserun serve` and any number of
/// `poserun worker`s on other machines share one queue.
///
/// Why the claim is safe with many workers: it picks the oldest claimable job with `FOR UPDATE SKIP LOCKED`
/// and takes it in the same statement, so two transactions never lock the same row and neither waits for
/// the other; a row another worker holds is simply passed over (docs/web-app.md, "Many workers").
///
/// The pool runs in a task of its own, started by `open` and ended by `close()`.
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    public let address: PostgresAddress
    private let running: Task<Void, Never>

    private init(client: PostgresClient, address: PostgresAddress, logger: Logger) {
        self.client = client
        self.address = address
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Connects to the server, runs every migration not yet run, and starts the pool of at most
    /// `maximumConnections`. Throws `PostgresStore.Failure`, which names the problem and what to do, when the
    /// server cannot be reached, refuses the user, or has no such database.
    public static func open(
        _ address: PostgresAddress, maximumConnections: Int = DatabaseConnections.server,
        logger: Logger = Logger(label: "poserun.postgres")
    ) async throws -> PostgresStore {
        if let schema = address.schema, !isPlainIdentifier(schema) {
            throw Failure(description: "the schema name \(schema) must be lower-case letters, digits and _, starting with a letter")
        }
        let tls = try tls(address.tls)
        // One connection of its own first: it fails fast and clearly (the pool would retry quietly), and it
        // runs the migrations before the pool serves a query.
        do {
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.username, password: address.password,
                database: address.database, tls: tls.connection)
            configuration.options.connectTimeout = .seconds(Int64(DatabaseConnections.connectTimeoutSeconds))
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                if let schema = address.schema {
                    try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
                    try await connection.query("SET search_path TO \(unescaped: schema)", logger: logger)
                }
                try await PostgresMigrations.migrate(connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw Failure(error, address: address)
        }
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.username, password: address.password,
            database: address.database, tls: tls.pool)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = .seconds(Int64(DatabaseConnections.connectTimeoutSeconds))
        if let schema = address.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger), address: address, logger: logger)
    }

    /// Ends the pool: queries after this fail. Waits until its connections are closed.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// The migrations that have run, in order (the same names as `SQLiteStore.appliedMigrations()`).
    public func appliedMigrations() async throws -> [String] {
        try await rows("SELECT name FROM poserun_migrations ORDER BY applied_at, name").map { try $0.value("name") }
    }

    /// Drops the store's schema with every table in it: for the tests, which give each store a schema.
    public func dropSchema() async throws {
        guard let schema = address.schema, Self.isPlainIdentifier(schema) else { return }
        try await execute("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE")
    }

    // MARK: Coaches and sign-in

    public func createCoach(username: String, passwordHash: String, now: Date) async throws -> Coach {
        do {
            let id: Int64 = try await one(
                "INSERT INTO coaches (username, password_hash, created_at) VALUES (\(username), \(passwordHash), \(now)) RETURNING id"
            ).value("id")
            return Coach(id: id, username: username, passwordHash: passwordHash, createdAt: now)
        } catch let failure as Failure where failure.sqlState == Self.uniqueViolation {
            throw StoreError.usernameTaken(username)
        }
    }

    public func coach(username: String) async throws -> Coach? {
        try await rows("SELECT * FROM coaches WHERE lower(username) = lower(\(username))").first.map(Self.coach)
    }

    public func coach(id: Int64) async throws -> Coach? {
        try await rows("SELECT * FROM coaches WHERE id = \(id)").first.map(Self.coach)
    }

    public func createLoginSession(_ session: LoginSession) async throws {
        try await execute(
            """
            INSERT INTO login_sessions (token, coach_id, csrf_token, created_at, expires_at)
            VALUES (\(session.token), \(session.coachID), \(session.csrfToken), \(session.createdAt), \(session.expiresAt))
            """)
    }

    public func loginSession(token: String, now: Date) async throws -> LoginSession? {
        try await rows("SELECT * FROM login_sessions WHERE token = \(token) AND expires_at > \(now)").first.map { row in
            LoginSession(
                token: try row.value("token"), coachID: try row.value("coach_id"), csrfToken: try row.value("csrf_token"),
                createdAt: try row.value("created_at"), expiresAt: try row.value("expires_at"))
        }
    }

    public func deleteLoginSession(token: String) async throws {
        try await execute("DELETE FROM login_sessions WHERE token = \(token)")
    }

    @discardableResult
    public func deleteExpiredLoginSessions(now: Date) async throws -> Int {
        try await rows("DELETE FROM login_sessions WHERE expires_at <= \(now) RETURNING token").count
    }

    // MARK: Athletes

    public func athletes(coachID: Int64) async throws -> [Athlete] {
        // lower(…) in the C collation: SQLite's NOCASE order, whatever the server's locale.
        try await rows("SELECT * FROM athletes WHERE coach_id = \(coachID) ORDER BY lower(name) COLLATE \"C\", id").map(Self.athlete)
    }

    public func athlete(id: Int64, coachID: Int64) async throws -> Athlete? {
        try await rows("SELECT * FROM athletes WHERE id = \(id) AND coach_id = \(coachID)").first.map(Self.athlete)
    }

    public func createAthlete(_ draft: AthleteDraft, coachID: Int64, now: Date) async throws -> Athlete {
        let screen = try SQLiteStore.json(draft.injuryScreen)
        let id: Int64 = try await one(
            """
            INSERT INTO athletes (coach_id, name, height_m, leg_length_m, experience, injury_screen, notes, created_at, updated_at)
            VALUES (\(coachID), \(draft.name), \(draft.heightMetres), \(draft.legLengthMetres), \(draft.experience.rawValue),
                    \(screen), \(draft.notes), \(now), \(now))
            RETURNING id
            """
        ).value("id")
        return Athlete(id: id, coachID: coachID, details: draft, createdAt: now, updatedAt: now)
    }

    public func updateAthlete(id: Int64, coachID: Int64, _ draft: AthleteDraft, now: Date) async throws -> Athlete? {
        let screen = try SQLiteStore.json(draft.injuryScreen)
        return try await rows(
            """
            UPDATE athletes SET name = \(draft.name), height_m = \(draft.heightMetres), leg_length_m = \(draft.legLengthMetres),
                experience = \(draft.experience.rawValue), injury_screen = \(screen), notes = \(draft.notes), updated_at = \(now)
            WHERE id = \(id) AND coach_id = \(coachID)
            RETURNING *
            """
        ).first.map(Self.athlete)
    }

    public func deleteAthlete(id: Int64, coachID: Int64) async throws -> [TrainingSession]? {
        try await transaction { db in
            guard try await self.rows("SELECT id FROM athletes WHERE id = \(id) AND coach_id = \(coachID) FOR UPDATE", on: db).first != nil
            else { return nil }
            let sessions = try await self.rows("SELECT * FROM training_sessions WHERE athlete_id = \(id)", on: db).map(Self.session)
            // ON DELETE CASCADE removes the sessions and their jobs with the athlete.
            try await db.query("DELETE FROM athletes WHERE id = \(id) AND coach_id = \(coachID)", logger: self.logger)
            return sessions
        }
    }

    // MARK: Training sessions

    public func createSession(
        _ draft: TrainingSessionDraft, athleteID: Int64, coachID: Int64, storedFileName: String, now: Date
    ) async throws -> (TrainingSession, JobRecord)? {
        try await transaction { db in
            // The row lock holds the athlete (and so its coach) until both inserts are committed.
            guard try await self.rows("SELECT id FROM athletes WHERE id = \(athleteID) AND coach_id = \(coachID) FOR SHARE", on: db)
                .first != nil
            else { return nil }
            let sessionID: Int64 = try await self.one(
                """
                INSERT INTO training_sessions (athlete_id, date, treadmill_speed, footwear, note, original_file_name, stored_file_name, status, created_at)
                VALUES (\(athleteID), \(draft.date), \(draft.treadmillSpeed), \(draft.footwear.rawValue), \(draft.note),
                        \(draft.originalFileName), \(storedFileName), \(SessionStatus.queued.rawValue), \(now))
                RETURNING id
                """, on: db
            ).value("id")
            let jobID: Int64 = try await self.one(
                "INSERT INTO jobs (session_id, state, attempts, created_at, updated_at) VALUES (\(sessionID), 'queued', 0, \(now), \(now)) RETURNING id",
                on: db
            ).value("id")
            let session = TrainingSession(
                id: sessionID, athleteID: athleteID, details: draft, storedFileName: storedFileName, status: .queued, createdAt: now)
            let job = JobRecord(id: jobID, sessionID: sessionID, state: .queued, attempts: 0, leaseUntil: nil, error: nil, updatedAt: now)
            return (session, job)
        }
    }

    public func sessions(athleteID: Int64, coachID: Int64) async throws -> [(TrainingSession, JobRecord?)] {
        // The same SELECT as SQLiteStore's, so both stores join sessions to their jobs alike.
        try await rows(
            "\(unescaped: SQLiteStore.sessionsWithTheirJobs) WHERE s.athlete_id = \(athleteID) AND a.coach_id = \(coachID) ORDER BY s.date DESC, s.id DESC"
        ).map { row in (try Self.session(row), try Self.job(joined: row)) }
    }

    public func session(id: Int64, coachID: Int64) async throws -> (TrainingSession, JobRecord?)? {
        try await rows("\(unescaped: SQLiteStore.sessionsWithTheirJobs) WHERE s.id = \(id) AND a.coach_id = \(coachID)").first.map { row in (try Self.session(row), try Self.job(joined: row)) }
    }

    // MARK: The job queue

    public func claimJob(now: Date, leaseUntil: Date, maxAttempts: Int) async throws -> ClaimedJob? {
        try await transaction { db in
            // A worker that died after its last attempt leaves a running job with an expired lease: that job
            // has had its attempts, so it fails rather than running a fourth time. Rows another claimer is
            // failing at this moment are skipped, not waited for.
            try await db.query(
                """
                WITH exhausted AS (
                    SELECT id FROM jobs
                    WHERE state = 'running' AND lease_until <= \(now) AND attempts >= \(maxAttempts)
                    FOR UPDATE SKIP LOCKED
                ), failed AS (
                    UPDATE jobs SET state = 'failed', lease_until = NULL, updated_at = \(now),
                        error = COALESCE(jobs.error || '; ', '') || 'the worker stopped during the last attempt (its lease ran out)'
                    FROM exhausted WHERE jobs.id = exhausted.id
                    RETURNING jobs.session_id
                )
                UPDATE training_sessions SET status = 'failed' WHERE id IN (SELECT session_id FROM failed)
                """, logger: self.logger)
            // The pick and the take are one statement; SKIP LOCKED passes over a job another claimer has
            // locked, and a job it has just taken no longer matches when its lock is released.
            guard let row = try await self.rows(
                """
                WITH picked AS (
                    SELECT id FROM jobs
                    WHERE (state = 'queued' OR (state = 'running' AND lease_until <= \(now))) AND attempts < \(maxAttempts)
                    ORDER BY id LIMIT 1
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE jobs SET state = 'running', attempts = jobs.attempts + 1, lease_until = \(leaseUntil), updated_at = \(now),
                    progress = 0, stage = NULL
                FROM picked WHERE jobs.id = picked.id
                RETURNING jobs.*
                """, on: db
            ).first
            else { return nil }
            let job = try Self.job(row)
            guard let sessionRow = try await self.rows(
                "UPDATE training_sessions SET status = 'analysing' WHERE id = \(job.sessionID) RETURNING *", on: db
            ).first
            else { throw StoreError.unreadableRow(table: "jobs", problem: "job \(job.id) has no session") }
            let session = try Self.session(sessionRow)
            guard let athleteRow = try await self.rows("SELECT * FROM athletes WHERE id = \(session.athleteID)", on: db).first
            else { throw StoreError.unreadableRow(table: "training_sessions", problem: "session \(session.id) has no athlete") }
            return ClaimedJob(job: job, session: session, athlete: try Self.athlete(athleteRow))
        }
    }

    public func finishJob(id: Int64, attempt: Int, outcome: JobOutcome, maxAttempts: Int, now: Date) async throws {
        try await transaction { db in
            guard let row = try await self.rows("SELECT * FROM jobs WHERE id = \(id) FOR UPDATE", on: db).first else { return }
            let job = try Self.job(row)
            // Another worker took the job after this one's lease ran out: its result is the one that counts.
            guard job.state == .running, job.attempts == attempt else { return }
            let (jobState, sessionStatus, error, note) = outcome.ending(attempt: attempt, maxAttempts: maxAttempts)
            try await db.query(
                """
                UPDATE jobs SET state = \(jobState.rawValue), lease_until = NULL, error = \(error), updated_at = \(now),
                    progress = NULL, stage = NULL
                WHERE id = \(id)
                """, logger: self.logger)
            try await db.query(
                "UPDATE training_sessions SET status = \(sessionStatus.rawValue), status_note = \(note ?? error) WHERE id = \(job.sessionID)",
                logger: self.logger)
        }
    }

    public func renewLease(id: Int64, attempt: Int, until: Date) async throws -> Bool {
        try await rows(
            "UPDATE jobs SET lease_until = \(until) WHERE id = \(id) AND attempts = \(attempt) AND state = 'running' RETURNING id"
        ).count == 1
    }

    public func reportProgress(id: Int64, attempt: Int, fraction: Double, stage: String, now: Date) async throws {
        let clamped = min(max(fraction, 0), 1)
        try await execute(
            """
            UPDATE jobs SET progress = \(clamped), stage = \(stage), updated_at = \(now)
            WHERE id = \(id) AND attempts = \(attempt) AND state = 'running'
            """)
    }

    public func job(id: Int64) async throws -> JobRecord? {
        try await rows("SELECT * FROM jobs WHERE id = \(id)").first.map(Self.job)
    }

    // MARK: Running queries

    static let uniqueViolation = "23505"

    /// Runs `body` in a transaction on one pooled connection: committed when it returns, rolled back when
    /// it throws (the closure's own error is rethrown, not postgres-nio's wrapper).
    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> sending T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            throw readable(error.closureError ?? error.beginError ?? error.commitError ?? error)
        }
    }

    private func rows(_ query: PostgresQuery) async throws -> [Columns] {
        do {
            var result: [Columns] = []
            for try await row in try await client.query(query, logger: logger) { result.append(Columns(row)) }
            return result
        } catch {
            throw readable(error)
        }
    }

    private func execute(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    private func one(_ query: PostgresQuery) async throws -> Columns {
        guard let row = try await rows(query).first else { throw StoreError.unreadableRow(table: "?", problem: "the statement returned no row") }
        return row
    }

    /// postgres-nio's errors describe themselves as "PSQLError – Generic description" (so as not to leak a
    /// query); a page or a worker's log needs the server and what went wrong, which `Failure` says.
    private func readable(_ error: any Error) -> any Error {
        error is PSQLError ? Failure(error, address: address) : error
    }

    private func rows(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [Columns] {
        var result: [Columns] = []
        for try await row in try await connection.query(query, logger: logger) { result.append(Columns(row)) }
        return result
    }

    private func one(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> Columns {
        guard let row = try await rows(query, on: connection).first else {
            throw StoreError.unreadableRow(table: "?", problem: "the statement returned no row")
        }
        return row
    }

    /// A row read by column name, throwing (never trapping) on a missing column or a value of another type.
    struct Columns {
        let row: PostgresRandomAccessRow

        init(_ row: PostgresRow) {
            self.row = row.makeRandomAccess()
        }

        func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
            guard row.contains(column) else { throw StoreError.unreadableRow(table: "?", problem: "no column \(column)") }
            do {
                return try row[column].decode(T.self)
            } catch {
                throw StoreError.unreadableRow(table: "?", problem: "column \(column) is not a \(T.self) (\(error))")
            }
        }
    }

    // MARK: Rows → values

    static func coach(_ row: Columns) throws -> Coach {
        Coach(id: try row.value("id"), username: try row.value("username"), passwordHash: try row.value("password_hash"), createdAt: try row.value("created_at"))
    }

    static func athlete(_ row: Columns) throws -> Athlete {
        let experienceText: String = try row.value("experience")
        guard let experience = Experience(rawValue: experienceText) else {
            throw StoreError.unreadableRow(table: "athletes", problem: "unknown experience \(experienceText)")
        }
        let screenText: String = try row.value("injury_screen")
        let screen: InjuryScreen
        do {
            screen = try JSONDecoder().decode(InjuryScreen.self, from: Data(screenText.utf8))
        } catch {
            throw StoreError.unreadableRow(table: "athletes", problem: "injury_screen is not the screen's JSON (\(error))")
        }
        let details = AthleteDraft(
            name: try row.value("name"), heightMetres: try row.value("height_m"), legLengthMetres: try row.value("leg_length_m"),
            experience: experience, injuryScreen: screen, notes: try row.value("notes"))
        return Athlete(
            id: try row.value("id"), coachID: try row.value("coach_id"), details: details, createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"))
    }

    static func session(_ row: Columns) throws -> TrainingSession {
        let footwearText: String = try row.value("footwear")
        let statusText: String = try row.value("status")
        guard let footwear = SessionFootwear(rawValue: footwearText), let status = SessionStatus(rawValue: statusText) else {
            throw StoreError.unreadableRow(table: "training_sessions", problem: "unknown footwear \(footwearText) or status \(statusText)")
        }
        let details = TrainingSessionDraft(
            date: try row.value("date"), treadmillSpeed: try row.value("treadmill_speed"), footwear: footwear, note: try row.value("note"),
            originalFileName: try row.value("original_file_name"))
        return TrainingSession(
            id: try row.value("id"), athleteID: try row.value("athlete_id"), details: details, storedFileName: try row.value("stored_file_name"),
            status: status, statusNote: try row.value("status_note"), createdAt: try row.value("created_at"))
    }

    static func job(_ row: Columns) throws -> JobRecord {
        try job(row, prefix: "", idColumn: "id", sessionColumn: "session_id")
    }

    /// The job columns of a session row joined with its job (`job_…`), or `nil` when it has none.
    static func job(joined row: Columns) throws -> JobRecord? {
        let id: Int64? = try row.value("job_id")
        guard id != nil else { return nil }
        return try job(row, prefix: "job_", idColumn: "job_id", sessionColumn: "id")
    }

    private static func job(_ row: Columns, prefix: String, idColumn: String, sessionColumn: String) throws -> JobRecord {
        let stateText: String = try row.value(prefix + "state")
        guard let state = JobState(rawValue: stateText) else {
            throw StoreError.unreadableRow(table: "jobs", problem: "unknown state \(stateText)")
        }
        return JobRecord(
            id: try row.value(idColumn), sessionID: try row.value(sessionColumn), state: state, attempts: try row.value(prefix + "attempts"),
            leaseUntil: try row.value(prefix + "lease_until"), error: try row.value(prefix + "error"),
            updatedAt: try row.value(prefix + "updated_at"), progress: try row.value(prefix + "progress"),
            stage: try row.value(prefix + "stage"))
    }

    // MARK: Connecting

    /// Lower-case letters, digits and `_`, starting with a letter: a schema name that needs no quoting,
    /// since an identifier cannot be a bound parameter.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// libpq's sslmode in postgres-nio's terms, for the pool and for the first connection: `prefer` and
    /// `require` encrypt without checking the certificate, as libpq does; `verify-full` checks it against the
    /// system's roots and the host's name.
    static func tls(_ mode: PostgresAddress.TLSMode) throws
        -> (pool: PostgresClient.Configuration.TLS, connection: PostgresConnection.Configuration.TLS)
    {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        switch mode {
        case .disable: return (.disable, .disable)
        case .prefer: return (.prefer(unchecked), .prefer(try NIOSSLContext(configuration: unchecked)))
        case .require: return (.require(unchecked), .require(try NIOSSLContext(configuration: unchecked)))
        case .verifyFull:
            let checked = TLSConfiguration.makeClientConfiguration()
            return (.require(checked), .require(try NIOSSLContext(configuration: checked)))
        }
    }

    /// Why the store could not be opened, with what to do; never the password.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// The server's SQLSTATE code, when the server answered with an error ("23505": a unique value taken).
        public var sqlState: String?

        init(description: String) {
            self.description = description
        }

        init(_ error: any Error, address: PostgresAddress) {
            let server = "PostgreSQL at \(address.host):\(address.port)"
            guard let error = error as? PSQLError else {
                description = "cannot open the database \(address): \(error)"
                return
            }
            sqlState = error.serverInfo?[.sqlState]
            let message = error.serverInfo?[.message] ?? ""
            switch (error.code, error.serverInfo?[.sqlState]) {
            case (.connectionError, _), (.serverClosedConnection, _):
                let cause = error.underlying.map { " (\($0))" } ?? ""
                description = "cannot reach \(server)\(cause): start the server, or check the host and port in --database"
            case (_, "28P01"), (_, "28000"):
                description = "\(server) refused the user \(address.username) (\(message)): check the user and password in --database"
            case (_, "3D000"):
                description = "\(server) has no database \(address.database): create it (createdb \(address.database)) or fix --database"
            case (.sslUnsupported, _):
                description = "\(server) does not offer TLS: add ?sslmode=disable to --database on a trusted network, or turn on ssl in the server"
            case (_, let state?):
                description = "\(server) answered \(state): \(message)"
            default:
                description = "cannot use \(server): \(error.code)\(error.underlying.map { " (\($0))" } ?? "")"
            }
        }
    }
}
