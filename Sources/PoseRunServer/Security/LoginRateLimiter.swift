public import Foundation

/// At most `limit` sign-in attempts per `window` for each username and for each client address.
///
/// Why both keys: per username stops guessing one coach's password from many addresses; per address stops
/// one client trying many usernames. Every attempt counts, right or wrong, so a correct password cannot be
/// told apart by a different answer once the limit is reached. The cost is that someone can lock a coach
/// out for a minute by trying their name: acceptable for a club's app, noted in docs/web-app.md. In memory:
/// a restart forgets the counts (a later store-backed limiter can share them between servers).
public actor LoginRateLimiter {
    public let limit: Int
    public let window: TimeInterval
    private var attempts: [String: [Date]] = [:]
    private var lastSweep = Date.distantPast

    public init(limit: Int = 5, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt for each key and says whether it may go ahead: `nil` if so, or how many seconds
    /// until it may, if any key has used its attempts in the window. A refused attempt is not recorded.
    public func attempt(keys: [String], now: Date = Date()) -> TimeInterval? {
        sweep(now: now)
        var wait: TimeInterval = 0
        for key in keys {
            let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            attempts[key] = recent
            if recent.count >= limit, let oldest = recent.first {
                wait = max(wait, window - now.timeIntervalSince(oldest))
            }
        }
        if wait > 0 { return wait }
        for key in keys { attempts[key, default: []].append(now) }
        return nil
    }

    /// Drops keys with no attempt in the window, at most once a window, so memory stays bounded by the
    /// attempts of the last minute.
    private func sweep(now: Date) {
        guard now.timeIntervalSince(lastSweep) >= window else { return }
        lastSweep = now
        attempts = attempts.filter { _, times in times.contains { now.timeIntervalSince($0) < window } }
    }
}
