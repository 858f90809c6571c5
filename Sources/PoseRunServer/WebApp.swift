public import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle

/// The coach's web app: its store, its routes, its worker. `poserun serve` opens one and runs it; the
/// tests build its router and drive it with HummingbirdTesting.
public struct WebApp: Sendable {
    public let configuration: ServerConfiguration
    public let store: any Store
    /// The uploads and results: the data folder's (`FolderStorage`) unless told otherwise.
    public let storage: any FileStorage
    public let logger: Logger
    let now: @Sendable () -> Date
    /// Whether the app opened the store itself and so closes it when it stops (`open`, `connect`); a store
    /// handed to `init` is the caller's to close.
    let ownsStore: Bool

    /// Creates the data folder and opens (creating and migrating) its SQLite database: the SQLite file in
    /// the data folder, or `configuration.database`'s `sqlite:` file. A PostgreSQL store needs `connect`.
    public static func open(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "poserun.serve")) throws -> WebApp {
        let path: String
        switch configuration.database {
        case nil: path = configuration.databasePath
        case .sqlite(let file)?: path = file
        case .postgres?: throw PostgresStore.Failure(description: "a PostgreSQL database is opened with WebApp.connect, which waits for the server")
        }
        try configuration.folders.create()
        configuration.folders.removePartialUploads()
        let store = try SQLiteStore(path: path)
        return WebApp(configuration: configuration, store: store, logger: logger, ownsStore: true)
    }

    /// Creates the data folder and opens the configured store, SQLite or PostgreSQL (connected and migrated).
    /// Throws an error that names the problem and what to do (`PostgresStore.Failure`) when it cannot.
    public static func connect(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "poserun.serve")) async throws -> WebApp {
        guard case .postgres(let address)? = configuration.database else { return try open(configuration, logger: logger) }
        try configuration.folders.create()
        // With PostgreSQL, other servers may share the data folder and be receiving uploads into it now.
        configuration.folders.removePartialUploads(olderThan: DataFolders.abandonedUploadSeconds)
        let store = try await PostgresStore.open(address, maximumConnections: DatabaseConnections.server, logger: logger)
        return WebApp(configuration: configuration, store: store, logger: logger, ownsStore: true)
    }

    public init(
        configuration: ServerConfiguration, store: any Store, storage: (any FileStorage)? = nil, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(configuration: configuration, store: store, storage: storage, logger: logger, now: now, ownsStore: false)
    }

    init(
        configuration: ServerConfiguration, store: any Store, storage: (any FileStorage)? = nil, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, ownsStore: Bool
    ) {
        self.configuration = configuration
        self.store = store
        self.storage = storage ?? FolderStorage(configuration.folders)
        self.logger = logger
        self.now = now
        self.ownsStore = ownsStore
    }

    var passwords: Passwords { Passwords(cost: configuration.passwordCost) }

    /// Creates a coach with a one-time random password and returns both (the password is never stored).
    public func createCoach(username: String) async throws -> (coach: Coach, password: String) {
        let name = username.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isValidUsername(name) else { throw UsernameError(username: username) }
        let password = Secrets.password()
        let passwords = self.passwords
        let hash = try await Offload.run { passwords.hash(password) }
        let coach = try await store.createCoach(username: name, passwordHash: hash, now: now())
        return (coach, password)
    }

    /// 1–64 letters, digits, `.`, `-` or `_`: easy to type on a phone, nothing to escape in a log.
    public static func isValidUsername(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
        }
    }

    public struct UsernameError: Error, CustomStringConvertible, Sendable {
        public var username: String
        public var description: String {
            "\"\(username)\" is not a username: use 1 to 64 letters, digits, '.', '-' or '_'"
        }
    }

    /// Every route, behind the security headers, the session lookup and the CSRF check.
    public func router() async throws -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.add(middleware: SecurityHeadersMiddleware<AppContext>())
        router.add(middleware: SessionMiddleware(store: store, now: now))
        router.add(middleware: CSRFMiddleware(uploadPath: SessionRoutes.isUploadPath))
        router.get("/static/{file}") { _, context in
            guard let name = context.parameters.get("file"), let asset = StaticAssets.files[name] else { throw HTTPError(.notFound) }
            return Response(
                status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: asset.body)))
        }
        // No icon: answered without a body, so a report opened on its own page logs no 404.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent, headers: [.cacheControl: "max-age=86400"]) }
        let passwords = self.passwords
        let decoy = try await Offload.run { passwords.hash(Secrets.password()) }
        let cookies = CookieFactory(secure: configuration.secureCookies, sessionLifetime: configuration.sessionLifetime)
        AuthRoutes(
            store: store, passwords: passwords,
            limiter: LoginRateLimiter(limit: configuration.loginAttempts, window: configuration.loginWindow),
            cookies: cookies, sessionLifetime: configuration.sessionLifetime, now: now, decoyHash: decoy
        ).register(on: router)
        let signedIn = router.group().add(middleware: RequireCoach())
        AthleteRoutes(store: store, now: now).register(on: signedIn)
        SessionRoutes(
            store: store, storage: storage, folders: configuration.folders,
            receiver: UploadReceiver(storage: storage, maxBytes: configuration.maxUploadBytes),
            maxClipSeconds: configuration.maxClipSeconds, now: now
        ).register(on: signedIn)
        ReportRoutes(store: store, results: SessionResults(folders: configuration.folders)).register(on: signedIn)
        ProgressRoutes(store: store).register(on: signedIn)
        AthleteResultRoutes(store: store, storage: storage, folders: configuration.folders, now: now, logger: logger).register(on: signedIn)
        return router
    }

    /// The worker that runs the queued analyses.
    public func worker(analyse: (@Sendable (ClaimedJob, any FileStorage, JobProgress) async throws -> JobOutcome)? = nil) -> JobWorker {
        JobWorker(store: store, storage: storage, configuration: configuration.worker, logger: logger, analyse: analyse)
    }

    /// The whole server: HTTP on the configured address, and the worker unless it is turned off.
    public func application() async throws -> some ApplicationProtocol {
        // A service group stops its services last to first: the HTTP server, then the worker (which records
        // the job it was running), then the store's connections.
        var services: [any Service] = ownsStore ? [ClosesStore(store: store)] : []
        if configuration.runsWorker { services.append(worker()) }
        return Application(
            router: try await router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "PoseRun"),
            services: services,
            logger: logger)
    }

    /// Runs the server until SIGINT or SIGTERM, then stops gracefully: the worker finishes the analysis it
    /// is running and records it. A server killed outright leaves its job `running`; another worker (or this
    /// one after a restart) takes it again when its lease runs out.
    public func run() async throws {
        try await store.deleteExpiredLoginSessions(now: now())
        try await application().runService()
    }
}

/// Closes a store when its service group stops, after the services listed after it (the worker).
struct ClosesStore: Service {
    let store: any Store

    func run() async throws {
        // Returns at the graceful shutdown, and throws (ignored) when the group is cancelled: both end here.
        try? await gracefulShutdown()
        await store.close()
    }
}
