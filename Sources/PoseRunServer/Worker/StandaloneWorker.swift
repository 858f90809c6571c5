public import Foundation
public import Logging
import ServiceLifecycle
import UnixSignals

/// `poserun worker`: the job worker alone, no HTTP, taking jobs from a shared store (PostgreSQL) and reading
/// and writing files through a shared storage (the data folder, mounted on every machine). Runs until
/// SIGINT or SIGTERM, then stops as the server does: the analysis it is running is finished and recorded.
public struct StandaloneWorker: Sendable {
    public let store: any Store
    public let worker: JobWorker
    let logger: Logger

    /// Opens the store and checks the data folder. The folder is not created: a worker on another machine
    /// that found none would write results nobody sees, so a missing folder (an unmounted share) is an error.
    public static func connect(
        database: DatabaseLocation?, dataFolder: URL, configuration: WorkerConfiguration = WorkerConfiguration(),
        logger: Logger = Logger(label: "poserun.worker")
    ) async throws -> StandaloneWorker {
        let folders = DataFolders(root: dataFolder)
        for folder in [folders.uploads, folders.results] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw Failure(
                    description: "the data folder \(dataFolder.path) has no \(folder.lastPathComponent)/ folder: give --data the "
                        + "folder `poserun serve --data` uses (on another machine, mount the shared folder there first)")
            }
        }
        let store: any Store
        switch database {
        case .postgres(let address)?:
            store = try await PostgresStore.open(address, maximumConnections: DatabaseConnections.worker, logger: logger)
        case .sqlite(let path)?:
            store = try SQLiteStore(path: path)
        case nil:
            store = try SQLiteStore(path: dataFolder.appendingPathComponent("poserun.sqlite").path)
        }
        let worker = JobWorker(store: store, storage: FolderStorage(folders), configuration: configuration, logger: logger)
        return StandaloneWorker(store: store, worker: worker, logger: logger)
    }

    /// Runs the worker until SIGINT or SIGTERM (a graceful stop), then closes the store.
    public func run() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [ClosesStore(store: store), worker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Why the worker cannot start, and what to do.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }
}
