public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Why `report.html` could not be written, with what to do about it.
public struct HTMLReportWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "Could not write the report \(path): \(problem). Choose an output folder you can write to, or free some disk space."
    }
}

/// Writes `report.html` atomically: a temporary name in the same folder, then a rename, so a reader
/// never sees half a page and a failed write leaves the old report in place.
public enum HTMLReportWriter {
    public static let fileName = "report.html"

    /// Writes `html` as `folder/report.html` (the folder is created if missing) and returns its URL.
    @discardableResult
    public static func write(_ html: String, toFolder folder: URL) throws -> URL {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw HTMLReportWriteError(path: folder.path, problem: "it is a file, not a folder")
            }
        } else {
            do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw HTMLReportWriteError(path: folder.path, problem: "the folder could not be created (\(error.localizedDescription))")
            }
        }
        let destination = folder.appendingPathComponent(fileName)
        let temporary = folder.appendingPathComponent(".\(fileName).partial-\(UUID().uuidString)")
        do {
            try Data(html.utf8).write(to: temporary)
        } catch {
            try? fm.removeItem(at: temporary)
            let reason = fm.isWritableFile(atPath: folder.path) ? "writing failed (\(error.localizedDescription))" : "the folder \(folder.path) is not writable"
            throw HTMLReportWriteError(path: destination.path, problem: reason)
        }
        // rename(2) replaces an existing report atomically.
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw HTMLReportWriteError(path: destination.path, problem: reason)
        }
        return destination
    }
}
