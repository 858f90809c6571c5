import GRDB

/// The schema, as versioned migrations: each runs once, in order, in its own transaction, and the
/// database records which ran (GRDB's `grdb_migrations` table). Never edit a migration that has shipped;
/// add the next one. Plain SQL, close to what PostgreSQL takes, so the later store can follow it.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: coaches, sign-in, athletes, sessions, jobs") { db in
            try db.execute(sql: """
                CREATE TABLE coaches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    password_hash TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE login_sessions (
                    token TEXT PRIMARY KEY NOT NULL,
                    coach_id INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL
                );
                CREATE INDEX login_sessions_expiry ON login_sessions(expires_at);
                CREATE INDEX login_sessions_coach ON login_sessions(coach_id);
                CREATE TABLE athletes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    coach_id INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    height_m REAL,
                    leg_length_m REAL,
                    experience TEXT NOT NULL CHECK (experience IN ('beginner', 'intermediate', 'advanced')),
                    injury_screen TEXT NOT NULL,
                    notes TEXT NOT NULL DEFAULT '',
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE INDEX athletes_coach ON athletes(coach_id, name);
                CREATE TABLE training_sessions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    treadmill_speed REAL,
                    footwear TEXT NOT NULL CHECK (footwear IN ('shoes', 'barefoot')),
                    note TEXT NOT NULL DEFAULT '',
                    original_file_name TEXT NOT NULL DEFAULT '',
                    stored_file_name TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'analysing', 'analysed', 'no-analysis', 'failed')),
                    status_note TEXT,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX training_sessions_athlete ON training_sessions(athlete_id, date);
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id INTEGER NOT NULL UNIQUE REFERENCES training_sessions(id) ON DELETE CASCADE,
                    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    lease_until DATETIME,
                    error TEXT,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE INDEX jobs_claim ON jobs(state, lease_until);
                """)
        }
        migrator.registerMigration("v2: a running job's progress") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN progress REAL")
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN stage TEXT")
        }
        migrator.registerMigration("v3: sign-in tokens stored as their SHA-256") { db in
            // Rows written before hold the cookie's value itself: drop them (their coaches sign in again).
            try db.execute(sql: "DELETE FROM login_sessions")
        }
        return migrator
    }
}
