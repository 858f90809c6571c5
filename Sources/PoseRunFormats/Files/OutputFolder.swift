public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// One thing a command writes into its output folder: a file or a folder, by name, and how to write it.
public struct OutputItem: Sendable {
    /// The name inside the output folder (`analysis.json`, `openpose`).
    public var name: String
    /// Writes the item at the URL given (a file path, or a folder that already exists when `isFolder`).
    public var write: @Sendable (URL) throws -> Void
    public var isFolder: Bool

    public init(name: String, isFolder: Bool = false, write: @escaping @Sendable (URL) throws -> Void) {
        self.name = name
        self.isFolder = isFolder
        self.write = write
    }
}

/// Writes a command's outputs all or nothing: every item goes into a hidden staging folder inside the
/// output folder, and only when all are written are they renamed into place. On failure the staging
/// folder is removed, and so is the output folder itself when this run created it and it is empty:
/// no half-written output is ever left behind.
public enum OutputFolder {
    /// Writes `items` into `folder` (created if needed) and returns the final URLs, in order.
    @discardableResult
    public static func write(_ items: [OutputItem], into folder: URL) throws -> [URL] {
        let existed = FileManager.default.fileExists(atPath: folder.path)
        try AtomicFile.createFolder(folder)
        let staging = folder.appendingPathComponent(".poserun-staging-\(UUID().uuidString)")
        func cleanUp() {
            try? FileManager.default.removeItem(at: staging)
            if !existed, (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        do {
            try AtomicFile.createFolder(staging)
            try writeInParallel(items, into: staging)
            var placed: [URL] = []
            for item in items {
                let final = folder.appendingPathComponent(item.name)
                try move(staging.appendingPathComponent(item.name), to: final, isFolder: item.isFolder)
                placed.append(final)
            }
            try? FileManager.default.removeItem(at: staging)
            return placed
        } catch {
            cleanUp()
            throw error
        }
    }

    /// Writes the items into the staging folder at the same time: they are independent files, and a
    /// video's keypoints in three formats take a noticeable part of a second on one core.
    private static func writeInParallel(_ items: [OutputItem], into staging: URL) throws {
        try Parallel.forEach(items.count) { index in
            let item = items[index]
            let target = staging.appendingPathComponent(item.name)
            if item.isFolder { try AtomicFile.createFolder(target) }
            try item.write(target)
        }
    }

    /// Renames into place. A file replaces its predecessor atomically; a folder cannot, so the old
    /// one is first moved aside and deleted only once the new one is in place.
    static func move(_ source: URL, to destination: URL, isFolder: Bool) throws {
        var aside: URL?
        var isDirectory: ObjCBool = false
        if isFolder, FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString)")
            guard rename(destination.path, old.path) == 0 else { throw failure(destination, errno) }
            aside = old
        }
        guard rename(source.path, destination.path) == 0 else {
            let code = errno
            if let aside { _ = rename(aside.path, destination.path) }
            throw failure(destination, code)
        }
        if let aside { try? FileManager.default.removeItem(at: aside) }
    }

    static func failure(_ url: URL, _ code: Int32) -> FormatError {
        FormatError(.notWritable, file: url.path, problem: "cannot put the output in place (\(String(cString: strerror(code))))",
                    remedy: "check that the folder is writable and the name is not taken by a file of another kind")
    }
}

