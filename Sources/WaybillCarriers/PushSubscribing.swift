import Foundation

/// A carrier that pushes a parcel's events only once Waybill subscribes its number (UPS Track
/// Alert). The subscriber sends `subscriptionRequest` with the tenant's inbound webhook endpoint
/// as the destination, and renews before `subscriptionLifetime` runs out.
public protocol PushSubscribing: CarrierAPI {
    /// Numbers per subscription call.
    var subscriptionBatchSize: Int { get }
    /// How long a subscription lasts at the carrier.
    var subscriptionLifetime: TimeInterval { get }
    /// The call that subscribes `trackingNumbers` for pushes to `callbackURL`, which the carrier
    /// authenticates with `credential` (the endpoint's secret).
    func subscriptionRequest(for trackingNumbers: [String], callbackURL: String, credential: String,
                             configuration: CarrierConfiguration) -> CarrierRequest
    /// Which numbers the carrier accepted, from its answer; throws when the answer is not one.
    func subscriptionResult(_ body: Data, requested: [String]) throws(CarrierParseError) -> SubscriptionResult
}

public struct SubscriptionResult: Sendable, Hashable {
    public var accepted: [String]
    public var rejected: [String]

    public init(accepted: [String], rejected: [String]) {
        self.accepted = accepted
        self.rejected = rejected
    }
}
