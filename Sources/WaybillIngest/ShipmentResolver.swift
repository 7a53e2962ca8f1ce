import Foundation
import WaybillCarriers
import WaybillCore
import WaybillFeeds
import WaybillStore

/// Finds the tenant's shipment that parsed carrier data is about, creating it when the data came
/// first (a webhook or a file may arrive before the merchant registers the number), and records
/// the carrier's delivery estimate on it.
public struct ShipmentResolver: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Parsed data resolved to the tenant's shipments: the events, each with the id of its
    /// shipment, and the carrier's delivery estimates, which the caller stores with the events,
    /// in their transaction. Only new shipments and hand-over legs are written here.
    public struct Resolution: Sendable {
        public var events: [IngestBatch.ShipmentEvent] = []
        /// The carrier's estimate per shipment id.
        public var estimates: [String: DeliveryEstimate] = [:]
        /// Shipments left out: a number that is not a tracking number would have been registered.
        public var notices: [CarrierNotice] = []
    }

    /// Carrier data names a new number that `TrackingNumber.problem` refuses: nothing is registered.
    public struct RefusedNumber: Error, Sendable {
        public var trackingNumber: String
        public var problem: String
    }

    public func resolve(_ result: CarrierParseResult, tenantID: String, actor: String) async throws -> Resolution {
        try await resolve(result.shipments, tenantID: tenantID, actor: actor)
    }

    public func resolve(_ shipments: some Sequence<ParsedShipment>, tenantID: String, actor: String) async throws -> Resolution {
        var resolution = Resolution()
        for parsed in shipments {
            let shipmentID: String
            do {
                shipmentID = try await self.shipmentID(for: parsed, tenantID: tenantID, actor: actor)
            } catch let refused as RefusedNumber {
                resolution.notices.append(CarrierNotice(
                    trackingNumber: refused.trackingNumber, kind: .warning, code: nil,
                    message: "\(refused.problem); the shipment was not registered and its events were not stored"))
                continue
            }
            let resolved = try await resolve(parsed, onShipment: shipmentID, tenantID: tenantID)
            resolution.events += resolved.events
            resolution.estimates.merge(resolved.estimates) { $1 }
        }
        return resolution
    }

    /// `parsed` on a shipment already known (a poll of it or of one of its legs): its events,
    /// each with the carrier that scanned it, and its estimate; links the hand-overs it names.
    public func resolve(_ parsed: ParsedShipment, onShipment shipmentID: String, tenantID: String) async throws -> Resolution {
        var resolution = Resolution()
        let carrier = Self.namedCarrier(parsed)
        if carrier != nil { try await linkHandovers(of: parsed, shipmentID: shipmentID, tenantID: tenantID) }
        resolution.events = parsed.events.map { IngestBatch.ShipmentEvent(shipmentID: shipmentID, event: $0, carrier: carrier) }
        // A leg's carrier estimates its own last mile: that is the shipment's estimate too.
        if let estimate = parsed.resolvedEstimate { resolution.estimates[shipmentID] = estimate }
        return resolution
    }

    /// The shipment with this tracking number and carrier, else the one that has it as a leg (a
    /// last-mile number, the destination post's copy of an S10 item), else one of the same company's
    /// other API, else one registered without a carrier, else a new one; `RefusedNumber` when a new
    /// one would have a number that is not a tracking number.
    public func shipmentID(for parsed: ParsedShipment, tenantID: String, actor: String) async throws -> String {
        let number = TrackingNumber.normalize(parsed.trackingNumber)
        func register(carrier: String) async throws -> String {
            if let problem = TrackingNumber.problem(with: number) {
                throw RefusedNumber(trackingNumber: parsed.trackingNumber, problem: problem)
            }
            return try await store.registerShipment(NewShipment(
                tenantID: tenantID, trackingNumber: number, carrier: carrier, service: parsed.service, actor: actor)).shipment.id
        }
        let existing = try await store.shipments(ShipmentQuery(tenantID: tenantID, trackingNumber: number, limit: 20)).items
        guard Self.namedCarrier(parsed) != nil else {
            // A file format (X12 214, IFTSTA, a CSV without a carrier column) names no carrier:
            // the number's shipment, whatever its carrier, else a new one without a carrier.
            if let match = existing.first { return match.id }
            return try await register(carrier: "")
        }
        if let match = existing.first(where: { $0.carrier == parsed.carrier }) { return match.id }
        if let parent = try await store.shipmentID(forLeg: number, carrier: parsed.carrier, tenantID: tenantID) { return parent }
        if let sibling = existing.first(where: { CarrierRegistry.sameCompany($0.carrier, parsed.carrier) }) { return sibling.id }
        if let unassigned = existing.first(where: { $0.carrier.isEmpty }) { return unassigned.id }
        return try await register(carrier: parsed.carrier)
    }

    /// The carrier the data names; nil when its "carrier" is a file format's id.
    static func namedCarrier(_ parsed: ParsedShipment) -> String? {
        FeedRegistry.format(id: parsed.carrier) == nil ? parsed.carrier : nil
    }

    /// Links the other carriers' numbers the data names (see `HandoverDetector`) as legs of the
    /// shipment, so they are polled and their data lands on it (the audit log records each new
    /// one). A number that is already another shipment's is left alone: merging two shipments is
    /// the merchant's call.
    private func linkHandovers(of parsed: ParsedShipment, shipmentID: String, tenantID: String) async throws {
        let handovers = HandoverDetector.handovers(carrier: parsed.carrier, trackingNumber: parsed.trackingNumber,
                                                   alternates: parsed.alternateTrackingNumbers,
                                                   alternateCarriers: parsed.alternateCarriers, events: parsed.events)
        for handover in handovers where TrackingNumber.problem(with: TrackingNumber.normalize(handover.trackingNumber)) == nil {
            do {
                _ = try await store.linkLeg(NewShipmentLeg(
                    tenantID: tenantID, shipmentID: shipmentID, trackingNumber: handover.trackingNumber, carrier: handover.carrier,
                    role: handover.role, linkedBy: parsed.carrier, actor: "routing"))
            } catch StoreError.invalid {
                continue
            }
        }
    }
}
