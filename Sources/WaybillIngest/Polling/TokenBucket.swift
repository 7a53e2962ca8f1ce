import Foundation

/// A token bucket: `rate` calls per second on average, up to `burst` at once. Pure; the caller
/// passes the clock. A call reserves a token even when none is left and is told how long to wait,
/// so concurrent callers queue fairly instead of spinning.
public struct TokenBucket: Sendable, Hashable {
    public let rate: Double
    public let burst: Double
    private var tokens: Double
    private var updated: Date

    public init(rate: Double, burst: Double, now: Date) {
        self.rate = max(rate, 0.001)
        self.burst = max(burst, 1)
        self.tokens = max(burst, 1)
        self.updated = now
    }

    /// Takes a token; returns how long to wait before using it (0 when one was available).
    public mutating func reserve(now: Date) -> TimeInterval {
        refill(now: now)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / rate
    }

    /// Tokens available now (negative when callers are queued).
    public mutating func available(now: Date) -> Double {
        refill(now: now)
        return tokens
    }

    private mutating func refill(now: Date) {
        let elapsed = now.timeIntervalSince(updated)
        guard elapsed > 0 else { return }
        tokens = min(burst, tokens + elapsed * rate)
        updated = now
    }
}
