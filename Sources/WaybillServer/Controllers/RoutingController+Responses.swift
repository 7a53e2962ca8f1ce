import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// A shipment's number with another carrier (a hand-over, or one the merchant added) and how it is polled.
struct LegResponse: ResponseEncodable, Sendable {
    let id: String
    let shipmentID: String
    let trackingNumber: String
    let carrier: String
    let role: String
    let linkedBy: String
    let trackingURL: String?
    let pollState: String
    let lastCheckedAt: Date?
    let nextCheckAt: Date?
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, carrier, role
        case shipmentID = "shipment_id"
        case trackingNumber = "tracking_number"
        case linkedBy = "linked_by"
        case trackingURL = "tracking_url"
        case pollState = "poll_state"
        case lastCheckedAt = "last_checked_at"
        case nextCheckAt = "next_check_at"
        case createdAt = "created_at"
    }

    init(_ leg: ShipmentLeg) {
        id = leg.id
        shipmentID = leg.shipmentID
        trackingNumber = leg.trackingNumber
        carrier = leg.carrier
        role = leg.role.rawValue
        linkedBy = leg.linkedBy
        trackingURL = TrackingNumberDetector.trackingURL(for: leg.trackingNumber, carrier: leg.carrier)?.absoluteString
        pollState = leg.polling.state.rawValue
        lastCheckedAt = leg.polling.lastCheckedAt
        nextCheckAt = leg.polling.nextCheckAt
        createdAt = leg.createdAt
    }
}

/// A tenant's routing rule for one carrier (`*`: every carrier without its own).
struct RoutingRuleResponse: ResponseEncodable, Sendable {
    let carrier: String
    let trustedFeed: String
    let poll: String
    let webhookSilenceAfterSeconds: Double
    let fallbackAggregator: String?
    let fallbackAfterFailures: Int
    let updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case carrier, poll
        case trustedFeed = "trusted_feed"
        case webhookSilenceAfterSeconds = "webhook_silence_after_seconds"
        case fallbackAggregator = "fallback_aggregator"
        case fallbackAfterFailures = "fallback_after_failures"
        case updatedAt = "updated_at"
    }

    init(_ rule: RoutingRule) {
        carrier = rule.carrier
        trustedFeed = rule.trustedFeed.rawValue
        poll = rule.poll.rawValue
        webhookSilenceAfterSeconds = rule.webhookSilenceAfter.timeInterval
        fallbackAggregator = rule.fallbackAggregator
        fallbackAfterFailures = rule.fallbackAfterFailures
        updatedAt = rule.updatedAt
    }
}

/// `GET /v1/routing-rules`: the tenant's rules and the one that applies to a carrier without its own.
struct RoutingRulesResponse: ResponseEncodable, Sendable {
    let data: [RoutingRuleResponse]
    let `default`: RoutingRuleResponse
}
