import Foundation

/// Runs ffmpeg and ffprobe with Foundation's `Process` (arguments passed directly, no shell, so
/// paths with spaces, quotes or non-ASCII letters need no escaping).
enum ToolRunner {
    /// The input argument for a file: `file:` + absolute path, so a name that starts with `-`
    /// or contains a colon is never taken for an option or a protocol.
    static func inputArgument(for file: URL) -> String {
        "file:" + file.standardizedFileURL.path
    }

    /// The full path of a tool, or a `toolMissing` error.
    static func locate(_ name: String) throws -> URL {
        guard let url = ExecutableLocator.find(name) else { throw VideoError.toolMissing(name: name) }
        return url
    }

    /// Runs a tool to completion and returns its standard output; throws `onFailure(stderr)` on a non-zero exit.
    static func run(_ name: String, _ arguments: [String], onFailure: (String) -> VideoError) throws -> Data {
        let process = Process()
        process.executableURL = try locate(name)
        process.arguments = arguments
        let output = Pipe()
        let errors = StderrCollector()
        process.standardOutput = output
        process.standardError = errors.pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        errors.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = errors.finish()
        guard process.terminationStatus == 0 else {
            throw onFailure(message.isEmpty ? "\(name) exited with status \(process.terminationStatus)" : message)
        }
        return data
    }
}

/// Drains a tool's standard error on its own thread (so a chatty tool never blocks on a full
/// pipe) and keeps the last few kilobytes for error messages.
final class StderrCollector: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)
    /// Bytes kept: enough for ffmpeg's last error lines.
    private static let keptBytes = 4096

    func start() {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                collected.append(chunk)
                if collected.count > Self.keptBytes { collected = collected.suffix(Self.keptBytes) }
                lock.unlock()
            }
            done.signal()
        }
    }

    /// Waits for the tool to close its standard error and returns what it wrote, trimmed.
    func finish() -> String {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
