public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child said and how it ended.
public struct ProcessResult: Sendable {
    /// The exit status, or the signal's number when a signal ended it (as `Process.terminationStatus`).
    public var status: Int32
    /// True when a signal ended the child (a crash, or the kill after a timeout).
    public var uncaughtSignal: Bool
    /// True when the child outlived the timeout and was killed.
    public var timedOut: Bool
    public var stdout: Data
    public var stderr: Data

    /// The signal that ended the child, or nil when it exited.
    public var signal: Int32? { uncaughtSignal ? status : nil }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// The one way the tests run a program: arguments passed as they are (no shell), both output pipes read
/// while the child runs — reading one to its end before the other deadlocks once the child fills the
/// other pipe's 64 KB buffer — and an optional timeout, so a hung child fails its test instead of the suite.
public enum ProcessRunner {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `executable` to its end. Without `stdin` the child reads /dev/null; `environment` is added to
    /// (and overrides) the test's own, unless `replacingEnvironment` is set.
    public static func run(
        _ executable: URL, _ arguments: [String] = [], stdin: Data? = nil, environment: [String: String] = [:],
        replacingEnvironment: Bool = false, workingDirectory: URL? = nil, timeout: Double? = nil
    ) throws -> ProcessResult {
        try start(executable, arguments, stdin: stdin, environment: environment, replacingEnvironment: replacingEnvironment,
                  workingDirectory: workingDirectory, timeout: timeout).wait()
    }

    /// Starts `executable` and returns at once, the pipes already being drained: for a caller that watches
    /// the child while it runs (BadInputsTests samples its memory), then calls `wait()`.
    public static func start(
        _ executable: URL, _ arguments: [String] = [], stdin: Data? = nil, environment: [String: String] = [:],
        replacingEnvironment: Bool = false, workingDirectory: URL? = nil, timeout: Double? = nil
    ) throws -> RunningProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if replacingEnvironment {
            process.environment = environment
        } else if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        if input != nil { ignoreBrokenPipes }
        try process.run()
        return RunningProcess(process, out: out, err: err, input: input, stdin: stdin, timeout: timeout)
    }

    /// A child that exits without reading all its input must make our write fail (EPIPE), not kill the
    /// test process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// A started child whose output is being collected.
public final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var collected: [Data] = [Data(), Data()]
    private var killedAfterTimeout = false
    private var killer: DispatchWorkItem?
    private let deadline: DispatchTime?

    /// The child's process id (for /proc/PID while it runs).
    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    init(_ process: Process, out: Pipe, err: Pipe, input: Pipe?, stdin: Data?, timeout: Double?) {
        self.process = process
        deadline = timeout.map { .now() + $0 }
        // Each pipe on its own thread: neither can fill up and block the child while the other is read.
        for (index, pipe) in [out, err].enumerated() {
            let handle = pipe.fileHandleForReading
            group.enter()
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.lock()
                    collected[index].append(chunk)
                    lock.unlock()
                }
                group.leave()
            }
        }
        if let input, let stdin {
            let handle = input.fileHandleForWriting
            Thread.detachNewThread {
                try? handle.write(contentsOf: stdin)
                try? handle.close()
            }
        }
        // Foundation starts the child as the leader of its own process group; then a timeout also ends
        // whatever it started (`sh -c` leaves its `sleep` behind otherwise, and Foundation sees the end late).
        let leadsItsGroup = getpgid(process.processIdentifier) == process.processIdentifier
            && process.processIdentifier != getpgrp()
        if let timeout {
            // SIGTERM first (chromium then takes its helper processes down with it, which hold our pipes
            // open); SIGKILL if it is still there 5 s later.
            let pid = process.processIdentifier
            let item = DispatchWorkItem { [self] in
                guard process.isRunning else { return }
                lock.lock()
                killedAfterTimeout = true
                lock.unlock()
                kill(leadsItsGroup ? -pid : pid, SIGTERM)
                DispatchQueue.global().asyncAfter(deadline: .now() + 5) {
                    if process.isRunning { kill(leadsItsGroup ? -pid : pid, SIGKILL) }
                }
            }
            killer = item
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
        }
    }

    /// Waits for the child to exit and its output pipes to close, and returns what it said. With a timeout,
    /// a process outside its group still holding a pipe open is waited for only until the deadline (and 2 s
    /// after the child ended): the output so far is returned.
    public func wait() -> ProcessResult {
        process.waitUntilExit()
        if let deadline {
            _ = group.wait(timeout: max(deadline, .now() + 2))
        } else {
            group.wait()
        }
        killer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        return ProcessResult(
            status: process.terminationStatus, uncaughtSignal: process.terminationReason == .uncaughtSignal,
            timedOut: killedAfterTimeout, stdout: collected[0], stderr: collected[1])
    }
}
