import Foundation

/// Runs blocking work (an analysis, a bcrypt hash) on a thread of its own and awaits it.
///
/// Why: Swift's concurrency pool has one thread per core — two here — and the HTTP server runs on it. An
/// analysis takes seconds and bcrypt a quarter of one; run there, either would stall every other request.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }
}
