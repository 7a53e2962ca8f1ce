/// The types of outbound webhook messages (the `type` field of a Standard Webhooks body).
public enum NotificationEventType: String, Sendable, Codable, CaseIterable {
    case shipmentStatusChanged = "shipment.status_changed"
    case shipmentDelivered = "shipment.delivered"
    case shipmentException = "shipment.exception"
    case shipmentETAChanged = "shipment.eta_changed"
    case shipmentETAMissed = "shipment.eta_missed"
    case shipmentStale = "shipment.stale"
    case orderDelivered = "order.delivered"
    case orderPartiallyDelivered = "order.partially_delivered"
}
