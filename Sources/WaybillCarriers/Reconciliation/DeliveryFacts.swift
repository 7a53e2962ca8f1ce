import Foundation
import WaybillCore

/// A carrier that gives a delivery time has said the parcel was delivered, even when its list
/// of events stops earlier (aggregators' summaries, "current status" answers). The shipment's
/// status must agree with that: a shipment cannot be `pending` or `in_transit` with a
/// `delivered_at`. The delivery is kept as an event of its own, marked as coming from the
/// carrier's delivery time, with a warning.
enum DeliveryFacts {
    static func reconcile(_ shipment: inout ParsedShipment, notices: inout [CarrierNotice]) {
        guard let deliveredAt = shipment.deliveredAt,
              // The common case, decided without resolving the status: a delivery event is there.
              !shipment.events.contains(where: { $0.status == .delivered && !$0.isImplausibleTime }) else { return }
        let state = shipment.state
        guard state.status != .delivered, state.status != .returnedToSender else { return }
        // A delivery the events place before a later exception or return is not contradicted.
        if let decisive = state.decisiveEventIndex, let at = shipment.events[decisive].occurredAt, at > deliveredAt { return }
        let sequence = (shipment.events.map(\.sequence).max() ?? -1) + 1
        shipment.events.append(CanonicalEvent(
            status: .delivered, carrierDescription: "Delivered (the carrier's delivery time)", occurredAt: deliveredAt,
            localTime: nil, utcOffset: UTCOffset(seconds: 0), zoneSource: .carrierUTC, sequence: sequence,
            signedBy: shipment.signedBy))
        notices.append(.warning("the carrier gives a delivery time (\(Timestamp.utcString(deliveredAt))) but no delivery event; "
                                    + "a delivered event was added at that time", path: nil,
                                trackingNumber: shipment.trackingNumber, code: "delivery_without_event"))
    }
}
