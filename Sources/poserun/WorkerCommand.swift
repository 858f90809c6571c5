import ArgumentParser
import Foundation
import PoseRunServer

/// `poserun worker`: the analysis worker alone, for more machines on one PostgreSQL queue (docs/web-app.md,
/// "Many workers"). Wiring only: the worker is PoseRunServer's.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run only the analysis worker: take queued analyses from the database, until Ctrl-C or SIGTERM.",
        discussion: """
            For a club or clinic with more than one machine: `poserun serve --database postgres://…` takes the \
            uploads, and a `poserun worker` with the same --database on each other machine analyses them. \
            --data is the same data folder the server uses, mounted on this machine (NFS or the like): the \
            worker reads the uploads and writes the results there. A worker killed mid-job loses nothing: its \
            lease runs out and another worker takes the job. See docs/web-app.md.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The server's PostgreSQL database: postgres://USER:PASSWORD@HOST:5432/DATABASE.",
            discussion: "Leave it out to work on the SQLite database in --data (a second worker on the server's own machine).",
            valueName: "url"))
    var database: String?

    @Option(help: "The server's data folder (uploads and results), mounted here; it must exist.", completion: .directory)
    var data = "./poserun-data"

    @Option(help: "How long a claimed analysis stays this worker's without a renewal, in seconds (renewed every third of it): a worker killed mid-job holds its job this long, then another takes it.")
    var leaseSeconds: Double = WorkerConfiguration.defaultLeaseSeconds

    func validate() throws {
        guard WorkerConfiguration.leaseRange.contains(leaseSeconds) else {
            throw ValidationError("--lease-seconds is from \(Int(WorkerConfiguration.leaseRange.lowerBound)) to \(Int(WorkerConfiguration.leaseRange.upperBound)); \(leaseSeconds) is outside that.")
        }
    }

    func run() async throws {
        let location: DatabaseLocation?
        do {
            location = try database.map(DatabaseLocation.init(parsing:))
        } catch let problem as DatabaseLocation.Problem {
            throw ValidationError("--database: \(problem)")
        }
        let folder = URL(fileURLWithPath: data)
        let worker: StandaloneWorker
        do {
            worker = try await StandaloneWorker.connect(
                database: location, dataFolder: folder, configuration: WorkerConfiguration(leaseSeconds: leaseSeconds))
        } catch {
            throw fail(error)
        }
        let queue = location.map { "\($0)" } ?? "the SQLite database in \(folder.path)"
        print("PoseRun worker on \(queue), files in \(folder.path); Ctrl-C stops it after the analysis it is running.")
        try await worker.run()
    }
}
