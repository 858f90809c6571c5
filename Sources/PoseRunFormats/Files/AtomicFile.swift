import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so a reader never sees half of one: the bytes go to a temporary name in the
/// destination folder, then a rename puts them in place (a rename within one file system is atomic).
public enum AtomicFile {
    /// Writes `data` to `url`, replacing any file already there.
    ///
    /// Throws ``FormatError`` (`.notWritable`) naming the folder or file when the folder is missing
    /// or cannot be written; the temporary file is removed on failure.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FormatError(
                .notWritable, file: folder.path, problem: "the output folder does not exist",
                remedy: "create it or choose another output folder")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FormatError(
                .notWritable, file: folder.path, problem: "cannot write in this folder (\(reason(error)))",
                remedy: "check that it is writable and the disk is not full, or choose another output folder")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw FormatError(
                .notWritable, file: url.path, problem: "cannot put the file in place (\(String(cString: strerror(code))))",
                remedy: "check that the path is not a folder and that the folder is writable")
        }
    }

    /// Writes UTF-8 text atomically; see ``write(_:to:)-(Data,_)``.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Creates a folder (and its parents) for output, with a ``FormatError`` a user can act on.
    public static func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FormatError(
                .notWritable, file: url.path, problem: "cannot create the output folder (\(reason(error)))",
                remedy: "check the path and its permissions, or choose another output folder")
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return POSIXError(code).localizedDescription
        }
        return nsError.localizedDescription
    }
}
