import ArgumentParser
import Foundation
import PoseRunServer

/// `poserun serve`: the coach's web app on this machine (docs/web-app.md). Wiring only: the app is PoseRunServer's.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the coach's web app: athletes, sessions, analyses in the background.",
        discussion: """
            Serves on http://127.0.0.1:8080 by default (this machine only). Keeps a SQLite database, the uploads \
            and the results in --data (created and migrated on start); with --database postgres://… the rows \
            live in PostgreSQL instead, and `poserun worker` on other machines can take the analyses. Create a \
            coach first with --create-coach NAME, which prints a one-time password and exits. See docs/web-app.md.
            """
    )

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (1-65535).")
    var port = 8080

    @Option(help: "The folder for the database, the uploads and the results (created if missing).", completion: .directory)
    var data = "./poserun-data"

    @Option(
        help: ArgumentHelp(
            "A PostgreSQL database for the rows and the job queue, shared with `poserun worker`s.",
            discussion: "postgres://USER:PASSWORD@HOST:5432/DATABASE[?sslmode=disable|prefer|require|verify-full]. Leave it out for SQLite in --data.",
            valueName: "url"))
    var database: String?

    @Option(name: .customLong("create-coach"), help: "Create a coach with this username, print a one-time password, and exit.")
    var createCoach: String?

    @Flag(name: .customLong("no-worker"), help: "Run no analyses here: leave the queue to `poserun worker`s on other machines (with --database).")
    var noWorker = false

    @Option(help: "How long a claimed analysis stays this worker's without a renewal, in seconds (renewed every third of it): a worker killed mid-job holds its job this long, then another takes it.")
    var leaseSeconds: Double = WorkerConfiguration.defaultLeaseSeconds

    @Flag(help: "Mark the cookies Secure, for a server behind an HTTPS proxy (browsers then send them over HTTPS only).")
    var secureCookies = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port is from 1 to 65535; \(port) is outside that.") }
        guard WorkerConfiguration.leaseRange.contains(leaseSeconds) else {
            throw ValidationError("--lease-seconds is from \(Int(WorkerConfiguration.leaseRange.lowerBound)) to \(Int(WorkerConfiguration.leaseRange.upperBound)); \(leaseSeconds) is outside that.")
        }
        if let createCoach, !WebApp.isValidUsername(createCoach) {
            throw ValidationError("--create-coach \(createCoach): use 1 to 64 letters, digits, '.', '-' or '_'.")
        }
        _ = try parsedDatabase()
    }

    /// --database, read; a problem is a usage error that says what to write instead (and hides the password).
    func parsedDatabase() throws -> DatabaseLocation? {
        guard let database else { return nil }
        do {
            return try DatabaseLocation(parsing: database)
        } catch let problem as DatabaseLocation.Problem {
            throw ValidationError("--database: \(problem)")
        }
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: data)
        let database = try parsedDatabase()
        let configuration = ServerConfiguration(
            host: host, port: port, dataFolder: folder, database: database, secureCookies: secureCookies, runsWorker: !noWorker,
            worker: WorkerConfiguration(leaseSeconds: leaseSeconds))
        let app: WebApp
        do {
            app = try await WebApp.connect(configuration)
        } catch let failure as PostgresStore.Failure {
            throw fail(failure)
        } catch {
            throw fail(Failure(description: "cannot open the data folder \(folder.path): \(error)"))
        }
        if let createCoach {
            do {
                let (coach, password) = try await app.createCoach(username: createCoach)
                print("Created coach \(coach.username). One-time password (shown once, not stored):")
                print(password)
            } catch {
                await app.store.close()
                throw fail(error)
            }
            await app.store.close()
            return
        }
        let rows = database.map { " and \($0)" } ?? ""
        print("PoseRun web app on http://\(host):\(port)/ (data in \(folder.path)\(rows)); Ctrl-C stops it.")
        try await app.run()
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
