public import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle

/// The coach's web app: its store, its routes, its worker. `poserun serve` opens one and runs it; the
/// tests build its router and drive it with HummingbirdTesting.
public struct WebApp: Sendable {
    public let configuration: ServerConfiguration
    public let store: any Store
    public let logger: Logger
    let now: @Sendable () -> Date

    /// Creates the data folder and opens (creating and migrating) its SQLite database.
    public static func open(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "poserun.serve")) throws -> WebApp {
        try configuration.folders.create()
        configuration.folders.removePartialUploads()
        let store = try SQLiteStore(path: configuration.databasePath)
        return WebApp(configuration: configuration, store: store, logger: logger)
    }

    public init(configuration: ServerConfiguration, store: any Store, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.now = now
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
            store: store, folders: configuration.folders,
            receiver: UploadReceiver(uploadsFolder: configuration.folders.uploads, maxBytes: configuration.maxUploadBytes),
            maxClipSeconds: configuration.maxClipSeconds, now: now
        ).register(on: signedIn)
        ReportRoutes(store: store, results: SessionResults(folders: configuration.folders)).register(on: signedIn)
        ProgressRoutes(store: store).register(on: signedIn)
        AthleteResultRoutes(store: store, folders: configuration.folders, now: now, logger: logger).register(on: signedIn)
        return router
    }

    /// The worker that runs the queued analyses.
    public func worker(analyse: (@Sendable (ClaimedJob, DataFolders, JobProgress) async throws -> JobOutcome)? = nil) -> JobWorker {
        JobWorker(store: store, folders: configuration.folders, configuration: configuration.worker, logger: logger, analyse: analyse)
    }

    /// The whole server: HTTP on the configured address, and the worker unless it is turned off.
    public func application() async throws -> some ApplicationProtocol {
        let services: [any Service] = configuration.runsWorker ? [worker()] : []
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
