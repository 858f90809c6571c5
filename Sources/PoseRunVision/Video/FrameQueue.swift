import Foundation

/// A bounded first-in first-out queue between the decoding thread and the inference thread.
///
/// The producer blocks when `capacity` frames wait, so memory stays at a few frames however
/// long the video; the consumer blocks when none wait. Either side can cancel.
final class FrameQueue<Element: Sendable>: @unchecked Sendable {
    enum Item {
        case element(Element)
        case finished
        case failed(any Error)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds an item, waiting for room. Returns false when the consumer cancelled.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Takes the next item, waiting for one.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Wakes and stops the producer (the consumer gave up).
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
