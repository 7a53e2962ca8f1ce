import Foundation
import Hummingbird
import WaybillStore

/// A message of the delivery log with its attempts.
struct DeliveryResponse: ResponseEncodable, Sendable {
    let id: String
    let channel: String
    /// The subscription of a webhook message; null for the other channels.
    let subscriptionID: String?
    /// The alert rule of an email, SMS or in-app message; null for webhooks.
    let ruleID: String?
    let shipmentID: String?
    let eventType: String
    let sequence: Int
    let state: String
    let attemptCount: Int
    let nextAttemptAt: Date?
    let lastStatusCode: Int?
    let lastError: String?
    let collapsedCount: Int
    let createdAt: Date
    let deliveredAt: Date?
    let attempts: [Attempt]

    struct Attempt: Encodable, Sendable {
        let attempt: Int
        let startedAt: Date
        let statusCode: Int?
        let latencyMS: Double
        let responseExcerpt: String?
        let error: String?
        let outcome: String

        enum CodingKeys: String, CodingKey {
            case attempt, error, outcome
            case startedAt = "started_at"
            case statusCode = "status_code"
            case latencyMS = "latency_ms"
            case responseExcerpt = "response_excerpt"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, channel, sequence, state, attempts
        case subscriptionID = "subscription_id"
        case ruleID = "rule_id"
        case shipmentID = "shipment_id"
        case eventType = "event_type"
        case attemptCount = "attempt_count"
        case nextAttemptAt = "next_attempt_at"
        case lastStatusCode = "last_status_code"
        case lastError = "last_error"
        case collapsedCount = "collapsed_count"
        case createdAt = "created_at"
        case deliveredAt = "delivered_at"
    }

    init(_ entry: DeliveryLogEntry) {
        id = entry.id
        channel = entry.channel.rawValue
        subscriptionID = entry.channel == .webhook ? entry.targetID : nil
        ruleID = entry.channel == .webhook ? nil : entry.targetID
        shipmentID = entry.shipmentID
        eventType = entry.eventType
        sequence = entry.sequence
        state = entry.state.rawValue
        attemptCount = entry.attemptCount
        nextAttemptAt = entry.nextAttemptAt
        lastStatusCode = entry.lastStatusCode
        lastError = entry.lastError
        collapsedCount = entry.collapsedCount
        createdAt = entry.createdAt
        deliveredAt = entry.deliveredAt
        attempts = entry.attempts.map { attempt in
            Attempt(attempt: attempt.attempt, startedAt: attempt.startedAt, statusCode: attempt.statusCode,
                    latencyMS: (attempt.latencyMilliseconds * 10).rounded() / 10, responseExcerpt: attempt.responseExcerpt,
                    error: attempt.error, outcome: attempt.outcome)
        }
    }
}

/// `202` to a replay: the messages queued again.
struct ReplayedDeliveriesResponse: ResponseEncodable, Sendable {
    let replayed: Int
    let ids: [String]
}
