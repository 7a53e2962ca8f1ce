import Foundation
import WaybillCore

/// The output of `waybill normalize` (a contract users' scripts rely on): shipments with
/// their events oldest first, instants in UTC (`...Z`), local times and offsets as given.
public enum NormalizedDocument {
    public static func render(_ result: CarrierParseResult) -> JSONValue {
        .object([
            "shipments": .array(result.shipments.map(shipment)),
            "notices": .array(result.notices.map { notice in
                .object([
                    "tracking_number": .string(notice.trackingNumber), "kind": .string(notice.kind.rawValue),
                    "code": .string(notice.code), "message": .string(notice.message), "path": .string(notice.path),
                ])
            }),
        ])
    }

    static func shipment(_ shipment: ParsedShipment) -> JSONValue {
        let state = shipment.state
        let order = StatusResolver.chronologicalOrder(shipment.events)
        return .object([
            "carrier": .string(shipment.carrier),
            "tracking_number": .string(shipment.trackingNumber),
            "service": .string(shipment.service),
            "status": .string(state.status.rawValue),
            "substatus": .string(state.substatus?.rawValue),
            "estimated_delivery": shipment.estimatedDelivery.map { estimate in
                .object(["earliest": time(estimate.earliest), "latest": estimate.latest.map(time) ?? .null])
            } ?? .null,
            "delivered_at": .time(shipment.deliveredAt ?? state.deliveredAt),
            "signed_by": .string(shipment.signedBy ?? state.signedBy),
            "delivery_location": .string(shipment.deliveryLocation),
            "proof_of_delivery": .array(shipment.proofOfDelivery.map(JSONValue.string)),
            "references": .array(shipment.references.map(JSONValue.string)),
            "alternate_tracking_numbers": .array(shipment.alternateTrackingNumbers.map(JSONValue.string)),
            "unmapped_events": .number(Double(shipment.events.filter { $0.substatus == .unmapped }.count)),
            "events": .array(order.map { event(shipment.events[$0]) }),
        ])
    }

    static func event(_ event: CanonicalEvent) -> JSONValue {
        .object([
            "status": .string(event.status.rawValue),
            "substatus": .string(event.substatus?.rawValue),
            "reason": .string(event.reason?.rawValue),
            "action_required": .bool(event.actionRequired),
            "carrier_code": .string(event.carrierCode),
            "carrier_description": .string(event.carrierDescription),
            "occurred_at": .time(event.occurredAt),
            "local_time": .string(event.localTime?.description),
            "utc_offset": .string(event.utcOffset?.description),
            "zone_source": .string(event.zoneSource.rawValue),
            "location": event.location.map { location in
                .object([
                    "city": .string(location.city), "region": .string(location.region),
                    "postal_code": .string(location.postalCode), "country": .string(location.country),
                ])
            } ?? .null,
            "informational": .bool(event.isInformational),
            "implausible_time": .bool(event.isImplausibleTime),
            "signed_by": .string(event.signedBy),
        ])
    }

    /// An instant in UTC when known, else the local date or time as the carrier gave it.
    static func time(_ time: CarrierTime) -> JSONValue {
        if let instant = time.instant { return .time(instant) }
        return .string(time.local?.description)
    }
}
