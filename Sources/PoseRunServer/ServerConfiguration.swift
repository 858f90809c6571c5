public import Foundation

/// How `poserun serve` runs: where it listens, where it keeps its data, and its limits.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The folder with the database, the uploads and the results. Created on start.
    public var dataFolder: URL
    /// Where the rows are kept: nil for the SQLite file in the data folder (one machine), or a PostgreSQL
    /// server that several servers and workers share (`--database postgres://…`).
    public var database: DatabaseLocation?
    /// Mark cookies `Secure` (only sent over HTTPS): on when a TLS proxy is in front, off on loopback.
    public var secureCookies: Bool
    /// bcrypt's cost: 12 for a server, 4 (the minimum) in tests.
    public var passwordCost: UInt8
    /// How long a sign-in lasts.
    public var sessionLifetime: TimeInterval
    /// Sign-in attempts allowed per username and per address in `loginWindow` seconds.
    public var loginAttempts: Int
    public var loginWindow: TimeInterval
    /// The largest upload accepted, in bytes (a minute of 4K phone video is about 400 MB).
    public var maxUploadBytes: Int
    /// The longest clip accepted, in seconds (20 min). A coach films a few strides; a long treadmill session
    /// fits, and a longer clip would hold a worker and its memory for many minutes (docs/vision.md: the
    /// keypoints of every frame are kept).
    public var maxClipSeconds: Double
    /// Whether this server runs the analysis worker itself (off in tests that drive the worker by hand).
    public var runsWorker: Bool
    public var worker: WorkerConfiguration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataFolder: URL, database: DatabaseLocation? = nil, secureCookies: Bool = false,
        passwordCost: UInt8 = Passwords.defaultCost, sessionLifetime: TimeInterval = 12 * 3600, loginAttempts: Int = 5,
        loginWindow: TimeInterval = 60, maxUploadBytes: Int = 1 << 30, maxClipSeconds: Double = 20 * 60, runsWorker: Bool = true,
        worker: WorkerConfiguration = WorkerConfiguration()
    ) {
        self.host = host
        self.port = port
        self.dataFolder = dataFolder
        self.database = database
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.sessionLifetime = sessionLifetime
        self.loginAttempts = loginAttempts
        self.loginWindow = loginWindow
        self.maxUploadBytes = maxUploadBytes
        self.maxClipSeconds = maxClipSeconds
        self.runsWorker = runsWorker
        self.worker = worker
    }

    /// The SQLite file in the data folder, used when `database` is nil.
    public var databasePath: String { dataFolder.appendingPathComponent("poserun.sqlite").path }
    public var folders: DataFolders { DataFolders(root: dataFolder) }
}

/// The job worker's timing.
public struct WorkerConfiguration: Sendable {
    /// How long a claim holds a job; the worker renews it every third of this while it works, so only a
    /// worker that died (or hangs) lets it run out, and then another worker takes the job.
    public var leaseSeconds: TimeInterval
    /// How long an idle worker waits before it looks for a job again.
    public var pollSeconds: TimeInterval
    /// Attempts before a job is marked failed.
    public var maxAttempts: Int
    /// How often a running analysis's progress is written to the store: often enough for a live bar,
    /// rarely enough that a 30-minute clip's analysis writes a few thousand rows, not a million.
    public var progressSeconds: TimeInterval

    /// Five minutes: renewed every 100 s while the analysis runs, so only a worker that died or hangs lets it
    /// run out, and a job then waits at most this long to be taken again.
    public static let defaultLeaseSeconds: TimeInterval = 300
    /// What `--lease-seconds` accepts: long enough for a renewal to get through, at most a day.
    public static let leaseRange: ClosedRange<TimeInterval> = 3...86_400

    public init(leaseSeconds: TimeInterval = defaultLeaseSeconds, pollSeconds: TimeInterval = 1, maxAttempts: Int = 3, progressSeconds: TimeInterval = 0.5) {
        self.leaseSeconds = leaseSeconds
        self.pollSeconds = pollSeconds
        self.maxAttempts = maxAttempts
        self.progressSeconds = progressSeconds
    }
}

/// How many PostgreSQL connections a PoseRun process opens at most, and how long it waits for one.
///
/// Why these numbers: a request holds a connection for one query or one short transaction (milliseconds),
/// so a server with 2 cores is not helped by more than a few; a worker needs one for the claim and the
/// result, one for the lease renewal and one for the progress, which may overlap. PostgreSQL allows 100
/// connections by default (`max_connections`, a few reserved): a server and about 25 workers fit, see
/// docs/web-app.md ("Many workers") for where that ends.
public enum DatabaseConnections {
    /// `poserun serve` (pages, uploads, and its own worker).
    public static let server = 10
    /// `poserun worker`.
    public static let worker = 3
    /// A server that does not answer a connection in this time is reported unreachable.
    public static let connectTimeoutSeconds = 10
}

/// Where files live inside the data folder. Every name below it is one the app made: uploads are
/// `<uuid>.<ext>`, results `results/<session id>/`.
public struct DataFolders: Sendable {
    public var root: URL
    public var uploads: URL { root.appendingPathComponent("uploads", isDirectory: true) }
    public var results: URL { root.appendingPathComponent("results", isDirectory: true) }

    public init(root: URL) {
        self.root = root
    }

    public func upload(_ storedFileName: String) -> URL { uploads.appendingPathComponent(storedFileName) }
    public func results(sessionID: Int64) -> URL { results.appendingPathComponent(String(sessionID), isDirectory: true) }

    /// Creates the folders (only the owner may read them: they hold athletes' videos).
    public func create() throws {
        for folder in [root, uploads, results] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }

    /// Removes uploads that never finished (`.partial-*`): a server stopped mid-upload leaves one. With
    /// `olderThan`, only those not written to for that long: on a folder several servers share, another
    /// server's upload in progress is written to every moment and stays.
    public func removePartialUploads(olderThan age: TimeInterval = 0, now: Date = Date()) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? []
        for name in names where name.hasPrefix(UploadReceiver.partialPrefix) {
            let url = uploads.appendingPathComponent(name)
            if age > 0 {
                let written = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
                guard let written, now.timeIntervalSince(written) > age else { continue }
            }
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// How long a partial upload on a shared folder must lie unwritten before a starting server removes it:
    /// an upload in progress writes every chunk, and no client stalls an hour in the middle of a form.
    public static let abandonedUploadSeconds: TimeInterval = 3600
}
