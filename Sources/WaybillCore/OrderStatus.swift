/// The rolled-up status of an order from its shipments' statuses.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    /// No shipment registered yet.
    case unfulfilled
    /// Shipments exist but no carrier has a parcel yet.
    case pending
    /// Some shipments are with the carrier, others are not yet.
    case partiallyShipped = "partially_shipped"
    /// Every shipment is with a carrier, none delivered.
    case inTransit = "in_transit"
    /// Some shipments delivered, others not.
    case partiallyDelivered = "partially_delivered"
    case delivered
    /// Every shipment ended without delivery (returned or expired).
    case returned

    public static func rollUp(_ statuses: [ShipmentStatus]) -> OrderStatus {
        guard !statuses.isEmpty else { return .unfulfilled }
        let delivered = statuses.filter { $0 == .delivered }.count
        let returned = statuses.filter { $0 == .returnedToSender || $0 == .expired }.count
        let notShipped = statuses.filter { $0 == .pending || $0 == .infoReceived }.count
        if delivered == statuses.count { return .delivered }
        if delivered > 0 { return .partiallyDelivered }
        if returned == statuses.count { return .returned }
        if notShipped == statuses.count { return .pending }
        if notShipped > 0 { return .partiallyShipped }
        return .inTransit
    }

    /// Whether any shipment needs someone's attention.
    public static func needsAttention(_ statuses: [ShipmentStatus]) -> Bool {
        statuses.contains { $0 == .exception || $0 == .attemptFailed || $0 == .availableForPickup }
    }
}
