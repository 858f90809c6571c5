import Foundation
import HummingbirdTesting
import Logging
import PoseRunServer
import Testing

/// The stores a store test runs against: SQLite always, and PostgreSQL when `POSERUN_TEST_POSTGRES_URL`
/// names a server (scripts/setup-postgres.sh starts one and prints its URL; scripts/test.sh sets it).
/// Without it the PostgreSQL cases do not run, and `PostgresTestDatabase`'s suite says so as a skipped test.
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var available: [StoreKind] { PostgresTestDatabase.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

enum PostgresTestDatabase {
    static let variable = "POSERUN_TEST_POSTGRES_URL"
    static let url: String? = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    static let skipReason: Comment = "POSERUN_TEST_POSTGRES_URL is not set, so the PostgreSQL cases of the store, queue and isolation tests do not run (scripts/setup-postgres.sh starts a server and prints the URL; scripts/test.sh does both)"

    /// The test server's address with a schema of its own, so that tests running at once never see each
    /// other's rows; the schema is dropped after the test.
    static func freshAddress() throws -> PostgresAddress {
        guard let url else { throw Unavailable() }
        guard case .postgres(var address) = try DatabaseLocation(parsing: url) else { throw Unavailable() }
        address.schema = "poserun_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return address
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "\(PostgresTestDatabase.variable) does not name a PostgreSQL server" }
    }
}

/// An empty, migrated store of one kind, removed (its file, or its schema) by `remove()`.
struct TestStore {
    let kind: StoreKind
    let store: any Store
    let folder: URL
    private let cleanup: @Sendable () async -> Void

    static func make(_ kind: StoreKind, maximumConnections: Int = 4) async throws -> TestStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let removeFolder: @Sendable () -> Void = { try? FileManager.default.removeItem(at: folder) }
        switch kind {
        case .sqlite:
            let store = try SQLiteStore(path: folder.appendingPathComponent("poserun.sqlite").path)
            return TestStore(kind: kind, store: store, folder: folder, cleanup: removeFolder)
        case .postgres:
            let store = try await PostgresStore.open(
                try PostgresTestDatabase.freshAddress(), maximumConnections: maximumConnections, logger: Logger(label: "test"))
            return TestStore(kind: kind, store: store, folder: folder) {
                try? await store.dropSchema()
                await store.close()
                removeFolder()
            }
        }
    }

    func remove() async { await cleanup() }
}

/// Runs `body` on a fresh store of `kind`, then removes the store, whether `body` threw or not.
func withStore(_ kind: StoreKind, _ body: (any Store) async throws -> Void) async throws {
    let test = try await TestStore.make(kind)
    do {
        try await body(test.store)
    } catch {
        await test.remove()
        throw error
    }
    await test.remove()
}

extension TestServer {
    /// A test server (as `TestServer()`) on a fresh store of `kind`, removed after `body`.
    static func with(
        _ kind: StoreKind, _ configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: (TestServer) async throws -> Void
    ) async throws {
        let test = try await TestStore.make(kind, maximumConnections: 6)
        let server: TestServer
        do {
            server = try TestServer(store: test.store, configure)
        } catch {
            await test.remove()
            throw error
        }
        do {
            try await body(server)
        } catch {
            server.remove()
            await test.remove()
            throw error
        }
        server.remove()
        await test.remove()
    }

    /// A web app on a temporary data folder over `store`, as `init(_:)` makes one over a SQLite file.
    init(store: any Store, _ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-server-\(UUID().uuidString)")
        var configuration = ServerConfiguration(dataFolder: folder, passwordCost: 4, runsWorker: false)
        configure(&configuration)
        try configuration.folders.create()
        let clock = TestClock()
        self.clock = clock
        app = WebApp(configuration: configuration, store: store, logger: .init(label: "test"), now: { clock.now })
    }
}

/// Says, as a test of its own, whether the PostgreSQL cases run: skipped with the reason when the variable
/// is unset, and failing when it is set but names no usable server (rather than quietly testing SQLite only).
@Suite struct PostgresTestDatabaseTests {
    @Test(.enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
    func thePostgresDatabaseIsMigratedOnceAndKeptAcrossRestarts() async throws {
        let address = try PostgresTestDatabase.freshAddress()
        // The same migrations as SQLite's, by name and order: a migration added to one store only fails here.
        let sqlite = try await TestStore.make(.sqlite)
        let names = try await (try #require(sqlite.store as? SQLiteStore)).appliedMigrations()
        await sqlite.remove()
        #expect(names.first == "v1: coaches, sign-in, athletes, sessions, jobs")
        let first = try await PostgresStore.open(address, maximumConnections: 2)
        do {
            #expect(try await first.appliedMigrations() == names)
            let coach = try await first.createCoach(username: "anna", passwordHash: "x", now: Date())
            await first.close()
            // A restart (or a worker on another machine) opens the same database: nothing runs twice.
            let again = try await PostgresStore.open(address, maximumConnections: 2)
            #expect(try await again.appliedMigrations() == names)
            #expect(try await again.coach(username: "ANNA")?.id == coach.id)   // usernames ignore case
            try await again.dropSchema()
            await again.close()
        } catch {
            try? await first.dropSchema()
            await first.close()
            throw error
        }
    }

    @Test(.enabled(if: PostgresTestDatabase.url != nil, PostgresTestDatabase.skipReason))
    func theWebAppConnectsToPostgresSparesUploadsInProgressAndClosesItsPoolWhenItStops() async throws {
        let address = try PostgresTestDatabase.freshAddress()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-connect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = ServerConfiguration(dataFolder: folder, database: .postgres(address), passwordCost: 4, runsWorker: false)
        // Another server sharing the folder is receiving one upload; another was left by a crash two hours ago.
        try configuration.folders.create()
        let receiving = configuration.folders.uploads.appendingPathComponent(UploadReceiver.partialPrefix + "receiving")
        let abandoned = configuration.folders.uploads.appendingPathComponent(UploadReceiver.partialPrefix + "abandoned")
        try Data("half".utf8).write(to: receiving)
        try Data("half".utf8).write(to: abandoned)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: abandoned.path)
        let app = try await WebApp.connect(configuration)
        #expect(FileManager.default.fileExists(atPath: receiving.path))
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(app.store is PostgresStore)
        #expect(!FileManager.default.fileExists(atPath: configuration.databasePath))   // no SQLite file beside it
        let (coach, password) = try await app.createCoach(username: "anna")
        try await app.application().test(.router) { (client: any TestClientProtocol) async throws in
            var browser = Browser(client)
            let signedIn = try await browser.signIn("anna", password)
            #expect(signedIn.location == "/athletes")
        }
        // The app opened the store, so its stop closed the pool: the store answers no more.
        await #expect(throws: (any Error).self) { _ = try await app.store.coach(id: coach.id) }
        let cleanup = try await PostgresStore.open(address, maximumConnections: 1)
        #expect(try await cleanup.coach(username: "anna")?.id == coach.id)
        try await cleanup.dropSchema()
        await cleanup.close()
    }

    @Test func aBadDatabaseURLSaysWhatToWriteAndHidesThePassword() throws {
        for bad in ["mysql://u:pw@h/db", "postgres://u:pw@/db", "postgres://:pw@h/db", "postgres://u:pw@h:99999/db",
                    "postgres://u:pw@h/db?sslmode=maybe", "postgres://u:pw@h/db/extra"] {
            #expect(throws: DatabaseLocation.Problem.self, "\(bad)") { try DatabaseLocation(parsing: bad) }
            do {
                _ = try DatabaseLocation(parsing: bad)
            } catch {
                #expect(!String(describing: error).contains("pw"), "\(bad): \(error)")
                #expect(String(describing: error).contains("postgres://USER:PASSWORD@HOST"), "\(bad): \(error)")
            }
        }
        let location = try DatabaseLocation(parsing: "postgresql://coach%40club:s%3Acret@db.example.org:6543/poserun?sslmode=require")
        #expect(location == .postgres(PostgresAddress(
            host: "db.example.org", port: 6543, username: "coach@club", password: "s:cret", database: "poserun", tls: .require)))
        #expect(location.description == "postgres://coach@club:***@db.example.org:6543/poserun?sslmode=require")
        // libpq's defaults: port 5432, the database named after the user, TLS preferred.
        #expect(try DatabaseLocation(parsing: "postgres://anna@localhost") == .postgres(PostgresAddress(
            host: "localhost", username: "anna", password: nil, database: "anna")))
        #expect(try DatabaseLocation(parsing: "sqlite:/srv/poserun.sqlite") == .sqlite(path: "/srv/poserun.sqlite"))
    }

    @Test func anUnreachableServerIsAClearErrorNotAHang() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let address = PostgresAddress(host: "127.0.0.1", port: 1, username: "anna", password: "secret", database: "poserun", tls: .disable)
        do {
            let store = try await PostgresStore.open(address)
            await store.close()
            Issue.record("opened a store on a port where nothing listens")
        } catch let failure as PostgresStore.Failure {
            #expect(failure.description.contains("cannot reach PostgreSQL at 127.0.0.1:1"))
            #expect(failure.description.contains("start the server"))
            #expect(!failure.description.contains("secret"))
        }
    }
}
