import Foundation

/// Simulated time: starts at `start` and runs `speed` times faster than the real clock
/// (3600 = one simulated hour per real second). It can be set, advanced, paused (speed 0) and
/// sped up while running; the server shows each journey as of `now()`. A clock that runs `notAfterRealTime`
/// (the demo's) stops at the real time once it catches up and then keeps to it, so no simulated parcel
/// shows a scan later than the current time.
public final class SimulatedClock: Sendable {
    private struct State {
        /// The simulated instant at `anchor`.
        var simulated: Date
        var anchor: Date
        var speed: Double
    }

    private let state: Locked<State>
    private let realNow: @Sendable () -> Date
    public let notAfterRealTime: Bool

    public init(start: Date, speed: Double, notAfterRealTime: Bool = false, realNow: @escaping @Sendable () -> Date = { Date() }) {
        self.realNow = realNow
        self.notAfterRealTime = notAfterRealTime
        state = Locked(State(simulated: start, anchor: realNow(), speed: max(0, speed)))
    }

    public func now() -> Date {
        let real = realNow()
        let simulated = state.withLock { $0.simulated.addingTimeInterval(real.timeIntervalSince($0.anchor) * $0.speed) }
        return notAfterRealTime ? min(simulated, real) : simulated
    }

    /// Simulated seconds per real second.
    public var speed: Double { state.withLock { $0.speed } }

    public func set(to instant: Date) {
        let real = realNow()
        state.withLock {
            $0.simulated = instant
            $0.anchor = real
        }
    }

    public func advance(by interval: TimeInterval) {
        let real = realNow()
        state.withLock {
            $0.simulated = $0.simulated.addingTimeInterval(real.timeIntervalSince($0.anchor) * $0.speed + interval)
            $0.anchor = real
        }
    }

    public func setSpeed(_ speed: Double) {
        let real = realNow()
        state.withLock {
            $0.simulated = $0.simulated.addingTimeInterval(real.timeIntervalSince($0.anchor) * $0.speed)
            $0.anchor = real
            $0.speed = max(0, speed)
        }
    }
}
