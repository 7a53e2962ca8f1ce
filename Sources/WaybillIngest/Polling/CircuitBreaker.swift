import Foundation

/// A circuit breaker for one carrier: opens after `failureThreshold` consecutive failures, lets a
/// single probe through after `coolDown`, and closes again when the probe succeeds. Pure; the
/// caller passes the clock.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case closed(consecutiveFailures: Int)
        case open(until: Date)
        /// The cool-down is over and one probe request is out.
        case halfOpen
    }

    public let failureThreshold: Int
    public let coolDown: TimeInterval
    public private(set) var state: State = .closed(consecutiveFailures: 0)

    public init(failureThreshold: Int = 5, coolDown: TimeInterval = 30) {
        self.failureThreshold = max(1, failureThreshold)
        self.coolDown = coolDown
    }

    /// Whether a request may go out now; moving from open to half-open admits exactly one probe.
    public mutating func allowRequest(now: Date) -> Bool {
        switch state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen
            return true
        case .halfOpen:
            return false
        }
    }

    /// When requests may flow again (nil when they may now, or a probe is out).
    public func blockedUntil(now: Date) -> Date? {
        if case .open(let until) = state, until > now { return until }
        return nil
    }

    public var isOpen: Bool {
        if case .closed = state { return false }
        return true
    }

    public mutating func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
    }

    public mutating func recordFailure(now: Date) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= failureThreshold ? .open(until: now.addingTimeInterval(coolDown)) : .closed(consecutiveFailures: failures + 1)
        case .halfOpen, .open:
            state = .open(until: now.addingTimeInterval(coolDown))
        }
    }
}
