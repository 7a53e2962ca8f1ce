import Foundation
import WaybillCore

/// Subscriptions at carriers that push only the numbers subscribed (UPS Track Alert).
public protocol SubscriptionStore: Sendable {
    /// Tracked numbers of `carrier` (shipments and their legs, until delivered or stopped) whose
    /// tenant has a live inbound webhook endpoint for the carrier, and that need a subscription:
    /// never subscribed, due for renewal or a retry, subscribed before the endpoint's secret was
    /// rotated (the carrier would present the old one), or to another endpoint.
    func dueSubscriptions(carrier: String, limit: Int, now: Date) async throws -> [SubscriptionTarget]
    /// Records what the carrier answered, one row per number.
    func recordSubscriptions(_ records: [SubscriptionRecord]) async throws
}

public struct SubscriptionTarget: Sendable, Hashable {
    public var tenantID: String
    public var trackingNumber: String
    public var endpointID: String
    /// What the carrier presents on each push (the endpoint's secret).
    public var credential: String
}

public struct SubscriptionRecord: Sendable, Hashable {
    public var tenantID: String
    public var carrier: String
    public var trackingNumber: String
    public var endpointID: String
    /// When the carrier accepted it; nil when it refused.
    public var subscribedAt: Date?
    /// When to subscribe again: before it lapses, or to retry a refusal.
    public var renewAt: Date
    public var error: String?

    public init(tenantID: String, carrier: String, trackingNumber: String, endpointID: String, subscribedAt: Date?,
                renewAt: Date, error: String?) {
        self.tenantID = tenantID
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.endpointID = endpointID
        self.subscribedAt = subscribedAt
        self.renewAt = renewAt
        self.error = error
    }
}
