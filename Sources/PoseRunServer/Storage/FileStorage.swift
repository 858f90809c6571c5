public import Foundation

/// Where the uploaded clips and the analyses' result files live, behind one protocol, so that a server and
/// workers on other machines reach the same files: the default (`FolderStorage`) is a folder, on shared
/// storage (NFS, SMB) once there is more than one machine; an object store (S3 and the like) would be
/// another implementation of these few calls.
///
/// Why it hands out local files (`withUpload`, `withResultsFolder`) rather than streams: ffmpeg, the pose
/// model and `OutputFolder`'s all-or-nothing write work on paths. A folder passes its own paths; an object
/// store would download to a temporary file first, and upload the written folder after.
public protocol FileStorage: Sendable {
    /// A folder on this machine where an upload is written while it arrives (as `.partial-…`), on the same
    /// file system as the kept uploads, so keeping one is a rename.
    var receivingFolder: URL { get }
    /// Keeps a received file (in `receivingFolder`) as the upload `storedFileName`.
    func keepUpload(_ received: URL, as storedFileName: String) async throws
    func removeUpload(_ storedFileName: String) async throws
    /// Runs `body` with the upload as a file on this machine; throws when there is no such upload.
    func withUpload<T: Sendable>(_ storedFileName: String, _ body: (URL) async throws -> T) async throws -> T
    /// Runs `body` with a folder on this machine for the session's results: what it leaves there when it
    /// returns are the session's results (replacing an earlier attempt's); when it throws, whatever it wrote.
    func withResultsFolder<T: Sendable>(sessionID: Int64, _ body: (URL) async throws -> T) async throws -> T
    /// One result file's bytes, or nil when the session has no such file.
    func result(_ name: String, sessionID: Int64) async throws -> Data?
    /// Which of `names` the session's results have.
    func results(named names: [String], sessionID: Int64) async throws -> [String]
    func removeResults(sessionID: Int64) async throws
}

extension FileStorage {
    /// Removes the sessions' uploads and results, as after `Store.deleteAthlete`: each removal is tried, and
    /// the first error is thrown after the rest.
    public func removeFiles(of sessions: [TrainingSession]) async throws {
        var firstError: (any Error)?
        for session in sessions {
            do { try await removeUpload(session.storedFileName) } catch { firstError = firstError ?? error }
            do { try await removeResults(sessionID: session.id) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }
}

/// The default storage: the data folder's `uploads/` and `results/<session id>/` (`DataFolders`). With
/// workers on other machines, the data folder is a shared mount that every machine names in `--data`.
public struct FolderStorage: FileStorage {
    public let folders: DataFolders

    public init(_ folders: DataFolders) {
        self.folders = folders
    }

    public var receivingFolder: URL { folders.uploads }

    public func keepUpload(_ received: URL, as storedFileName: String) async throws {
        try FileManager.default.moveItem(at: received, to: folders.upload(try Self.checked(storedFileName)))
    }

    public func removeUpload(_ storedFileName: String) async throws {
        try Self.removeIfPresent(folders.upload(try Self.checked(storedFileName)))
    }

    public func withUpload<T: Sendable>(_ storedFileName: String, _ body: (URL) async throws -> T) async throws -> T {
        let url = folders.upload(try Self.checked(storedFileName))
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(description: "the upload \(storedFileName) is not in \(folders.uploads.path)") }
        return try await body(url)
    }

    public func withResultsFolder<T: Sendable>(sessionID: Int64, _ body: (URL) async throws -> T) async throws -> T {
        // The analysis writes the folder all or nothing itself (`OutputFolder`), so it writes in place.
        try await body(folders.results(sessionID: sessionID))
    }

    public func result(_ name: String, sessionID: Int64) async throws -> Data? {
        let url = folders.results(sessionID: sessionID).appendingPathComponent(try Self.checked(name))
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Data(contentsOf: url)
    }

    public func results(named names: [String], sessionID: Int64) async throws -> [String] {
        let folder = folders.results(sessionID: sessionID)
        return names.filter { name in
            Self.isPlainName(name) && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
        }
    }

    public func removeResults(sessionID: Int64) async throws {
        try Self.removeIfPresent(folders.results(sessionID: sessionID))
    }

    /// A file the storage was asked for and does not have.
    public struct Missing: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Names here are the app's own (`<uuid>.<ext>`, `analysis.json`); anything with a path in it is refused
    /// rather than followed out of the folder.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    static func checked(_ name: String) throws -> String {
        guard isPlainName(name) else { throw Missing(description: "\(name) is not a file name the storage keeps") }
        return name
    }

    static func removeIfPresent(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        try FileManager.default.removeItem(at: url)
    }
}
