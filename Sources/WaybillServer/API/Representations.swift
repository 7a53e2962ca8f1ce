import Foundation
import WaybillCore
import WaybillStore

/// The wire form of every resource: snake_case, times RFC 3339, absent values as null.
enum Representation {
    /// `legs`, when given (the single-shipment view), lists the shipment's other carriers' numbers.
    static func shipment(_ shipment: Shipment, publicBaseURL: String, role: Role, legs: [ShipmentLeg]? = nil) -> JSONValue {
        let estimate: JSONValue = shipment.estimatedDelivery.map {
            .object(["earliest": .time($0.earliest), "latest": .time($0.latest), "source": .string($0.source.rawValue)])
        } ?? .null
        var json: [String: JSONValue] = [
            "id": .string(shipment.id),
            "tracking_number": .string(shipment.trackingNumber),
            "carrier": .string(shipment.carrier.isEmpty ? nil : shipment.carrier),
            "service": .string(shipment.service),
            "order_id": .string(shipment.orderID),
            "status": .string(shipment.status.rawValue),
            "substatus": .string(shipment.substatus?.rawValue),
            "estimated_delivery": estimate,
            "delivered_at": .time(shipment.deliveredAt),
            "signed_by": .string(shipment.signedBy),
            "last_event_id": .string(shipment.lastEventID),
            "last_event_at": .time(shipment.lastEventAt),
            "public_url": .string(publicBaseURL + "/t/" + shipment.publicToken),
            "customer": role == .viewer ? .null : customer(shipment.customer),
            "metadata": .strings(shipment.metadata),
            "tracking": .bool(shipment.trackingStoppedAt == nil),
            "tracking_stopped_at": .time(shipment.trackingStoppedAt),
            "last_checked_at": .time(shipment.lastCheckedAt),
            "next_check_at": .time(shipment.nextCheckAt),
            "last_event_source": .string(shipment.lastEventSource.map(Self.freshnessSource)),
            "last_event_lag_seconds": shipment.lastEventRecordedAt.flatMap { recorded in
                shipment.lastEventAt.map { .number(max(0, (recorded.timeIntervalSince($0) * 1000).rounded() / 1000)) }
            } ?? .null,
            "created_at": .time(shipment.createdAt),
            "updated_at": .time(shipment.updatedAt),
        ]
        if let legs { json["legs"] = .array(legs.map(leg)) }
        return .object(json)
    }

    /// How the latest event arrived, in the words of the freshness fields.
    static func freshnessSource(_ source: EventSource) -> String {
        switch source {
        case .webhook: "push"
        case .poll: "poll"
        case .file, .edi: "file"
        case .api: "api"
        }
    }

    static func customer(_ customer: Customer) -> JSONValue {
        .object([
            "email": .string(customer.email), "phone": .string(customer.phone), "postal_code": .string(customer.postalCode),
            "locale": .string(customer.locale), "time_zone": .string(customer.timeZone),
        ])
    }

    /// `shipmentCarrier` stands in for the carrier of events stored before carriers were kept per event.
    static func event(_ stored: StoredEvent, shipmentCarrier: String? = nil) -> JSONValue {
        let event = stored.event
        let occurredAt: JSONValue = event.occurredAt.map { instant in
            .string(event.utcOffset.map { Timestamp.string(instant, offsetSeconds: $0.seconds) } ?? Timestamp.utcString(instant))
        } ?? .null
        return .object([
            "id": .string(stored.id),
            "shipment_id": .string(stored.shipmentID),
            "status": .string(event.status.rawValue),
            "substatus": .string(event.substatus?.rawValue),
            "reason": .string(event.reason?.rawValue),
            "action_required": .bool(event.actionRequired),
            "carrier_code": .string(event.carrierCode),
            "carrier_description": .string(event.carrierDescription),
            "description": .string(event.carrierDescription),
            "occurred_at": occurredAt,
            "local_time": .string(event.localTime?.description),
            "utc_offset": .string(event.utcOffset?.description),
            "zone_source": .string(event.zoneSource.rawValue),
            "location": event.location.map(location) ?? .null,
            "informational": .bool(event.isInformational),
            "implausible_time": .bool(event.isImplausibleTime),
            "signed_by": .string(event.signedBy),
            "carrier": .string(stored.carrier ?? shipmentCarrier.flatMap { $0.isEmpty ? nil : $0 }),
            "reported_by": .string(stored.reportedBy),
            "superseded_by": .string(stored.supersededBy),
            "source": .string(stored.source.rawValue),
            "raw_payload_id": .string(stored.rawPayloadID),
            "raw_payload_ids": .array(stored.rawPayloadIDs.map(JSONValue.string)),
            "fingerprint": .string(stored.fingerprint),
            "recorded_at": .time(stored.recordedAt),
        ])
    }

    static func location(_ location: Location) -> JSONValue {
        .object([
            "city": .string(location.city), "region": .string(location.region), "postal_code": .string(location.postalCode),
            "country": .string(location.country), "latitude": .number(location.latitude), "longitude": .number(location.longitude),
        ])
    }

    static func order(_ order: Order, shipments: [Shipment], publicBaseURL: String, role: Role) -> JSONValue {
        let statuses = shipments.map(\.status)
        return .object([
            "id": .string(order.id),
            "order_id": .string(order.merchantOrderID),
            "status": .string(OrderStatus.rollUp(statuses).rawValue),
            "needs_attention": .bool(OrderStatus.needsAttention(statuses)),
            "customer": customer(order.customer),
            "line_items": .array(order.lineItems.map { item in
                .object(["sku": .string(item.sku), "name": .string(item.name), "quantity": item.quantity.map { .number(Double($0)) } ?? .null])
            }),
            "metadata": .strings(order.metadata),
            "shipments": .array(shipments.map { shipment($0, publicBaseURL: publicBaseURL, role: role) }),
            "created_at": .time(order.createdAt),
            "updated_at": .time(order.updatedAt),
        ])
    }
}
