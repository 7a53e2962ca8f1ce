import Foundation
import WaybillCore

/// A merchant system subscribed to outbound webhooks.
public struct WebhookSubscription: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var url: String
    public var eventTypes: [NotificationEventType]
    /// `whsec_` + base64 key (Standard Webhooks).
    public var secret: String
    public var previousSecret: String?
    public var previousSecretExpiresAt: Date?
    public var consecutiveFailures: Int
    public var circuitOpenUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// The secrets to sign with at `now`: the current one, and the previous one while it overlaps.
    public func signingSecrets(at now: Date) -> [String] {
        if let previousSecret, let until = previousSecretExpiresAt, until > now { return [secret, previousSecret] }
        return [secret]
    }
}

public enum OutboundState: String, Sendable, Codable, CaseIterable {
    case pending, delivering, delivered, dead, cancelled
}

/// A claimed outbox message, with what its channel needs to deliver it.
public struct OutboundMessage: Sendable, Hashable {
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case webhook, email, sms
        case inApp = "in_app"
    }

    /// Also the idempotency key (`webhook-id`).
    public var id: String
    public var tenantID: String
    public var channel: Channel
    /// The subscription (webhooks) or alert rule (messages to people).
    public var targetID: String
    public var shipmentID: String?
    public var eventType: String
    public var sequence: Int
    /// The JSON body (webhooks), or the trigger details (messages to people).
    public var body: String
    /// Attempts made before this one.
    public var attempts: Int
    public var createdAt: Date
    /// Retries stop (dead letter) once this is older than the retry period.
    public var retryWindowStart: Date
    /// The webhook subscription, when the channel is `webhook` and it still exists.
    public var subscription: WebhookSubscription?
}

public struct DeliveryReport: Sendable {
    public enum Outcome: Sendable, Hashable {
        case delivered
        case retry(at: Date)
        case dead
        /// Nothing to send (e.g. the channel is not configured, no recipient): closed without retry.
        case skipped
    }

    public var messageID: String
    public var owner: String
    public var startedAt: Date
    public var statusCode: Int?
    public var latency: Duration
    public var responseExcerpt: String?
    public var error: String?
    public var outcome: Outcome
    /// Counts toward the endpoint's circuit breaker (webhook failures only).
    public var circuit: CircuitUpdate?
    /// For in-app messages: the feed entry, written with the outcome in one transaction.
    public var feedItem: NewFeedItem?

    public enum CircuitUpdate: Sendable, Hashable {
        case success
        /// A failure; the circuit opens until `openUntil` once failures reach `threshold`.
        case failure(threshold: Int, openUntil: Date)
    }

    public init(messageID: String, owner: String, startedAt: Date, statusCode: Int?, latency: Duration, responseExcerpt: String?,
                error: String?, outcome: Outcome, circuit: CircuitUpdate? = nil, feedItem: NewFeedItem? = nil) {
        self.messageID = messageID
        self.owner = owner
        self.startedAt = startedAt
        self.statusCode = statusCode
        self.latency = latency
        self.responseExcerpt = responseExcerpt
        self.error = error
        self.outcome = outcome
        self.circuit = circuit
        self.feedItem = feedItem
    }
}

public struct NewFeedItem: Sendable, Hashable {
    public var title: String
    public var text: String

    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}

public struct FeedItem: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var messageID: String
    public var shipmentID: String?
    public var ruleID: String?
    public var eventType: String
    public var title: String
    public var text: String
    public var createdAt: Date
}

/// One attempt in the delivery log.
public struct DeliveryAttemptLog: Sendable, Hashable {
    public var attempt: Int
    public var startedAt: Date
    public var statusCode: Int?
    public var latencyMilliseconds: Double
    public var responseExcerpt: String?
    public var error: String?
    public var outcome: String
}

/// A message and its attempts, as `GET /v1/deliveries` lists them.
public struct DeliveryLogEntry: Sendable, Hashable {
    public var id: String
    public var channel: OutboundMessage.Channel
    public var targetID: String
    public var shipmentID: String?
    public var eventType: String
    public var sequence: Int
    public var state: OutboundState
    public var attemptCount: Int
    public var nextAttemptAt: Date?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var collapsedCount: Int
    public var createdAt: Date
    public var deliveredAt: Date?
    public var attempts: [DeliveryAttemptLog]
}

public struct DeliveryQuery: Sendable {
    public var tenantID: String
    public var state: OutboundState?
    public var channel: OutboundMessage.Channel?
    /// A webhook subscription or alert rule id.
    public var targetID: String?
    public var shipmentID: String?
    public var eventType: String?
    public var since: Date?
    public var until: Date?
    public var cursor: String?
    public var limit: Int

    public init(tenantID: String, state: OutboundState? = nil, channel: OutboundMessage.Channel? = nil, targetID: String? = nil,
                shipmentID: String? = nil, eventType: String? = nil, since: Date? = nil, until: Date? = nil,
                cursor: String? = nil, limit: Int = 50) {
        self.tenantID = tenantID
        self.state = state
        self.channel = channel
        self.targetID = targetID
        self.shipmentID = shipmentID
        self.eventType = eventType
        self.since = since
        self.until = until
        self.cursor = cursor
        self.limit = limit
    }
}

/// Which messages to replay: by ids, or by endpoint and/or creation time range (and state).
public struct ReplaySelector: Sendable {
    public var tenantID: String
    public var ids: [String]
    public var targetID: String?
    public var since: Date?
    public var until: Date?
    /// Only messages in this state (delivered or dead); both when nil.
    public var state: OutboundState?

    public init(tenantID: String, ids: [String] = [], targetID: String? = nil, since: Date? = nil, until: Date? = nil,
                state: OutboundState? = nil) {
        self.tenantID = tenantID
        self.ids = ids
        self.targetID = targetID
        self.since = since
        self.until = until
        self.state = state
    }
}

/// Ids of notification objects: a type prefix and the time-ordered body of `Identifier`.
public enum NotifyID {
    public static func make(_ prefix: String) -> String {
        let job = Identifier.make(.job)
        return prefix + "_" + job.dropFirst(4)
    }
}
