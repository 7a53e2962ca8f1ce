import WaybillCore
import WaybillStore

/// How messages and rules see a shipment's facts.
extension ShipmentFacts {
    var snapshot: TriggerSnapshot {
        TriggerSnapshot(status: shipment.status, substatus: shipment.substatus, reason: reason,
                        etaEarliest: shipment.estimatedDelivery?.earliest, etaLatest: shipment.estimatedDelivery?.latest)
    }

    var ruleContext: RuleContext {
        RuleContext(shipmentID: shipment.id, carrier: shipment.carrier, service: shipment.service,
                    destinationCountry: destinationCountry, orderMetadata: orderMetadata,
                    customerTimeZone: shipment.customer.timeZone ?? orderTimeZone)
    }

    /// The shipment as webhook bodies carry it (no customer contact details).
    var shipmentJSON: JSONValue {
        .object([
            "id": .string(shipment.id),
            "tracking_number": .string(shipment.trackingNumber),
            "carrier": .string(shipment.carrier),
            "service": .string(shipment.service),
            "order_id": .string(shipment.orderID),
            "status": .string(shipment.status.rawValue),
            "substatus": .string(shipment.substatus?.rawValue),
            "estimated_delivery": shipment.estimatedDelivery.map { estimate in
                .object(["earliest": .time(estimate.earliest), "latest": .time(estimate.latest),
                         "source": .string(estimate.source.rawValue)])
            } ?? .null,
            "delivered_at": .time(shipment.deliveredAt),
            "signed_by": .string(shipment.signedBy),
            "last_event_at": .time(shipment.lastEventAt),
            "metadata": .strings(shipment.metadata),
        ])
    }

    /// The latest event as messages quote it; null before the first event.
    var lastEventJSON: JSONValue {
        guard let event = lastEvent else { return .null }
        return .object([
            "id": .string(event.id),
            "status": .string(event.status),
            "substatus": .string(event.substatus),
            "reason": .string(event.reason),
            "action_required": .bool(event.actionRequired),
            "occurred_at": .string(event.occurredAt),
            "carrier_code": .string(event.carrierCode),
            "description": .string(event.description),
            "signed_by": .string(event.signedBy),
            "location": .object([
                "city": .string(event.city), "region": .string(event.region),
                "postal_code": .string(event.postalCode), "country": .string(event.country),
            ]),
        ])
    }
}
