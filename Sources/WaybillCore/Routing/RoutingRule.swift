import Foundation

/// A tenant's rule for one carrier (or `*`, every carrier without its own rule): which feed to
/// trust and when to fall back to another (issue 4, item 6).
public struct RoutingRule: Sendable, Hashable {
    public static let anyCarrier = "*"

    /// Which feed's events make the timeline when the carrier's own feed (its API or webhooks)
    /// and an aggregator both report the same scan.
    public enum TrustedFeed: String, Sendable, Hashable, CaseIterable {
        case carrier
        case aggregator
    }

    /// When Waybill calls the carrier's tracking API for shipments the tenant also gets webhooks for.
    public enum PollMode: String, Sendable, Hashable, CaseIterable {
        /// Poll as a safety net, less often while webhooks are fresh (the default).
        case always
        /// Poll only once the webhook feed has been silent for `webhookSilenceAfter`.
        case whenWebhookSilent = "when_webhook_silent"
        /// Never poll: the tenant relies on pushed data only (a carrier contract may forbid polling).
        case never
    }

    public var carrier: String
    public var trustedFeed: TrustedFeed
    public var poll: PollMode
    /// How long a shipment's webhook feed may stay silent before polling takes over at full cadence.
    public var webhookSilenceAfter: Duration
    /// The aggregator (`aftership`, `easypost`) whose API is asked instead while the carrier's API
    /// is failing; nil for none.
    public var fallbackAggregator: String?
    /// Consecutive failed carrier calls for a shipment (or an open circuit breaker) that count as "failing".
    public var fallbackAfterFailures: Int
    public var updatedAt: Date?

    public init(carrier: String, trustedFeed: TrustedFeed = .carrier, poll: PollMode = .always,
                webhookSilenceAfter: Duration = .seconds(6 * 3600), fallbackAggregator: String? = nil,
                fallbackAfterFailures: Int = 3, updatedAt: Date? = nil) {
        self.carrier = carrier
        self.trustedFeed = trustedFeed
        self.poll = poll
        self.webhookSilenceAfter = webhookSilenceAfter
        self.fallbackAggregator = fallbackAggregator
        self.fallbackAfterFailures = fallbackAfterFailures
        self.updatedAt = updatedAt
    }

    /// What applies to `carrier` among a tenant's rules: its own, else `*`, else the defaults.
    public static func effective(for carrier: String, in rules: [RoutingRule]) -> RoutingRule {
        if let own = rules.first(where: { $0.carrier == carrier }) { return own }
        var fallback = rules.first { $0.carrier == anyCarrier } ?? RoutingRule(carrier: anyCarrier)
        fallback.carrier = carrier
        return fallback
    }
}

/// Who can report a carrier's scans.
public enum CarrierFeeds {
    /// Services that relay many carriers' scans; their payloads name the underlying carrier.
    public static let aggregators: Set<String> = ["aftership", "easypost"]

    /// Whether a feed (a raw payload's carrier) is an aggregator rather than a carrier's own.
    public static func isAggregator(_ feed: String?) -> Bool {
        feed.map(aggregators.contains) ?? false
    }
}
