import Logging
import PostgresNIO

/// The PostgreSQL schema, as versioned migrations with the same names and the same tables as SQLite's
/// (`Migrations`), in PostgreSQL's types. Each runs once, in order, in its own transaction, and is recorded
/// in `poserun_migrations`. Never edit one that has shipped; add the next (to both stores).
///
/// Why a lock: a server and its workers may start at the same moment against an empty database; the
/// advisory lock lets one of them migrate while the others wait, then find nothing left to do.
enum PostgresMigrations {
    struct Migration {
        var name: String
        /// One statement each: the extended query protocol takes one at a time.
        var statements: [PostgresQuery]
    }

    static let all: [Migration] = [
        Migration(name: "v1: coaches, sign-in, athletes, sessions, jobs", statements: [
            """
            CREATE TABLE coaches (
                id BIGSERIAL PRIMARY KEY,
                username TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            // SQLite's `UNIQUE COLLATE NOCASE`: "Anna" and "anna" are one coach.
            "CREATE UNIQUE INDEX coaches_username ON coaches (lower(username))",
            """
            CREATE TABLE login_sessions (
                token TEXT PRIMARY KEY,
                coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX login_sessions_expiry ON login_sessions (expires_at)",
            "CREATE INDEX login_sessions_coach ON login_sessions (coach_id)",
            """
            CREATE TABLE athletes (
                id BIGSERIAL PRIMARY KEY,
                coach_id BIGINT NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                height_m DOUBLE PRECISION,
                leg_length_m DOUBLE PRECISION,
                experience TEXT NOT NULL CHECK (experience IN ('beginner', 'intermediate', 'advanced')),
                injury_screen TEXT NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX athletes_coach ON athletes (coach_id, name)",
            """
            CREATE TABLE training_sessions (
                id BIGSERIAL PRIMARY KEY,
                athlete_id BIGINT NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
                date TEXT NOT NULL,
                treadmill_speed DOUBLE PRECISION,
                footwear TEXT NOT NULL CHECK (footwear IN ('shoes', 'barefoot')),
                note TEXT NOT NULL DEFAULT '',
                original_file_name TEXT NOT NULL DEFAULT '',
                stored_file_name TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL CHECK (status IN ('queued', 'analysing', 'analysed', 'no-analysis', 'failed')),
                status_note TEXT,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX training_sessions_athlete ON training_sessions (athlete_id, date)",
            """
            CREATE TABLE jobs (
                id BIGSERIAL PRIMARY KEY,
                session_id BIGINT NOT NULL UNIQUE REFERENCES training_sessions(id) ON DELETE CASCADE,
                state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                lease_until TIMESTAMPTZ,
                error TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            // The claim's index holds only the jobs a worker may take: finished jobs, which become nearly
            // every row, stay out of it, so a claim reads a handful of entries however long the history.
            "CREATE INDEX jobs_claimable ON jobs (id) WHERE state IN ('queued', 'running')",
        ]),
        Migration(name: "v2: a running job's progress", statements: [
            "ALTER TABLE jobs ADD COLUMN progress DOUBLE PRECISION CHECK (progress BETWEEN 0 AND 1)",
            "ALTER TABLE jobs ADD COLUMN stage TEXT",
        ]),
        Migration(name: "v3: sign-in tokens stored as their SHA-256", statements: [
            // Rows written before hold the cookie's value itself: drop them (their coaches sign in again).
            "DELETE FROM login_sessions",
        ]),
    ]

    /// Any number; the same in every PoseRun process, so they take turns at migrating.
    static let lockKey: Int64 = 0x506F_7365_5275_6E00   // "PoseRun\0"

    /// Runs every migration not yet recorded, on `connection` (which has the store's search path).
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        do {
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS poserun_migrations (
                    name TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
            let done = Set(try await applied(connection, logger: logger))
            for migration in all where !done.contains(migration.name) {
                try await connection.withTransaction(logger: logger) { connection in
                    for statement in migration.statements {
                        try await connection.query(statement, logger: logger)
                    }
                    try await connection.query("INSERT INTO poserun_migrations (name) VALUES (\(migration.name))", logger: logger)
                }
                logger.info("database migrated", metadata: ["migration": "\(migration.name)"])
            }
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
    }

    /// The migrations recorded, in the order they ran.
    static func applied(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var names: [String] = []
        for try await (name) in try await connection.query(
            "SELECT name FROM poserun_migrations ORDER BY applied_at, name", logger: logger
        ).decode(String.self) {
            names.append(name)
        }
        return names
    }
}
