import Foundation

/// Admission to one carrier's API: its token bucket, its circuit breaker, and any pause a 429
/// asked for. One per carrier, so a failing carrier is held back without slowing the others.
public actor CarrierGate {
    public enum Admission: Sendable, Hashable {
        /// Go after waiting this long (the rate limit).
        case proceed(after: TimeInterval)
        /// No call now: the breaker is open or the carrier asked to pause.
        case blocked(until: Date)
    }

    private var bucket: TokenBucket
    private var breaker: CircuitBreaker
    private var pausedUntil: Date?

    public init(ratePerSecond: Double, burst: Double, failureThreshold: Int, coolDown: TimeInterval, now: Date = Date()) {
        bucket = TokenBucket(rate: ratePerSecond, burst: burst, now: now)
        breaker = CircuitBreaker(failureThreshold: failureThreshold, coolDown: coolDown)
    }

    public func admit(now: Date) -> Admission {
        if let pausedUntil, pausedUntil > now { return .blocked(until: pausedUntil) }
        guard breaker.allowRequest(now: now) else {
            return .blocked(until: breaker.blockedUntil(now: now) ?? now.addingTimeInterval(1))
        }
        return .proceed(after: bucket.reserve(now: now))
    }

    /// When a claim for this carrier makes sense again; nil when it does now.
    public func blockedUntil(now: Date) -> Date? {
        if let pausedUntil, pausedUntil > now { return pausedUntil }
        if case .halfOpen = breaker.state { return now.addingTimeInterval(1) }
        return breaker.blockedUntil(now: now)
    }

    public var breakerState: CircuitBreaker.State { breaker.state }

    public func recordSuccess() {
        breaker.recordSuccess()
    }

    public func recordFailure(now: Date) {
        breaker.recordFailure(now: now)
    }

    /// A 429: the carrier's limit is reached, so nobody calls it before `until`.
    public func pause(until: Date) {
        pausedUntil = max(pausedUntil ?? until, until)
    }
}

extension CarrierGate {
    /// Whether the breaker is closed (full batches may be claimed).
    public var breakerIsClosed: Bool {
        if case .closed = breakerState { return true }
        return false
    }
}
