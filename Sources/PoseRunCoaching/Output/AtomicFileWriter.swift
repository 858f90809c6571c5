import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see the old file or the whole new one, never half: a temporary file
/// in the same folder, then a rename over the destination.
public enum AtomicFileWriter {
    /// Writes text as UTF-8.
    public static func write(_ text: String, to url: URL) throws(FileWriteError) {
        try write(Data(text.utf8), to: url)
    }

    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw FileWriteError(path: url.path, problem: "could not write a temporary file in \(folder.path): \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let problem = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: url.path, problem: "could not move the finished file into place: \(problem)")
        }
    }
}
