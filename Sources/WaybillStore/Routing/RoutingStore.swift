import Foundation
import WaybillCore

/// Routing between carriers and sources (issue 4, item 6): the further tracking numbers
/// ("legs") of a shipment and the tenants' routing rules.
public protocol RoutingStore: Sendable {
    /// Links a further tracking number to a shipment; linking it again is harmless (the existing
    /// leg comes back, `isNew` false). Throws `invalid` when the number is already another
    /// shipment's, as its own or as a leg; returns nil when it is this shipment's own number.
    func linkLeg(_ leg: NewShipmentLeg) async throws -> LinkedLeg?
    /// The legs of a shipment, oldest first.
    func legs(shipmentID: String, tenantID: String) async throws -> [ShipmentLeg]
    /// The shipment that has `trackingNumber` of `carrier` as a leg.
    func shipmentID(forLeg trackingNumber: String, carrier: String, tenantID: String) async throws -> String?

    func routingRules(tenantID: String) async throws -> [RoutingRule]
    /// Creates or replaces the tenant's rule for `rule.carrier`.
    func saveRoutingRule(_ rule: RoutingRule, tenantID: String, actor: String) async throws -> RoutingRule
    /// Removes the tenant's rule for `carrier`; false when there was none.
    func deleteRoutingRule(carrier: String, tenantID: String, actor: String) async throws -> Bool
}

public struct NewShipmentLeg: Sendable, Hashable {
    public var tenantID: String
    public var shipmentID: String
    public var trackingNumber: String
    public var carrier: String
    public var role: HandoverDetector.Role
    /// What revealed it: the carrier whose data named it, or `api`.
    public var linkedBy: String
    public var actor: String

    public init(tenantID: String, shipmentID: String, trackingNumber: String, carrier: String,
                role: HandoverDetector.Role, linkedBy: String, actor: String) {
        self.tenantID = tenantID
        self.shipmentID = shipmentID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.role = role
        self.linkedBy = linkedBy
        self.actor = actor
    }
}

public struct ShipmentLeg: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var shipmentID: String
    public var trackingNumber: String
    public var carrier: String
    public var role: HandoverDetector.Role
    public var linkedBy: String
    public var createdAt: Date
    /// The leg's own polling schedule.
    public var polling: PollingState

    public init(id: String, tenantID: String, shipmentID: String, trackingNumber: String, carrier: String, role: HandoverDetector.Role,
                linkedBy: String, createdAt: Date, polling: PollingState = PollingState()) {
        self.id = id
        self.tenantID = tenantID
        self.shipmentID = shipmentID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.role = role
        self.linkedBy = linkedBy
        self.createdAt = createdAt
        self.polling = polling
    }
}

public struct LinkedLeg: Sendable, Hashable {
    public var leg: ShipmentLeg
    public var isNew: Bool
}
