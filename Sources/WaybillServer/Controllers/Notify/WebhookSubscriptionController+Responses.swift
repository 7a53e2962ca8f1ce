import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// A merchant's outbound webhook subscription, as listed (never with its secret).
struct WebhookSubscriptionResponse: ResponseEncodable, Sendable {
    let id: String
    let url: String
    let eventTypes: [String]
    let createdAt: Date
    let updatedAt: Date
    /// Null once the previous secret no longer signs.
    let previousSecretExpiresAt: Date?
    /// Null once the circuit is closed again.
    let circuitOpenUntil: Date?
    let consecutiveFailures: Int

    enum CodingKeys: String, CodingKey {
        case id, url
        case eventTypes = "event_types"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case previousSecretExpiresAt = "previous_secret_expires_at"
        case circuitOpenUntil = "circuit_open_until"
        case consecutiveFailures = "consecutive_failures"
    }

    init(_ subscription: WebhookSubscription) {
        let now = Date()
        id = subscription.id
        url = subscription.url
        eventTypes = subscription.eventTypes.map(\.rawValue)
        createdAt = subscription.createdAt
        updatedAt = subscription.updatedAt
        previousSecretExpiresAt = subscription.previousSecretExpiresAt.flatMap { $0 > now ? $0 : nil }
        circuitOpenUntil = subscription.circuitOpenUntil.flatMap { $0 > now ? $0 : nil }
        consecutiveFailures = subscription.consecutiveFailures
    }
}

/// A subscription with its secret: shown when the secret is made (create, rotate).
struct WebhookSubscriptionWithSecretResponse: ResponseEncodable, Sendable {
    let subscription: WebhookSubscriptionResponse
    let secret: String

    enum CodingKeys: String, CodingKey {
        case secret
    }

    init(_ subscription: WebhookSubscription) {
        self.subscription = WebhookSubscriptionResponse(subscription)
        secret = subscription.secret
    }

    func encode(to encoder: any Encoder) throws {
        try subscription.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(secret, forKey: .secret)
    }
}
