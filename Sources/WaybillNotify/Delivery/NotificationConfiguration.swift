import Foundation

/// How the notification worker delivers; read from the environment by `waybill serve`.
///
/// - `WAYBILL_NOTIFY_RETRY_BASE_SECONDS` first retry delay (default 5)
/// - `WAYBILL_NOTIFY_RETRY_MAX_INTERVAL_SECONDS` longest delay between retries (default 21600, 6 h)
/// - `WAYBILL_NOTIFY_RETRY_HOURS` retry period before dead-lettering (default 72)
/// - `WAYBILL_NOTIFY_TIMEOUT_SECONDS` per-request timeout of webhooks (default 10)
/// - `WAYBILL_NOTIFY_CIRCUIT_FAILURES` consecutive failures that open an endpoint's circuit (default 5)
/// - `WAYBILL_NOTIFY_CIRCUIT_OPEN_SECONDS` how long an open circuit holds deliveries back (default 60)
/// - `WAYBILL_NOTIFY_STALE_HOURS` hours without movement before `shipment.stale` (default 72)
/// - `WAYBILL_NOTIFY_POLL_MS` how often the worker looks for due messages (default 200)
/// - `WAYBILL_NOTIFY_CONCURRENCY` deliveries in flight per instance (default 16)
/// - `WAYBILL_NOTIFY_LEASE_SECONDS` how long a claimed message is held before another instance may retry it (default 60)
/// - `WAYBILL_NOTIFY_SWEEP_SECONDS` how often one of the instances sweeps for time-based triggers (default 60)
public struct NotificationConfiguration: Sendable {
    public var retry: RetryPolicy
    public var requestTimeout: TimeInterval
    public var circuitFailureThreshold: Int
    public var circuitOpenDuration: TimeInterval
    public var staleAfterHours: Int
    public var pollInterval: Duration
    public var sweepInterval: TimeInterval
    public var concurrency: Int
    public var leaseDuration: TimeInterval
    /// Where webhooks may be sent (`WAYBILL_EGRESS_ALLOW`, read by `waybill serve`).
    public var egress: EgressPolicy = EgressPolicy()

    public init(retry: RetryPolicy = RetryPolicy(), requestTimeout: TimeInterval = 10, circuitFailureThreshold: Int = 5,
                circuitOpenDuration: TimeInterval = 60, staleAfterHours: Int = 72, pollInterval: Duration = .milliseconds(200),
                sweepInterval: TimeInterval = 60, concurrency: Int = 16, leaseDuration: TimeInterval = 60) {
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.circuitFailureThreshold = circuitFailureThreshold
        self.circuitOpenDuration = circuitOpenDuration
        self.staleAfterHours = staleAfterHours
        self.pollInterval = pollInterval
        self.sweepInterval = sweepInterval
        self.concurrency = concurrency
        self.leaseDuration = leaseDuration
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> NotificationConfiguration {
        func number(_ key: String) -> Double? { environment[key].flatMap(Double.init).flatMap { $0 >= 0 ? $0 : nil } }
        var configuration = NotificationConfiguration()
        if let base = number("WAYBILL_NOTIFY_RETRY_BASE_SECONDS") { configuration.retry.base = base }
        if let interval = number("WAYBILL_NOTIFY_RETRY_MAX_INTERVAL_SECONDS") { configuration.retry.maxInterval = interval }
        if let hours = number("WAYBILL_NOTIFY_RETRY_HOURS") { configuration.retry.maxAge = hours * 3600 }
        if let timeout = number("WAYBILL_NOTIFY_TIMEOUT_SECONDS"), timeout > 0 { configuration.requestTimeout = timeout }
        if let failures = number("WAYBILL_NOTIFY_CIRCUIT_FAILURES"), failures >= 1 { configuration.circuitFailureThreshold = Int(failures) }
        if let open = number("WAYBILL_NOTIFY_CIRCUIT_OPEN_SECONDS") { configuration.circuitOpenDuration = open }
        if let stale = number("WAYBILL_NOTIFY_STALE_HOURS"), stale >= 1 { configuration.staleAfterHours = Int(stale) }
        if let poll = number("WAYBILL_NOTIFY_POLL_MS"), poll >= 1 { configuration.pollInterval = .milliseconds(Int(poll)) }
        if let concurrency = number("WAYBILL_NOTIFY_CONCURRENCY"), concurrency >= 1 { configuration.concurrency = Int(concurrency) }
        if let lease = number("WAYBILL_NOTIFY_LEASE_SECONDS"), lease >= 1 { configuration.leaseDuration = lease }
        if let sweep = number("WAYBILL_NOTIFY_SWEEP_SECONDS"), sweep >= 1 { configuration.sweepInterval = sweep }
        return configuration
    }
}
