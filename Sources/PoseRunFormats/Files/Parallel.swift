import Foundation

/// Independent jobs spread over all cores, for output that would otherwise keep one core busy while
/// the other idles (many small files, several formats).
enum Parallel {
    /// Runs `body` for each index in `0..<count`, several at once, and rethrows the failure with the
    /// lowest index (the one a one-by-one loop would have stopped at).
    static func forEach(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        guard count > 1 else {
            if count == 1 { try body(0) }
            return
        }
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do { try body(index) } catch { failures.record(error, at: index) }
        }
        if let first = failures.first { throw first }
    }
}

/// Errors from jobs run at the same time, by index.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Int: any Error] = [:]

    func record(_ error: any Error, at index: Int) {
        lock.lock()
        errors[index] = error
        lock.unlock()
    }

    var first: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return errors.min { $0.key < $1.key }?.value
    }
}
