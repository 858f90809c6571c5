public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Writes files so a reader never sees half of one: the bytes go to a temporary name in the
/// destination folder, then a rename puts them in place (a rename within one file system is atomic).
public enum AtomicFile {
    /// Writes `data` to `url`, replacing any file already there.
    ///
    /// Throws ``FormatError`` (`.notWritable`) naming the folder or file when the folder is missing
    /// or cannot be written; the temporary file is removed on failure.
    ///
    /// `flushingToDisk: false` skips the flush to the disk (fsync) before the rename: a reader still
    /// never sees half a file, but a power cut may lose it. For many small files (a video's OpenPose
    /// folder has one per frame) the flushes cost more than everything else; such a folder is staged
    /// and put in place as a whole anyway.
    public static func write(_ data: Data, to url: URL, flushingToDisk: Bool = true) throws {
        try write(to: url, flushingToDisk: flushingToDisk) { try $0.write(data) }
    }

    /// Writes a file that `body` produces a piece at a time, atomically as ``write(_:to:flushingToDisk:)``:
    /// for files too large to build in memory first (a long clip's keypoints).
    public static func write(to url: URL, flushingToDisk: Bool = true, _ body: (StreamingFile) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FormatError(
                .notWritable, file: folder.path, problem: "the output folder does not exist",
                remedy: "create it or choose another output folder")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let file = try StreamingFile(path: temporary.path)
            defer { file.close() }
            try body(file)
            try file.finish(flushingToDisk: flushingToDisk)
        } catch let error as FormatError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
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
    public static func write(_ text: String, to url: URL, flushingToDisk: Bool = true) throws {
        try write(to: url, flushingToDisk: flushingToDisk) { try $0.write(text) }
    }

    /// Creates a folder (and its parents) for output, with a ``FormatError`` a user can act on.
    public static func createFolder(_ url: URL) throws {
        // A file where a parent folder should be gives Foundation's bare "error 512": name the file instead.
        var ancestor = url.standardizedFileURL
        while ancestor.path != "/", !ancestor.path.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw FormatError(
                        .notWritable, file: url.path, problem: "\(ancestor.path) is a file, not a folder, so no output folder can be made in it",
                        remedy: "choose another output folder")
                }
                break
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FormatError(
                .notWritable, file: url.path, problem: "cannot create the output folder (\(reason(error)))",
                remedy: "check the path and its permissions, or choose another output folder")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return POSIXError(code).localizedDescription
        }
        return nsError.localizedDescription
    }
}

/// A file being written a piece at a time through a buffer (``AtomicFile/write(to:flushingToDisk:_:)``).
/// Confined to the thread that writes it.
public final class StreamingFile {
    private let descriptor: Int32
    private var buffer = Data()
    private var isClosed = false
    /// Pieces are gathered up to this many bytes before a write call.
    static let bufferSize = 1 << 16

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { close() }

    /// Appends bytes (a large piece goes straight to the file, without a copy into the buffer).
    public func write(_ data: Data) throws {
        if data.count >= Self.bufferSize {
            try flushBuffer()
            try data.withUnsafeBytes { try writeAll($0) }
        } else {
            buffer.append(data)
            if buffer.count >= Self.bufferSize { try flushBuffer() }
        }
    }

    /// Appends UTF-8 text, from the string's own storage (a player script of 10 MB is not copied first).
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            if bytes.count >= Self.bufferSize {
                try flushBuffer()
                try writeAll(UnsafeRawBufferPointer(bytes))
            } else {
                buffer.append(bytes)
                if buffer.count >= Self.bufferSize { try flushBuffer() }
            }
        }
    }

    func finish(flushingToDisk: Bool) throws {
        try flushBuffer()
        if flushingToDisk, fsync(descriptor) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #elseif canImport(Darwin)
        _ = Darwin.close(descriptor)
        #endif
    }

    private func flushBuffer() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(descriptor, base + written, bytes.count - written)
            #elseif canImport(Darwin)
            let n = Darwin.write(descriptor, base + written, bytes.count - written)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            written += n
        }
    }
}
