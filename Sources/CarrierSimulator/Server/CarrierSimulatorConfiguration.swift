import Foundation

/// How a simulator runs. Times are real seconds unless the name says simulated.
public struct CarrierSimulatorConfiguration: Sendable {
    /// Always loopback by default: the simulator is for tests, demos and benchmarks.
    public var host: String
    /// 0 picks an ephemeral port (read it from `CarrierSimulator.port` once running).
    public var port: Int
    /// Simulated seconds per real second (3600 = one simulated hour per second; 0 = paused).
    public var speed: Double
    /// The simulated instant when the server starts.
    public var start: Date
    /// Never let the simulated clock run past the real time (see `SimulatedClock`): for demos, whose parcels
    /// must not show scans that have not happened yet.
    public var notAfterRealTime: Bool
    /// The run's seed: shipments created without one get `seed + n`.
    public var seed: UInt64
    /// Lifetime of OAuth tokens.
    public var tokenLifetime: TimeInterval
    /// How long a `timeout` fault holds its answer back.
    public var timeoutDelay: TimeInterval
    /// `Retry-After` of a `rate_limit` fault, in seconds.
    public var retryAfter: Int
    /// When set, DHL calls must present this `DHL-API-Key`; otherwise any non-empty key passes.
    public var dhlAPIKey: String?
    /// How often the webhook pusher looks for steps the simulated clock has passed.
    public var webhookInterval: TimeInterval
    /// Attempts per webhook delivery before it is counted as failed.
    public var webhookAttempts: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0, speed: Double = 3600, start: Date = Date(), notAfterRealTime: Bool = false,
        seed: UInt64 = 1,
        tokenLifetime: TimeInterval = 3600, timeoutDelay: TimeInterval = 30, retryAfter: Int = 1, dhlAPIKey: String? = nil,
        webhookInterval: TimeInterval = 0.2, webhookAttempts: Int = 5
    ) {
        self.host = host
        self.port = port
        self.speed = speed
        self.start = start
        self.notAfterRealTime = notAfterRealTime
        self.seed = seed
        self.tokenLifetime = tokenLifetime
        self.timeoutDelay = timeoutDelay
        self.retryAfter = retryAfter
        self.dhlAPIKey = dhlAPIKey
        self.webhookInterval = webhookInterval
        self.webhookAttempts = webhookAttempts
    }
}
