import Foundation

/// Runs independent blocking jobs at the same time, so the second core works on them too.
enum Concurrently {
    /// Runs `first` on another thread and `second` on this one, and returns both results.
    static func both<A: Sendable, B>(_ first: @escaping @Sendable () -> A, _ second: () -> B) -> (A, B) {
        let box = ResultBox<A>()
        Thread.detachNewThread { box.set(first()) }
        let b = second()
        return (box.wait(), b)
    }
}

/// One value handed from a worker thread to the thread waiting for it.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func set(_ newValue: Value) {
        condition.lock()
        value = newValue
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value { return value }
            condition.wait()
        }
    }
}
