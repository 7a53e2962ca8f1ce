import Foundation

/// When to retry a failed delivery: exponential backoff from `base` (seconds) doubling up to
/// `maxInterval` (hours), with ±`jitter` so that a recovering receiver is not hit by every
/// sender at once, until `maxAge` after the first attempt (3 days by default); then dead-letter.
public struct RetryPolicy: Sendable, Hashable {
    public var base: TimeInterval
    public var maxInterval: TimeInterval
    public var maxAge: TimeInterval
    /// Fraction of the delay added or removed at random (0.2: ±20 %).
    public var jitter: Double

    public init(base: TimeInterval = 5, maxInterval: TimeInterval = 6 * 3600, maxAge: TimeInterval = 3 * 86_400, jitter: Double = 0.2) {
        self.base = base
        self.maxInterval = maxInterval
        self.maxAge = maxAge
        self.jitter = jitter
    }

    /// The delay before the next attempt after `failedAttempts` failures (1 for the first), without jitter.
    public func nominalDelay(afterFailures failedAttempts: Int) -> TimeInterval {
        let exponent = Double(max(0, failedAttempts - 1))
        return min(maxInterval, base * pow(2, min(exponent, 62)))
    }

    public func delay(afterFailures failedAttempts: Int, random: Double = Double.random(in: -1...1)) -> TimeInterval {
        let nominal = nominalDelay(afterFailures: failedAttempts)
        return max(0, nominal * (1 + jitter * max(-1, min(1, random))))
    }

    /// The next attempt's time, or nil when the message should be dead-lettered.
    public func nextAttempt(afterFailures failedAttempts: Int, windowStart: Date, now: Date,
                            random: Double = Double.random(in: -1...1)) -> Date? {
        let next = now.addingTimeInterval(delay(afterFailures: failedAttempts, random: random))
        return next.timeIntervalSince(windowStart) > maxAge ? nil : next
    }

    /// The nominal schedule: the delay before each retry until the retry period is used up.
    public var schedule: [TimeInterval] {
        var delays: [TimeInterval] = []
        var elapsed: TimeInterval = 0
        var failures = 1
        while true {
            let delay = nominalDelay(afterFailures: failures)
            guard elapsed + delay <= maxAge else { return delays }
            delays.append(delay)
            elapsed += delay
            failures += 1
        }
    }
}
