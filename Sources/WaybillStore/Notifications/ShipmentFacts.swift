import Foundation
import SQLKit
import WaybillCore

/// A shipment as the outbox writer sees it: its state, its latest event, its order, and what
/// its triggers were last detected against.
public struct ShipmentFacts: Sendable {
    public var shipment: Shipment
    public var orderRef: String?
    /// The reason of the latest event.
    public var reason: Reason?
    public var lastEvent: LastEvent?
    /// The destination country the merchant gave, or for a delivered shipment where it was delivered.
    public var destinationCountry: String?
    public var orderMetadata: [String: String]
    public var orderTimeZone: String?
    public var previousSubstatus: Substatus?
    public var previousReason: Reason?
    public var previousETAEarliest: Date?
    public var previousETALatest: Date?
    /// The sequence number of the shipment's last outbox message.
    public var previousSequence: Int

    /// The shipment's latest event, as messages quote it.
    public struct LastEvent: Sendable {
        public var id: String
        public var status: String
        public var substatus: String?
        public var reason: String?
        public var actionRequired: Bool
        /// As stored: UTC, ISO 8601.
        public var occurredAt: String?
        public var carrierCode: String?
        public var description: String?
        public var signedBy: String?
        public var city: String?
        public var region: String?
        public var postalCode: String?
        public var country: String?
    }

    init(row: any SQLRow) throws {
        shipment = try SQLStore.shipment(row)
        orderRef = try row.optionalText("order_ref")
        reason = try row.optionalEnum("last_reason", as: Reason.self)
        let lastCountry = try row.optionalText("last_country")
        if let lastEventID = shipment.lastEventID, let status = try row.optionalText("last_status") {
            lastEvent = LastEvent(
                id: lastEventID, status: status, substatus: try row.optionalText("last_substatus"), reason: reason?.rawValue,
                actionRequired: (try row.decode(column: "last_action_required", as: Int?.self) ?? 0) != 0,
                occurredAt: try row.optionalText("last_occurred_at"), carrierCode: try row.optionalText("last_carrier_code"),
                description: try row.optionalText("last_description"), signedBy: try row.optionalText("last_signed_by"),
                city: try row.optionalText("last_city"), region: try row.optionalText("last_region"),
                postalCode: try row.optionalText("last_postal_code"), country: lastCountry)
        }
        destinationCountry = shipment.metadata["destination_country"]?.uppercased()
            ?? (shipment.status == .delivered ? lastCountry : nil)
        orderMetadata = try row.optionalText("order_metadata").map { try Column.decodeJSON($0, as: [String: String].self) } ?? [:]
        orderTimeZone = try row.optionalText("order_time_zone")
        previousSubstatus = try row.optionalEnum("prev_substatus", as: Substatus.self)
        previousReason = try row.optionalEnum("prev_reason", as: Reason.self)
        previousETAEarliest = try row.optionalDate("prev_eta_earliest")
        previousETALatest = try row.optionalDate("prev_eta_latest")
        previousSequence = try row.decode(column: "prev_sequence", as: Int?.self) ?? 0
    }
}
