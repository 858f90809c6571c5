import Foundation

/// Blocking work started on a thread of its own, whose result (or error) the starter collects once with
/// `wait()`. Video analysis is a chain of blocking steps (ffprobe, ffmpeg, model loading); running two
/// independent ones at once keeps the second core busy: the probe while the models load, the report's
/// key-frame grab while the plan is built.
///
/// The value crosses from the worker thread to the waiting one exactly once, so a value that is not
/// `Sendable` (an ffmpeg reader the caller then owns) may be handed over.
public final class BackgroundWork<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    public init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let outcome = Result { try body() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits for the work to finish and returns its value, or throws its error.
    public func wait() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
    }
}
